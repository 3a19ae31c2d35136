"""Generate 04TopologyAlgo_topologies.svg: a 4x4 2D torus and a small dragonfly (a=4, p=2, h=1, g=5)."""

import math
from pathlib import Path

W, H = 960, 500
out = []
add = out.append
add(
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">'
)
add("<title>二维环面与蜻蜓拓扑示意</title>")
add(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')
add(
    '<text x="480" y="30" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "两种直连拓扑：环面与蜻蜓</text>"
)

# (a) 4x4 torus
add('<text x="230" y="64" font-size="16" text-anchor="middle" fill="#1f2937">（a）4×4 二维环面：每节点 4 条链路</text>')
x0, y0, step = 110, 120, 80
for i in range(4):
    for j in range(4):
        x, y = x0 + j * step, y0 + i * step
        if j < 3:
            add(f'<line x1="{x}" y1="{y}" x2="{x + step}" y2="{y}" stroke="#64748b" stroke-width="2"/>')
        if i < 3:
            add(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + step}" stroke="#64748b" stroke-width="2"/>')
# wraparound links drawn as arcs outside the grid
for i in range(4):
    y = y0 + i * step
    add(
        f'<path d="M {x0} {y} C {x0 + step} {y - 44}, {x0 + 2 * step} {y - 44}, {x0 + 3 * step} {y}" '
        'fill="none" stroke="#f59e0b" stroke-width="1.6" stroke-dasharray="5 3"/>'
    )
for j in range(4):
    x = x0 + j * step
    add(
        f'<path d="M {x} {y0} C {x - 44} {y0 + step}, {x - 44} {y0 + 2 * step}, {x} {y0 + 3 * step}" '
        'fill="none" stroke="#f59e0b" stroke-width="1.6" stroke-dasharray="5 3"/>'
    )
for i in range(4):
    for j in range(4):
        x, y = x0 + j * step, y0 + i * step
        add(f'<circle cx="{x}" cy="{y}" r="13" fill="#dbeafe" stroke="#2563eb" stroke-width="2"/>')
add(
    '<text x="230" y="440" font-size="13" text-anchor="middle" fill="#374151">虚线为回绕链路；直径 = 2 × ⌊4/2⌋ = 4 跳</text>'
)
add('<text x="230" y="462" font-size="13" text-anchor="middle" fill="#374151">维序路由：先走 X 维、再走 Y 维</text>')

# (b) dragonfly: g=5 groups, a=4 routers each, h=1 global link per router
add(
    '<text x="710" y="64" font-size="16" text-anchor="middle" fill="#1f2937">（b）蜻蜓：5 组 × 4 台路由器，组内全连</text>'
)
cx, cy, R = 710, 265, 150
groups = 5
centers = []
for g in range(groups):
    ang = -math.pi / 2 + 2 * math.pi * g / groups
    centers.append((cx + R * math.cos(ang), cy + R * math.sin(ang), ang))
routers = {}
for g, (gx, gy, ang) in enumerate(centers):
    for r in range(4):
        a2 = ang + math.pi / 4 + r * math.pi / 2
        routers[(g, r)] = (gx + 26 * math.cos(a2), gy + 26 * math.sin(a2))
# global links: group g router r connects to group (g + r + 1) % 5 (each pair once)
done = set()
for g in range(groups):
    for r in range(4):
        other = (g + r + 1) % groups
        pair = tuple(sorted((g, other)))
        if pair in done:
            continue
        done.add(pair)
        r2 = (g - other - 1) % groups
        x1, y1 = routers[(g, r)]
        x2, y2 = routers[(other, r2)]
        add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#7c3aed" stroke-width="1.8"/>')
for g, (gx, gy, _ang) in enumerate(centers):
    add(f'<circle cx="{gx:.1f}" cy="{gy:.1f}" r="44" fill="#f8fafc" stroke="#94a3b8" stroke-dasharray="4 3"/>')
    pts = [routers[(g, r)] for r in range(4)]
    for i in range(4):
        for j in range(i + 1, 4):
            add(
                f'<line x1="{pts[i][0]:.1f}" y1="{pts[i][1]:.1f}" x2="{pts[j][0]:.1f}" y2="{pts[j][1]:.1f}" '
                'stroke="#64748b" stroke-width="1.5"/>'
            )
    for x, y in pts:
        add(
            f'<rect x="{x - 8:.1f}" y="{y - 8:.1f}" width="16" height="16" rx="3" fill="#dcfce7" stroke="#16a34a" stroke-width="1.5"/>'
        )
add(
    '<text x="710" y="440" font-size="13" text-anchor="middle" fill="#374151">灰线：组内短链路（电）；紫线：组间全局链路（光），每对组之间 1 条</text>'
)
add(
    '<text x="710" y="462" font-size="13" text-anchor="middle" fill="#374151">最短路由：本组一跳 → 全局一跳 → 目标组一跳，至多 3 跳</text>'
)
add("</svg>")
Path(__file__).with_name("04TopologyAlgo_topologies.svg").write_text("\n".join(out) + "\n", encoding="utf-8")
