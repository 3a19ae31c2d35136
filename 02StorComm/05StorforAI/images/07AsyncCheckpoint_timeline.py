"""Generate 07AsyncCheckpoint_timeline.svg: synchronous vs asynchronous checkpoint timelines (schematic).

Run from this directory: python3 07AsyncCheckpoint_timeline.py
"""

W, H = 960, 400
X0, SCALE = 150, 7.0  # 7 px per (schematic) time unit
TRAIN, BLOCK, STAGE, BG = "#60a5fa", "#f87171", "#fbbf24", "#a78bfa"


def bar(x, y, w, h, colour, text=""):
    s = f'<rect x="{X0 + x * SCALE:.1f}" y="{y}" width="{w * SCALE:.1f}" height="{h}" fill="{colour}" stroke="#ffffff"/>'
    if text:
        s += (
            f'<text x="{X0 + (x + w / 2) * SCALE:.1f}" y="{y + h / 2 + 5}" font-size="13" '
            f'text-anchor="middle" fill="#111827">{text}</text>'
        )
    return s


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>同步检查点与异步检查点的时间线对比</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "同步保存与异步保存：训练被阻塞多久</text>",
]
# 同步：训练 40 | 写存储 30（阻塞）| 训练 40
out.append('<text x="20" y="95" font-size="15" fill="#1f2937">同步保存</text>')
out += [
    bar(0, 75, 40, 34, TRAIN, "训练"),
    bar(40, 75, 30, 34, BLOCK, "写共享存储（GPU 空转）"),
    bar(70, 75, 40, 34, TRAIN, "训练"),
]
# 异步：训练 40 | 拷贝到内存 3 | 训练 67；后台写 30
out.append('<text x="20" y="185" font-size="15" fill="#1f2937">异步保存</text>')
out += [
    bar(0, 165, 40, 34, TRAIN, "训练"),
    bar(40, 165, 3, 34, STAGE),
    bar(43, 165, 67, 34, TRAIN, "训练继续"),
    '<text x="20" y="240" font-size="13" fill="#4b5563">后台进程/线程</text>',
    bar(43, 222, 30, 28, BG, "从主机内存写共享存储"),
]
out.append(
    f'<line x1="{X0 + 43 * SCALE:.1f}" y1="201" x2="{X0 + 43 * SCALE:.1f}" y2="220" stroke="#374151" '
    'stroke-dasharray="4 3"/>'
)
out.append(
    f'<text x="{X0 + 41.5 * SCALE:.1f}" y="158" font-size="12" text-anchor="middle" fill="#92400e">'
    "显存→内存拷贝（阻塞）</text>"
)
out.append(f'<text x="{X0 + 73 * SCALE + 8:.1f}" y="241" font-size="12" fill="#4b5563">写完后这份检查点才算可用</text>')
# 图例
for k, (label, colour) in enumerate(
    [("训练计算", TRAIN), ("阻塞训练的保存", BLOCK), ("快照拷贝（阻塞，很短）", STAGE), ("后台落盘（不阻塞）", BG)]
):
    lx = 60 + k * 220
    out.append(f'<rect x="{lx}" y="300" width="16" height="16" fill="{colour}"/>')
    out.append(f'<text x="{lx + 22}" y="313" font-size="13" fill="#1f2937">{label}</text>')
out.append(
    f'<text x="{W - 20}" y="380" font-size="12" text-anchor="end" fill="#4b5563">'
    "示意图，时间比例不按实际；异步保存的代价是主机内存、后台带宽与更晚才持久化的检查点</text>"
)
out.append("</svg>")
with open("07AsyncCheckpoint_timeline.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
