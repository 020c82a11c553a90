"""The shared cache (Redis with REDIS_URL), used only where its loss costs speed, not answers.

What the app keeps there — rate-limit counts and copies of sessions, whose rows are in the
database — can be rebuilt or done without, so when the cache cannot be reached these calls
answer as a miss and log a warning (at most one every WARN_SECONDS per process, not one per
request), and answers still save.
"""

import logging
import sys
import time

from django.core.cache import cache

logger = logging.getLogger("careers.cache")
WARN_SECONDS = 30
_last_warning = 0.0


def set(key: str, value, timeout: int) -> None:  # noqa: A001 (the cache's own word)
    try:
        cache.set(key, value, timeout=timeout)
    except unreachable() as error:
        warn(error)


def delete(key: str) -> None:
    try:
        cache.delete(key)
    except unreachable() as error:
        warn(error)


def count(key: str, timeout: int) -> int | None:
    """Add one to a counter that lives timeout seconds; None if the cache cannot be reached."""
    try:
        cache.add(key, 0, timeout=timeout)
        try:
            return cache.incr(key)
        except ValueError:  # the key expired between add and incr: this is its first count
            cache.set(key, 1, timeout=timeout)
            return 1
    except unreachable() as error:
        warn(error)
        return None


def reachable() -> bool:
    """Whether the cache answers a read right now (for /healthz)."""
    try:
        cache.get("careers:health")
    except unreachable() as error:
        warn(error)
        return False
    return True


def unreachable() -> tuple[type[Exception], ...]:
    """What the cache's client raises when it cannot get through.

    The Redis client is imported only by a Redis cache backend: a process without REDIS_URL
    never loads it (about 0.4 s of each start), and an error of its kind cannot arise there.
    """
    if "redis" not in sys.modules:
        return (OSError,)
    from redis.exceptions import RedisError

    return (RedisError, OSError)


def warn(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_SECONDS:
        _last_warning = now
        logger.warning(
            "shared cache unreachable: rate limits are off and sessions are read from the "
            "database until it answers again",
            extra={"error": str(error)},
        )
