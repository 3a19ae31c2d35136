"""Generate 07AutoParallel_search.svg: predicted iteration time vs. memory of every candidate layout.

Same cost model as the snippet in 07AutoParallel.md (70B model, 1,024 H100, 4,096-token sequences,
global batch 1,024). Run from this directory: python3 07AutoParallel_search.py
"""

L, h, ffn, vocab, heads, kv = 80, 8192, 28672, 128256, 64, 8
T, G, GBS = 4096, 1024, 1024
layer = 2 * h * h + 2 * h * kv * (h // heads) + 3 * h * ffn
embed = vocab * h
N = 70e9
t_comp = (6 * N + 12 * L * h * T) * GBS * T / G / (989e12 * 0.70)
LIMIT = 70e9


def evaluate(tp, pp, v, mbs):
    dp = G // (tp * pp)
    m = GBS // (mbs * dp)
    params = ((L // pp) * layer + embed) / tp
    states = params * (6 + 12 / dp)
    inflight = 1 if pp == 1 else (pp + (pp - 1) / v if v > 1 else pp)
    act = 34 * T * mbs * h / tp * (L // pp) * inflight
    bubble = 0 if pp == 1 else (pp - 1) / (v * m)
    t_tp = 0 if tp == 1 else 4 * (L // pp) * m * 2 * (tp - 1) / tp * mbs * T * h * 2 / 370e9
    t_dp = 0.10 * 2 * (dp - 1) / dp * 2 * N / (tp * pp) / 47e9
    return states + act, t_comp * (1 + bubble) + t_tp + t_dp


pts = []
for tp in (1, 2, 4, 8):
    for pp in (1, 2, 4, 5, 8, 10, 16):
        if G % (tp * pp) or L % pp:
            continue
        for v in (1, 2, 4):
            if v > 1 and (pp == 1 or (L // pp) % v):
                continue
            for mbs in (1, 2, 4):
                dp = G // (tp * pp)
                if GBS % (mbs * dp):
                    continue
                m = GBS // (mbs * dp)
                if pp > 1 and (m < pp or (v > 1 and m % pp)):
                    continue
                mem, t = evaluate(tp, pp, v, mbs)
                pts.append((mem, t, (tp, pp, v, mbs)))

W, H = 960, 540
X0, Y0, PW, PH = 90, 60, 820, 400
XMAX, YMIN, YMAX = 400e9, 2.5, 6.5


def sx(mem):
    return X0 + min(mem, XMAX) / XMAX * PW


def sy(t):
    return Y0 + PH - (min(t, YMAX) - YMIN) / (YMAX - YMIN) * PH


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>候选并行配置的显存与预测迭代时间</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "70B 模型、1,024 张 H100：每个候选配置的每卡显存与预测迭代时间</text>",
    f'<rect x="{X0}" y="{Y0}" width="{PW}" height="{PH}" fill="#f9fafb" stroke="#9ca3af"/>',
]
for gb in range(0, 401, 50):
    x = sx(gb * 1e9)
    out.append(f'<line x1="{x:.1f}" y1="{Y0 + PH}" x2="{x:.1f}" y2="{Y0 + PH + 5}" stroke="#6b7280"/>')
    out.append(f'<text x="{x:.1f}" y="{Y0 + PH + 20}" font-size="12" text-anchor="middle" fill="#374151">{gb}</text>')
for tt in (3, 4, 5, 6):
    y = sy(tt)
    out.append(f'<line x1="{X0 - 5}" y1="{y:.1f}" x2="{X0}" y2="{y:.1f}" stroke="#6b7280"/>')
    out.append(f'<text x="{X0 - 9}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#374151">{tt} s</text>')
out.append(
    f'<text x="{X0 + PW / 2}" y="{Y0 + PH + 42}" font-size="14" text-anchor="middle" fill="#1f2937">'
    "每卡显存估算（GB，模型状态 + 激活；超过 400 GB 的画在右边缘）</text>"
)
out.append(
    f'<text x="24" y="{Y0 + PH / 2}" font-size="14" text-anchor="middle" fill="#1f2937" '
    f'transform="rotate(-90 24 {Y0 + PH / 2})">预测迭代时间</text>'
)
xl = sx(LIMIT)
out.append(
    f'<line x1="{xl:.1f}" y1="{Y0}" x2="{xl:.1f}" y2="{Y0 + PH}" stroke="#dc2626" stroke-dasharray="6 4" '
    'stroke-width="2"/>'
)
out.append(f'<text x="{xl + 6:.1f}" y="{Y0 + 18}" font-size="13" fill="#dc2626">可用显存 70 GB</text>')
best = min((p for p in pts if p[0] <= LIMIT), key=lambda p: p[1])
base = next(p for p in pts if p[2] == (8, 4, 1, 1))
for mem, t, _cfg in pts:
    color = "#2563eb" if mem <= LIMIT else "#9ca3af"
    out.append(f'<circle cx="{sx(mem):.1f}" cy="{sy(t):.1f}" r="5" fill="{color}" fill-opacity="0.75"/>')
for (mem, t, _cfg), label, (lx, lt) in (
    (best, "最优：TP4×PP4×DP64，v=4", (260e9, 2.6)),
    (base, "基准：TP8×PP4×DP32，1F1B", (260e9, 2.78)),
):
    out.append(f'<circle cx="{sx(mem):.1f}" cy="{sy(t):.1f}" r="9" fill="none" stroke="#111827" stroke-width="2"/>')
    out.append(
        f'<line x1="{sx(mem) + 9:.1f}" y1="{sy(t):.1f}" x2="{sx(lx) - 4:.1f}" y2="{sy(lt) - 4:.1f}" '
        'stroke="#111827" stroke-width="1"/>'
    )
    out.append(f'<text x="{sx(lx):.1f}" y="{sy(lt):.1f}" font-size="13" fill="#111827">{label}（{t:.2f} s）</text>')
out.append(
    f'<text x="{W / 2}" y="{H - 14}" font-size="13" text-anchor="middle" fill="#374151">'
    "蓝点：放得下的配置；灰点：超出显存被淘汰的配置</text>"
)
out.append("</svg>")
with open("07AutoParallel_search.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(len(pts), sum(p[0] <= LIMIT for p in pts), best[2], round(best[1], 2), round(base[1], 2))
