"""Generate 05MoEOptimize_overlap.svg: MoE layers of two micro-batches, serial vs. overlapped.

Same model as the snippet in 05MoEOptimize.md: attention A = 1.0, dispatch D = 0.9, experts M = 1.1,
combine C = 0.9 (arbitrary units); when overlapped, communication kernels hold 20 of 132 SMs, so
compute runs 132/112 times slower. Two layers are drawn. Run: python3 05MoEOptimize_overlap.py
"""


def run(streams, dur, deps):
    done, free, pos = {}, {s: 0.0 for s in streams}, {s: 0 for s in streams}
    while any(pos[s] < len(streams[s]) for s in streams):
        for s, q in streams.items():
            if pos[s] < len(q):
                t = q[pos[s]]
                if all(d in done for d in deps.get(t, ())):
                    start = max([free[s]] + [done[d][1] for d in deps.get(t, ())])
                    done[t] = (start, start + dur[t[0]])
                    free[s] = done[t][1]
                    pos[s] += 1
    return done


L = 2
base = {"A": 1.0, "D": 0.9, "M": 1.1, "C": 0.9}
deps = {}
for layer in range(L):
    for mb in "xy":
        deps[("D", layer, mb)] = [("A", layer, mb)]
        deps[("M", layer, mb)] = [("D", layer, mb)]
        deps[("C", layer, mb)] = [("M", layer, mb)]
        if layer > 0:
            deps[("A", layer, mb)] = [("C", layer - 1, mb)]
seq = run({"gpu": [(p, layer, mb) for mb in "xy" for layer in range(L) for p in "ADMC"]}, base, deps)
slow = 132 / 112
ovl_dur = {"A": base["A"] * slow, "M": base["M"] * slow, "D": base["D"], "C": base["C"]}
ovl = run(
    {
        "compute": [(p, layer, mb) for layer in range(L) for p in "AM" for mb in "xy"],
        "comm": [(p, layer, mb) for layer in range(L) for p in "DC" for mb in "xy"],
    },
    ovl_dur,
    deps,
)

W, H = 960, 400
X0, SC = 150, 48
COLOR = {"A": "#93c5fd", "M": "#86efac", "D": "#fca5a5", "C": "#fdba74"}
NAME = {"A": "注意力", "M": "专家", "D": "分发", "C": "合并"}
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>两个微批次的 MoE 层：串行执行与计算通信重叠</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "两个微批次 x、y 经过两层 MoE：串行执行与双流重叠（时间单位任意）</text>",
]


def bar(y, sched, label):
    out.append(f'<text x="{X0 - 10}" y="{y + 24}" font-size="14" text-anchor="end" fill="#1f2937">{label}</text>')
    for (p, layer, mb), (s, e) in sched.items():
        x, w = X0 + s * SC, (e - s) * SC
        out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="36" fill="{COLOR[p]}" stroke="#ffffff"/>')
        out.append(
            f'<text x="{x + w / 2:.1f}" y="{y + 23}" font-size="11" text-anchor="middle" '
            f'fill="#111827">{p}{layer}{mb}</text>'
        )


t_seq = max(e for _, e in seq.values())
t_ovl = max(e for _, e in ovl.values())
bar(70, seq, "串行（单流）")
out.append(f'<text x="{X0 + t_seq * SC + 6:.1f}" y="{94}" font-size="13" fill="#b91c1c">{t_seq:.1f}</text>')
bar(170, {k: v for k, v in ovl.items() if k[0] in "AM"}, "重叠：计算流")
bar(214, {k: v for k, v in ovl.items() if k[0] in "DC"}, "重叠：通信流")
out.append(f'<text x="{X0 + t_ovl * SC + 6:.1f}" y="{238}" font-size="13" fill="#b91c1c">{t_ovl:.1f}</text>')
for i in range(0, 17, 2):
    x = X0 + i * SC
    out.append(f'<line x1="{x}" y1="270" x2="{x}" y2="276" stroke="#6b7280"/>')
    out.append(f'<text x="{x}" y="292" font-size="12" text-anchor="middle" fill="#6b7280">{i}</text>')
out.append(f'<line x1="{X0}" y1="270" x2="{X0 + 16 * SC}" y2="270" stroke="#6b7280"/>')
for i, p in enumerate("ADMC"):
    x = 200 + i * 150
    out.append(f'<rect x="{x}" y="318" width="18" height="18" fill="{COLOR[p]}"/>')
    out.append(f'<text x="{x + 24}" y="332" font-size="13" fill="#374151">{p} = {NAME[p]}</text>')
out.append(
    f'<text x="{W / 2}" y="370" font-size="13" text-anchor="middle" fill="#374151">'
    "A0x 表示第 0 层、微批次 x 的注意力；重叠时通信内核占用 20/132 个 SM，计算块因此变长约 18%</text>"
)
out.append("</svg>")
with open("05MoEOptimize_overlap.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
