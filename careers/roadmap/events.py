"""What the site counts a day (careers/plumbing/daily_counts.py keeps the numbers, naming no one)
and the insights page reads (careers/roadmap/insights.py)."""

QUIZ_STARTED = "quiz started"  # an attempt's first answers (careers/web/quiz_pages.py)
