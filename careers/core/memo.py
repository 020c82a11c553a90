"""A small memo of the values built most recently, shared by the threads of one process."""

from collections.abc import Callable, Hashable
from threading import Lock


class Recent[K: Hashable, V]:
    """build(key) once per key while the key is among the last `size` built.

    Keys here are catalog editions and fingerprints: a handful are ever in use at once, and a
    key that falls out is only built again. Two threads may build the same key at once; one
    value wins and both are the same, since build depends on its key alone."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a memo keeps at least one value")
        self.size = size
        self._values: dict[K, V] = {}
        self._lock = Lock()

    def get(self, key: K, build: Callable[[K], V]) -> V:
        try:
            return self._values[key]
        except KeyError:
            pass
        value = build(key)
        with self._lock:
            value = self._values.setdefault(key, value)
            while len(self._values) > self.size:
                del self._values[next(iter(self._values))]  # the oldest first
        return value

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
