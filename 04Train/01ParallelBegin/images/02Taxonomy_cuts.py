"""生成 02Taxonomy_cuts.svg：六种并行方式分别切分数据、模型的哪一部分（4 张卡，颜色表示归属）。"""

from pathlib import Path

GPU = ["#60a5fa", "#f59e0b", "#34d399", "#f472b6"]  # GPU0..3
REP = "#e5e7eb"  # 每卡都有一份（复制）
W, H = 960, 560


def data_cells(kind):
    return [GPU[i] for i in range(4)] if kind == "split" else [REP] * 4


def model_cells(kind):
    if kind == "rep":
        return [[REP] * 4 for _ in range(4)]
    if kind == "col":
        return [[GPU[c] for c in range(4)] for _ in range(4)]
    if kind == "row":
        return [[GPU[r]] * 4 for r in range(4)]
    if kind == "moe":  # 每层前两格是注意力（复制），后两格是专家（按卡分）
        return [[REP, REP, GPU[(2 * r) % 4], GPU[(2 * r + 1) % 4]] for r in range(4)]
    raise ValueError(kind)


PANELS = [
    ("数据并行（DP）", "split", "rep", "切批次；每卡一份完整模型", "通信：每步 AllReduce 梯度"),
    ("ZeRO / FSDP", "split", "col", "切批次；模型状态分片存放", "通信：AllGather 参数 + ReduceScatter 梯度"),
    ("张量并行（TP）", "rep", "col", "同一批数据；每层矩阵按行/列切", "通信：每层前向、反向各有集合通信"),
    ("流水线并行（PP）", "rep", "row", "同一批数据分成微批次；按层切", "通信：相邻阶段点对点传激活"),
    ("序列/上下文并行（SP/CP）", "split", "rep", "切序列维的激活；模型复制", "通信：注意力交换 K/V 或 AllGather"),
    ("专家并行（EP）", "split", "moe", "切批次；MoE 专家分到不同卡", "通信：All-to-All 分发与收回 token"),
]
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>六种并行方式的切分对象</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W // 2}" y="30" font-size="19" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "按切分对象看并行：颜色表示存放在哪张卡上，灰色表示每张卡都有一份</text>",
]
for k, (title, dkind, mkind, note1, note2) in enumerate(PANELS):
    px, py = 20 + (k % 3) * 313, 50 + (k // 3) * 235
    out.append(f'<rect x="{px}" y="{py}" width="300" height="222" rx="8" fill="#f9fafb" stroke="#9ca3af"/>')
    out.append(
        f'<text x="{px + 150}" y="{py + 24}" font-size="16" text-anchor="middle" font-weight="bold" fill="#1f2937">{title}</text>'
    )
    out.append(f'<text x="{px + 30}" y="{py + 48}" font-size="12" text-anchor="middle" fill="#4b5563">数据</text>')
    for i, c in enumerate(data_cells(dkind)):
        out.append(
            f'<rect x="{px + 18}" y="{py + 56 + i * 26}" width="24" height="24" fill="{c}" stroke="#374151" stroke-width="0.6"/>'
        )
    out.append(
        f'<text x="{px + 175}" y="{py + 48}" font-size="12" text-anchor="middle" fill="#4b5563">模型（4 层 × 每层 4 块）</text>'
    )
    for r, row in enumerate(model_cells(mkind)):
        for c, col in enumerate(row):
            out.append(
                f'<rect x="{px + 95 + c * 40}" y="{py + 56 + r * 26}" width="38" height="24" fill="{col}" stroke="#374151" stroke-width="0.6"/>'
            )
    out.append(
        f'<text x="{px + 150}" y="{py + 182}" font-size="12.5" text-anchor="middle" fill="#1f2937">{note1}</text>'
    )
    out.append(
        f'<text x="{px + 150}" y="{py + 204}" font-size="12.5" text-anchor="middle" fill="#b91c1c">{note2}</text>'
    )
lx = 250
for i, c in enumerate(GPU + [REP]):
    label = f"GPU{i}" if i < 4 else "每卡复制"
    out.append(
        f'<rect x="{lx + i * 100}" y="532" width="18" height="18" fill="{c}" stroke="#374151" stroke-width="0.6"/>'
    )
    out.append(f'<text x="{lx + i * 100 + 24}" y="546" font-size="13" fill="#1f2937">{label}</text>')
out.append("</svg>")
Path(__file__).with_suffix(".svg").write_text("\n".join(out) + "\n", encoding="utf-8")
