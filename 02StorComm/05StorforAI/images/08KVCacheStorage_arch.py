"""Generate 08KVCacheStorage_arch.svg: a KVCache-centric disaggregated serving architecture (schematic, after Mooncake).

Run from this directory: python3 08KVCacheStorage_arch.py
"""

W, H = 960, 470


def box(x, y, w, h, fill, text, size=13):
    lines = text.split("|")
    s = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#374151"/>'
    for k, line in enumerate(lines):
        ty = y + h / 2 + (k - (len(lines) - 1) / 2) * (size + 3) + size / 3
        s += f'<text x="{x + w / 2}" y="{ty:.1f}" font-size="{size}" text-anchor="middle" fill="#111827">{line}</text>'
    return s


def arrow(x1, y1, x2, y2, colour="#374151", dash=False, label="", lx=0, ly=0):
    d = ' stroke-dasharray="5 4"' if dash else ""
    s = (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="2.5"{d} '
        f'marker-end="url(#m{colour[1:]})"/>'
    )
    if label:
        s += f'<text x="{lx}" y="{ly}" font-size="12" fill="{colour}">{label}</text>'
    return s


COLS = ("#374151", "#2563eb", "#059669", "#b45309")
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>以 KV Cache 为中心的分离式推理架构</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    "<defs>"
    + "".join(
        f'<marker id="m{c[1:]}" markerWidth="10" markerHeight="10" refX="8" refY="3" orient="auto">'
        f'<path d="M0,0 L8,3 L0,6 z" fill="{c}"/></marker>'
        for c in COLS
    )
    + "</defs>",
    f'<text x="{W / 2}" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "以 KV Cache 为中心：预填充与解码分离，KV Cache 在集群内存与 SSD 中共享</text>",
]
out += [
    box(390, 55, 180, 50, "#fde68a", "全局调度器|（按 KV 命中与负载选节点）"),
    box(60, 150, 250, 70, "#bfdbfe", "预填充节点组|GPU 计算新 token 的 KV"),
    box(650, 150, 250, 70, "#d1fae5", "解码节点组|逐 token 生成"),
    box(60, 320, 840, 80, "#f3f4f6", ""),
    '<text x="480" y="342" font-size="15" font-weight="bold" text-anchor="middle" fill="#1f2937">分布式 KV Cache 池</text>',
    box(90, 352, 230, 36, "#e0e7ff", "各节点主机内存 DRAM（热）", 12),
    box(365, 352, 230, 36, "#e0e7ff", "各节点本地 SSD（温）", 12),
    box(640, 352, 230, 36, "#e0e7ff", "共享存储 / 3FS 等（冷）", 12),
    arrow(440, 105, 230, 148, "#b45309", True, "调度", 300, 125),
    arrow(520, 105, 740, 148, "#b45309", True, "调度", 630, 125),
    arrow(310, 185, 648, 185, "#2563eb", False, "RDMA 传送本请求的 KV", 400, 176),
    arrow(150, 318, 150, 222, "#059669"),
    '<text x="70" y="262" font-size="12" fill="#059669">读取命中</text>',
    '<text x="70" y="278" font-size="12" fill="#059669">的前缀 KV</text>',
    arrow(240, 222, 240, 318, "#2563eb", False, "写入新前缀 KV", 250, 262),
    arrow(780, 222, 780, 318, "#2563eb", True, "多轮对话的新 KV 可回写", 560, 290),
]
out.append(
    f'<text x="{W - 20}" y="440" font-size="12" text-anchor="end" fill="#4b5563">'
    "示意图，参照 Mooncake 的架构描述；KV 数据走 RDMA（可经 GPUDirect 直达显存），调度依据前缀命中与各节点负载</text>"
)
out.append("</svg>")
with open("08KVCacheStorage_arch.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
