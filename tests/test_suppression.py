"""Small counts hidden (careers/core/suppression.py): nothing editors see is about fewer than
five people, not even by subtracting what is shown from a total."""

from hypothesis import given
from hypothesis import strategies as st

from careers.core.suppression import FLOOR, suppress


def test_four_people_are_hidden_five_are_shown_and_nobody_is_shown():
    assert suppress({"a": 4, "b": 5, "c": 9, "d": 0}, total_shown=False) == {
        "a": None,
        "b": 5,
        "c": 9,
        "d": 0,
    }


def test_a_sibling_that_would_give_a_hidden_count_away_is_hidden_too():
    # with the total (30) shown, 30 − 20 − 6 would be the hidden 4: the 6 goes as well
    assert suppress({"AI": 20, "ML": 4, "both": 6}) == {"AI": 20, "ML": None, "both": None}
    # two already hidden: nothing more to hide
    assert suppress({"AI": 20, "ML": 4, "both": 3}) == {"AI": 20, "ML": None, "both": None}
    # without a total shown, one hidden count is not given away
    assert suppress({"AI": 20, "ML": 4, "both": 6}, total_shown=False)["both"] == 6


def test_a_group_of_fewer_than_five_is_hidden_whole():
    assert suppress({"AI": 3, "ML": 0}) == {"AI": None, "ML": None}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 30), min_size=1))
def test_no_shown_count_and_no_total_gives_away_a_count_under_five(counts):
    shown = suppress(counts)
    for key, value in shown.items():
        assert value is None or value == counts[key]
        assert value is None or value == 0 or value >= FLOOR
        if 0 < counts[key] < FLOOR:
            assert value is None
    hidden = [key for key, value in shown.items() if value is None]
    if 0 < sum(counts.values()) < FLOOR:
        assert len(hidden) == len(counts)  # the whole group, whose total is not shown either
    else:
        # the total minus the shown ones is the sum of the hidden: never one count on its own
        assert len(hidden) != 1
