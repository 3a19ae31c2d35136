"""Generate 02StorageHierarchy_tiers.svg: capacity and bandwidth per 8-GPU node for each storage tier (log scale).

Numbers are those of 02StorageHierarchy.md (DGX H100-class node; assumptions marked there).
Run from this directory: python3 02StorageHierarchy_tiers.py
"""

import math

TIERS = [  # 名称, 每节点可用容量 (GB), 每节点带宽 (GB/s), 说明
    ("GPU 显存 HBM", 640, 26800, "8 × 80 GB，8 × 3.35 TB/s"),
    ("主机内存 DRAM", 2000, 512, "2 TB；GPU 经 PCIe 访问，8 × 64 GB/s"),
    ("本地 NVMe SSD", 30720, 48, "8 × 3.84 TB，假设每盘 6 GB/s"),
    ("共享并行文件系统", 1e6, 50, "PB 级共享；单节点受网卡限制，约 50 GB/s"),
    ("共享（全部节点同时读）", 1e6, 1, "2 TB/s 平分给 2,048 台，约 1 GB/s"),
]
W, H = 960, 440
XL, XM, XR = 250, 560, 900  # 左列名称，中间容量条起点，右边界
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
    'font-family="Noto Sans CJK SC, sans-serif" role="img">',
    "<title>一台 8 卡服务器可用的各级存储：容量与带宽（对数坐标）</title>",
    f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    f'<text x="{W / 2}" y="32" font-size="20" text-anchor="middle" font-weight="bold" fill="#1f2937">'
    "一台 8 卡服务器看到的存储层次：越往下越大、越慢（对数坐标）</text>",
    f'<text x="{(XL + XM) / 2 + 20}" y="66" font-size="14" text-anchor="middle" fill="#059669">容量（GB）</text>',
    f'<text x="{(XM + XR) / 2 + 20}" y="66" font-size="14" text-anchor="middle" fill="#2563eb">带宽（GB/s）</text>',
]


def logw(v, lo, hi, width):
    return width * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))


for i, (name, cap, bw, note) in enumerate(TIERS):
    y = 90 + i * 66
    out.append(f'<text x="20" y="{y + 16}" font-size="15" font-weight="bold" fill="#1f2937">{name}</text>')
    out.append(f'<text x="20" y="{y + 36}" font-size="11" fill="#4b5563">{note}</text>')
    cw = logw(cap, 100, 1e7, XM - XL - 70)
    out.append(f'<rect x="{XL + 20}" y="{y}" width="{cw:.1f}" height="26" fill="#10b981" fill-opacity="0.75"/>')
    cap_txt = f"{cap / 1000:g} TB" if cap < 1e6 else "PB 级"
    out.append(f'<text x="{XL + 26 + cw:.1f}" y="{y + 18}" font-size="12" fill="#065f46">{cap_txt}</text>')
    bwid = logw(bw, 0.5, 5e4, XR - XM - 70)
    out.append(f'<rect x="{XM + 20}" y="{y}" width="{bwid:.1f}" height="26" fill="#3b82f6" fill-opacity="0.75"/>')
    bw_txt = f"{bw / 1000:g} TB/s" if bw >= 1000 else f"{bw:g} GB/s"
    out.append(f'<text x="{XM + 26 + bwid:.1f}" y="{y + 18}" font-size="12" fill="#1e3a8a">{bw_txt}</text>')
out.append(
    f'<text x="{W - 20}" y="{H - 14}" font-size="12" text-anchor="end" fill="#4b5563">'
    "厂商标称值与本课假设，数量级示意；共享存储的两行分别是单节点独占与全集群同时读取的情形</text>"
)
out.append("</svg>")
with open("02StorageHierarchy_tiers.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
