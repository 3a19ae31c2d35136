"""Generate 05DataLoading_pipeline.svg: a training data-loading pipeline with its caches and queues (schematic).

Run from this directory: python3 05DataLoading_pipeline.py
"""

W, H = 960, 400


def box(x, y, w, h, fill, text, size=13):
    lines = text.split("|")
    s = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#374151"/>'
    for k, line in enumerate(lines):
        ty = y + h / 2 + (k - (len(lines) - 1) / 2) * (size + 3) + size / 3
        s += f'<text x="{x + w / 2}" y="{ty:.1f}" font-size="{size}" text-anchor="middle" fill="#111827">{line}</text>'
    return s


def arrow(x1, y1, x2, y2):
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#374151" stroke-width="2" marker-end="url(#ar)"/>'


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>训练数据加载流水线</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    '<defs><marker id="ar" markerWidth="10" markerHeight="10" refX="8" refY="3" orient="auto">'
    '<path d="M0,0 L8,3 L0,6 z" fill="#374151"/></marker></defs>',
    f'<text x="{W / 2}" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "数据加载流水线：每一级都要跟上 GPU 的节奏</text>",
]
# 存储层次（左列）
out += [
    box(20, 60, 170, 44, "#e5e7eb", "对象存储 / 数据湖"),
    box(20, 130, 170, 44, "#e5e7eb", "并行文件系统"),
    box(20, 200, 170, 44, "#e5e7eb", "本地 NVMe 缓存"),
    box(20, 270, 170, 44, "#e5e7eb", "页缓存（主机内存）"),
    arrow(105, 104, 105, 128),
    arrow(105, 174, 105, 198),
    arrow(105, 244, 105, 268),
]
out.append(
    '<text x="105" y="336" font-size="12" text-anchor="middle" fill="#4b5563">越往下越快，命中即可少走一层</text>'
)
# 流水线（右侧）
stages = [
    ("读取|分片 / 样本", 230),
    ("解码与变换|（多个 worker 进程）", 380),
    ("拼批 collate|+ 锁页内存", 560),
    ("预取队列|prefetch", 710),
    ("拷贝到 GPU|训练一步", 840),
]
for text, x in stages:
    w = 110 if x != 380 else 150
    out.append(box(x, 180, w, 60, "#bfdbfe" if x != 840 else "#d1fae5", text))
for (_, x1), (_, x2) in zip(stages, stages[1:], strict=False):
    w1 = 110 if x1 != 380 else 150
    out.append(arrow(x1 + w1, 210, x2 - 2, 210))
out.append(arrow(190, 292, 228, 225))
# worker 复制示意
for k in range(3):
    out.append(
        f'<rect x="{384 + k * 6}" y="{248 + k * 6}" width="142" height="14" fill="#93c5fd" fill-opacity="0.5" stroke="#374151"/>'
    )
out.append('<text x="455" y="300" font-size="12" text-anchor="middle" fill="#4b5563">num_workers 个进程并行</text>')
out.append(
    '<text x="765" y="262" font-size="12" text-anchor="middle" fill="#4b5563">num_workers × prefetch_factor 批</text>'
)
out.append(
    '<text x="600" y="120" font-size="14" text-anchor="middle" fill="#1f2937">吞吐 = 最慢一级的吞吐；队列深度 = 能吸收多长的抖动</text>'
)
out.append(
    f'<text x="{W - 20}" y="385" font-size="12" text-anchor="end" fill="#4b5563">示意图；参数名取自 PyTorch DataLoader</text>'
)
out.append("</svg>")
with open("05DataLoading_pipeline.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
