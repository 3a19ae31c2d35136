"""Generate 07SlowNode_matrix.svg: pairwise same-rail bandwidth matrix of 16 nodes (illustrative).

The matrix is built by the same rule as the code in 07SlowNode.md: healthy pairs 46.0~47.4 GB/s,
node 5's NIC degraded (pairs with node 5 at 33 GB/s), link between nodes 9 and 12 at 25 GB/s.
Run from this directory: python3 07SlowNode_matrix.py  (standard library only)
"""

N = 16


def bw(i, j):
    if i == j:
        return None
    if i == 5 or j == 5:
        return 33.0
    if {i, j} == {9, 12}:
        return 25.0
    return 46.0 + ((i * 7 + j * 3) % 8) * 0.2


def colour(v):
    if v is None:
        return "#f3f4f6"
    if v >= 45:
        return "#bbf7d0"
    if v >= 30:
        return "#fde68a"
    return "#fca5a5"


W, H, X0, Y0, C = 960, 640, 380, 80, 26
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>同轨两两带宽矩阵（示意）</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="36" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "通信矩阵：16 台服务器同一轨道两两实测带宽（GB/s，示意）</text>",
]
for i in range(N):
    out.append(
        f'<text x="{X0 - 8}" y="{Y0 + i * C + 18}" font-size="12" text-anchor="end" fill="#374151">节点 {i}</text>'
    )
    out.append(
        f'<text x="{X0 + i * C + 13}" y="{Y0 - 8}" font-size="12" text-anchor="middle" fill="#374151">{i}</text>'
    )
    for j in range(N):
        v = bw(i, j)
        out.append(
            f'<rect x="{X0 + j * C}" y="{Y0 + i * C}" width="{C}" height="{C}" fill="{colour(v)}" stroke="#ffffff"/>'
        )
        if v is not None and v < 45:
            out.append(
                f'<text x="{X0 + j * C + 13}" y="{Y0 + i * C + 17}" font-size="10" text-anchor="middle" fill="#111827">{v:.0f}</text>'
            )
legend = [
    ("#bbf7d0", "≥ 45 GB/s：正常"),
    ("#fde68a", "30~45：节点 5 的网卡降速，整行整列偏低"),
    ("#fca5a5", "&lt; 30：节点 9 与 12 之间的单条路径异常"),
]
for k, (c, text) in enumerate(legend):
    y = Y0 + N * C + 24 + k * 24
    out.append(f'<rect x="{X0}" y="{y}" width="16" height="16" fill="{c}"/>')
    out.append(f'<text x="{X0 + 24}" y="{y + 13}" font-size="13" fill="#1f2937">{text}</text>')
out.append('<text x="20" y="130" font-size="13" fill="#374151">读法：</text>')
for k, text in enumerate(
    ["整行整列都低 → 节点问题", "单个格子低 → 链路或路径问题", "一块区域都低 → 交换机或上行链路问题"]
):
    out.append(f'<text x="20" y="{156 + k * 24}" font-size="13" fill="#374151">{text}</text>')
out.append("</svg>")
with open("07SlowNode_matrix.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
