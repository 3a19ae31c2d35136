"""Generate 02DeepSpeed_placement.svg: where ZeRO-3, ZeRO-Offload and ZeRO-Infinity keep model states.

Run from this directory: python3 02DeepSpeed_placement.py  (standard library only)
"""

W, H = 960, 500
TIERS = [("GPU 显存（HBM）", 80), ("CPU 内存（DRAM）", 210), ("NVMe 固态盘", 340)]
COLS = [
    (
        "ZeRO-3",
        [
            (0, "BF16 参数分片", "#93c5fd"),
            (0, "梯度分片", "#fde68a"),
            (0, "FP32 主权重+动量分片", "#fca5a5"),
        ],
    ),
    (
        "ZeRO-Offload（基于 ZeRO-2）",
        [
            (0, "BF16 参数（完整）", "#93c5fd"),
            (1, "梯度分片", "#fde68a"),
            (1, "FP32 主权重+动量分片", "#fca5a5"),
            (1, "CPU 上执行 Adam", "#e5e7eb"),
        ],
    ),
    (
        "ZeRO-Infinity（基于 ZeRO-3）",
        [
            (0, "当前层参数（按需取回）", "#bfdbfe"),
            (1, "BF16 参数分片", "#93c5fd"),
            (1, "梯度分片", "#fde68a"),
            (2, "FP32 主权重+动量分片", "#fca5a5"),
            (2, "（也可放参数分片）", "#e5e7eb"),
        ],
    ),
]
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>ZeRO-3、ZeRO-Offload 与 ZeRO-Infinity 的模型状态放置</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "模型状态放在哪一层存储：ZeRO-3、ZeRO-Offload、ZeRO-Infinity</text>",
]
for name, y in TIERS:
    out.append(f'<rect x="20" y="{y}" width="{W - 40}" height="120" rx="8" fill="#f9fafb" stroke="#9ca3af"/>')
    out.append(f'<text x="34" y="{y + 66}" font-size="15" fill="#374151">{name}</text>')
col_x = [180, 430, 680]
for (title, items), x in zip(COLS, col_x, strict=True):
    out.append(
        f'<text x="{x + 120}" y="68" font-size="15" text-anchor="middle" font-weight="bold" '
        f'fill="#1f2937">{title}</text>'
    )
    slot = {0: 0, 1: 0, 2: 0}
    for tier, label, color in items:
        y = TIERS[tier][1] + 10 + slot[tier] * 36
        slot[tier] += 1
        out.append(f'<rect x="{x}" y="{y}" width="240" height="30" rx="5" fill="{color}" stroke="#4b5563"/>')
        out.append(
            f'<text x="{x + 120}" y="{y + 20}" font-size="13" text-anchor="middle" fill="#111827">{label}</text>'
        )
out.append(
    '<text x="40" y="485" font-size="13" fill="#374151">越往下容量越大、带宽越低：'
    "HBM 每卡数 TB/s，PCIe 每卡数十 GB/s，NVMe 每盘数 GB/s；Offload 的代价是每步在 PCIe 上搬运梯度与参数。</text>"
)
out.append("</svg>")
with open("02DeepSpeed_placement.svg", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
