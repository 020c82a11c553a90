"""What a kept result weighs in the database (issue 25): the bytes of its row's JSON columns
(the answers and the result; before issue 25 the scoring catalog too), for a whole
questionnaire and for a quick result of one answer, each of the first question's answers in
turn. What the catalog says is kept once per content (CatalogSnapshot), not counted here."""

from django.db import models
from django.db.models.functions import Cast, Length
from django.test import Client
from django.urls import reverse

from careers.roadmap.models import Assessment
from tests.benchmark.fixtures import Visitor
from tests.helpers import post_quick, shown_ask, shown_choices

LIMIT = 16 * 1024  # issue 25: a kept result was 76 KB, a quick one of one answer 71-83 KB


def stored_bytes(token: str) -> int:
    """The bytes of the assessment's JSON columns, as the database keeps them."""
    columns = [f.name for f in Assessment._meta.fields if isinstance(f, models.JSONField)]
    sizes = Assessment.objects.filter(token=token).values_list(
        *(Length(Cast(name, models.TextField())) for name in columns)
    )
    return sum(sizes.get())


def quick_results() -> list[str]:
    """The tokens of quick results of one answer: the first question, each answer it offers,
    then "Show my result now", each by a new visitor."""
    tokens = []
    blank = Client(HTTP_HOST="localhost").get(reverse("quiz")).text
    for number in range(len(shown_choices(blank))):
        client = Client(HTTP_HOST="localhost")  # a host the settings allow, as queries.py's
        html = client.get(reverse("quiz")).text
        response = post_quick(client, shown_ask(html), shown_choices(html)[number], "result")
        tokens.append(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    return tokens


def measure(visitor: Visitor) -> dict:
    quick = [stored_bytes(token) for token in quick_results()]
    return {"whole": stored_bytes(visitor.roadmap_token), "quick": [min(quick), max(quick)]}
