"""生成 04ScaleUp_topology.svg：8 卡服务器内部的 NVLink/NVSwitch 与 PCIe 拓扑示意。运行：python 本文件。"""

W, H = 960, 560
o = []
a = o.append
a(
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="Noto Sans CJK SC, sans-serif">'
)
a(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')


def rect(x, y, w, h, fill, stroke, rx=6, sw=1.5):
    a(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>')


def text(x, y, s, size=13, anchor="middle", weight="normal", color="#1f2937"):
    a(
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" fill="{color}">{s}</text>'
    )


def line(x1, y1, x2, y2, c, w=2, dash=None):
    d = f' stroke-dasharray="{dash}"' if dash else ""
    a(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{c}" stroke-width="{w}"{d}/>')


nv, pcie, rdma, bad = "#7c3aed", "#2563eb", "#16a34a", "#dc2626"
text(480, 30, "一台 8 卡服务器的内部：NVLink 负责 GPU 之间，PCIe 负责 GPU、网卡与 CPU 之间", 16, weight="bold")
# NVSwitch 层
rect(250, 55, 460, 40, "#ede9fe", nv, 8)
text(480, 80, "NVSwitch 芯片（H100 一代 4 颗，B200 一代 2 颗）", 13)
gx = [70 + i * 115 for i in range(8)]
for i, x in enumerate(gx):
    line(x + 25, 150, 480 + (x - 470) * 0.45, 95, nv, 3)
    rect(x, 150, 50, 44, "#ddd6fe", nv, 6)
    text(x + 25, 177, f"GPU{i}", 12)
text(125, 72, "每颗 GPU 18 条 NVLink", 12, color=nv)
text(125, 90, "分散接到所有 NVSwitch", 12, color=nv)
# PCIe 交换芯片
sx = [127, 357, 587, 817]
for j, x in enumerate(sx):
    rect(x - 60, 260, 120, 36, "#dbeafe", pcie, 6)
    text(x, 283, f"PCIe 交换芯片 {j}", 12)
    for k in range(2):
        gxx = gx[2 * j + k] + 25
        line(gxx, 194, x - 20 + 40 * k, 260, pcie, 2)
    # 两块网卡
    for k in range(2):
        nx = x - 62 + 74 * k
        rect(nx, 340, 50, 36, "#dcfce7", rdma, 6)
        text(nx + 25, 363, f"NIC{2 * j + k}", 12)
        line(nx + 25, 340, x - 20 + 40 * k, 296, pcie, 2)
# CPU
rect(150, 430, 200, 44, "#fef9c3", "#a16207", 8)
text(250, 457, "CPU 0（PCIe 根复合体）", 13)
rect(610, 430, 200, 44, "#fef9c3", "#a16207", 8)
text(710, 457, "CPU 1（PCIe 根复合体）", 13)
line(350, 452, 610, 452, "#a16207", 3)
text(480, 444, "CPU 间互联（UPI 等）", 12, color="#a16207")
for j, x in enumerate(sx):
    cx = 250 if j < 2 else 710
    tx = cx - 40 + 80 * (j % 2)
    a(f'<polyline points="{x},296 {x},400 {tx},415 {tx},430" fill="none" stroke="{pcie}" stroke-width="2.5"/>')
# 路径标注
a(f'<path d="M 88 194 Q 45 290 88 340" fill="none" stroke="{rdma}" stroke-width="3.5"/>')
rect(20, 490, 440, 58, "#f0fdf4", rdma, 8)
text(240, 512, "✔ GPU0 ↔ NIC0：同一颗 PCIe 交换芯片下（nvidia-smi 显示 PIX）", 12, color="#166534")
text(240, 534, "GPUDirect RDMA 数据不经过 CPU，也不占用上行链路", 12, color="#166534")
rect(500, 490, 440, 58, "#fef2f2", bad, 8)
text(720, 512, "✘ GPU0 ↔ NIC7：跨 CPU 插槽（nvidia-smi 显示 SYS）", 12, color="#991b1b")
text(720, 534, "要穿过两个根复合体和 CPU 间互联，带宽与时延都变差", 12, color="#991b1b")
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
