"""The command-line tools: content check, setup, users."""
from pathlib import Path

from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import ContentVersion, Office, User
from app.rooms import links

ROOT = Path(__file__).parent.parent


def test_content_check_passes_on_the_shipped_content(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last == "ok: 1 courses, 9 modules, 40 items, languages: id, en"


def test_content_check_lists_each_problem_and_exits_1(app, tmp_path):
    import shutil
    shutil.copytree(Path(app.config["CONTENT_ROOT"]), tmp_path / "c")
    bad = tmp_path / "c/quizzes/demo/test.yaml"
    bad.write_text(bad.read_text().replace("answer: b", "answer: z", 1))
    app.config["CONTENT_ROOT"] = str(tmp_path / "c")
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "quizzes/demo/test.yaml:23: item 't-satu-2': 'answer' must name exactly one" in result.output
    assert "ok:" not in result.output


def test_setup_is_idempotent_and_prints_the_first_password_once(app, runner):
    first = runner.invoke(args=["setup"])
    assert first.exit_code == 0, first.output
    assert "username: fasilitator" in first.output and "password:" in first.output
    second = runner.invoke(args=["setup"])
    assert second.exit_code == 0 and "password:" not in second.output
    with app.app_context():
        users = db.session.scalars(select(User)).all()
        assert [(u.username, u.role) for u in users] == [("fasilitator", "facilitator")]
        password = first.output.split("password: ")[1].split()[0]
        assert users[0].check_password(password)
        assert len(db.session.scalars(select(ContentVersion)).all()) == 1
        assert sorted(db.session.scalars(select(Office.code))) == ["kantor-uji", "ulp-uji"]


def test_users_create_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(args=["users", "create", "Bu.Ani", "--role", "facilitator",
                                 "--password-stdin"], input="kopi-tubruk-9\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "bu.ani"))
        assert user.role == "facilitator" and user.check_password("kopi-tubruk-9")


def test_users_create_refuses_bad_input_with_one_line_and_status_2(runner, create_user):
    create_user("siti")
    taken = runner.invoke(args=["users", "create", "siti", "--password-stdin"], input="panjang-sekali\n")
    short = runner.invoke(args=["users", "create", "budi", "--password-stdin"], input="pendek\n")
    for result in (taken, short):
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_lan_info_prints_the_join_address_and_a_qr_code(runner, monkeypatch):
    import subprocess
    hotspot = "3: wlan0    inet 10.42.0.1/24 brd 10.42.0.255 scope global wlan0"
    monkeypatch.setattr("app.rooms.links.subprocess.run",
                        lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=hotspot))
    monkeypatch.setitem(links._found, "at", -1e9)
    result = runner.invoke(args=["lan-info", "--port", "8080"])
    assert result.exit_code == 0 and "http://10.42.0.1:8080/gabung" in result.output
    assert "█" in result.output  # the QR code, drawn in the terminal
    base = runner.invoke(args=["lan-info", "--port", "8080", "--base-only"])
    assert base.output.strip() == "http://10.42.0.1:8080"  # what `make lan` gives gunicorn as PUBLIC_URL


def test_lan_info_without_a_network_says_what_to_do(runner, monkeypatch):
    import subprocess
    monkeypatch.setattr("app.rooms.links.subprocess.run",
                        lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=""))
    monkeypatch.setitem(links._found, "at", -1e9)
    result = runner.invoke(args=["lan-info"])
    assert result.exit_code == 0 and "turn on the laptop's Wi-Fi hotspot" in result.output
