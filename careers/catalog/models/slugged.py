"""Catalog rows that fixtures, imports and links name by their slug, not their database id."""

from django.db import models


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Slugged(models.Model):
    """A row named by its unique `slug` field (each model declares the field, at its length)."""

    objects = SlugManager()

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
