"""Command-line tools. Each is a thin wrapper: parse, call a plain function, print.

Bad input prints one line and exits with status 2; `content check` exits 1 when content
has problems, as a linter does.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.extensions import db
from app.setup import (
    FIRST_FACILITATOR,
    create_user,
    ensure_first_facilitator,
    load_content,
    load_offices,
    reset_password,
    upgrade_database,
)

ROLES = ("learner", "facilitator", "programme", "admin")  # programme: a lead who sees every session
content_cli = AppGroup("content", help="Check and load course content.")
users_cli = AppGroup("users", help="Manage accounts.")
translate_cli = AppGroup("translate", help="Translation catalogues (wraps pybabel).")
stats_cli = AppGroup("stats", help="Statistics of pre/post scores.")
data_cli = AppGroup("data", help="Backups of the whole database; session bundles for a programme.")


def fail(message):
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@content_cli.command("check")
def content_check():
    """Validate every course and quiz file; one line per problem."""
    from app.domain.content_check import check_all, summary

    courses, problems = check_all(current_app.config["CONTENT_ROOT"])
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problems found", err=True)
        sys.exit(1)
    for course in courses:
        click.echo(f"{course.id}: {len(course.modules)} modules, {len(course.test_items)} test "
                   f"items, {len(course.check_items)} check items, version {course.content_hash[:12]}")
    click.echo(summary(courses))


@content_cli.command("load")
def content_load():
    """Check the content and record its version in the database."""
    problems = load_content(click.echo)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        sys.exit(1)


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="learner", show_default=True)
@click.option("--display-name", default=None)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def users_create(username, role, display_name, password_stdin):
    """Create an account (asks for the password)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        fail("the password needs at least 8 characters")
    try:
        create_user(username, password, role, display_name)
    except ValueError as exc:
        fail(str(exc))
    click.echo(f"created {role} '{username.strip().lower()}'")


@users_cli.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
def users_reset_password(username, password_stdin):
    """Set a new password for an account and sign it out everywhere (prints a random one)."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    if password is not None and len(password) < 8:
        fail("the password needs at least 8 characters")
    try:
        new = reset_password(username, password)
    except ValueError as exc:
        fail(str(exc))
    click.echo(f"new password for '{username.strip().lower()}': {new}" if password is None
               else f"password changed for '{username.strip().lower()}'")


@click.command("setup")
@with_appcontext
def setup_command():
    """Migrate the database, load content, create the first facilitator: safe to run again."""
    upgrade_database()
    problems = load_content(click.echo) or load_offices(click.echo)
    if problems:
        for problem in problems:
            click.echo(str(problem))
        fail("content has problems (listed above); fix them and run again")
    password = ensure_first_facilitator()
    if password:
        click.echo("\n" + "=" * 60)
        click.echo("  First facilitator account (shown only this once):")
        click.echo(f"    username: {FIRST_FACILITATOR}")
        click.echo(f"    password: {password}")
        click.echo("=" * 60 + "\n")


def _pybabel(*args):
    root = Path(current_app.root_path)
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=root.parent)
    if result.returncode:
        fail(f"pybabel {args[0]} failed")


@translate_cli.command("update")
def translate_update():
    """Extract strings and merge them into every catalogue."""
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "_app:1c,2", "-o",
             "messages.pot", "app")
    _pybabel("update", "-i", "messages.pot", "-d", "app/translations", "--no-fuzzy-matching")
    Path(current_app.root_path).parent.joinpath("messages.pot").unlink()


@translate_cli.command("compile")
def translate_compile():
    """Compile the catalogues so the app can use them."""
    _pybabel("compile", "-d", "app/translations")


@stats_cli.command("paired")
@click.argument("file")
@click.option("--id-col", default="participant", show_default=True)
@click.option("--pre-col", default="pretest", show_default=True)
@click.option("--post-col", default="posttest", show_default=True)
@click.option("--max-score", type=float, default=None, help="For Hake's normalized gain.")
@click.option("--alternative", type=click.Choice(["two-sided", "greater", "less"]),
              default="two-sided", show_default=True, help="greater: post exceeds pre.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def stats_paired(file, id_col, pre_col, post_col, max_score, alternative, output):
    """Paired t-test (and friends) of pre/post scores in a CSV file."""
    from app.domain.scores_csv import ScoresError, read_scores
    from app.domain.statistics import paired
    from app.results.report import paired_text

    path = Path(file)
    if not path.is_file():
        fail(f"{file}: no such file")
    try:
        scores = read_scores(path.read_text(encoding="utf-8-sig"), id_col, pre_col, post_col)
    except UnicodeDecodeError:
        fail(f"{file}: not a UTF-8 text file")
    except ScoresError as exc:
        fail(f"{file}: {exc}")
    result = paired(scores.pre, scores.post, alternative, max_score, scores.n_excluded)
    if output == "json":
        click.echo(json.dumps(result, allow_nan=False, ensure_ascii=False, indent=2))
    else:
        click.echo(paired_text(result))


@stats_cli.command("items")
@click.argument("file")
@click.option("--id-col", default="participant", show_default=True)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def stats_items(file, id_col, output):
    """Item analysis (difficulty, corrected point-biserial, KR-20 with Feldt's CI) of 0/1 scores."""
    from app.domain.item_analysis import analyse
    from app.domain.scores_csv import ScoresError, read_item_scores
    from app.results.report import items_text

    path = Path(file)
    if not path.is_file():
        fail(f"{file}: no such file")
    try:
        items, rows = read_item_scores(path.read_text(encoding="utf-8-sig"), id_col)
    except UnicodeDecodeError:
        fail(f"{file}: not a UTF-8 text file")
    except ScoresError as exc:
        fail(f"{file}: {exc}")
    result = analyse(rows, items)
    if output == "json":
        click.echo(json.dumps(result, allow_nan=False, ensure_ascii=False, indent=2))
    else:
        click.echo(items_text(result))


@click.command("lan-info")
@click.option("--port", type=int, default=5000, show_default=True)
@click.option("--base-only", is_flag=True, help="Print only the base address for PUBLIC_URL (or nothing).")
def lan_info(port, base_only):
    """Print the address and QR code phones on this laptop's network use to join."""
    import segno

    from app.domain.network import base_url
    from app.rooms.links import laptop_addresses

    public_url = os.environ.get("PUBLIC_URL")
    bases = [public_url.rstrip("/")] if public_url else [base_url(a, port) for a in laptop_addresses()]
    if base_only:
        click.echo(bases[0] if bases else "")
        return
    if not bases:
        click.echo("No network address found: turn on the laptop's Wi-Fi hotspot, then run "
                   "`make lan` again. Until then phones cannot reach this laptop, and the session "
                   "page says so instead of showing a QR code.")
        return
    url = bases[0] + "/gabung"
    click.echo(f"\nPaspor Pintar — peserta membuka / participants open:\n\n    {url}\n")
    segno.make(url, error="m").terminal(compact=True)
    for other in bases[1:]:
        click.echo(f"    (also: {other}/gabung)")
    click.echo(f"Facilitator: on this laptop open http://127.0.0.1:{port}/ (or {bases[0]}/), sign in,\n"
               "create a session under 'Sesi saya' and project its 'Tampilkan ke ruangan' page:\n"
               f"its QR code and cards carry {bases[0]}, the address phones reach.")


@data_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def data_export(file):
    """Write a complete backup of the database to FILE (JSON)."""
    from app.data import export_document

    document = export_document()
    try:
        Path(file).write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror}")
    click.echo(f"backup written to {file}: " + ", ".join(
        f"{len(rows)} {name}" for name, rows in document["tables"].items() if rows))


@data_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
def data_import(file):
    """Restore a backup FILE into this empty database (checked whole; nothing written if bad)."""
    from app.data import import_document
    from app.domain.backup import BackupError

    try:
        document = json.loads(Path(file).read_text(encoding="utf-8"))
        counts = import_document(document)
        db.session.commit()
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        fail(f"{file} is not a backup file (not JSON)")
    except BackupError as exc:
        db.session.rollback()
        fail(f"{file}: {exc}")
    click.echo(f"restored from {file}: {sum(counts.values())} rows in {len(counts)} tables")


@data_cli.command("bundle")
@click.argument("session_ids", nargs=-1, required=True, type=int)
@click.option("--out", "file", required=True, type=click.Path(dir_okay=False), help="The bundle file to write.")
@click.option("--codes", is_flag=True, help="Replace display names with participant codes.")
def data_bundle(session_ids, file, codes):
    """Write the results of SESSION_IDS as one small bundle for the programme's server."""
    from app.domain.bundle import pack
    from app.models import TrainingSession
    from app.programme.bundles import build

    sessions = [db.session.get(TrainingSession, i) if 0 < i < 2**31 else None for i in dict.fromkeys(session_ids)]
    missing = [str(i) for i, c in zip(dict.fromkeys(session_ids), sessions) if c is None]
    if missing:
        fail(f"no session {', '.join(missing)}")
    data = pack(build(sessions, pseudonymise=codes))
    db.session.commit()  # the laptop id, made on first use
    try:
        Path(file).write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror}")
    click.echo(f"bundle written to {file}: {len(sessions)} sessions, {len(data) / 1024:.1f} KB")


@data_cli.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def data_merge(files):
    """Merge session bundles from laptops (each checked whole first; nothing written if one is bad)."""
    from app.domain.bundle import BundleError, unpack
    from app.programme.bundles import merge

    docs = []
    for file in files:
        try:
            docs.append(unpack(Path(file).read_bytes()))
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror}")
        except BundleError as exc:
            fail(f"{file}: {exc}")
    try:
        outcomes = merge(*docs)
    except BundleError as exc:
        db.session.rollback()  # all or nothing
        fail(str(exc))
    db.session.commit()
    for name, outcome in outcomes:
        click.echo(f"{outcome}: {name}")


def register(app):
    app.cli.add_command(lan_info)
    app.cli.add_command(stats_cli)
    app.cli.add_command(data_cli)
    app.cli.add_command(content_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(translate_cli)
    app.cli.add_command(setup_command)
