import pytest


@pytest.fixture
def wayan(login, runner):
    """A learner signed in, with the shipped offices of the practice loaded."""
    runner.invoke(args=["setup"])
    return login("wayan", "rahasia-wayan-1")
