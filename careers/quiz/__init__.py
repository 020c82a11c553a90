"""The skills quiz: its steps and questions from the catalog, the answers kept in the session,
and the reading of each step's form. A finished quiz becomes an assessment (careers.roadmap)."""
