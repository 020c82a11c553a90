import secrets

from django.db import connection, models


class CatalogEdition(models.Model):
    """One row naming the catalog's current edition. Anything derived from the catalog and kept
    (rendered pages, the scoring catalog in the shared cache) is kept under the edition, and
    every catalog edit starts a new one in the same transaction as the edit itself: a reader sees
    the new rows exactly when it sees the new edition, in every app process.

    An edition is a random number, not a counter: a counter restarts after a flush, or after a
    rolled-back edit, and comes back to numbers that were kept under other contents."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "catalog edition"

    def __str__(self) -> str:
        return f"catalog edition {self.number}"

    @classmethod
    def current(cls) -> int:
        """The current edition: one small query (a database without the row gets a new one).

        Plain SQL: every page served from the page cache asks this first, and building the
        query through the ORM cost about as much as the rest of serving the kept page."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number FROM {cls._meta.db_table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        return cls.start_new() if row is None else row[0]

    @classmethod
    def start_new(cls, **signal_kwargs) -> int:
        """Start a new edition; also the receiver of every catalog model's save, delete and
        many-to-many signals. QuerySet.update() and the bulk methods send none: code that
        edits the catalog that way calls this itself."""
        number = secrets.randbits(62)
        if cls.objects.filter(pk=1).update(number=number):
            return number
        # The row is made by migration 0005; only a flush removes it.
        return cls.objects.get_or_create(pk=1, defaults={"number": number})[0].number
