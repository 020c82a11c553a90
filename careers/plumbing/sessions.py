"""Django's sessions: cached_db where there is a shared cache (REDIS_URL), the database alone
where there is not (a per-process cache would serve one process's stale copy in another).

Two things differ from Django's own. A cache that cannot be reached is only slower: the session
is read from and written to the database, with one warning every so often (careers/plumbing/
shared_cache.py). And saving tells a session that is really gone (Django's 400) from a database
that cannot take the write, which stays an error and becomes a 503 (careers/plumbing/errors.py),
since the request was fine and may be sent again.
"""

from django.conf import settings
from django.contrib.sessions.backends import cached_db, db
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.core.exceptions import ObjectNotUpdated
from django.db import IntegrityError, router, transaction

from careers.plumbing import shared_cache


class DatabaseStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        """Django's own, except that only a session row that is really gone is "deleted
        meanwhile" (a 400): any other database error stays one."""
        if self.session_key is None:
            return self.create()
        obj = self.create_model_instance(self._get_session(no_load=must_create))
        using = router.db_for_write(self.model, instance=obj)
        try:
            with transaction.atomic(using=using):
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except ObjectNotUpdated:
            raise UpdateError from None


class SessionStore(cached_db.SessionStore, DatabaseStore):
    def load(self) -> dict:
        if not settings.REDIS_URL:
            return DatabaseStore.load(self)
        try:
            return super().load()
        except shared_cache.unreachable() as error:  # Django's own catches only the read
            shared_cache.warn(error)
            return DatabaseStore.load(self)

    def exists(self, session_key: str) -> bool:
        if settings.REDIS_URL:
            try:
                return super().exists(session_key)
            except shared_cache.unreachable() as error:
                shared_cache.warn(error)
        return DatabaseStore.exists(self, session_key)

    def save(self, must_create: bool = False) -> None:
        DatabaseStore.save(self, must_create)
        if settings.REDIS_URL:
            shared_cache.set(self.cache_key, self._session, timeout=self.get_expiry_age())

    def delete(self, session_key: str | None = None) -> None:
        DatabaseStore.delete(self, session_key)
        session_key = session_key or self.session_key
        if settings.REDIS_URL and session_key:
            shared_cache.delete(self.cache_key_prefix + session_key)
