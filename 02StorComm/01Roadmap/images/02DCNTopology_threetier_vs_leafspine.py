"""生成 02DCNTopology_threetier_vs_leafspine.svg：三层网络与两层叶脊网络对比。运行：python 本文件。"""

W, H = 960, 460
o = []
a = o.append
a(
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="Noto Sans CJK SC, sans-serif">'
)
a(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')
a('<rect x="10" y="10" width="460" height="440" rx="10" fill="#f8fafc" stroke="#cbd5e1"/>')
a('<rect x="490" y="10" width="460" height="440" rx="10" fill="#f8fafc" stroke="#cbd5e1"/>')
a(
    '<text x="240" y="40" text-anchor="middle" font-size="18" font-weight="bold" fill="#1f2937">(a) 传统三层：接入—汇聚—核心</text>'
)
a(
    '<text x="720" y="40" text-anchor="middle" font-size="18" font-weight="bold" fill="#1f2937">(b) 两层叶脊：任意两叶之间 4 条等价路径</text>'
)


def box(x, y, w, h, fill, stroke, label, fs=13):
    a(
        f'<rect x="{x - w / 2}" y="{y - h / 2}" width="{w}" height="{h}" rx="5" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
    )
    a(f'<text x="{x}" y="{y + fs / 3 + 1}" text-anchor="middle" font-size="{fs}" fill="#1f2937">{label}</text>')


def line(x1, y1, x2, y2, c="#64748b", w=1.5, dash=None):
    d = f' stroke-dasharray="{dash}"' if dash else ""
    a(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{c}" stroke-width="{w}"{d}/>')


# (a)
core = [(170, 90), (310, 90)]
agg = [(90, 200), (190, 200), (290, 200), (390, 200)]
acc = [(50 + i * 53.5, 310) for i in range(8)]
for i, (x, y) in enumerate(agg):
    for j, (cx, cy) in enumerate(core):
        blocked = (i % 2 == 1 and j == 1) or (i % 2 == 0 and j == 1 and i == 2)
        line(x, y - 14, cx, cy + 14, "#dc2626" if blocked else "#64748b", 1.5, "5,4" if blocked else None)
for i, (x, y) in enumerate(acc):
    p = agg[(i // 4) * 2]
    q = agg[(i // 4) * 2 + 1]
    line(x, y - 12, p[0], p[1] + 14)
    line(x, y - 12, q[0], q[1] + 14, "#dc2626", 1.5, "5,4")
for x, y in core:
    box(x, y, 90, 28, "#fde68a", "#b45309", "核心")
for x, y in agg:
    box(x, y, 70, 28, "#bbf7d0", "#15803d", "汇聚")
for x, y in acc:
    box(x, y, 44, 24, "#dbeafe", "#2563eb", "接入", 12)
for x, y in acc:
    for k in range(3):
        a(f'<rect x="{x - 18 + k * 13}" y="{y + 24}" width="10" height="14" fill="#e5e7eb" stroke="#6b7280"/>')
a(
    '<text x="240" y="375" text-anchor="middle" font-size="13" fill="#1f2937">服务器（主要流量：南北向，进出数据中心）</text>'
)
line(40, 400, 80, 400, "#dc2626", 2, "5,4")
a('<text x="88" y="405" font-size="13" fill="#1f2937">被生成树（STP）阻塞的冗余链路</text>')
a(
    '<text x="240" y="432" text-anchor="middle" font-size="13" fill="#1f2937">收敛比逐层相乘；跨汇聚的流量要爬到核心层</text>'
)
# (b)
spines = [(560 + i * 107, 100) for i in range(4)]
leaves = [(540 + i * 72, 260) for i in range(6)]
colors = ["#2563eb", "#16a34a", "#d97706", "#9333ea"]
for i, (lx, ly) in enumerate(leaves):
    for j, (sx, sy) in enumerate(spines):
        if i in (0, 5):
            line(lx, ly - 14, sx, sy + 14, colors[j], 2.5)
        else:
            line(lx, ly - 14, sx, sy + 14, "#cbd5e1", 1.2)
for j, (x, y) in enumerate(spines):
    box(x, y, 80, 28, "#fde68a", "#b45309", f"脊 {j + 1}")
for i, (x, y) in enumerate(leaves):
    box(x, y, 56, 28, "#bbf7d0", "#15803d", f"叶 {i + 1}")
for x, y in leaves:
    for k in range(3):
        a(f'<rect x="{x - 18 + k * 13}" y="{y + 26}" width="10" height="14" fill="#e5e7eb" stroke="#6b7280"/>')
a(
    '<text x="720" y="335" text-anchor="middle" font-size="13" fill="#1f2937">服务器（主要流量：东西向，服务器之间）</text>'
)
a(
    '<text x="720" y="375" text-anchor="middle" font-size="13" fill="#1f2937">叶 1 → 叶 6：经任一台脊交换机，共 4 条等价路径（ECMP）</text>'
)
a(
    '<text x="720" y="400" text-anchor="middle" font-size="13" fill="#1f2937">任意两台服务器之间最多 3 跳交换机，时延可预期</text>'
)
a(
    '<text x="720" y="432" text-anchor="middle" font-size="13" fill="#1f2937">坏 1 台脊：跨叶带宽损失 1/4，连通性不变</text>'
)
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
