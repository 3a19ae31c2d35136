"""生成 06RoCE_stack.svg：InfiniBand、RoCEv2 与 TCP/IP 协议栈及 RoCEv2 报文封装对比。运行：python 本文件。"""

W, H = 960, 500
o = []
a = o.append
a(
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="Noto Sans CJK SC, sans-serif">'
)
a(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')


def rect(x, y, w, h, fill, stroke, rx=5, sw=1.5):
    a(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>')


def text(x, y, s, size=13, anchor="middle", weight="normal", color="#1f2937"):
    a(
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" fill="{color}">{s}</text>'
    )


text(480, 30, "三种协议栈：RoCEv2 保留 InfiniBand 的传输层，把下面换成以太网与 IP", 16, weight="bold")
cols = [(170, "InfiniBand"), (480, "RoCEv2"), (790, "TCP/IP（对照）")]
hw = "#dcfce7"
sw_ = "#fef9c3"
rows = [
    ("应用 / 通信库（NCCL 等）", ["#f3f4f6"] * 3),
]
layers = {
    "InfiniBand": [
        ("verbs 接口", "#ede9fe"),
        ("IB 传输层（BTH，RC/UD）", hw),
        ("IB 网络层（GRH，可选）", hw),
        ("IB 链路层（LRH、信用流控）", hw),
        ("IB 物理层", hw),
    ],
    "RoCEv2": [
        ("verbs 接口", "#ede9fe"),
        ("IB 传输层（BTH，RC/UD）", hw),
        ("UDP（目的端口 4791）+ IP", hw),
        ("以太网链路层（PFC、ECN）", hw),
        ("以太网物理层", hw),
    ],
    "TCP/IP（对照）": [
        ("套接字接口", "#ede9fe"),
        ("TCP（内核）", sw_),
        ("IP（内核）", sw_),
        ("以太网链路层", hw),
        ("以太网物理层", hw),
    ],
}
for cx, name in cols:
    text(cx, 62, name, 15, weight="bold")
    rect(cx - 130, 72, 260, 34, "#f3f4f6", "#6b7280")
    text(cx, 94, "应用 / 通信库（NCCL 等）", 13)
    for i, (lab, color) in enumerate(layers[name]):
        y = 112 + i * 40
        rect(cx - 130, y, 260, 34, color, "#6b7280")
        text(cx, y + 22, lab, 13)
# 图例
rect(140, 322, 18, 14, hw, "#6b7280", 2, 1)
text(164, 334, "在网卡硬件中实现", 12, anchor="start")
rect(320, 322, 18, 14, sw_, "#6b7280", 2, 1)
text(344, 334, "在操作系统内核中实现", 12, anchor="start")
rect(520, 322, 18, 14, "#ede9fe", "#6b7280", 2, 1)
text(544, 334, "用户态编程接口", 12, anchor="start")
# 报文
text(480, 375, "一个 RoCEv2 数据包（字节数）", 15, weight="bold")
fields = [
    ("以太网头", 14, "#e0f2fe"),
    ("IPv4", 20, "#e0f2fe"),
    ("UDP", 8, "#e0f2fe"),
    ("BTH", 12, "#ede9fe"),
    ("载荷（路径 MTU 最大 4096）", 0, "#fef3c7"),
    ("ICRC", 4, "#ede9fe"),
    ("FCS", 4, "#e0f2fe"),
]
x = 60
widths = [90, 80, 60, 70, 330, 60, 60]
for (lab, nbytes, color), w in zip(fields, widths, strict=True):
    rect(x, 390, w, 44, color, "#475569", 3)
    text(x + w / 2, 410, lab, 12)
    if nbytes:
        text(x + w / 2, 427, f"{nbytes}", 12, color="#475569")
    x += w
text(
    480,
    462,
    "以太网 + IP + UDP 外壳约 46 字节，InfiniBand 传输头（BTH）与校验（ICRC）16 字节；UDP 源端口随连接变化，为 ECMP 提供哈希熵",
    12,
)
text(480, 484, "原生 InfiniBand 则是 LRH 8 + BTH 12 + ICRC 4 + VCRC 2 = 26 字节", 12)
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
