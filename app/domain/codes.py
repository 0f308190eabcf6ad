"""Short codes people read aloud or type on a phone: no 0/O and no 1/I to mix up."""
import secrets

READABLE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(length=6, choice=secrets.choice):
    return "".join(choice(READABLE) for _ in range(length))


def normalise_code(text):
    """What a person typed, as a code: spaces and dashes dropped, O read as 0 is impossible."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.replace("0", "O").replace("1", "I") if cleaned else ""


def distinct_name(name, taken):
    """A display name told apart from the ones already in the room: "Siti", "Siti (2)", …"""
    name = " ".join(name.split())
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


def name_key(name):
    """How two display names compare: "ibu  made" is "Ibu Made"."""
    return " ".join((name or "").split()).casefold()
