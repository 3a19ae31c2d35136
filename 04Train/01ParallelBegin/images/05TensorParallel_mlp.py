"""生成 05TensorParallel_mlp.svg：Megatron-LM 的 MLP 与注意力张量并行切分（t = 2）。"""

from pathlib import Path

W, H = 960, 500
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>Megatron-LM 张量并行的 MLP 与注意力切分</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    '<defs><marker id="ar" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto">'
    '<path d="M0,0 L10,4 L0,8 z" fill="#374151"/></marker></defs>',
    f'<text x="{W // 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "Megatron-LM 张量并行（t = 2）：先列切、后行切，每块只在末尾规约一次</text>",
]


def box(x, y, w, h, text, fill, sub=None):
    out.append(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#374151" stroke-width="0.8"/>'
    )
    ty = y + h / 2 + (0 if sub else 5)
    out.append(f'<text x="{x + w / 2}" y="{ty}" font-size="14" text-anchor="middle" fill="#111827">{text}</text>')
    if sub:
        out.append(
            f'<text x="{x + w / 2}" y="{ty + 18}" font-size="12" text-anchor="middle" fill="#374151">{sub}</text>'
        )


def arrow(x1, y1, x2, y2):
    out.append(
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#374151" stroke-width="1.4" marker-end="url(#ar)"/>'
    )


def row(y0, title, first, mid, second):
    out.append(f'<text x="30" y="{y0}" font-size="16" font-weight="bold" fill="#1f2937">{title}</text>')
    box(30, y0 + 70, 80, 50, "X", "#e5e7eb", "完整输入")
    arrow(110, y0 + 95, 137, y0 + 95)
    box(140, y0 + 75, 40, 40, "f", "#fde68a")
    for k, (dy, fill) in enumerate([(20, "#bfdbfe"), (130, "#fbcfe8")]):
        y = y0 + dy
        arrow(180, y0 + 95, 225, y + 25)
        box(230, y, 150, 50, first[k], fill, "按列切")
        arrow(380, y + 25, 415, y + 25)
        box(420, y, 130, 50, mid, fill, "本卡独立")
        arrow(550, y + 25, 585, y + 25)
        box(590, y, 150, 50, second[k], fill, "按行切")
        arrow(740, y + 25, 775, y0 + 95)
        out.append(f'<text x="880" y="{y + 30}" font-size="13" text-anchor="middle" fill="#374151">GPU{k}</text>')
    box(780, y0 + 75, 40, 40, "g", "#fca5a5")
    arrow(820, y0 + 95, 845, y0 + 95)
    out.append(f'<text x="850" y="{y0 + 100}" font-size="14" fill="#111827">Z</text>')


row(60, "MLP：Z = GeLU(XA)·B", ["X·A₁", "X·A₂"], "GeLU", ["Y₁·B₁", "Y₂·B₂"])
row(
    270,
    "自注意力：按注意力头切 Q、K、V，输出投影按行切",
    ["头 1…a/2 的 QKV", "头 a/2+1…a 的 QKV"],
    "注意力",
    ["输出投影 O₁", "输出投影 O₂"],
)
out.append(
    '<text x="30" y="480" font-size="13" fill="#374151">f：前向恒等、反向 AllReduce；g：前向 AllReduce、反向恒等。每层前向 2 次、反向 2 次 AllReduce，每次规约 s·b·h 个元素。</text>'
)
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
