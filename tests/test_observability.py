"""Each request is logged once with an id and timing; /healthz says if the database answers."""

import json
import logging

import pytest
from django.db import OperationalError, connection
from pythonjsonlogger.json import JsonFormatter

from careers.plumbing.logs import LOG_FORMAT

pytestmark = pytest.mark.django_db


def test_each_response_carries_a_request_id(client, catalog):
    first, second = client.get("/"), client.get("/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_request_id_from_the_proxy_is_kept(client, catalog):
    response = client.get("/", HTTP_X_REQUEST_ID="lb-1234")
    assert response["X-Request-ID"] == "lb-1234"


def test_one_structured_line_per_request(client, catalog, caplog):
    with caplog.at_level(logging.INFO, logger="careers.requests"):
        client.get("/quiz/1/", HTTP_X_REQUEST_ID="abc")
    (record,) = [r for r in caplog.records if r.name == "careers.requests"]
    options = {key: value for key, value in LOG_FORMAT.items() if key != "()"}
    line = json.loads(JsonFormatter(**options).format(record))
    assert line["request_id"] == "abc" and line["path"] == "/quiz/1/"
    assert line["status"] == 200 and line["method"] == "GET"
    assert line["duration_ms"] >= 0 and line["htmx"] is False


def test_healthz_reports_a_reachable_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
