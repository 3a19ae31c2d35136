"""Generate 01Megatron_groups.svg: how Megatron Core lays 16 ranks out as TP2 x DP2 x PP4.

Rank order "tp-cp-ep-dp-pp" (CP = EP = 1): rank = tp + TP * (dp + DP * pp).
Run from this directory: python3 01Megatron_groups.py  (standard library only)
"""

TP, DP, PP = 2, 2, 4
W, H = 960, 420
TP_COLORS = ["#bfdbfe", "#fde68a", "#bbf7d0", "#fecaca", "#ddd6fe", "#fbcfe8", "#a5f3fc", "#fed7aa"]
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>16 个 rank 在 TP2 × DP2 × PP4 下的分组</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "Megatron Core 的 rank 排布：TP=2、DP=2、PP=4，顺序 tp-cp-ep-dp-pp</text>",
]
# two 8-GPU servers
for s in range(2):
    x0 = 30 + s * 455
    out.append(
        f'<rect x="{x0}" y="60" width="445" height="270" rx="10" fill="none" stroke="#6b7280" '
        'stroke-dasharray="6 4" stroke-width="1.5"/>'
    )
    out.append(
        f'<text x="{x0 + 10}" y="80" font-size="14" fill="#374151">服务器 {s}（rank {8 * s}–{8 * s + 7}）</text>'
    )
cell_w, cell_h = 80, 70
for pp in range(PP):
    sx = 50 + pp * 225 + (pp // 2) * 5
    out.append(
        f'<text x="{sx + cell_w + 5}" y="108" font-size="15" text-anchor="middle" fill="#1f2937" '
        f'font-weight="bold">流水线阶段 {pp}</text>'
    )
    for dp in range(DP):
        for tp in range(TP):
            r = tp + TP * (dp + DP * pp)
            x = sx + tp * (cell_w + 10)
            y = 122 + dp * (cell_h + 20)
            color = TP_COLORS[r // TP]
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" rx="6" fill="{color}" '
                'stroke="#374151" stroke-width="1.2"/>'
            )
            out.append(
                f'<text x="{x + cell_w / 2}" y="{y + 30}" font-size="18" text-anchor="middle" '
                f'font-weight="bold" fill="#111827">g{r}</text>'
            )
            out.append(
                f'<text x="{x + cell_w / 2}" y="{y + 53}" font-size="12" text-anchor="middle" '
                f'fill="#374151">tp{tp} dp{dp}</text>'
            )
# pipeline arrows for the group [g0, g4, g8, g12]
for pp in range(PP - 1):
    x1 = 50 + pp * 225 + (pp // 2) * 5 + 2 * cell_w + 10
    x2 = 50 + (pp + 1) * 225 + ((pp + 1) // 2) * 5
    y = 122 + cell_h / 2
    out.append(f'<line x1="{x1 + 2}" y1="{y}" x2="{x2 - 4}" y2="{y}" stroke="#dc2626" stroke-width="2.5"/>')
    out.append(f'<polygon points="{x2 - 4},{y - 5} {x2 + 2},{y} {x2 - 4},{y + 5}" fill="#dc2626"/>')
legend = [
    "同色的两个格子 = 一个张量并行组（相邻 rank，同一台服务器内，走 NVLink）",
    "同一阶段内上下两格（如 g0 与 g2）= 一个数据并行组；各阶段的数据并行组互不相同",
    "红色箭头 = 流水线组 [g0, g4, g8, g12]，跨越两台服务器，只传点对点激活",
]
for i, t in enumerate(legend):
    out.append(f'<text x="40" y="{360 + i * 22}" font-size="14" fill="#1f2937">{t}</text>')
out.append("</svg>")
with open("01Megatron_groups.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
