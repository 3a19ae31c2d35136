"""Generate 01StorageChallenge_patterns.svg: I/O patterns of the three workloads over time (schematic).

Run from this directory: python3 01StorageChallenge_patterns.py
"""

W, H = 960, 470
X0, X1 = 200, 920
ROWS = [
    ("训练数据读取", "持续、以读为主；|多模态时带宽高、小文件多", "#2563eb"),
    ("检查点写入", "周期性突发写，|写完前训练可能停顿", "#dc2626"),
    ("推理 KV Cache", "随请求到达的随机读写，|对延迟敏感", "#7c3aed"),
]
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>三类负载的存储访问模式示意</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="34" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "大模型的三类存储负载：带宽随时间的变化（示意）</text>",
]
for i, (name, note, colour) in enumerate(ROWS):
    base = 150 + i * 120
    out.append(f'<text x="20" y="{base - 40}" font-size="16" font-weight="bold" fill="{colour}">{name}</text>')
    out.append(f'<text x="20" y="{base - 18}" font-size="12" fill="#4b5563">{note.split("|")[0]}</text>')
    out.append(f'<text x="20" y="{base}" font-size="12" fill="#4b5563">{note.split("|")[1]}</text>')
    out.append(f'<line x1="{X0}" y1="{base}" x2="{X1}" y2="{base}" stroke="#9ca3af"/>')
    if i == 0:  # 平稳的读带宽，轻微起伏
        pts = [f"{X0 + k * 12},{base - 38 - (6 if k % 5 == 0 else 0) - (3 if k % 3 == 0 else 0)}" for k in range(61)]
        out.append(
            f'<polyline points="{X0},{base} {" ".join(pts)} {X1},{base}" fill="{colour}" fill-opacity="0.35" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    elif i == 1:  # 周期性尖峰
        for k in range(4):
            x = X0 + 60 + k * 180
            out.append(f'<rect x="{x}" y="{base - 80}" width="18" height="80" fill="{colour}" fill-opacity="0.8"/>')
        out.append(
            f'<text x="{X0 + 60 + 9 + 90}" y="{base - 60}" font-size="12" text-anchor="middle" fill="#4b5563">'
            "间隔 τ</text>"
        )
        out.append(
            f'<line x1="{X0 + 78}" y1="{base - 50}" x2="{X0 + 240}" y2="{base - 50}" stroke="#4b5563" '
            'stroke-dasharray="4 3"/>'
        )
    else:  # 随机的小尖峰
        heights = [
            20,
            45,
            12,
            60,
            30,
            8,
            52,
            25,
            40,
            15,
            70,
            35,
            18,
            48,
            28,
            10,
            55,
            22,
            38,
            14,
            62,
            30,
            16,
            44,
            26,
            50,
            12,
            36,
            58,
            20,
        ]
        for k, h in enumerate(heights):
            out.append(
                f'<rect x="{X0 + 6 + k * 24}" y="{base - h}" width="10" height="{h}" fill="{colour}" fill-opacity="0.7"/>'
            )
out.append(f'<line x1="{X0}" y1="{H - 60}" x2="{X1}" y2="{H - 60}" stroke="#374151" marker-end="url(#a)"/>')
out.append(
    '<defs><marker id="a" markerWidth="10" markerHeight="10" refX="8" refY="3" orient="auto">'
    '<path d="M0,0 L8,3 L0,6 z" fill="#374151"/></marker></defs>'
)
out.append(f'<text x="{(X0 + X1) / 2}" y="{H - 36}" font-size="14" text-anchor="middle" fill="#1f2937">时间</text>')
out.append(
    f'<text x="{W - 20}" y="{H - 12}" font-size="12" text-anchor="end" fill="#4b5563">'
    "纵向高度表示存储带宽需求，仅示意相对形态，不按比例</text>"
)
out.append("</svg>")
with open("01StorageChallenge_patterns.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
