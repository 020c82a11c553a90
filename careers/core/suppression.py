"""Small counts hidden, so that no figure editors see is about fewer than five people.

Pure Python: counts in, counts or None (suppressed) out.

Primary suppression hides every count from 1 to FLOOR − 1. A zero stays: it is about nobody.
Secondary (complementary) suppression: where the group's total is shown, a single hidden count
would be the total minus the others, so the smallest other non-zero count is hidden with it;
and a group whose total is itself under the floor is hidden whole (its shares would be about
those few people).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

FLOOR = 5  # the common floor: nothing drawn from fewer than five people


def small(count: int, floor: int = FLOOR) -> bool:
    """Whether a count is about too few people to show (a zero is about nobody)."""
    return 0 < count < floor


def suppress[K: Hashable](
    counts: Mapping[K, int], *, total_shown: bool = True, floor: int = FLOOR
) -> dict[K, int | None]:
    """Each count, or None where it must not be shown."""
    if any(count < 0 for count in counts.values()):
        raise ValueError("counts are of people: none is negative")
    if total_shown and small(sum(counts.values()), floor):
        return dict.fromkeys(counts)
    shown: dict[K, int | None] = {
        key: None if small(count, floor) else count for key, count in counts.items()
    }
    hidden = [key for key, value in shown.items() if value is None]
    if total_shown and len(hidden) == 1:
        others = [key for key, count in shown.items() if count]
        if others:
            # the smallest, so the least is hidden; ties by key, so the choice is stable
            shown[min(others, key=lambda key: (shown[key], str(key)))] = None
    return shown
