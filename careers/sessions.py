"""Django's database sessions, read with one plain query.

A session is read on nearly every request (to know who is signed in, and the quiz answers so
far); serving a kept page takes well under a millisecond, and the ORM's building of this one
query was a sixth of it. Writing, expiry and everything else is Django's own.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
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
