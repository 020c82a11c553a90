"""Public pages, as a visitor sees them."""

import pytest

from careers.catalog.models import Track

pytestmark = pytest.mark.django_db


def test_home_names_both_tracks_from_the_catalog(client, catalog):
    Track.objects.filter(slug="ml-engineer").update(focus="Pipelines that never sleep.")
    response = client.get("/")
    assert response.status_code == 200
    assert "AI Engineer" in response.text
    assert "Pipelines that never sleep." in response.text


def test_home_refuses_other_methods(client, catalog):
    assert client.post("/").status_code == 405
