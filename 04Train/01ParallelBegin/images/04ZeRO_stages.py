"""生成 04ZeRO_stages.svg：4 张卡上 DDP 与 ZeRO 三个阶段的模型状态分布。"""

from pathlib import Path

W, H = 960, 560
U = 10  # 每“Ψ 字节”10 像素：参数 2Ψ、梯度 2Ψ、优化器状态 12Ψ
ITEMS = [("参数", 2, "#60a5fa"), ("梯度", 2, "#f59e0b"), ("优化器", 12, "#34d399")]
STAGES = [
    ("DDP 基线", set(), "16Ψ", "120 GB"),
    ("ZeRO-1：切优化器状态", {"优化器"}, "4Ψ + 12Ψ/N", "31.4 GB"),
    ("ZeRO-2：再切梯度", {"优化器", "梯度"}, "2Ψ + 14Ψ/N", "16.6 GB"),
    ("ZeRO-3：再切参数", {"优化器", "梯度", "参数"}, "16Ψ/N", "1.9 GB"),
]
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>ZeRO 三个阶段的模型状态分布</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W // 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "ZeRO 的三个阶段：每张卡实际保存的模型状态（实色），N = 4</text>",
]
for g in range(4):
    out.append(
        f'<text x="{230 + g * 180 + 80}" y="62" font-size="14" text-anchor="middle" fill="#374151">GPU{g}</text>'
    )
for s, (name, sharded, formula, example) in enumerate(STAGES):
    y0 = 75 + s * 112
    out.append(f'<text x="20" y="{y0 + 40}" font-size="15" font-weight="bold" fill="#1f2937">{name}</text>')
    out.append(f'<text x="20" y="{y0 + 64}" font-size="14" fill="#b91c1c">每卡 {formula}</text>')
    out.append(f'<text x="20" y="{y0 + 86}" font-size="13" fill="#4b5563">7.5B、N=64 时 {example}</text>')
    for g in range(4):
        x0 = 230 + g * 180
        out.append(f'<rect x="{x0}" y="{y0}" width="170" height="100" rx="6" fill="#f9fafb" stroke="#9ca3af"/>')
        for i, (item, units, color) in enumerate(ITEMS):
            y = y0 + 10 + i * 30
            full = units * U
            out.append(f'<text x="{x0 + 6}" y="{y + 15}" font-size="11" fill="#374151">{item}</text>')
            bx = x0 + 40
            if item in sharded:
                out.append(
                    f'<rect x="{bx}" y="{y}" width="{full}" height="20" fill="none" stroke="#d1d5db" stroke-dasharray="3 2"/>'
                )
                out.append(
                    f'<rect x="{bx + g * full / 4:.1f}" y="{y}" width="{full / 4:.1f}" height="20" fill="{color}" stroke="#374151" stroke-width="0.6"/>'
                )
            else:
                out.append(
                    f'<rect x="{bx}" y="{y}" width="{full}" height="20" fill="{color}" stroke="#374151" stroke-width="0.6"/>'
                )
out.append(
    '<text x="20" y="540" font-size="13" fill="#374151">条长按字节比例：BF16 参数 2Ψ、BF16 梯度 2Ψ、FP32 主权重与 Adam 两份动量共 12Ψ；虚线框是由其他卡保存的部分。</text>'
)
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
