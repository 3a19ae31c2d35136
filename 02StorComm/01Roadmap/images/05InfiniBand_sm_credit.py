"""生成 05InfiniBand_sm_credit.svg：InfiniBand 子网管理与基于信用的链路层流控示意。运行：python 本文件。"""

W, H = 960, 480
o = []
a = o.append
a(
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="Noto Sans CJK SC, sans-serif">'
)
a(f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>')
a(
    '<defs><marker id="arr" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#374151"/></marker>'
    '<marker id="arrg" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#16a34a"/></marker>'
    '<marker id="arrb" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#2563eb"/></marker></defs>'
)


def rect(x, y, w, h, fill, stroke, rx=6, sw=1.5, dash=None):
    d = f' stroke-dasharray="{dash}"' if dash else ""
    a(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{d}/>'
    )


def text(x, y, s, size=13, anchor="middle", weight="normal", color="#1f2937"):
    a(
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" fill="{color}">{s}</text>'
    )


def arrow(x1, y1, x2, y2, c="#374151", w=2, m="arr", dash=None):
    d = f' stroke-dasharray="{dash}"' if dash else ""
    a(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{c}" stroke-width="{w}" marker-end="url(#{m})"{d}/>')


# 面板
rect(10, 10, 460, 460, "#f8fafc", "#cbd5e1", 10)
rect(490, 10, 460, 460, "#f8fafc", "#cbd5e1", 10)
text(240, 40, "(a) 子网管理：集中式的“控制面”", 17, weight="bold")
text(720, 40, "(b) 信用流控：先有信用，再发数据", 17, weight="bold")

# (a) SM
rect(150, 60, 180, 50, "#fef3c7", "#b45309", 8)
text(240, 82, "子网管理器 SM", 14, weight="bold")
text(240, 100, "（OpenSM / UFM，主备冗余）", 11)
sw = [(110, 210), (240, 210), (370, 210)]
for i, (x, y) in enumerate(sw):
    rect(x - 50, y - 20, 100, 40, "#dbeafe", "#2563eb", 6)
    text(x, y + 5, f"交换机 {i + 1}", 13)
    arrow(240, 110, x, y - 22, "#b45309", 1.6, "arr", "5,3")
hosts = [(60, 330), (130, 330), (200, 330), (280, 330), (350, 330), (420, 330)]
for j, (x, y) in enumerate(hosts):
    rect(x - 28, y - 16, 56, 32, "#dcfce7", "#16a34a", 6)
    text(x, y + 5, f"LID {j + 11}", 12)
    sx = sw[min(j // 2, 2)][0]
    a(f'<line x1="{x}" y1="{y - 16}" x2="{sx}" y2="230" stroke="#64748b" stroke-width="1.5"/>')
a('<line x1="160" y1="210" x2="190" y2="210" stroke="#64748b" stroke-width="1.5"/>')
a('<line x1="290" y1="210" x2="320" y2="210" stroke="#64748b" stroke-width="1.5"/>')
rect(88, 134, 304, 44, "#fffbeb", "#fcd34d", 6, 1)
text(240, 152, "① 扫描拓扑  ② 分配 LID  ③ 计算路由", 13, color="#92400e")
text(240, 171, "④ 把转发表（LFT）写进每台交换机", 13, color="#92400e")
text(240, 385, "主机网卡端口各有一个 LID（16 位本地地址）", 13)
text(240, 408, "数据转发只查表，不需要逐跳学习地址", 13)
text(240, 431, "SM 只在初始化和拓扑变化时参与，", 13)
text(240, 451, "不在数据路径上", 13)

# (b) credit
rect(520, 80, 140, 200, "#ede9fe", "#7c3aed", 8)
text(590, 104, "发送端口", 14, weight="bold")
text(590, 128, "可用信用：3", 13, color="#6d28d9")
for k in range(3):
    rect(545, 145 + k * 38, 90, 28, "#ddd6fe", "#7c3aed", 4)
    text(590, 164 + k * 38, f"待发数据包 {k + 1}", 12)
rect(790, 80, 140, 200, "#ecfeff", "#0891b2", 8)
text(860, 104, "接收端口缓冲", 14, weight="bold")
for k in range(5):
    filled = k < 2
    rect(815, 118 + k * 31, 90, 24, "#a5f3fc" if filled else "#ffffff", "#0891b2", 4, 1.2, None if filled else "4,3")
    text(860, 135 + k * 31, "已占用" if filled else "空闲 = 信用", 11)
arrow(665, 150, 785, 150, "#2563eb", 2.5, "arrb")
text(725, 140, "数据包", 12, color="#1d4ed8")
arrow(785, 230, 665, 230, "#16a34a", 2.5, "arrg")
text(725, 222, "信用更新", 12, color="#15803d")
text(725, 250, "（腾出缓冲后通告）", 11, color="#15803d")
text(720, 315, "接收端有多少空闲缓冲，就给发送端多少信用；", 13)
text(720, 338, "信用用完就停发，等待更新——缓冲永远不会溢出，", 13)
text(720, 361, "所以链路层不丢包（无损）。", 13)
text(720, 395, "要跑满线速，信用（缓冲）至少覆盖一个往返时间：", 13, weight="bold")
text(720, 418, "缓冲 ≥ 带宽 × 往返时延", 14, weight="bold", color="#7c2d12")
text(720, 446, "每个虚拟通道（VL）各自独立计算信用", 12)
a("</svg>")
open(__file__.replace(".py", ".svg"), "w", encoding="utf-8").write("\n".join(o) + "\n")
