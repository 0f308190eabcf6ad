"""Page weight: every byte a learner's phone downloads for each page type (budget 60 KB).

Walks the journey with the shipped course through the app's test client, collects each page's
HTML plus the stylesheets, scripts and images it references, and prints the total per page
type as a phone receives it (asking for gzip, as every phone browser does); the budget is
checked on that. Usage: .venv/bin/python bench/page_weight.py
"""
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.setup import load_content  # noqa: E402

BUDGET = 60 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


GZIP = {"Accept-Encoding": "gzip"}


def weigh(client, url):
    """(bytes of the page, {asset: bytes}) as sent to a phone that accepts gzip."""
    html = client.get(url).get_data(as_text=True)
    assets = sorted(set(ASSET.findall(html)))
    sizes = {asset: len(client.get(asset, headers=GZIP).get_data()) for asset in assets}
    return len(client.get(url, headers=GZIP).get_data()), sizes


def post(client, url, data, page=None):
    token = CSRF.search(client.get(page or url).get_data(as_text=True)).group(1)
    return client.post(url, data={"csrf_token": token, **data})


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.sqlite"})
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
            load_content()
        client = app.test_client()
        rows = [("welcome", "/", *weigh(client, "/")),
                ("sign-up", "/auth/signup", *weigh(client, "/auth/signup"))]
        post(client, "/auth/signup", {"display_name": "Bench", "username": "bench",
                                       "password": "bench-bench-1", "password_again": "bench-bench-1"})
        rows.append(("home", "/", *weigh(client, "/")))
        rows.append(("pretest start", "/test/pre", *weigh(client, "/test/pre")))
        post(client, "/test/pre/start", {"confidence": "3"}, page="/test/pre")
        rows.append(("test page (16 items)", "/test/pre", *weigh(client, "/test/pre")))
        with app.app_context():
            from app.content import get_course
            modules = get_course().modules
        page = client.get("/test/pre").get_data(as_text=True)
        answers = {f"q-{i}": "0" for i in set(re.findall(r'name="q-([a-z0-9-]+)"', page))}
        post(client, "/test/pre/submit", answers, page="/test/pre")
        for module in modules:  # every step page, each with its picture
            for number in range(1, len(module.text("id").steps) + 1):
                url = f"/modules/{module.id}/step/{number}"
                rows.append((f"step {module.order}.{number}", url, *weigh(client, url)))
                post(client, url, {}, page=url)
            check = f"/modules/{module.id}/check"
            rows.append((f"check {module.order}", check, *weigh(client, check)))
            names = set(re.findall(r'name="(item_[a-z0-9-]+)"', client.get(check).get_data(as_text=True)))
            post(client, check, {name: "a" for name in names})
    print(f"{'page':24} {'html':>8} {'assets':>8} {'total':>8}  budget {BUDGET // 1024} KB")
    over = 0
    totals = []
    for name, url, html, assets in rows:
        total = html + sum(assets.values())
        totals.append((total, name))
        over += total > BUDGET
        if not name.startswith(("step", "check")):
            print(f"{name:24} {html:8,} {sum(assets.values()):8,} {total:8,}")
    steps = [t for t in totals if t[1].startswith("step")]
    heaviest = max(steps)
    print(f"{'step pages':24} {len(steps)} pages, heaviest {heaviest[1]}: {heaviest[0]:,} bytes")
    print(f"pages over budget: {over} of {len(rows)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
