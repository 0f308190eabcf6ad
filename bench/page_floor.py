"""Page floor: what the least signed-in page on our stack costs, beside a bare "hello" and our pages.

Issue 13 asks journey pages to serve at least 0.3 × what a bare Flask "hello" serves on the same
gunicorn. This measures how far any page built on our stack can go: a *floor* app that does only
what every signed-in phone page must do and nothing of ours — Flask's signed session cookie,
Flask-Login loading the user by id with Flask-SQLAlchemy (one `SELECT` on the same SQLite file),
Flask-Babel with our English catalogue, a Jinja page extending a base layout (a dozen translated
strings, a `url_for` or two) and a Flask-WTF form with its CSRF token. In interleaved rounds, on
`make lan`'s gunicorn.conf.py and the same shape, 16 keep-alive clients ask as fast as they are
answered for: our journey pages (a signed-in person's module steps, home and results, as in
bench/server_shape.py), the floor page, and hello. Prints requests/s, workers' CPU per request,
p95 and the ratios, per round.

Usage: .venv/bin/python bench/page_floor.py [--seconds 8] [--rounds 3] [--workers 4 --threads 4]
"""
import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from quota_race import LAN, ROOT  # noqa: E402
from room_poll import HELLO  # noqa: E402
from server_shape import CLIENTS, PAGES, serve, signed_in_cookie  # noqa: E402

FLOOR = '''import os

from flask import Flask, render_template
from flask_babel import Babel
from flask_login import LoginManager, UserMixin, login_required
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()


class User(UserMixin, db.Model):  # our user table, two of its columns
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str]


def create_app():
    app = Flask(__name__, root_path=os.path.dirname(os.path.abspath(__file__)))
    app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"],
                      BABEL_TRANSLATION_DIRECTORIES=os.environ["FLOOR_TRANSLATIONS"])
    db.init_app(app)
    CSRFProtect(app)
    Babel(app, locale_selector=lambda: "en")
    login = LoginManager(app)
    login.user_loader(lambda user_id: db.session.get(User, int(user_id)))
    app.add_url_rule("/", "ready", lambda: "ready")

    @app.get("/halaman")
    @login_required
    def page():
        return render_template("page.html", form=FlaskForm())
    return app
'''

BASE = '''<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %} · Paspor Pintar</title>
<link rel="stylesheet" href="{{ url_for('static', filename='css/app.css') }}"></head>
<body><header><a href="{{ url_for('page') }}">{{ _("Beranda") }}</a>
<nav><a href="#">{{ _("Bahasa Indonesia") }}</a> <a href="#">{{ _("Teks besar") }}</a>
<span>{{ current_user.display_name }}</span> <a href="#">{{ _("Keluar") }}</a></nav></header>
<main>{% block main %}{% endblock %}</main>
<footer>{{ _("Latihan ini tidak terhubung dengan M-Paspor yang asli.") }}</footer></body></html>
'''

PAGE = '''{% extends "base.html" %}
{% block title %}{{ _("Langkah") }}{% endblock %}
{% block main %}<h1>{{ _("Langkah") }} 2</h1>
<p>{{ _("Buka aplikasi M-Paspor di ponsel Anda.") }}</p><p>{{ _("Ketuk tombol Daftar Akun.") }}</p>
<p>{{ _("Isi nama lengkap sesuai e-KTP.") }}</p>
<form method="post">{{ form.csrf_token }}<button>{{ _("Lanjut") }}</button></form>
<a href="#">{{ _("Kembali") }}</a>{% endblock %}
'''


def floor_app(folder, url):
    """Write the floor app into folder; return the cookie of the database's first user, signed in."""
    (folder / "templates").mkdir(parents=True)
    (folder / "app.py").write_text(FLOOR)
    (folder / "templates" / "base.html").write_text(BASE)
    (folder / "templates" / "page.html").write_text(PAGE)
    os.environ.update(SECRET_KEY="bench-secret", DATABASE_URL=url,
                      FLOOR_TRANSLATIONS=str(ROOT / "app" / "translations"))
    spec = importlib.util.spec_from_file_location("floor_app", folder / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = module.create_app()
    with app.app_context():
        user_id = db_first_user(module)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(user_id), True
    page = client.get("/halaman")
    assert page.status_code == 200 and b"csrf_token" in page.data, page.status_code
    return "session=" + client.get_cookie("session").value


def db_first_user(module):
    from sqlalchemy import select
    return module.db.session.scalar(select(module.User.id).order_by(module.User.id).limit(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=LAN["workers"])
    parser.add_argument("--threads", type=int, default=LAN["threads"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/floor.sqlite"
        ours = signed_in_cookie(url)
        floor = floor_app(Path(tmp, "floor"), url)
        Path(tmp, "hello").mkdir()
        Path(tmp, "hello", "app.py").write_text(HELLO)
        apps = [("journey pages", ROOT, ours, PAGES), ("floor page", Path(tmp, "floor"), floor, ["/halaman"]),
                ("hello", Path(tmp, "hello"), "", ["/"])]
        print(f"{os.cpu_count()} cores; gunicorn {args.workers} workers × {args.threads} threads; {CLIENTS} "
              f"keep-alive clients, {args.seconds:g} s per app; load average {os.getloadavg()[0]:.1f} at the start")
        print("| round | app | requests/s | workers' CPU ms per request | p95 ms | : hello | : floor |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for number in range(1, args.rounds + 1):
            rates = {}
            for name, folder, cookie, paths in apps:
                rate, cpu, p95, fine = serve(url, args.workers, args.threads, folder, [(cookie, paths)] * CLIENTS,
                                             args.seconds)
                rates[name] = (rate, cpu, p95, fine)
            for name, (rate, cpu, p95, fine) in rates.items():
                print(f"| {number} | {name}{'' if fine else ' (errors!)'} | {rate:.0f} | {cpu:.2f} | {p95:.0f} | "
                      f"{rate / rates['hello'][0]:.3f} | {rate / rates['floor page'][0]:.3f} |", flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.exit(main())
