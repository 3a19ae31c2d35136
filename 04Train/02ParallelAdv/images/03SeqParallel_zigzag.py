"""Generate 03SeqParallel_zigzag.svg: causal-attention work per context-parallel rank.

The sequence is cut into 2P = 8 chunks for P = 4 ranks. Left: contiguous split (rank r holds chunks
2r, 2r+1). Right: Megatron's load-balanced split (rank r holds chunks r and 2P-1-r). Each cell is a
(query chunk, key chunk) block of the causal attention matrix, coloured by the rank owning the query
chunk; diagonal blocks are half work. Run from this directory: python3 03SeqParallel_zigzag.py
"""

P = 4
C = 2 * P
COLORS = ["#93c5fd", "#fde68a", "#86efac", "#fca5a5"]
W, H = 960, 520
CELL = 36


def owner_contig(i):
    return i // 2


def owner_zigzag(i):
    return i if i < P else C - 1 - i


def work(owner):
    w = [0.0] * P
    for i in range(C):
        w[owner(i)] += i + 0.5  # i full blocks left of the diagonal + half a diagonal block
    return w


out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>因果注意力在上下文并行下的负载：顺序切分与对称切分</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "因果注意力的计算块归属：CP=4，序列切成 8 块</text>",
]
panels = [
    ("顺序切分：rank r 持有第 2r、2r+1 块", owner_contig, 70),
    ("对称切分：rank r 持有第 r 块与第 7−r 块", owner_zigzag, 530),
]
for title, owner, x0 in panels:
    y0 = 90
    out.append(
        f'<text x="{x0 + C * CELL / 2}" y="{y0 - 14}" font-size="15" text-anchor="middle" '
        f'fill="#1f2937" font-weight="bold">{title}</text>'
    )
    for i in range(C):
        out.append(
            f'<text x="{x0 - 8}" y="{y0 + i * CELL + 23}" font-size="12" text-anchor="end" fill="#374151">Q{i}</text>'
        )
        out.append(
            f'<text x="{x0 + i * CELL + CELL / 2}" y="{y0 + C * CELL + 16}" font-size="12" '
            f'text-anchor="middle" fill="#374151">K{i}</text>'
        )
        for j in range(C):
            x, y = x0 + j * CELL, y0 + i * CELL
            if j < i:
                out.append(
                    f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{COLORS[owner(i)]}" stroke="#ffffff"/>'
                )
            elif j == i:
                out.append(
                    f'<polygon points="{x},{y} {x},{y + CELL} {x + CELL},{y + CELL}" '
                    f'fill="{COLORS[owner(i)]}" stroke="#ffffff"/>'
                )
                out.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="none" stroke="#e5e7eb"/>')
            else:
                out.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="#f9fafb" stroke="#e5e7eb"/>')
    w = work(owner)
    yb = y0 + C * CELL + 40
    text = "，".join(f"{w[r]:g}" for r in range(P))
    out.append(
        f'<text x="{x0 + C * CELL / 2}" y="{yb}" font-size="14" text-anchor="middle" '
        f'fill="#111827">每个 rank 的计算块数：{text}</text>'
    )
    out.append(
        f'<text x="{x0 + C * CELL / 2}" y="{yb + 22}" font-size="14" text-anchor="middle" '
        f'fill="#b91c1c">最慢 / 平均 = {max(w) / (sum(w) / P):.2f}</text>'
    )
for r in range(P):
    x = 300 + r * 100
    out.append(f'<rect x="{x}" y="{H - 30}" width="18" height="18" fill="{COLORS[r]}"/>')
    out.append(f'<text x="{x + 24}" y="{H - 16}" font-size="13" fill="#374151">rank {r}</text>')
out.append("</svg>")
with open("03SeqParallel_zigzag.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
