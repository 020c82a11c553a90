"""Where Django's admin looks for the app's admin classes: the catalog's."""

import careers.catalog.admin  # noqa: F401 (registers every catalog table)
