from django.apps import AppConfig

# People's own records and the editors' test personas: no public page shows them.
NOT_CATALOG = {
    "Assessment",
    "StepProgress",
    "CalibrationPersona",
    "CatalogEdition",
    "HealthProbe",
}


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers catalog"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from careers.catalog.models import CatalogEdition

        # Plumbing, not business logic: it rides on the ORM's signals so that every way of
        # editing (admin, import, shell, loaddata) starts a new edition of the catalog, which
        # retires every page and scoring catalog kept under the old one (careers/catalog/models/
        # edition.py).
        for model in self.get_models():
            if model.__name__ in NOT_CATALOG or model.__name__.startswith("Historical"):
                continue
            uid, start_new = f"edition-{model.__name__}", CatalogEdition.start_new
            post_save.connect(start_new, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(start_new, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(start_new, sender=through, dispatch_uid=f"{uid}-m2m")
