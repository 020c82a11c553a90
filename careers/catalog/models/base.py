"""What every catalog table shares: edits that start a new catalog edition, and slug names."""

from django.db import models

from .edition import CatalogEdition


class CatalogQuerySet(models.QuerySet):
    """The catalog's queries. Saves and deletes start a new edition through the ORM's signals
    (careers/apps.py); update() and the bulk methods send none, so they start one here, in the
    same transaction as the edit: no way of editing through the ORM leaves anything derived
    from the catalog kept under an edition it no longer matches."""

    def update(self, **kwargs) -> int:
        changed = super().update(**kwargs)
        if changed:
            CatalogEdition.start_new()
        return changed

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            CatalogEdition.start_new()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        changed = super().bulk_update(objs, fields, *args, **kwargs)
        if changed:
            CatalogEdition.start_new()
        return changed


class CatalogRow(models.Model):
    objects = CatalogQuerySet.as_manager()

    class Meta:
        abstract = True


class SlugQuerySet(CatalogQuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Slugged(CatalogRow):
    """A row that fixtures, imports and links name by its unique `slug` (each model declares
    the field, at its own length), not by its database id."""

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
