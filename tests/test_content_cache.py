"""The served course and practice people are cached, and files are looked at again only now and then."""
import shutil
from pathlib import Path


def test_the_served_course_looks_at_its_files_again_only_every_few_seconds(app, tmp_path):
    """A room's pages must not list and stat the content folder on every request."""
    from app.content import get_course
    root = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "good", root)
    app.config.update(CONTENT_ROOT=str(root), CONTENT_RECHECK_SECONDS=60)
    page = next((root / "courses" / "demo").glob("01-*.id.md"))
    with app.app_context():
        first = get_course()
        page.write_text(page.read_text(encoding="utf-8").replace("title:", "title: Baru", 1), encoding="utf-8")
        assert get_course() is first  # within the window: no look at the files
        app.config["CONTENT_RECHECK_SECONDS"] = 0
        assert get_course() is not first  # after it: the edit is served
