"""Generate 06Checkpoint_interval.svg: checkpoint waste vs interval (Young's first-order model).

waste(tau) = delta/tau + tau/(2M); M = Llama 3 16K-GPU job MTBF (54 days / 419 interruptions).
Same numbers as 06Checkpoint.md. Run from this directory: python3 06Checkpoint_interval.py
"""

import math

M = 54 * 24 / 419 * 3600  # 作业级 MTBF，秒
CASES = [
    ("δ = 56.7 s（100 GB/s 写 5.67 TB）", 56.7, "#dc2626"),
    ("δ = 2.8 s（2 TB/s 写 5.67 TB）", 5.67e12 / 2e12, "#2563eb"),
]
W, H = 960, 480
X0, X1, Y0, Y1 = 90, 900, 70, 400  # 绘图区
TMAX, WMAX = 60.0, 0.30  # 横轴 0~60 分钟，纵轴 0~30%


def px(t_min):
    return X0 + (X1 - X0) * t_min / TMAX


def py(w):
    return Y1 - (Y1 - Y0) * min(w, WMAX) / WMAX


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>检查点开销随保存间隔变化的曲线</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="34" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "检查点损失 = 保存开销 δ/τ + 平均回滚 τ/(2M)（M = 186 分钟）</text>",
]
for k in range(0, 7):  # 纵轴刻度 0%~30%
    w = k * 0.05
    y = py(w)
    out.append(f'<line x1="{X0}" y1="{y:.1f}" x2="{X1}" y2="{y:.1f}" stroke="#e5e7eb"/>')
    out.append(f'<text x="{X0 - 8}" y="{y + 5:.1f}" font-size="13" text-anchor="end" fill="#374151">{w:.0%}</text>')
for t in range(0, 61, 10):  # 横轴刻度
    x = px(t)
    out.append(f'<line x1="{x:.1f}" y1="{Y1}" x2="{x:.1f}" y2="{Y1 + 6}" stroke="#374151"/>')
    out.append(f'<text x="{x:.1f}" y="{Y1 + 24}" font-size="13" text-anchor="middle" fill="#374151">{t}</text>')
out.append(f'<line x1="{X0}" y1="{Y1}" x2="{X1}" y2="{Y1}" stroke="#374151"/>')
out.append(f'<line x1="{X0}" y1="{Y0}" x2="{X0}" y2="{Y1}" stroke="#374151"/>')
out.append(
    f'<text x="{(X0 + X1) / 2}" y="{Y1 + 50}" font-size="14" text-anchor="middle" fill="#1f2937">检查点间隔 τ（分钟）</text>'
)
out.append(
    f'<text x="28" y="{(Y0 + Y1) / 2}" font-size="14" text-anchor="middle" fill="#1f2937" '
    f'transform="rotate(-90 28 {(Y0 + Y1) / 2})">损失的训练时间占比</text>'
)
for i, (label, delta, colour) in enumerate(CASES):
    pts = []
    for j in range(1, 601):
        t_min = j * TMAX / 600
        tau = t_min * 60
        w = delta / tau + tau / (2 * M)
        if w <= WMAX:  # 超出纵轴范围的部分不画
            pts.append(f"{px(t_min):.1f},{py(w):.1f}")
    out.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    tau_opt = math.sqrt(2 * delta * M)
    w_opt = math.sqrt(2 * delta / M)
    cx, cy = px(tau_opt / 60), py(w_opt)
    out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{colour}"/>')
    out.append(
        f'<text x="{cx + 10:.1f}" y="{cy - 14 if i == 0 else cy + 22:.1f}" font-size="13" fill="{colour}">'
        f"最优 τ* = {tau_opt / 60:.1f} 分钟，损失 {w_opt:.1%}</text>"
    )
    out.append(f'<rect x="{X1 - 330}" y="{Y0 + 10 + i * 26}" width="16" height="4" fill="{colour}"/>')
    out.append(f'<text x="{X1 - 308}" y="{Y0 + 17 + i * 26}" font-size="13" fill="#1f2937">{label}</text>')
out.append(
    f'<text x="{W - 20}" y="{H - 12}" font-size="12" text-anchor="end" fill="#4b5563">'
    "Young 一阶近似：τ* = √(2δM)；不含重启耗时（它与 τ 无关，只让整条曲线上移）</text>"
)
out.append("</svg>")
with open("06Checkpoint_interval.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
