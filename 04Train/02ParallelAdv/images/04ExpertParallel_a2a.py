"""Generate 04ExpertParallel_a2a.svg: dispatch and combine of an MoE layer under expert parallelism.

Four GPUs, eight experts (two per GPU), top-1 routing of four tokens per GPU for readability.
Run from this directory: python3 04ExpertParallel_a2a.py  (standard library only)
"""

G, E, TOK = 4, 8, 4
# target expert of token j on GPU g (fixed, hand-picked to look irregular)
ROUTE = [[0, 5, 3, 6], [2, 7, 6, 4], [6, 0, 5, 7], [3, 6, 7, 4]]
COLORS = ["#93c5fd", "#60a5fa", "#fde68a", "#fbbf24", "#86efac", "#4ade80", "#fca5a5", "#f87171"]
W, H = 960, 560
COLW = 215
X0 = 60
S = 34

out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>专家并行中一个 MoE 层的分发与合并</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "专家并行：EP=4，8 个专家（每卡 2 个），每个 token 选 1 个专家</text>",
]


def token(x, y, g, j, e):
    out.append(f'<rect x="{x}" y="{y}" width="{S}" height="{S}" rx="4" fill="{COLORS[e]}" stroke="#374151"/>')
    out.append(f'<text x="{x + S / 2}" y="{y + 15}" font-size="11" text-anchor="middle" fill="#111827">{g}.{j}</text>')
    out.append(f'<text x="{x + S / 2}" y="{y + 28}" font-size="10" text-anchor="middle" fill="#374151">E{e}</text>')


rows = [
    (132, "① 路由后：token 仍在来源 GPU 上"),
    (338, "② 分发后：每卡按专家分组，用分组 GEMM 计算；各卡收到的 token 数不等"),
    (508, "③ 合并后：结果回到来源 GPU，按门控权重加权求和"),
]
for g in range(G):
    x = X0 + g * COLW
    out.append(
        f'<text x="{x + 90}" y="62" font-size="14" text-anchor="middle" font-weight="bold" '
        f'fill="#1f2937">GPU {g}（E{2 * g}、E{2 * g + 1}）</text>'
    )
for y, label in rows:
    out.append(f'<text x="{X0}" y="{y}" font-size="13" fill="#6b7280">{label}</text>')
# row 1: tokens at source
for g in range(G):
    for j in range(TOK):
        token(X0 + g * COLW + j * (S + 6), 80, g, j, ROUTE[g][j])
# row 2: grouped by expert
for g in range(G):
    slot = 0
    for e in (2 * g, 2 * g + 1):
        for sg in range(G):
            for j in range(TOK):
                if ROUTE[sg][j] == e:
                    col, row = slot % 5, slot // 5
                    token(X0 + g * COLW + col * (S + 4), 250 + row * (S + 4), sg, j, e)
                    slot += 1
# row 3: back at source
for g in range(G):
    for j in range(TOK):
        token(X0 + g * COLW + j * (S + 6), 450, g, j, ROUTE[g][j])
for y, label in ((170, "All-to-All 分发（dispatch）"), (360, "All-to-All 合并（combine）")):
    out.append(
        f'<line x1="{X0}" y1="{y + 40}" x2="{X0 + 4 * COLW - 40}" y2="{y + 40}" stroke="#9ca3af" '
        'stroke-dasharray="5 4"/>'
    )
    out.append(
        f'<text x="{X0 + 2 * COLW - 20}" y="{y + 34}" font-size="15" text-anchor="middle" '
        f'fill="#b91c1c" font-weight="bold">{label}</text>'
    )
out.append(
    f'<text x="{W / 2}" y="{H - 12}" font-size="13" text-anchor="middle" fill="#374151">'
    "方块上的 g.j 表示来自 GPU g 的第 j 个 token，颜色与 E 编号表示它选中的专家</text>"
)
out.append("</svg>")
with open("04ExpertParallel_a2a.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
