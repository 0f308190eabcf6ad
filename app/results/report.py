"""The analyses as short plain-text reports for the command line, in English."""
from flask_babel import force_locale

from app.results.reading import format_p, reading


def paired_text(result):
    """A paired analysis (statistics.paired) with its reading."""
    with force_locale("en"):
        return _paired_lines(result)


def _paired_lines(result):
    def fmt(value, digits=2):
        return "—" if value is None else f"{value:.{digits}f}"

    t, d = result["ttest"], result["diff"]
    ci = "—" if d["ci95"] is None else f"[{fmt(d['ci95'][0])}, {fmt(d['ci95'][1])}]"
    lines = [
        f"pairs: {result['n_pairs']} (excluded: {result['n_excluded']})",
        f"pre:   mean {fmt(result['pre']['mean'])}  sd {fmt(result['pre']['sd'])}",
        f"post:  mean {fmt(result['post']['mean'])}  sd {fmt(result['post']['sd'])}",
        f"diff (post - pre): mean {fmt(d['mean'])}  sd {fmt(d['sd'])}  95% CI {ci}",
        f"paired t-test ({t['alternative']}): t = {fmt(t['t'], 3)}, df = {t['df'] if t['df'] is not None else '—'}, "
        f"{format_p(t['p']) or 'p = —'} (two-sided {format_p(t['p_two_sided']) or '—'})",
        f"effect size: Cohen's d_z = {fmt(result['effect']['cohen_dz'])} ({result['effect']['size'] or '—'})",
        f"Wilcoxon signed-rank: W = {fmt(result['wilcoxon']['statistic'], 1)}, {format_p(result['wilcoxon']['p']) or 'p = —'}",
        f"Shapiro-Wilk on the differences: W = {fmt(result['shapiro']['w'], 3)}, {format_p(result['shapiro']['p']) or 'p = —'}",
        f"normalized gain <g>: {fmt(result['gain']['normalized'])}",
    ]
    lines += [f"note: {note}" for note in result["notes"]]
    lines.append("reading: " + reading(result))
    return "\n".join(lines)


def items_text(result):
    """An item analysis (item_analysis.analyse): the form's KR-20, then each item's p and r_pbis."""
    def fmt(value):
        return "–" if value is None else f"{value:.3f}"

    ci = result["kr20_ci95"]
    lines = [
        f"n = {result['n']} people, k = {result['k']} items; mean {fmt(result['mean'])}, sd {fmt(result['sd'])}",
        f"KR-20 = {fmt(result['kr20'])}" + (f" (95% CI {fmt(ci[0])} to {fmt(ci[1])})" if ci else ""),
        "item                              p   r_pbis",
    ]
    lines += [f"{item['id'][:30]:<30} {fmt(item['p']):>7} {fmt(item['r_pbis']):>8}" for item in result["items"]]
    lines += [f"note: {note}" for note in result["notes"]]
    return "\n".join(lines)
