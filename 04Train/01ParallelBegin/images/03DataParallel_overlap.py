"""生成 03DataParallel_overlap.svg：不分桶与分桶两种梯度同步方式的时间线示意（6 层模型）。"""

from pathlib import Path

W, H = 960, 390
BWD, COMM = 60, 40  # 每层反向 60 像素宽；每个桶的 AllReduce 40 像素宽（示意）
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>梯度分桶让通信与反向重叠</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W // 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "梯度同步的两种时机：反向结束后一次性同步 vs. 分桶边算边同步</text>",
]


def panel(y0, title, bucketed):
    out.append(f'<text x="30" y="{y0 - 14}" font-size="16" font-weight="bold" fill="#1f2937">{title}</text>')
    out.append(f'<text x="30" y="{y0 + 38}" font-size="14" fill="#374151">计算流</text>')
    out.append(f'<text x="30" y="{y0 + 88}" font-size="14" fill="#374151">通信流</text>')
    x0 = 110
    for i in range(6):
        x = x0 + i * BWD
        out.append(
            f'<rect x="{x}" y="{y0 + 15}" width="{BWD - 2}" height="36" fill="#93c5fd" stroke="#1e3a8a" stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{x + BWD / 2 - 1}" y="{y0 + 38}" font-size="13" text-anchor="middle" fill="#111827">反向 L{6 - i}</text>'
        )
    end_bwd = x0 + 6 * BWD
    if bucketed:  # 每两层一个桶
        free = 0
        for k in range(3):
            ready = x0 + (2 * k + 2) * BWD
            start = max(ready, free)
            out.append(
                f'<rect x="{start}" y="{y0 + 65}" width="{COMM * 2 - 2}" height="36" fill="#fca5a5" stroke="#7f1d1d" stroke-width="0.8"/>'
            )
            out.append(
                f'<text x="{start + COMM - 1}" y="{y0 + 88}" font-size="13" text-anchor="middle" fill="#111827">桶 {k + 1}</text>'
            )
            free = start + COMM * 2
        end = free
    else:
        out.append(
            f'<rect x="{end_bwd}" y="{y0 + 65}" width="{COMM * 6 - 2}" height="36" fill="#fca5a5" stroke="#7f1d1d" stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{end_bwd + COMM * 3}" y="{y0 + 88}" font-size="13" text-anchor="middle" fill="#111827">全部梯度 AllReduce</text>'
        )
        end = end_bwd + COMM * 6
    out.append(
        f'<line x1="{end}" y1="{y0 + 8}" x2="{end}" y2="{y0 + 112}" stroke="#16a34a" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    out.append(f'<text x="{end + 6}" y="{y0 + 120}" font-size="13" fill="#16a34a">可以进入优化器更新</text>')
    out.append(
        f'<line x1="{end_bwd}" y1="{y0 + 8}" x2="{end_bwd}" y2="{y0 + 112}" stroke="#6b7280" stroke-width="1" stroke-dasharray="3 3"/>'
    )
    if end > end_bwd:
        out.append(
            f'<text x="{(end_bwd + end) / 2}" y="{y0 + 8}" font-size="12" text-anchor="middle" fill="#b91c1c">暴露的通信</text>'
        )


panel(84, "（a）反向结束后一次性同步：通信完全暴露", False)
panel(250, "（b）每凑满一个桶就发起 AllReduce：大部分通信藏在反向计算之下", True)
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
