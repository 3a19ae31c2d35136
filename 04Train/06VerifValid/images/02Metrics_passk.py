"""生成 02Metrics_passk.svg：单题正确率 p 不同时，pass@k 随 k 的变化（k 取对数坐标）。"""

import math

W, H = 760, 420
X0, X1, Y0, Y1 = 90, 700, 360, 60  # 坐标区：左、右、下、上


def x_of(k):
    return X0 + (X1 - X0) * math.log10(k) / 2.0  # k = 1 … 100


def y_of(v):
    return Y0 - (Y0 - Y1) * v


curves = [(0.02, "#c05621", "p = 2%", 50), (0.10, "#2b6cb0", "p = 10%", 10), (0.40, "#2f855a", "p = 40%", 2)]
parts = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif">',
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="17" text-anchor="middle" fill="#222">'
    "单次采样正确率 p 固定时，pass@k = 1 − (1 − p)^k 随 k 增长</text>",
]
for v in (0, 0.25, 0.5, 0.75, 1.0):
    y = y_of(v)
    parts.append(f'<line x1="{X0}" y1="{y:.1f}" x2="{X1}" y2="{y:.1f}" stroke="#dddddd"/>')
    parts.append(f'<text x="{X0 - 10}" y="{y + 5:.1f}" font-size="13" text-anchor="end" fill="#444">{v:.0%}</text>')
for k in (1, 2, 5, 10, 20, 50, 100):
    x = x_of(k)
    parts.append(f'<line x1="{x:.1f}" y1="{Y0}" x2="{x:.1f}" y2="{Y1}" stroke="#eeeeee"/>')
    parts.append(f'<text x="{x:.1f}" y="{Y0 + 20}" font-size="13" text-anchor="middle" fill="#444">{k}</text>')
parts.append(f'<line x1="{X0}" y1="{Y0}" x2="{X1}" y2="{Y0}" stroke="#444"/>')
parts.append(f'<line x1="{X0}" y1="{Y0}" x2="{X0}" y2="{Y1}" stroke="#444"/>')
parts.append(
    f'<text x="{(X0 + X1) / 2}" y="{Y0 + 45}" font-size="14" text-anchor="middle" fill="#222">k（每题允许的采样次数，对数坐标）</text>'
)
parts.append(
    f'<text x="30" y="{(Y0 + Y1) / 2}" font-size="14" text-anchor="middle" fill="#222" '
    f'transform="rotate(-90 30 {(Y0 + Y1) / 2})">pass@k</text>'
)
for p, color, label, k_lab in curves:
    pts = []
    for i in range(0, 201):
        k = 10 ** (i / 100)
        pts.append(f"{x_of(k):.1f},{y_of(1 - (1 - p) ** k):.1f}")
    parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{color}" stroke-width="2.5"/>')
    v = 1 - (1 - p) ** k_lab
    parts.append(f'<circle cx="{x_of(k_lab):.1f}" cy="{y_of(v):.1f}" r="4" fill="{color}"/>')
    parts.append(f'<text x="{x_of(k_lab) + 8:.1f}" y="{y_of(v) + 18:.1f}" font-size="13" fill="{color}">{label}</text>')
parts.append(
    f'<text x="{X1 - 10}" y="{Y0 - 15}" font-size="13" text-anchor="end" fill="#555">p = 2% 的题：pass@1 只有 2%，pass@100 约 87%</text>'
)
parts.append("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(parts) + "\n")
