"""Mean gain per month across the programme, as coordinates for an SVG drawn by the template
(as app/results/plots.py: no JavaScript, no external assets, prints well)."""
WIDTH, HEIGHT, PAD = 360, 240, 36


def gain_over_time(months):
    """months: [("YYYY-MM", pairs, mean gain)] in time order → points, a zero line and ticks."""
    if not months:
        return None
    gains = [gain for _key, _n, gain in months]
    low, high = min(min(gains), 0.0), max(max(gains), 0.0)
    span = (high - low) or 1.0
    left, right = PAD + 12, WIDTH - PAD / 2
    step = (right - left) / max(len(months) - 1, 1)

    def y(value):
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span, 1)

    points = [{"x": round(left + i * step, 1), "y": y(gain), "month": key, "n": n, "gain": gain}
              for i, (key, n, gain) in enumerate(months)]
    every = max(1, len(months) // 4)
    return {"width": WIDTH, "height": HEIGHT, "left": left, "right": right, "zero": y(0.0),
            "points": points, "path": " ".join(f"{p['x']},{p['y']}" for p in points),
            "labels": [p for i, p in enumerate(points) if i % every == 0 or i == len(points) - 1],
            "top": (y(high), round(high, 1)), "bottom": HEIGHT - PAD}
