"""careers/core/memo.py: what is built once per catalog edition or fingerprint, and kept."""

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.core.memo import Recent


def test_a_key_is_built_once_while_it_is_kept():
    built = []
    memo = Recent(2)
    assert [memo.get(k, lambda k: built.append(k) or k * 10) for k in (1, 1, 2, 1, 2)] == [
        10, 10, 20, 10, 20,
    ]  # fmt: skip
    assert built == [1, 2]


def test_the_oldest_key_goes_first_and_is_built_again_if_asked():
    built = []
    memo = Recent(2)
    for key in (1, 2, 3, 1):
        memo.get(key, lambda k: built.append(k) or k)
    assert built == [1, 2, 3, 1]
    assert len(memo) == 2


@given(st.integers(1, 4), st.lists(st.integers(0, 6), max_size=40))
def test_it_never_keeps_more_than_its_size_and_always_answers_what_build_gives(size, keys):
    memo = Recent(size)
    for key in keys:
        assert memo.get(key, lambda k: ("built", k)) == ("built", key)
        assert len(memo) <= size


def test_threads_asking_at_once_all_get_the_one_value_kept():
    memo = Recent(2)
    start = threading.Barrier(8)
    answers = []

    def build(key):
        start.wait(timeout=10)  # all eight are building at once
        return object()

    threads = [threading.Thread(target=lambda: answers.append(memo.get("e", build)))
               for _ in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    kept = memo.get("e", lambda key: pytest.fail("built again"))
    assert len(answers) == 8 and all(answer is kept for answer in answers)


def test_a_memo_keeps_at_least_one_value():
    with pytest.raises(ValueError):
        Recent(0)
