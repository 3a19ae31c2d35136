"""Generate 03ParallelFS_arch.svg: data path and metadata path in Lustre, 3FS and object storage (schematic).

Run from this directory: python3 03ParallelFS_arch.py
"""

W, H = 960, 470
COL = [("Lustre（专用元数据服务器）", 20), ("3FS（无状态元数据 + KV 存储）", 340), ("对象存储（S3 接口）", 660)]
META, DATA, CLIENT = "#fde68a", "#bfdbfe", "#d1fae5"


def box(x, y, w, h, fill, text, size=13):
    lines = text.split("|")
    s = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#374151"/>'
    for k, line in enumerate(lines):
        ty = y + h / 2 + (k - (len(lines) - 1) / 2) * (size + 3) + size / 3
        s += f'<text x="{x + w / 2}" y="{ty:.1f}" font-size="{size}" text-anchor="middle" fill="#111827">{line}</text>'
    return s


def arrow(x1, y1, x2, y2, colour, dash=False):
    d = ' stroke-dasharray="5 4"' if dash else ""
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="2"{d} '
        f'marker-end="url(#m{colour[1:]})"/>'
    )


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>三种共享存储的元数据路径与数据路径</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    "<defs>"
    + "".join(
        f'<marker id="m{c[1:]}" markerWidth="10" markerHeight="10" refX="8" refY="3" orient="auto">'
        f'<path d="M0,0 L8,3 L0,6 z" fill="{c}"/></marker>'
        for c in ("#b45309", "#1d4ed8")
    )
    + "</defs>",
    f'<text x="{W / 2}" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "元数据走一条路，数据走另一条路</text>",
]
for title, x0 in COL:
    out.append(
        f'<text x="{x0 + 140}" y="64" font-size="15" font-weight="bold" text-anchor="middle" fill="#1f2937">{title}</text>'
    )
# Lustre
x = 20
out += [
    box(x + 80, 85, 120, 44, CLIENT, "客户端"),
    box(x, 190, 110, 60, META, "MDS / MDT|（元数据）"),
    box(x + 150, 190, 130, 60, DATA, "OSS / OST × N|（对象存储目标）"),
    arrow(x + 110, 129, x + 60, 188, "#b45309", True),
    arrow(x + 170, 129, x + 215, 188, "#1d4ed8"),
    box(x + 150, 300, 130, 40, DATA, "条带：文件切成|1 MiB 块轮流写入", 11),
]
# 3FS
x = 340
out += [
    box(x + 80, 85, 120, 44, CLIENT, "客户端|FUSE / 原生 API", 12),
    box(x, 190, 110, 60, META, "元数据服务|（无状态）"),
    box(x, 300, 110, 44, META, "FoundationDB|事务 KV", 12),
    box(x + 150, 190, 130, 60, DATA, "存储服务 × N|CRAQ 复制链"),
    arrow(x + 110, 129, x + 60, 188, "#b45309", True),
    arrow(x + 55, 250, x + 55, 298, "#b45309", True),
    arrow(x + 170, 129, x + 215, 188, "#1d4ed8"),
    box(x + 150, 300, 130, 40, DATA, "写从链头进，读可|从链上任一副本", 11),
]
# Object storage
x = 660
out += [
    box(x + 80, 85, 120, 44, CLIENT, "客户端|HTTP PUT / GET", 12),
    box(x + 60, 180, 160, 44, META, "接入网关 + 索引服务", 12),
    box(x + 60, 270, 160, 50, DATA, "存储节点 × N|纠删码或多副本", 12),
    arrow(x + 140, 129, x + 140, 178, "#1d4ed8"),
    arrow(x + 140, 224, x + 140, 268, "#1d4ed8"),
    box(x + 40, 345, 200, 40, "#f3f4f6", "扁平命名空间：桶 + 键；|整对象读写，支持按范围读", 11),
]
# legend
out += [
    '<line x1="60" y1="425" x2="100" y2="425" stroke="#b45309" stroke-width="2" stroke-dasharray="5 4"/>',
    '<text x="108" y="430" font-size="13" fill="#1f2937">元数据请求（打开、创建、查询布局）</text>',
    '<line x1="420" y1="425" x2="460" y2="425" stroke="#1d4ed8" stroke-width="2"/>',
    '<text x="468" y="430" font-size="13" fill="#1f2937">数据读写（客户端直达存储节点，或经网关）</text>',
    f'<text x="{W - 20}" y="458" font-size="12" text-anchor="end" fill="#4b5563">示意图；GPFS 不设专用元数据服务器，元数据由各节点经分布式锁协同管理</text>',
    "</svg>",
]
with open("03ParallelFS_arch.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
