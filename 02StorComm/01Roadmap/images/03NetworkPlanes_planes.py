"""生成 03NetworkPlanes_planes.svg：一台 8 卡服务器（以 DGX B200 为例）与四张网络平面的连接。运行：python 本文件。"""

W, H = 960, 520
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


# 服务器外框
rect(20, 40, 400, 450, "#f8fafc", "#64748b", 12)
text(220, 68, "一台 8 卡服务器（以 DGX B200 为例）", 16, weight="bold")
# GPU 与 NVSwitch
rect(40, 85, 360, 120, "#ede9fe", "#7c3aed", 8)
text(220, 105, "节点内 Scale-up：8 颗 GPU 经 NVSwitch 全互联（NVLink）", 13)
for i in range(8):
    rect(52 + i * 43, 118, 36, 30, "#ddd6fe", "#7c3aed", 4)
    text(70 + i * 43, 138, f"G{i}", 12)
rect(120, 165, 200, 28, "#c4b5fd", "#6d28d9", 4)
text(220, 184, "NVSwitch", 13)
# CPU
rect(40, 220, 360, 40, "#fef9c3", "#a16207", 8)
text(220, 245, "2 颗 CPU、内存、本地 NVMe（PCIe 连接 GPU 与各网卡）", 13)
# 网卡
compute_c, storage_c, inband_c, oob_c = "#2563eb", "#16a34a", "#d97706", "#6b7280"
for i in range(8):
    rect(42 + i * 44, 280, 40, 40, "#dbeafe", compute_c, 4)
    text(62 + i * 44, 298, "CX-7", 10)
    text(62 + i * 44, 312, "400G", 10)
text(220, 338, "8 块 ConnectX-7：每颗 GPU 一块，计算网络专用", 12, color=compute_c)
rect(60, 355, 150, 44, "#dcfce7", storage_c, 4)
text(135, 374, "BlueField-3 #1", 12)
text(135, 391, "双端口", 11)
rect(230, 355, 150, 44, "#dcfce7", storage_c, 4)
text(305, 374, "BlueField-3 #2", 12)
text(305, 391, "双端口", 11)
text(220, 418, "2 块 BlueField-3：存储与带内管理（每块卡最高 400G）", 12, color=storage_c)
rect(150, 435, 140, 34, "#f3f4f6", oob_c, 4)
text(220, 457, "BMC（1 GbE RJ45）", 12)

# 右侧四张网络
nets = [
    (
        85,
        "计算网络（后端，东西向）",
        "InfiniBand 或 RoCE；多轨叶脊、1:1 无阻塞",
        "集合通信：AllReduce、All-to-All 等",
        compute_c,
        "#eff6ff",
    ),
    (205, "存储网络", "以太网或 InfiniBand；RDMA 存储协议", "读训练数据、写/读检查点", storage_c, "#f0fdf4"),
    (
        325,
        "带内管理 / 业务网络（前端，南北向）",
        "以太网 TCP/IP，可有收敛",
        "调度、登录、镜像、日志、NCCL 引导",
        inband_c,
        "#fffbeb",
    ),
    (445, "带外管理网络", "1 GbE 以太网，独立交换机", "上下电、固件、传感器、远程控制台", oob_c, "#f9fafb"),
]
for y, title, l1, l2, c, bg in nets:
    rect(540, y - 45, 400, 92, bg, c, 10, 2)
    text(740, y - 20, title, 15, weight="bold", color=c)
    text(740, y + 4, l1, 12)
    text(740, y + 26, l2, 12)
# 连线
for i in range(8):
    line(62 + i * 44, 280, 540, 85 + (i - 3.5) * 6, compute_c, 1.4)
line(210, 370, 540, 200, storage_c, 2)
line(380, 370, 540, 210, storage_c, 2)
line(210, 385, 540, 320, inband_c, 2, "6,3")
line(380, 385, 540, 330, inband_c, 2, "6,3")
line(290, 452, 540, 445, oob_c, 2)
text(480, 505, "带宽配比（每台服务器）：计算 3,200 Gb/s ∶ 存储与带内 最高 800 Gb/s ∶ 带外 1 Gb/s", 13, weight="bold")
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
