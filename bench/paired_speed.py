"""Speed of the paired analysis: 100 000 pairs (target ≤ 1 s). Usage: .venv/bin/python bench/paired_speed.py"""
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.domain.statistics import paired  # noqa: E402


def main(n=100_000, repeats=5):
    rng = np.random.default_rng(2026)
    pre = rng.integers(0, 28, n)
    post = np.minimum(27, pre + rng.integers(-2, 8, n))
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        result = paired(pre, post, "greater", 27)
        times.append(time.perf_counter() - began)
    print(f"{n:,} pairs: best {min(times):.3f} s, median {sorted(times)[repeats // 2]:.3f} s "
          f"over {repeats} runs (t = {result['ttest']['t']:.1f}, d_z = {result['effect']['cohen_dz']:.2f})")
    return 0 if min(times) <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
