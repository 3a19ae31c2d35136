"""Generate 08Reliability_recovery.svg: cost of one interruption, baseline vs optimised (minutes).

Same assumptions as 08Reliability.md. Run from this directory: python3 08Reliability_recovery.py
"""

STAGES = ["发现", "隔离与重新调度", "重启与加载", "重算丢失的进度"]
COLOURS = ["#f87171", "#fbbf24", "#60a5fa", "#a78bfa"]
ROWS = [
    ("基线：超时发现、人工换机、同步检查点每 30 分钟", [5, 5, 5, 15]),
    ("优化：主动探测、热备节点、内存检查点每 5 分钟", [1, 1, 2, 2.5]),
]
W, H, X0, SCALE = 960, 330, 60, 26.0  # 26 px per minute
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>一次中断的代价：基线与优化后的对比</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="34" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "一次中断损失多少训练时间：从发现到追回进度（分钟）</text>",
]
for i, (name, parts) in enumerate(ROWS):
    y = 80 + i * 95
    out.append(f'<text x="{X0}" y="{y - 10}" font-size="15" fill="#1f2937">{name}</text>')
    x = X0
    for k, minutes in enumerate(parts):
        w = minutes * SCALE
        out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="40" fill="{COLOURS[k]}" stroke="#ffffff"/>')
        if w >= 40:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 25}" font-size="13" text-anchor="middle" fill="#111827">{minutes:g}</text>'
            )
        x += w
    out.append(
        f'<text x="{x + 10:.1f}" y="{y + 25}" font-size="15" font-weight="bold" fill="#1f2937">合计 {sum(parts):g} 分钟</text>'
    )
for k, (label, colour) in enumerate(zip(STAGES, COLOURS, strict=True)):
    lx = X0 + k * 200
    out.append(f'<rect x="{lx}" y="270" width="16" height="16" fill="{colour}"/>')
    out.append(f'<text x="{lx + 22}" y="283" font-size="13" fill="#1f2937">{label}</text>')
out.append(
    f'<text x="{W - 20}" y="315" font-size="12" text-anchor="end" fill="#4b5563">'
    "重算丢失的进度按平均半个检查点间隔计；各阶段时长为示意假设</text>"
)
out.append("</svg>")
with open("08Reliability_recovery.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
