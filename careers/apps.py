from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers catalog"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from careers.catalog.models import CatalogEdition
        from careers.catalog.models.base import CatalogRow

        # Plumbing, not business logic: it rides on the ORM's signals so that every way of
        # saving or deleting a catalog row (admin, import, shell, loaddata) starts a new edition
        # of the catalog, which retires everything kept under the old one (careers/catalog/
        # models/edition.py); update() and the bulk methods start one themselves (models/base.py).
        # People's own records and the editors' personas are not catalog rows.
        for model in self.get_models():
            if not issubclass(model, CatalogRow):
                continue
            uid, start_new = f"edition-{model.__name__}", CatalogEdition.start_new
            post_save.connect(start_new, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(start_new, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(start_new, sender=through, dispatch_uid=f"{uid}-m2m")
