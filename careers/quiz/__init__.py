"""The skills quiz: its steps and questions from the catalog, the answers kept in the session,
its forms, and the quick quiz's verdict so far. The quiz knows nothing of the roadmap: the web
layer keeps a finished quiz as an assessment (careers.roadmap)."""
