"""Generate 05LoadBalance_ecmp.svg: per-uplink load of 8 equal flows under ECMP hashing vs packet spraying."""

from pathlib import Path

W, H = 960, 460
ecmp = [2, 1, 0, 1, 2, 1, 1, 0]  # one example hash outcome of 8 flows onto 8 uplinks
spray = [1] * 8
out = []
add = out.append
add(
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">'
)
add("<title>ECMP 哈希与包喷洒下 8 条上行链路的负载</title>")
add(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')
add(
    '<text x="480" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "8 条等量大流、8 条上行链路：按流哈希 vs 按包喷洒</text>"
)


def panel(x0, title, loads, color, note):
    add(f'<text x="{x0 + 200}" y="66" font-size="16" text-anchor="middle" fill="#1f2937">{title}</text>')
    base, unit, bw, gap = 360, 110, 34, 16
    # capacity line at load 1
    add(
        f'<line x1="{x0}" y1="{base - unit}" x2="{x0 + 8 * (bw + gap)}" y2="{base - unit}" stroke="#ef4444" stroke-dasharray="6 4"/>'
    )
    add(f'<text x="{x0 + 8 * (bw + gap) + 4}" y="{base - unit + 4}" font-size="12" fill="#ef4444">容量</text>')
    add(f'<line x1="{x0}" y1="{base}" x2="{x0 + 8 * (bw + gap)}" y2="{base}" stroke="#374151"/>')
    for i, load in enumerate(loads):
        x = x0 + i * (bw + gap) + gap / 2
        h = load * unit
        if load:
            add(
                f'<rect x="{x}" y="{base - h}" width="{bw}" height="{h}" fill="{color}" stroke="#1f2937" stroke-width="0.8"/>'
            )
            for k in range(1, load):
                add(
                    f'<line x1="{x}" y1="{base - k * unit}" x2="{x + bw}" y2="{base - k * unit}" stroke="#ffffff" stroke-width="2"/>'
                )
        add(f'<text x="{x + bw / 2}" y="{base + 18}" font-size="12" text-anchor="middle" fill="#374151">{i + 1}</text>')
        add(
            f'<text x="{x + bw / 2}" y="{base - h - 6}" font-size="12" text-anchor="middle" fill="#1f2937">{load}</text>'
        )
    add(
        f'<text x="{x0 + 200}" y="{base + 40}" font-size="13" text-anchor="middle" fill="#374151">上行链路编号（数字为承载的流数）</text>'
    )
    add(f'<text x="{x0 + 200}" y="{base + 66}" font-size="13" text-anchor="middle" fill="#1f2937">{note}</text>')


panel(
    40,
    "（a）ECMP：每条流按五元组哈希固定一条路径",
    ecmp,
    "#fca5a5",
    "2 条链路空闲、2 条过载一倍：挤在一起的流只得一半带宽",
)
panel(520, "（b）包喷洒：每个包独立选择路径", spray, "#86efac", "8 条链路负载相同：代价是包乱序到达")
add("</svg>")
Path(__file__).with_name("05LoadBalance_ecmp.svg").write_text("\n".join(out) + "\n", encoding="utf-8")
