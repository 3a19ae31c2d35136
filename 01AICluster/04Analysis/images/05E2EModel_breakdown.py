"""Generate 05E2EModel_breakdown.svg: iteration-time breakdown of the 70B / 1,024-GPU example.

The numbers repeat the model in 05E2EModel.md (same formulas). Run from this directory:
python3 05E2EModel_breakdown.py  (standard library only)
"""

N, L, D_MODEL, T, G = 70e9, 80, 8192, 4096, 1024
TP, PP, DP = 8, 4, 32
PEAK = 989e12
tokens = 1024 * T
flops_tok = 6 * N + 12 * L * D_MODEL * T
m = 1024 // DP
bubble = (PP - 1) / m
t_tp = 4 * (L // PP) * m * 2 * (TP - 1) / TP * T * D_MODEL * 2 / 370e9
t_dp_exposed = 0.1 * 2 * (DP - 1) / DP * (2 * N / (TP * PP)) / 47e9


def parts(eta, measured=None):
    comp = flops_tok * tokens / G / (PEAK * eta)
    p = [
        ("计算", comp, "#60a5fa"),
        ("流水线气泡", comp * bubble, "#fbbf24"),
        ("张量并行通信", t_tp, "#f87171"),
        ("数据并行通信（未掩盖）", t_dp_exposed, "#a78bfa"),
    ]
    if measured is not None:
        p.append(("未解释（其他开销）", measured - sum(x for _, x, _ in p), "#9ca3af"))
    return p


rows = [("初始模型（η = 0.70）", parts(0.70)), ("校准后（η = 0.614）", parts(1.8728 / 3.05, 4.20))]
W, H, X0, SCALE = 960, 330, 210, 160.0  # 160 px per second
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>70B 模型 1,024 卡迭代时间分解</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="34" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "迭代时间分解：70B 模型，1,024 卡，TP8 × PP4 × DP32</text>",
]
for i, (name, p) in enumerate(rows):
    y = 70 + i * 80
    out.append(f'<text x="{X0 - 12}" y="{y + 30}" font-size="15" text-anchor="end" fill="#1f2937">{name}</text>')
    x = X0
    for _, sec, colour in p:
        w = sec * SCALE
        out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="46" fill="{colour}" stroke="#ffffff"/>')
        if w > 40:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 29}" font-size="13" text-anchor="middle" fill="#111827">{sec:.2f}</text>'
            )
        x += w
    out.append(
        f'<text x="{x + 8:.1f}" y="{y + 29}" font-size="14" fill="#1f2937">合计 {sum(s for _, s, _ in p):.2f} s</text>'
    )
x_meas = X0 + 4.20 * SCALE
out.append(f'<line x1="{x_meas:.1f}" y1="60" x2="{x_meas:.1f}" y2="235" stroke="#111827" stroke-dasharray="6 4"/>')
out.append(f'<text x="{x_meas:.1f}" y="252" font-size="13" text-anchor="middle" fill="#111827">实测 4.20 s</text>')
legend = rows[1][1]
for k, (label, _, colour) in enumerate(legend):
    lx = 40 + k * 180
    out.append(f'<rect x="{lx}" y="280" width="16" height="16" fill="{colour}"/>')
    out.append(f'<text x="{lx + 22}" y="293" font-size="13" fill="#1f2937">{label}</text>')
out.append(
    f'<text x="{W - 20}" y="322" font-size="12" text-anchor="end" fill="#4b5563">单位：秒；η 为矩阵乘法相对峰值的效率，校准值来自剖析得到的纯计算时间 3.05 s（示例数据）</text>'
)
out.append("</svg>")
with open("05E2EModel_breakdown.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
