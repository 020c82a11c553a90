"""The career catalog: its tables, the editors' admin, imports, seeding and calibration, and
the catalog as the scoring engine sees it. Built on the core; knows nothing of quizzes or
roadmaps."""
