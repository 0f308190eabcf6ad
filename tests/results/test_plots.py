"""The results plots keep their labels apart, whatever the spread of the gains."""
import pytest

from app.results.plots import LABEL_ROOM, gain_histogram


@pytest.mark.parametrize("gains", [[1, 2, 3], list(range(-5, 31)), [0, 100], [-40, 40, 3]])
def test_the_histograms_labels_never_overlap(gains):
    plot = gain_histogram(gains)
    labelled = [bar["label_x"] for index, bar in enumerate(plot["bars"]) if index % plot["label_every"] == 0]
    assert all(b - a >= LABEL_ROOM for a, b in zip(labelled, labelled[1:]))
    assert plot["show_counts"] == (plot["bars"][0]["width"] + 2 >= LABEL_ROOM / 2)
