"""生成 06PipelineParallel_schedule.svg：p = 4、m = 8 时 GPipe 与 1F1B 的调度时间线（前向 1、反向 2 个时间单位）。"""

from pathlib import Path

P, M, TF, TB = 4, 8, 1.0, 2.0


def orders(kind):
    res = []
    for i in range(P):
        if kind == "gpipe":
            ops = [("F", j) for j in range(M)] + [("B", j) for j in range(M)]
        else:
            w = min(P - i - 1, M)
            ops = [("F", j) for j in range(w)]
            for k in range(M - w):
                ops += [("F", w + k), ("B", k)]
            ops += [("B", j) for j in range(M - w, M)]
        res.append(ops)
    return res


def schedule(kind):
    od, done, free, pos, spans = orders(kind), {}, [0.0] * P, [0] * P, []
    while any(pos[i] < len(od[i]) for i in range(P)):
        for i in range(P):
            if pos[i] == len(od[i]):
                continue
            op, j = od[i][pos[i]]
            dep = (
                None
                if (op == "F" and i == 0)
                else (("F", i - 1, j) if op == "F" else (("B", i + 1, j) if i < P - 1 else ("F", i, j)))
            )
            if dep is not None and dep not in done:
                continue
            start = max(free[i], done[dep] if dep else 0.0)
            free[i] = done[(op, i, j)] = start + (TF if op == "F" else TB)
            spans.append((i, op, j, start, free[i]))
            pos[i] += 1
    return spans


W, H, X0, U = 960, 430, 110, 24.0
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>GPipe 与 1F1B 流水线调度</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W // 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "4 个阶段、8 个微批次：GPipe 与 1F1B 的总时间相同，在途激活不同</text>",
]
for row, (kind, title, note) in enumerate(
    [
        ("gpipe", "GPipe：先全部前向，再全部反向", "每个阶段最多同时保存 8 个微批次的激活"),
        ("1f1b", "1F1B：预热后一前一后交替", "阶段 0 至 3 最多同时保存 4、3、2、1 个微批次的激活"),
    ]
):
    y0 = 60 + row * 180
    out.append(f'<text x="20" y="{y0}" font-size="15" font-weight="bold" fill="#1f2937">{title}</text>')
    out.append(f'<text x="{W - 20}" y="{y0}" font-size="13" text-anchor="end" fill="#b91c1c">{note}</text>')
    for i in range(P):
        y = y0 + 12 + i * 34
        out.append(f'<text x="{X0 - 10}" y="{y + 21}" font-size="13" text-anchor="end" fill="#374151">阶段 {i}</text>')
        out.append(f'<rect x="{X0}" y="{y}" width="{33 * U}" height="30" fill="#f3f4f6"/>')
    for i, op, j, s, e in schedule(kind):
        y = y0 + 12 + i * 34
        fill = "#93c5fd" if op == "F" else "#fdba74"
        out.append(
            f'<rect x="{X0 + s * U:.1f}" y="{y}" width="{(e - s) * U:.1f}" height="30" fill="{fill}" stroke="#374151" stroke-width="0.6"/>'
        )
        out.append(
            f'<text x="{X0 + (s + e) / 2 * U:.1f}" y="{y + 20}" font-size="12" text-anchor="middle" fill="#111827">{j + 1}</text>'
        )
ly = 415
out.append(
    f'<rect x="110" y="{ly - 13}" width="16" height="16" fill="#93c5fd" stroke="#374151" stroke-width="0.6"/><text x="132" y="{ly}" font-size="13" fill="#1f2937">前向（1 个单位）</text>'
)
out.append(
    f'<rect x="270" y="{ly - 13}" width="16" height="16" fill="#fdba74" stroke="#374151" stroke-width="0.6"/><text x="292" y="{ly}" font-size="13" fill="#1f2937">反向（2 个单位）</text>'
)
out.append(
    f'<rect x="430" y="{ly - 13}" width="16" height="16" fill="#f3f4f6" stroke="#9ca3af" stroke-width="0.6"/><text x="452" y="{ly}" font-size="13" fill="#1f2937">空闲（气泡）：每阶段 (p−1)(t_f+t_b) = 9，占总时间 33 的 27%</text>'
)
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
