"""`flask stats paired`, the fixed interface of DESIGN.md."""
import json

import pytest

from app import create_app

SLEEP = ("participant,pretest,posttest\n"
         "p1,0.7,1.9\np2,-1.6,0.8\np3,-0.2,1.1\np4,-1.2,0.1\np5,-0.1,-0.1\n"
         "p6,3.4,4.4\np7,3.7,5.5\np8,0.8,1.6\np9,0.0,4.6\np10,2.0,3.4\n")


@pytest.fixture
def stats_runner(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    runner = app.test_cli_runner()

    def run(text, *options, name="scores.csv"):
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        return runner.invoke(args=["stats", "paired", str(path), *options])
    return run


def test_json_output_is_strict_and_has_every_key(stats_runner):
    result = stats_runner(SLEEP, "--format", "json", "--max-score", "10")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output, parse_constant=lambda c: pytest.fail(f"non-strict {c}"))
    for key in ("n_pairs", "n_excluded", "notes"):
        assert key in data
    assert set(data["pre"]) >= {"mean", "sd"} and set(data["post"]) >= {"mean", "sd"}
    assert set(data["diff"]) >= {"mean", "sd", "ci95"} and len(data["diff"]["ci95"]) == 2
    assert set(data["ttest"]) >= {"t", "df", "p", "alternative"}
    assert "cohen_dz" in data["effect"] and set(data["wilcoxon"]) >= {"statistic", "p"}
    assert set(data["shapiro"]) >= {"w", "p"} and "normalized" in data["gain"]
    assert data["ttest"]["t"] == pytest.approx(4.0621, abs=1e-4) and data["ttest"]["df"] == 9
    assert data["ttest"]["alternative"] == "two-sided"


def test_other_column_names_and_the_one_sided_test(stats_runner):
    text = SLEEP.replace("participant,pretest,posttest", "id,sebelum,sesudah")
    result = stats_runner(text, "--id-col", "id", "--pre-col", "sebelum", "--post-col", "sesudah",
                          "--alternative", "greater", "--format", "json")
    data = json.loads(result.output)
    assert data["ttest"]["alternative"] == "greater"
    assert data["ttest"]["p"] == pytest.approx(0.002833 / 2, abs=1e-6)


def test_rows_with_an_empty_score_are_excluded_and_counted(stats_runner):
    data = json.loads(stats_runner(SLEEP + "p11,,3\np12,4,\n", "--format", "json").output)
    assert data["n_pairs"] == 10 and data["n_excluded"] == 2


def test_undefined_values_are_null_with_notes(stats_runner):
    data = json.loads(stats_runner("participant,pretest,posttest\na,5,7\n", "--format", "json").output)
    assert data["ttest"]["t"] is None and data["diff"]["ci95"] is None
    assert any("fewer than two pairs" in note for note in data["notes"])


def test_text_output_reads_the_result_in_plain_words(stats_runner):
    result = stats_runner(SLEEP)
    assert result.exit_code == 0
    assert "t = 4.062, df = 9, p = .003" in result.output
    assert "reading: Scores rose by 1.6 points on average (95% CI 0.7 to 2.5)" in result.output


@pytest.mark.parametrize("text, name, message", [
    (None, "missing.csv", "missing.csv: no such file"),
    ("participant,pretest\na,1\n", "scores.csv", "row 1: column 'posttest' is missing"),
    ("participant,pretest,posttest\na,1,2\nb,x,3\n", "scores.csv", "row 3, column 'pretest': 'x' is not a number"),
])
def test_bad_input_prints_one_line_naming_row_and_column_and_exits_2(stats_runner, text, name, message):
    result = stats_runner(text, name=name)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


ITEMS = "participant,a,b,c,d\np1,1,1,1,1\np2,1,1,1,0\np3,1,1,0,0\np4,1,0,0,0\np5,0,0,0,0\n"


@pytest.fixture
def items_runner(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    runner = app.test_cli_runner()

    def run(text, *options):
        path = tmp_path / "items.csv"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        return runner.invoke(args=["stats", "items", str(path), *options])
    return run


def test_stats_items_gives_strict_json_matching_the_hand_computation(items_runner):
    result = items_runner(ITEMS, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["n"], data["k"]) == (5, 4)
    assert data["kr20"] == pytest.approx(0.8) and data["mean"] == 2.0
    assert data["kr20_ci95"][0] == pytest.approx(1 - 0.2 * 4.1212, abs=1e-4)  # Feldt, F tables
    assert [item["id"] for item in data["items"]] == ["a", "b", "c", "d"]
    assert data["items"][0]["r_pbis"] == pytest.approx(0.514496, abs=1e-5)  # worked out by hand


def test_stats_items_reads_another_id_column_and_blank_cells(items_runner):
    result = items_runner("nama;x;y\nA;1;\nB;0;1\nC;1;1\n", "--id-col", "nama", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["items"][1]["p"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("text, options, message", [
    ("participant,a\np1,2\n", (), "row 2, column 'a': '2' is not 0, 1 or empty"),
    ("who,a\np1,1\n", (), "column 'participant' is missing"),
    (None, (), "no such file"),
])
def test_stats_items_bad_input_is_one_line_and_exit_2(items_runner, text, options, message):
    result = items_runner(text, *options)
    assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1
