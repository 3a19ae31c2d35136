"""生成 01Overview_memory.svg：7B 模型单卡训练时的显存构成与 80 GB 显存线。"""

from pathlib import Path

N = 7e9
s, b, h, a, L = 4096, 1, 4096, 32, 32
parts = [
    ("BF16 权重", N * 2, "#93c5fd"),
    ("BF16 梯度", N * 2, "#60a5fa"),
    ("FP32 主权重", N * 4, "#fcd34d"),
    ("FP32 一阶动量", N * 4, "#fbbf24"),
    ("FP32 二阶动量", N * 4, "#f59e0b"),
]
act_linear = 34 * s * b * h * L
act_quad = 5 * a * s * s * b * L
W, H = 960, 420
x0, scale = 250, 4.5  # 每 GB 4.5 像素
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>7B 模型单卡训练的显存构成</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W // 2}" y="32" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "7B 模型在单卡上训练需要多少显存（序列 4096，微批次 1）</text>",
]


def bar(y, label, segs):
    out.append(f'<text x="{x0 - 10}" y="{y + 28}" font-size="15" text-anchor="end" fill="#1f2937">{label}</text>')
    x = x0
    for name, gb, color in segs:
        w = gb * scale
        out.append(
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="44" fill="{color}" stroke="#374151" stroke-width="0.8"/>'
        )
        if w > 40:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 20}" font-size="12" text-anchor="middle" fill="#111827">{name}</text>'
            )
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 37}" font-size="12" text-anchor="middle" fill="#111827">{gb:.0f} GB</text>'
            )
        x += w
    total = sum(g for _, g, _ in segs)
    out.append(f'<text x="{x + 8:.1f}" y="{y + 28}" font-size="14" fill="#1f2937">合计 {total:.0f} GB</text>')


states = [(n, v / 1e9, c) for n, v, c in parts]
bar(70, "模型状态", states)
bar(
    150,
    "激活（无 FlashAttention）",
    [("34sbh·L", act_linear / 1e9, "#86efac"), ("注意力分数 5as²b·L", act_quad / 1e9, "#f87171")],
)
bar(230, "激活（有 FlashAttention）", [("34sbh·L", act_linear / 1e9, "#86efac")])
line_x = x0 + 80 * scale
out.append(
    f'<line x1="{line_x}" y1="55" x2="{line_x}" y2="300" stroke="#dc2626" stroke-width="2.5" stroke-dasharray="8 5"/>'
)
out.append(f'<text x="{line_x}" y="320" font-size="14" text-anchor="middle" fill="#dc2626">单卡 80 GB</text>')
out.append(
    '<text x="40" y="360" font-size="14" fill="#374151">模型状态按每参数 16 字节计（混合精度 + Adam）；激活按 Korthikanti 等（2022）的每层 sbh(34 + 5as/h) 字节计，</text>'
)
out.append(
    '<text x="40" y="384" font-size="14" fill="#374151">形状取 s = 4096、h = 4096、a = 32、L = 32。仅模型状态已超过 80 GB，还未计入临时缓冲与碎片。</text>'
)
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
