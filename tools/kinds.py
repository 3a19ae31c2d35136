"""Every kind of problem the tools report, each defined once with its severity and help.

A diagnostic names its kind by the short string (``missing-file``); this registry says
whether that kind fails a run or only warns, and what a contributor should do about it.
CONTRIBUTING.md's table of kinds is rendered from it (``render_table``), and a test keeps the
two equal, so the guide can never list a kind the code does not emit or miss one it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Kind:
    name: str
    severity: Severity
    meaning: str  # 含义, in the guide's language
    fix: str  # 怎么改


E, W = Severity.ERROR, Severity.WARNING

# Metadata, outline and files of the course (``python -m tools check`` / ``outline`` / the build).
METADATA_KINDS = (
    Kind("yaml-syntax", E, "YAML 语法错误", "按提示的行列修正缩进、引号或括号"),
    Kind("empty-metadata", E, "`module.yml` 或 `chapter.yml` 是空文件", "按提示写上必填的键"),
    Kind("unknown-key", E, "未知的键（常见于拼写错误）", "按提示改成合法的键名"),
    Kind("duplicate-key", E, "同一个键写了两次", "只保留一个"),
    Kind("missing-key", E, "缺少必填键", "补上该键"),
    Kind("wrong-type", E, "值的类型不对，或为空", "改成提示的类型；日期、数字当作文字时加引号"),
    Kind("control-character", E, "标题、分组、简介或地址中含控制字符（换行、制表符等）", "写成一行普通文字"),
    Kind("no-lessons", E, "`lessons` 列表为空", "至少规划一节（未写时加 `planned: true`）"),
    Kind("bad-number", E, "小节编号为负数", "改为 0 或更大的整数"),
    Kind("bad-file-name", E, "文章文件名不合法（含目录、空格，或过长）", "写成模块目录下的文件名，如 `01Intro.md`"),
    Kind("bad-folder-name", E, "章节或模块目录名不是“两位数字 + 英文名”", "改名，如 `05MyModule`"),
    Kind("missing-metadata", E, "章节或模块目录缺少 `chapter.yml` / `module.yml`", "按提示创建"),
    Kind("encoding", E, "文件不是 UTF-8 编码", "以 UTF-8 保存；提示的行列就是出错的字节"),
    Kind("unreadable", E, "文件无法读取", "检查文件权限"),
    Kind("outside-repository", E, "文件或课件路径（含符号链接）指向仓库之外", "把文件放进仓库，或改用 https 地址"),
    Kind(
        "missing-file",
        E,
        "列出的文章、课件或链接的文件不存在",
        "写好文章，或给该小节加 `planned: true`；链接则核对相对路径。Markdown 图片路径里有中文或空格时，"
        "Sphinx 找不到文件：把图片改成只含字母、数字、`-`、`_` 的文件名",
    ),
    Kind(
        "case-mismatch", E, "文件名大小写与磁盘不一致", "在 Mac 上能打开、在 Linux 和站点上会失效，改成完全相同的大小写"
    ),
    Kind("planned-but-written", E, "文章已存在但仍标为规划中", "删除 `planned: true`"),
    Kind("unlisted-lesson", E, "模块目录里有未登记的文章", "用 `new-lesson` 登记，或删除该文件"),
    Kind("duplicate-file", E, "两个小节用了同一个文件", "给每个小节独立的文件名"),
    Kind("duplicate-number", E, "两个小节用了同一个编号", "给每个小节独立的编号"),
    Kind("duplicate-resource", E, "同一个视频或课件挂在两个小节上", "检查是否复制粘贴错了行"),
    Kind("bad-url", E, "地址格式错误（只接受 http/https，不含空格、引号、括号、尖括号）", "写成完整的 https 地址"),
    Kind("bad-video-url", E, "视频地址格式错误", "B 站视频写成 `https://www.bilibili.com/video/BV…`（BV 后 10 位）"),
    Kind("missing-title", E, "页面没有一级标题", "第一行写 `# 标题`"),
    Kind("title-mismatch", E, "文章一级标题与元数据不一致", "让两者完全相同"),
    Kind("split-section", E, "同一分组的小节不相邻", "调整顺序，让同组小节连在一起"),
    Kind("stale-outline", E, "生成的大纲已过期", "运行 `make outline`"),
    Kind("region-markers", E, "生成区标记缺失、重复或顺序颠倒", "按提示补上或删除标记行"),
    Kind("region-overlap", E, "两个生成区重叠或嵌套", "按提示的行号把两个区域分开"),
)

# Links (``python -m tools links``; ``check`` runs the internal ones). Kinds already listed
# above (``missing-file``, ``case-mismatch``) are reported for links too.
LINK_KINDS = (
    Kind(
        "missing-anchor",
        E,
        "`#锚点` 在目标页面中不存在（站内文件，或外部 HTML 页面的 `id`）",
        "锚点规则与 GitHub 相同：`## 集群组网` 的锚点是 `#集群组网`，重复标题依次加 `-1`、`-2`；"
        "外部页面的锚点以页面里实际的 `id` 为准；"
        "Markdown 链接到不了原始 HTML 里的 `id`，请在目标处加 `(标签)=` 再链接标签",
    ),
    Kind("missing-label", E, "`{ref}` 引用的 `(标签)=` 不存在", "补上标签或改正名字"),
    Kind("empty-link", E, "空链接，如 `[视频]()`", "填上真实地址，没有就删掉这个链接"),
    Kind("broken-reference", E, "引用式链接 `[文字][名字]` 没有对应的定义", "补上 `[名字]: 地址` 定义或改正名字"),
    Kind("escapes-root", E, "相对链接跳出了仓库", "改为仓库内的路径或完整的 https 地址"),
    Kind("directory-link", E, "链接指向目录", "站点无法打开目录，改为链接目录中的 `README.md`"),
    Kind("local-query", E, "站内链接带 `?参数`，如 `[文章](a.md?x=1)`", "MyST 无法解析，删掉 `?` 及其后的参数"),
    Kind("unsupported-scheme", E, "不支持的协议", "使用 `https://` 地址"),
    Kind("invalid-url", E, "格式错误的地址", "使用完整的 `https://` 地址"),
    Kind(
        "http-error",
        E,
        "外部链接失效；证书问题会写明原因（过期、自签名、域名不符、签发者未知）",
        "换成有效地址；公司网络用自己的根证书时，把 `SSL_CERT_FILE` 指向该证书",
    ),
    Kind("timeout", E, "外部链接超时", "偶发超时可稍后重试"),
    Kind("redirect-permanent", W, "永久重定向（只是警告）", "把地址更新为重定向后的地址"),
    Kind("rate-limited", W, "被限流（只是警告）", "稍后重试"),
)

KINDS: dict[str, Kind] = {kind.name: kind for kind in (*METADATA_KINDS, *LINK_KINDS)}


def severity(name: str) -> Severity:
    """The severity of a kind; a kind missing from the registry counts as an error."""
    kind = KINDS.get(name)
    return kind.severity if kind is not None else Severity.ERROR


def render_table(kinds: tuple[Kind, ...]) -> str:
    """The Markdown table of ``kinds`` that CONTRIBUTING.md shows."""
    rows = ["| 类别 | 含义 | 怎么改 |", "| --- | --- | --- |"]
    rows += [f"| `{k.name}` | {k.meaning} | {k.fix} |" for k in kinds]
    return "\n".join(rows)
