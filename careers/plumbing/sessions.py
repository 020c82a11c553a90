"""Django's database sessions, read with one plain query, whose failures are told apart.

A session is read on nearly every request (to know who is signed in, and the quiz answers so
far); serving a kept page takes well under a millisecond, and the ORM's building of this one
query was a sixth of it. Saving tells a session that is really gone (Django's 400) from a
database that cannot take the write (a 503); expiry and everything else is Django's own.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.core.exceptions import ObjectNotUpdated
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict:
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {self.model._meta.db_table} "  # noqa: S608
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # unknown or expired: a new session starts
            return {}
        return self.decode(row[0])

    def save(self, must_create: bool = False) -> None:
        """Django's own, except that only a session row that is really gone is "deleted
        meanwhile" (a 400): any other database error stays one, which the site answers with
        a 503 (careers/plumbing/errors.py), since the request was fine and may be sent again."""
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
