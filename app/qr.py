"""QR codes as inline SVG, made on this server (no outside service): join links, cards, bookings."""
import segno


def qr_svg(text, scale=6):
    return segno.make(text, error="m").svg_inline(scale=scale, dark="#1b1b1b")
