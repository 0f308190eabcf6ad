"""Which form of the test each person takes: the same form twice, or parallel forms
counterbalanced (half the room A then B, half B then A), so a harder form shows as an order
effect instead of hiding in the gain."""
SAME, PARALLEL = "same", "parallel"
DESIGNS = (PARALLEL, SAME)


def first_form(position):
    """Counterbalancing by arrival: the 1st, 3rd, 5th … person starts with form a."""
    return "a" if position % 2 == 0 else "b"


def form_for(kind, design, first, forms):
    """The form ('a'/'b') of the 'pre' or 'post' test; None when the test has no forms."""
    if not forms:
        return None
    first = first if first in forms else forms[0]
    if design == SAME or kind == "pre":
        return first
    return next(form for form in forms if form != first) if len(forms) > 1 else first


def order_label(pre_form, post_form):
    """'A→B' for a pair of attempts, or None when the test has no forms."""
    if not pre_form or not post_form:
        return None
    return f"{pre_form.upper()}→{post_form.upper()}"
