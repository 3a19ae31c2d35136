"""Generate 06PipelineAdv_schedules.svg: 1F1B, ZB-H1 and interleaved 1F1B (v = 2) on 4 stages, 8 micro-batches.

The schedules come from the same list-scheduling simulation as the snippets in 06PipelineAdv.md:
every device runs its operations in a fixed order, an operation starts when its device is free and
its inputs are ready. F = B = W = 1 (full backward = B + W = 2). Run: python3 06PipelineAdv_schedules.py
"""


def run(orders, dur, deps):
    done, free, pos = {}, [0.0] * len(orders), [0] * len(orders)
    while any(pos[d] < len(q) for d, q in enumerate(orders)):
        for d, q in enumerate(orders):
            while pos[d] < len(q):
                t = q[pos[d]]
                ds = deps(t)
                if not all(x in done for x in ds):
                    break
                start = max([free[d]] + [done[x][1] for x in ds])
                done[t] = (start, start + dur[t[0]])
                free[d] = done[t][1]
                pos[d] += 1
    return done


def one_f_one_b(p, m, split_w=False):
    orders = []
    for d in range(p):
        warm = min(p - 1 - d, m)
        q = [("F", i, d) for i in range(warm)]
        f, b, pending = warm, 0, []
        while b < m:
            if f < m:
                q.append(("F", f, d))
                f += 1
            q.append(("B", b, d))
            if split_w:
                pending.append(("W", b, d))
                if len(pending) > d:
                    q.append(pending.pop(0))
            b += 1
        orders.append(q + pending)

    def deps(t):
        kind, i, s = t
        if kind == "F":
            return [("F", i, s - 1)] if s > 0 else []
        if kind == "B":
            return [("F", i, s)] + ([("B", i, s + 1)] if s < p - 1 else [])
        return [("B", i, s)]

    return orders, deps


def interleaved(p, m, v):
    total = m * v

    def op(kind, j, d):
        c = (j // p) % v
        if kind == "B":
            c = v - 1 - c
        return (kind, (j // (p * v)) * p + j % p, c * p + d)

    orders = []
    for d in range(p):
        warm = min((p - d - 1) * 2 + (v - 1) * p, total)
        q = [op("F", j, d) for j in range(warm)]
        for k in range(total - warm):
            q += [op("F", warm + k, d), op("B", k, d)]
        orders.append(q + [op("B", k, d) for k in range(total - warm, total)])

    def deps(t):
        kind, i, s = t
        if kind == "F":
            return [("F", i, s - 1)] if s > 0 else []
        return [("F", i, s)] + ([("B", i, s + 1)] if s < p * v - 1 else [])

    return orders, deps


P, M = 4, 8
cases = []
o, dp = one_f_one_b(P, M)
cases.append(("1F1B", run(o, {"F": 1.0, "B": 2.0}, dp), 1))
o, dp = one_f_one_b(P, M, True)
cases.append(("ZB-H1（B、W 拆开）", run(o, {"F": 1.0, "B": 1.0, "W": 1.0}, dp), 1))
o, dp = interleaved(P, M, 2)
cases.append(("交错 1F1B（v=2）", run(o, {"F": 0.5, "B": 1.0}, dp), 2))

W_, H_ = 960, 590
X0, SC, ROW = 170, 22, 26
FILL = {"F": "#93c5fd", "B": "#86efac", "W": "#fde68a"}
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W_}" height="{H_}" viewBox="0 0 {W_} {H_}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>三种流水线调度的时间线：1F1B、ZB-H1 与交错 1F1B</title>",
    f'<rect x="0" y="0" width="{W_}" height="{H_}" fill="#ffffff"/>',
    f'<text x="{W_ / 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "4 级流水线、8 个微批次：F = 1，完整反向 = 2（B = W = 1）</text>",
]
y = 60
for name, sched, _v in cases:
    end = max(e for _, e in sched.values())
    out.append(f'<text x="20" y="{y + 12}" font-size="15" font-weight="bold" fill="#1f2937">{name}</text>')
    out.append(
        f'<text x="{X0 + end * SC + 8:.0f}" y="{y + 12 + 2.5 * ROW:.0f}" font-size="13" fill="#b91c1c">{end:g}</text>'
    )
    for d in range(P):
        yy = y + 20 + d * ROW
        out.append(f'<text x="{X0 - 8}" y="{yy + 17}" font-size="12" text-anchor="end" fill="#374151">设备 {d}</text>')
        out.append(f'<rect x="{X0}" y="{yy}" width="{end * SC:.1f}" height="{ROW - 4}" fill="#f3f4f6"/>')
    for (kind, i, s), (a, b) in sched.items():
        d = s % P
        yy = y + 20 + d * ROW
        chunk = s // P
        stroke = "#1f2937" if chunk else "#ffffff"
        out.append(
            f'<rect x="{X0 + a * SC:.1f}" y="{yy}" width="{(b - a) * SC:.1f}" height="{ROW - 4}" '
            f'fill="{FILL[kind]}" stroke="{stroke}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{X0 + (a + b) / 2 * SC:.1f}" y="{yy + 16}" font-size="10" text-anchor="middle" '
            f'fill="#111827">{i}</text>'
        )
    y += 20 + P * ROW + 40
for k, (kind, label) in enumerate(
    (("F", "前向 F"), ("B", "反向 B（交错与 1F1B 中为完整反向）"), ("W", "对权重求梯度 W"))
):
    x = 60 + k * 300
    out.append(f'<rect x="{x}" y="{H_ - 40}" width="18" height="18" fill="{FILL[kind]}"/>')
    out.append(f'<text x="{x + 24}" y="{H_ - 26}" font-size="13" fill="#374151">{label}</text>')
out.append(
    f'<text x="{W_ / 2}" y="{H_ - 6}" font-size="12" text-anchor="middle" fill="#6b7280">'
    "格中数字为微批次编号；交错调度中黑框表示设备上的第二个模型段；灰色底为空闲（气泡）</text>"
)
out.append("</svg>")
with open("06PipelineAdv_schedules.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
