"""Generate 03Roofline_h100.svg: the BF16 roofline of an H100 SXM with four example kernels.

Run from this directory: python3 03Roofline_h100.py  (standard library only)
"""

import math

PEAK = 989.0  # TFLOP/s, dense BF16 (vendor figure)
BW = 3.35  # TB/s, HBM3 (vendor figure)
W, H = 960, 520
X0, X1, Y0, Y1 = 110, 900, 460, 70  # plot box: left, right, bottom, top
XMIN, XMAX, YMIN, YMAX = -1, 4, -1, math.log10(3000)


def px(ai):
    return X0 + (math.log10(ai) - XMIN) / (XMAX - XMIN) * (X1 - X0)


def py(tf):
    return Y0 - (math.log10(tf) - YMIN) / (YMAX - YMIN) * (Y0 - Y1)


def roof(ai):
    return min(PEAK, ai * BW)


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>H100 SXM 的 BF16 Roofline 与四个典型算子</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="34" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "H100 SXM 的 BF16 Roofline（双对数坐标）</text>",
]
for e in range(XMIN, XMAX + 1):
    x = px(10**e)
    out.append(f'<line x1="{x:.1f}" y1="{Y1}" x2="{x:.1f}" y2="{Y0}" stroke="#e5e7eb"/>')
    out.append(f'<text x="{x:.1f}" y="{Y0 + 22}" font-size="13" text-anchor="middle" fill="#374151">{10**e:g}</text>')
for v in (0.1, 1, 10, 100, 1000):
    y = py(v)
    out.append(f'<line x1="{X0}" y1="{y:.1f}" x2="{X1}" y2="{y:.1f}" stroke="#e5e7eb"/>')
    out.append(f'<text x="{X0 - 10}" y="{y + 4:.1f}" font-size="13" text-anchor="end" fill="#374151">{v:g}</text>')
out.append(f'<rect x="{X0}" y="{Y1}" width="{X1 - X0}" height="{Y0 - Y1}" fill="none" stroke="#6b7280"/>')
out.append(
    f'<text x="{(X0 + X1) / 2}" y="{Y0 + 48}" font-size="15" text-anchor="middle" fill="#1f2937">'
    "算术强度（FLOP/字节，相对 HBM）</text>"
)
out.append(
    f'<text x="30" y="{(Y0 + Y1) / 2}" font-size="15" text-anchor="middle" fill="#1f2937" '
    f'transform="rotate(-90 30 {(Y0 + Y1) / 2})">可达性能（TFLOP/s）</text>'
)
ridge = PEAK / BW
pts = [(10**XMIN, roof(10**XMIN)), (ridge, PEAK), (10**XMAX, PEAK)]
path = " ".join(f"{px(a):.1f},{py(t):.1f}" for a, t in pts)
out.append(f'<polyline points="{path}" fill="none" stroke="#1d4ed8" stroke-width="3"/>')
out.append(
    f'<line x1="{px(ridge):.1f}" y1="{py(PEAK):.1f}" x2="{px(ridge):.1f}" y2="{Y0}" stroke="#1d4ed8" stroke-dasharray="5 4"/>'
)
out.append(
    f'<text x="{px(ridge) + 8:.1f}" y="{py(PEAK) + 140:.1f}" font-size="14" fill="#1d4ed8">拐点 ≈ {ridge:.0f} FLOP/字节</text>'
)
out.append(
    f'<text x="{px(30):.1f}" y="{py(PEAK) + 5:.1f}" font-size="14" text-anchor="middle" fill="#1d4ed8">算力屋顶 989 TFLOP/s →</text>'
)
out.append(
    f'<text x="{px(0.5):.1f}" y="{py(roof(0.5)) - 40:.1f}" font-size="14" fill="#1d4ed8" '
    f'transform="rotate(-33 {px(0.5):.1f} {py(roof(0.5)) - 40:.1f})">带宽斜线 3.35 TB/s × 强度</text>'
)
kernels = [
    ("逐元素加法", 1 / 6, "#dc2626"),
    ("解码 GEMV（批 1）", 1.0, "#ea580c"),
    ("解码 GEMM（批 64）", 64 * 16384 / (16384 + 2 * 64), "#ca8a04"),
    ("训练 GEMM 4096³", 4096 / 3, "#16a34a"),
]
for i, (name, ai, color) in enumerate(kernels):
    x, y = px(ai), py(roof(ai))
    out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{color}"/>')
    dy = 28 if i % 2 == 0 or i == 3 else -14
    anchor = "end" if i == 3 else "start"
    dx = X1 - 6 - x if i == 3 else 10
    out.append(
        f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" font-size="14" text-anchor="{anchor}" fill="{color}">'
        f"{name}：{ai:.3g} FLOP/B，{roof(ai):.3g} TFLOP/s</text>"
        if ai < 100
        else f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" font-size="14" text-anchor="{anchor}" fill="{color}">'
        f"{name}：{ai:.0f} FLOP/B，{roof(ai):.0f} TFLOP/s</text>"
    )
out.append("</svg>")
with open("03Roofline_h100.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
