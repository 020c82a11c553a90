from django.db import models


class CatalogEdition(models.Model):
    """One row counting edits to the catalog: rendered pages are kept per edition, so any
    change anywhere in the catalog makes every app process render afresh."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "catalog edition"

    def __str__(self) -> str:
        return f"catalog edition {self.number}"
