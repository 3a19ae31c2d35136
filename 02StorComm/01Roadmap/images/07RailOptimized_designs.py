"""生成 07RailOptimized_designs.svg：机柜顶部（ToR）组网、多轨组网与多平面组网对比（4 台服务器、每台 4 卡的缩小示意）。运行：python 本文件。"""

W, H = 960, 470
o = []
a = o.append
a(
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="Noto Sans CJK SC, sans-serif">'
)
a(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')
RAIL = ["#2563eb", "#16a34a", "#d97706", "#9333ea"]


def rect(x, y, w, h, fill, stroke, rx=5, sw=1.5):
    a(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>')


def text(x, y, s, size=12, anchor="middle", weight="normal", color="#1f2937"):
    a(
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" fill="{color}">{s}</text>'
    )


def line(x1, y1, x2, y2, c="#64748b", w=1.4):
    a(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{c}" stroke-width="{w}"/>')


def servers(x0, y):
    """画 4 台服务器，每台 4 块网卡；返回每块网卡的坐标 [server][nic]。"""
    pos = []
    for s in range(4):
        sx = x0 + s * 72
        rect(sx, y, 64, 46, "#f8fafc", "#475569", 5)
        text(sx + 32, y + 42, f"服务器 {s + 1}", 10)
        row = []
        for n in range(4):
            cx = sx + 9 + n * 15
            a(f'<circle cx="{cx}" cy="{y + 14}" r="6" fill="{RAIL[n]}"/>')
            row.append((cx, y + 8))
        pos.append(row)
    return pos


panels = [
    (15, "(a) 机柜顶部（ToR）组网"),
    (335, "(b) 多轨组网（Rail-Optimized）"),
    (655, "(c) 多平面组网（Multi-Plane）"),
]
for x0, title in panels:
    rect(x0 - 5, 10, 310, 450, "#fbfdff", "#cbd5e1", 10)
    text(x0 + 150, 36, title, 15, weight="bold")

# (a) ToR：每两台服务器一台叶，叶连共享脊
x0 = 15
nic = servers(x0 + 7, 330)
leaves = [(x0 + 75, 240), (x0 + 225, 240)]
spines = [(x0 + 75, 120), (x0 + 225, 120)]
for s in range(4):
    lx, ly = leaves[s // 2]
    for n in range(4):
        cx, cy = nic[s][n]
        line(cx, cy, lx, ly + 14, RAIL[n], 1.2)
for lx, ly in leaves:
    for sx, sy in spines:
        line(lx, ly - 14, sx, sy + 14, "#64748b", 1.8)
for i, (lx, ly) in enumerate(leaves):
    rect(lx - 45, ly - 14, 90, 28, "#bbf7d0", "#15803d", 5)
    text(lx, ly + 5, f"叶 {i + 1}", 12)
for i, (sx, sy) in enumerate(spines):
    rect(sx - 45, sy - 14, 90, 28, "#fde68a", "#b45309", 5)
    text(sx, sy + 5, f"脊 {i + 1}", 12)
text(x0 + 150, 405, "一台服务器的全部网卡接同一台叶", 12)
text(x0 + 150, 425, "跨叶的两台服务器：叶—脊—叶 3 跳", 12)
text(x0 + 150, 445, "优点：柜内铜缆短；缺点：多数服务器对要过脊", 11, color="#475569")

# (b) 多轨：每个网卡号一台叶，叶连共享脊
x0 = 335
nic = servers(x0 + 7, 330)
leaves = [(x0 + 38 + i * 75, 240) for i in range(4)]
spines = [(x0 + 75, 120), (x0 + 225, 120)]
for s in range(4):
    for n in range(4):
        cx, cy = nic[s][n]
        lx, ly = leaves[n]
        line(cx, cy, lx, ly + 14, RAIL[n], 1.2)
for lx, ly in leaves:
    for sx, sy in spines:
        line(lx, ly - 14, sx, sy + 14, "#64748b", 1.8)
for i, (lx, ly) in enumerate(leaves):
    rect(lx - 33, ly - 14, 66, 28, "#bbf7d0", RAIL[i], 5, 2.5)
    text(lx, ly + 5, f"轨 {i}", 12)
for i, (sx, sy) in enumerate(spines):
    rect(sx - 45, sy - 14, 90, 28, "#fde68a", "#b45309", 5)
    text(sx, sy + 5, f"脊 {i + 1}", 12)
text(x0 + 150, 405, "各服务器的 i 号网卡接 i 号叶（第 i 条轨）", 12)
text(x0 + 150, 425, "同号 GPU 之间只隔 1 台叶交换机", 12)
text(x0 + 150, 445, "跨轨流量先走 NVLink 换到目标轨（PXN）", 11, color="#475569")

# (c) 多平面：每条轨有自己的脊，平面之间不相连
x0 = 655
nic = servers(x0 + 7, 330)
leaves = [(x0 + 38 + i * 75, 240) for i in range(4)]
for s in range(4):
    for n in range(4):
        cx, cy = nic[s][n]
        lx, ly = leaves[n]
        line(cx, cy, lx, ly + 14, RAIL[n], 1.2)
for i, (lx, ly) in enumerate(leaves):
    sx, sy = lx, 120
    line(lx, ly - 14, sx, sy + 14, RAIL[i], 3)
    rect(sx - 33, sy - 14, 66, 28, "#fde68a", RAIL[i], 5, 2.5)
    text(sx, sy + 5, f"平面{i}脊", 11)
    rect(lx - 33, ly - 14, 66, 28, "#bbf7d0", RAIL[i], 5, 2.5)
    text(lx, ly + 5, f"平面{i}叶", 11)
text(x0 + 150, 75, "每个平面是一张独立的两层胖树", 12)
text(x0 + 150, 93, "平面之间没有任何交换机相连", 12)
text(x0 + 150, 405, "i 号网卡只属于平面 i", 12)
text(x0 + 150, 425, "规模 = 平面数 × 单平面端点数，仍只有 3 跳", 12)
text(x0 + 150, 445, "跨平面流量必须在服务器内转发", 11, color="#475569")
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
