"""Generate 04CommTest_busbw.svg: modelled AllReduce busbw vs message size for three test layers.

t(S) = alpha + f * S / B,  busbw = f * S / t,  f = 2(n-1)/n.  Alpha and B are illustrative values
(see 04CommTest.md). Run from this directory: python3 04CommTest_busbw.py  (standard library only)
"""

import math

LAYERS = [  # name, ranks, alpha seconds, asymptotic busbw bytes/s, colour
    ("单机 8 卡（NVLink，Ring）", 8, 15e-6, 370e9, "#1d4ed8"),
    ("2 机 16 卡（8 轨 400G）", 16, 40e-6, 370e9, "#16a34a"),
    ("128 机 1,024 卡", 1024, 400e-6, 340e9, "#dc2626"),
]
W, H = 960, 500
X0, X1, Y0, Y1 = 100, 880, 420, 70
XMIN, XMAX = 3, 10 + math.log10(1.6)  # 1 KB .. 16 GB (log10 bytes)
YMAX = 400.0


def px(size):
    return X0 + (math.log10(size) - XMIN) / (XMAX - XMIN) * (X1 - X0)


def py(gbs):
    return Y0 - gbs / YMAX * (Y0 - Y1)


def busbw(size, n, alpha, bw):
    f = 2 * (n - 1) / n
    return f * size / (alpha + f * size / bw)


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>AllReduce 总线带宽随消息大小变化（示意）</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="34" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "AllReduce 的 busbw 随消息大小变化（按 α + S/B 模型示意）</text>",
]
labels = {
    1e3: "1 KB",
    1e4: "10 KB",
    1e5: "100 KB",
    1e6: "1 MB",
    1e7: "10 MB",
    1e8: "100 MB",
    1e9: "1 GB",
    1e10: "10 GB",
}
for size, text in labels.items():
    x = px(size)
    out.append(f'<line x1="{x:.1f}" y1="{Y1}" x2="{x:.1f}" y2="{Y0}" stroke="#e5e7eb"/>')
    out.append(f'<text x="{x:.1f}" y="{Y0 + 22}" font-size="13" text-anchor="middle" fill="#374151">{text}</text>')
for v in range(0, 401, 100):
    y = py(v)
    out.append(f'<line x1="{X0}" y1="{y:.1f}" x2="{X1}" y2="{y:.1f}" stroke="#e5e7eb"/>')
    out.append(f'<text x="{X0 - 10}" y="{y + 4:.1f}" font-size="13" text-anchor="end" fill="#374151">{v}</text>')
out.append(f'<rect x="{X0}" y="{Y1}" width="{X1 - X0}" height="{Y0 - Y1}" fill="none" stroke="#6b7280"/>')
out.append(
    f'<text x="{(X0 + X1) / 2}" y="{Y0 + 50}" font-size="15" text-anchor="middle" fill="#1f2937">消息大小（对数坐标）</text>'
)
out.append(
    f'<text x="30" y="{(Y0 + Y1) / 2}" font-size="15" text-anchor="middle" fill="#1f2937" '
    f'transform="rotate(-90 30 {(Y0 + Y1) / 2})">busbw（GB/s）</text>'
)
for i, (name, n, alpha, bw, colour) in enumerate(LAYERS):
    pts = []
    steps = 120
    for k in range(steps + 1):
        size = 10 ** (XMIN + (XMAX - XMIN) * k / steps)
        pts.append(f"{px(size):.1f},{py(busbw(size, n, alpha, bw) / 1e9):.1f}")
    out.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="3"/>')
    f = 2 * (n - 1) / n
    half = alpha * bw / f  # size where busbw reaches half of B
    out.append(f'<circle cx="{px(half):.1f}" cy="{py(bw / 2e9):.1f}" r="5" fill="{colour}"/>')
    out.append(f'<rect x="{X0 + 20}" y="{Y1 + 14 + i * 26}" width="18" height="6" fill="{colour}"/>')
    out.append(
        f'<text x="{X0 + 46}" y="{Y1 + 22 + i * 26}" font-size="14" fill="{colour}">{name}：α={alpha * 1e6:.0f} μs，'
        f"B={bw / 1e9:.0f} GB/s，半带宽点 {half / 1e6:.1f} MB</text>"
    )
out.append(
    f'<text x="{X1}" y="{H - 12}" font-size="13" text-anchor="end" fill="#4b5563">'
    "圆点为 busbw 达到渐近值一半的消息大小；α 与 B 为示意取值</text>"
)
out.append("</svg>")
with open("04CommTest_busbw.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
