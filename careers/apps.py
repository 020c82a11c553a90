from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers catalog"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from careers.scoring_catalog import SOURCES, forget_catalog

        # Cache invalidation is plumbing, not business logic: it rides on the ORM's signals so
        # that every way of editing (admin, import, shell, loaddata) drops the cached catalog.
        for name in SOURCES:
            model = self.get_model(name)
            post_save.connect(forget_catalog, sender=model, dispatch_uid=f"forget-{name}")
            post_delete.connect(forget_catalog, sender=model, dispatch_uid=f"forget-del-{name}")
