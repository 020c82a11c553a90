from django.db import models


class HealthProbe(models.Model):
    """One row that /healthz rewrites: the only honest test that the database accepts writes
    (a full disk or a read-only replica still answers SELECT 1)."""

    checked = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "health probe"

    def __str__(self) -> str:
        return f"health probe at {self.checked}"
