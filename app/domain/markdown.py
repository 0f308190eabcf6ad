"""Module Markdown: split into steps, render to sanitised HTML, list the images each step uses."""
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

_md = MarkdownIt("commonmark", {"html": False, "typographer": False})

ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "blockquote", "a", "img",
                "br", "hr", "code", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


@dataclass
class Step:
    title: str
    html: str
    images: list = field(default_factory=list)
    line: int = 0


@dataclass
class Body:
    steps: list
    problems: list  # (line, message), line relative to the body's first line (1-based)


def split_steps(body, image_url):
    """Each `## ` heading starts a step. image_url maps an image's file name to its URL."""
    lines = body.splitlines()
    tokens = _md.parse(body)
    starts = [(tok.map[0], tokens[i + 1].content.strip()) for i, tok in enumerate(tokens)
              if tok.type == "heading_open" and tok.tag == "h2" and tok.level == 0]
    problems = []
    first = starts[0][0] if starts else len(lines)
    if any(line.strip() for line in lines[:first]):
        lead = next(n for n, line in enumerate(lines[:first]) if line.strip())
        problems.append((lead + 1, "text before the first step heading ('## ')"))
    if not starts:
        problems.append((1, "no steps: each step starts with a '## ' heading"))
    steps = []
    for index, (start, title) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        chunk = "\n".join(lines[start + 1:end])
        html, images, image_problems = render(chunk, image_url)
        problems += [(start + 1 + line, message) for line, message in image_problems]
        if not title:
            problems.append((start + 1, "a step heading has no title"))
        if not chunk.strip():
            problems.append((start + 1, f"step '{title}' has no text"))
        steps.append(Step(title=title, html=html, images=images, line=start + 1))
    return Body(steps=steps, problems=problems)


def render(text, image_url):
    """Render one step. Returns (sanitised html, image names, problems as (line, message))."""
    tokens = _md.parse(text)
    images, problems = [], []
    for token in tokens:
        for child in token.children or ():
            if child.type != "image":
                continue
            name = child.attrGet("src") or ""
            line = token.map[0] + 1 if token.map else 1
            url = image_url(name)
            if url is None:
                problems.append((line, f"image '{name}' not found"))
            else:
                child.attrSet("src", url)
            images.append(name)
            if not child.content.strip():
                problems.append((line, f"image '{name}' has no alt text"))
        if token.children:
            token.children = _link_pictures(token.children)
    html = _md.renderer.render(tokens, _md.options, {})
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https"}, link_rel="noopener noreferrer")
    return clean, images, problems


def _link_pictures(children):
    """Each picture not already in a link becomes a link to itself: a tap opens it large,
    in the page's viewer (static/js/zoom.js) or, without JavaScript, on its own."""
    linked, depth = [], 0
    for child in children:
        depth += child.nesting if child.type in ("link_open", "link_close") else 0
        if child.type == "image" and depth == 0 and child.attrGet("src"):
            opening = Token("link_open", "a", 1, attrs={"href": child.attrGet("src")})
            linked += [opening, child, Token("link_close", "a", -1)]
        else:
            linked.append(child)
    return linked
