"""Generate 04GDS_paths.svg: storage-to-GPU data path with a CPU bounce buffer vs GPUDirect Storage (schematic).

Run from this directory: python3 04GDS_paths.py
"""

W, H = 960, 430


def box(x, y, w, h, fill, text, size=13):
    lines = text.split("|")
    s = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#374151"/>'
    for k, line in enumerate(lines):
        ty = y + h / 2 + (k - (len(lines) - 1) / 2) * (size + 3) + size / 3
        s += f'<text x="{x + w / 2}" y="{ty:.1f}" font-size="{size}" text-anchor="middle" fill="#111827">{line}</text>'
    return s


def path(points, colour, label_xy=None, label=""):
    d = " ".join(f"{x},{y}" for x, y in points)
    s = f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="4" stroke-opacity="0.8" marker-end="url(#a{colour[1:]})"/>'
    if label_xy:
        s += f'<text x="{label_xy[0]}" y="{label_xy[1]}" font-size="13" fill="{colour}" font-weight="bold">{label}</text>'
    return s


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>经主机内存中转与 GPUDirect Storage 的数据通路对比</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    "<defs>"
    + "".join(
        f'<marker id="a{c[1:]}" markerWidth="10" markerHeight="10" refX="6" refY="3" orient="auto">'
        f'<path d="M0,0 L7,3 L0,6 z" fill="{c}"/></marker>'
        for c in ("#dc2626", "#059669")
    )
    + "</defs>",
    f'<text x="{W / 2}" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "从存储到显存：绕道主机内存，还是直达</text>",
]
for k, (title, x0) in enumerate([("传统路径：经主机内存的“弹跳缓冲区”", 20), ("GPUDirect Storage：DMA 直达显存", 490)]):
    out.append(
        f'<text x="{x0 + 225}" y="66" font-size="15" font-weight="bold" text-anchor="middle" fill="#1f2937">{title}</text>'
    )
    out += [
        box(x0 + 20, 90, 150, 50, "#fde68a", "CPU|（根复合体）"),
        box(x0 + 260, 90, 170, 50, "#fde68a", "主机内存 DRAM|弹跳缓冲区" if k == 0 else "主机内存 DRAM|（不经过）"),
        box(x0 + 150, 200, 150, 44, "#e5e7eb", "PCIe 交换芯片"),
        box(x0 + 20, 310, 150, 50, "#bfdbfe", "NVMe SSD|或存储网卡"),
        box(x0 + 280, 310, 150, 50, "#d1fae5", "GPU 显存"),
        f'<line x1="{x0 + 95}" y1="140" x2="{x0 + 200}" y2="200" stroke="#6b7280" stroke-width="2"/>',
        f'<line x1="{x0 + 170}" y1="115" x2="{x0 + 260}" y2="115" stroke="#6b7280" stroke-width="2"/>',
        f'<line x1="{x0 + 200}" y1="244" x2="{x0 + 95}" y2="310" stroke="#6b7280" stroke-width="2"/>',
        f'<line x1="{x0 + 250}" y1="244" x2="{x0 + 355}" y2="310" stroke="#6b7280" stroke-width="2"/>',
    ]
# 传统路径：NVMe -> switch -> CPU -> DRAM，再 DRAM -> CPU -> switch -> GPU
out.append(path([(75, 305), (180, 238), (80, 146), (255, 118)], "#dc2626", (30, 200), "① 写入内存"))
out.append(path([(262, 134), (178, 134), (228, 240), (335, 305)], "#dc2626", (300, 200), "② 再拷到显存"))
# GDS：NVMe -> switch -> GPU
out.append(path([(530, 305), (650, 235), (700, 235), (790, 305)], "#059669", (610, 290), "一次 DMA"))
out.append(
    '<text x="20" y="395" font-size="13" fill="#1f2937">数据两次穿过主机内存，占用内存带宽与 CPU；'
    "GDS 中数据不进入主机内存，CPU 只负责发起请求。</text>"
)
out.append(
    f'<text x="{W - 20}" y="420" font-size="12" text-anchor="end" fill="#4b5563">示意图；'
    "GPU 与 NVMe/网卡位于同一 PCIe 交换芯片下时，直达路径最短</text>"
)
out.append("</svg>")
with open("04GDS_paths.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
