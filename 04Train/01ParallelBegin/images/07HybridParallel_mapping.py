"""生成 07HybridParallel_mapping.svg：TP=8、DP=32、PP=4 在 128 台 8 卡服务器上的映射。"""

from pathlib import Path

W, H = 960, 560
RAIL = ["#60a5fa", "#f59e0b", "#34d399", "#f472b6", "#a78bfa", "#f87171", "#2dd4bf", "#facc15"]
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>3D 并行到集群拓扑的映射</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    '<defs><marker id="ah" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto">'
    '<path d="M0,0 L10,4 L0,8 z" fill="#b91c1c"/></marker></defs>',
    f'<text x="{W // 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "1024 张卡上的 TP=8 × DP=32 × PP=4：通信越密，放得越近</text>",
]
for stage in range(4):
    y0 = 50 + stage * 118
    out.append(f'<rect x="20" y="{y0}" width="760" height="104" rx="8" fill="#f9fafb" stroke="#6b7280"/>')
    out.append(
        f'<text x="32" y="{y0 + 20}" font-size="14" font-weight="bold" fill="#1f2937">流水线阶段 {stage}：第 {stage * 32}–{stage * 32 + 31} 台服务器（一个 SU，256 卡，20 层）</text>'
    )
    for k, label in enumerate(["服务器 0", "服务器 1", "服务器 2", "…", "服务器 31"]):
        x = 40 + k * 148
        if label == "…":
            out.append(f'<text x="{x + 60}" y="{y0 + 66}" font-size="22" text-anchor="middle" fill="#6b7280">…</text>')
            continue
        out.append(f'<rect x="{x}" y="{y0 + 30}" width="128" height="64" rx="5" fill="#ffffff" stroke="#374151"/>')
        out.append(
            f'<text x="{x + 64}" y="{y0 + 46}" font-size="11" text-anchor="middle" fill="#374151">{label} · TP 组</text>'
        )
        for g in range(8):
            out.append(
                f'<rect x="{x + 6 + g * 15}" y="{y0 + 56}" width="13" height="28" fill="{RAIL[g]}" stroke="#374151" stroke-width="0.5"/>'
            )
    # DP 组：同一本地编号（轨道）的卡
    yl = y0 + 98
    out.append(
        f'<line x1="52" y1="{yl}" x2="680" y2="{yl}" stroke="{RAIL[0]}" stroke-width="2.5" stroke-dasharray="6 3"/>'
    )
if True:
    for stage in range(3):
        y = 50 + stage * 118 + 104
        out.append(
            f'<line x1="820" y1="{y - 40}" x2="820" y2="{y + 54}" stroke="#b91c1c" stroke-width="2" marker-end="url(#ah)"/>'
        )
    out.append('<text x="832" y="150" font-size="13" fill="#b91c1c">PP：相邻阶段</text>')
    out.append('<text x="832" y="168" font-size="13" fill="#b91c1c">点对点传激活</text>')
    out.append('<text x="832" y="186" font-size="13" fill="#b91c1c">跨 SU、流量小</text>')
out.append(
    '<text x="20" y="538" font-size="13" fill="#374151">每种颜色是服务器内的一个本地编号，也是一条网络轨道。虚线：DP 组由 32 台服务器上同号的卡组成，梯度同步只经过本轨道的叶交换机；</text>'
)
out.append(
    '<text x="20" y="556" font-size="13" fill="#374151">TP 组是一台服务器的 8 张卡，走 NVLink；PP 在 4 个 SU 之间传激活。</text>'
)
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
