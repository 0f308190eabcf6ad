"""The migrations build exactly the schema the models describe, on each test database."""


def test_the_migrated_database_matches_the_models(app, runner):
    result = runner.invoke(args=["db", "check"])  # exits 1 when a model and the migrations disagree
    assert result.exit_code == 0, result.output
