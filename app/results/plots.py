"""Coordinates for the results plots, drawn as SVG by templates: no JavaScript, prints well."""
import math
from collections import Counter

WIDTH, HEIGHT, PAD = 360, 240, 36
LABEL_ROOM = 26  # px a tick label like "+12" needs at font size 11


def paired_lines(pairs, maximum):
    """Each participant's pre→post line, plus the mean line. pairs: [(pre, post)]."""
    if not pairs or not maximum:
        return None

    def y(score):
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * score / maximum, 1)

    left, right = PAD * 2, WIDTH - PAD * 2
    mean_pre = sum(p for p, _ in pairs) / len(pairs)
    mean_post = sum(q for _, q in pairs) / len(pairs)
    return {"width": WIDTH, "height": HEIGHT, "left": left, "right": right,
            "lines": [(y(p), y(q), q - p) for p, q in pairs],
            "mean": (y(mean_pre), y(mean_post)),
            "ticks": [(y(t), t) for t in _ticks(maximum)], "bottom": HEIGHT - PAD, "top": PAD}


def gain_histogram(gains):
    """Bars of how many participants gained each number of points."""
    if not gains:
        return None
    counts = Counter(gains)
    low, high = min(min(gains), 0), max(max(gains), 0)
    values = list(range(low, high + 1))
    tallest = max(counts.values())
    band = (WIDTH - 2 * PAD) / len(values)
    bars = []
    for index, value in enumerate(values):
        height = (HEIGHT - 2 * PAD) * counts.get(value, 0) / tallest
        bars.append({"x": round(PAD + index * band + 1, 1), "width": round(max(band - 2, 1), 1),
                     "y": round(HEIGHT - PAD - height, 1), "height": round(height, 1),
                     "value": value, "count": counts.get(value, 0), "label_x": round(PAD + (index + .5) * band, 1)})
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "bottom": HEIGHT - PAD,
            # labels at least LABEL_ROOM apart, so "+10" and "+11" never overlap; counts only on wide bars
            "label_every": max(1, math.ceil(LABEL_ROOM / band)), "show_counts": band >= LABEL_ROOM / 2}


def _ticks(maximum):
    step = max(1, round(maximum / 4))
    return list(range(0, int(maximum) + 1, step))
