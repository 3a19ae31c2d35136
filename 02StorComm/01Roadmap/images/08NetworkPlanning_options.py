"""生成 08NetworkPlanning_options.svg：8,192 卡计算网络四种方案的交换机、光模块与光模块功耗对比。
数字由与 08NetworkPlanning.md 相同的规则算出（端口数下限、全光互联、网卡侧 9 W、交换机侧双口 17 W）。运行：python 本文件。"""

import math


def plan(n, k, taper_top=1.0, planes=1):
    per = n // planes
    half = k // 2
    if per <= k * k // 2:
        leaf = math.ceil(per / half)
        spine = math.ceil(leaf * half / k)
        sw, links = leaf + spine, 2 * per
    else:
        leaf = agg = math.ceil(per / half)
        core_links = int(per / taper_top)
        sw, links = leaf + agg + math.ceil(core_links / k), 2 * per + core_links
    sw, links = sw * planes, links * planes
    twin = (2 * links - n) // 2
    return sw, n + twin, (n * 9 + twin * 17) / 1e3


options = [
    ("A  64 口三层 1:1", plan(8192, 64), "#2563eb"),
    ("B  64 口三层，顶层 2:1", plan(8192, 64, 2.0), "#0891b2"),
    ("C  128 口两层 1:1", plan(8192, 128), "#16a34a"),
    ("D  64 口 8 平面两层", plan(8192, 64, 1.0, 8), "#d97706"),
]
metrics = [("交换机（台）", 0, 700), ("光模块（个）", 1, 30000), ("光模块最大功耗（kW）", 2, 450)]
W, H = 960, 400
o = []
a = o.append
a(
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="Noto Sans CJK SC, sans-serif">'
)
a(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')
a(
    '<text x="480" y="30" text-anchor="middle" font-size="16" font-weight="bold" fill="#1f2937">8,192 卡计算网络（每卡一块 400G 网卡）四种方案的硬件数量（端口数下限，全光互联）</text>'
)
# 图例
for i, (name, _, color) in enumerate(options):
    x = 40 + i * 230
    a(f'<rect x="{x}" y="48" width="16" height="14" fill="{color}"/>')
    a(f'<text x="{x + 22}" y="60" font-size="13" fill="#1f2937">{name}</text>')
for j, (title, idx, vmax) in enumerate(metrics):
    x0 = 30 + j * 310
    a(f'<rect x="{x0}" y="80" width="290" height="300" rx="8" fill="#f8fafc" stroke="#cbd5e1"/>')
    a(
        f'<text x="{x0 + 145}" y="106" text-anchor="middle" font-size="14" font-weight="bold" fill="#1f2937">{title}</text>'
    )
    base_y = 350
    a(f'<line x1="{x0 + 20}" y1="{base_y}" x2="{x0 + 270}" y2="{base_y}" stroke="#475569"/>')
    for i, (name, vals, color) in enumerate(options):
        v = vals[idx]
        h = 210 * v / vmax
        bx = x0 + 30 + i * 62
        a(f'<rect x="{bx}" y="{base_y - h:.1f}" width="44" height="{h:.1f}" fill="{color}"/>')
        label = f"{v:,.0f}"
        a(
            f'<text x="{bx + 22}" y="{base_y - h - 6:.1f}" text-anchor="middle" font-size="12" fill="#1f2937">{label}</text>'
        )
        a(
            f'<text x="{bx + 22}" y="{base_y + 18}" text-anchor="middle" font-size="13" font-weight="bold" fill="{color}">{name[0]}</text>'
        )
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
