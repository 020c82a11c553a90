"""Import, export and the persona check need the model's own permission, like every admin page.

Regression tests for issue 10, point 1: a staff user without permissions could export every
catalog table and import changes through django-import-export, and open Check personas.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.catalog.models import CalibrationPersona, Compensation, Track

pytestmark = pytest.mark.django_db

EXPORTED = [Track, Compensation, CalibrationPersona]


def url(model, view: str) -> str:
    return reverse(f"admin:careers_{model._meta.model_name}_{view}")


@pytest.fixture
def staff(django_user_model, client, catalog):
    """A staff member with no permissions yet; tests grant what they need."""
    user = django_user_model.objects.create_user("staff", password="pw-staff-1", is_staff=True)
    client.force_login(user)
    return user


def grant(user, model, action: str) -> None:
    user.user_permissions.add(Permission.objects.get(codename=f"{action}_{model._meta.model_name}"))


def csv_of_track_change() -> SimpleUploadedFile:
    track = Track.objects.order_by("pk").first()
    body = f"slug,name,short_name\n{track.slug},Renamed by an import,{track.short_name}\n"
    return SimpleUploadedFile("tracks.csv", body.encode(), content_type="text/csv")


@pytest.mark.parametrize("model", EXPORTED, ids=lambda m: m.__name__)
def test_staff_without_permissions_can_neither_export_nor_import(client, staff, model):
    assert client.get(url(model, "export")).status_code == 403
    assert client.post(url(model, "export"), {"format": "0"}).status_code == 403
    assert client.get(url(model, "import")).status_code == 403


def test_an_import_needs_the_change_permission_and_writes_nothing_without_it(client, staff):
    before = list(Track.objects.values_list("name", flat=True))
    response = client.post(
        url(Track, "import"), {"format": "0", "import_file": csv_of_track_change()}
    )
    assert response.status_code == 403
    assert list(Track.objects.values_list("name", flat=True)) == before


def test_view_permission_allows_export_but_not_import(client, staff):
    grant(staff, Track, "view")
    page = client.get(url(Track, "export"))
    assert page.status_code == 200
    columns = re.findall(r'type="checkbox" name="(\w+resource_\w+)"', page.text)
    response = client.post(
        url(Track, "export"), {"format": "0", "resource": "0", **dict.fromkeys(columns, "on")}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert client.get(url(Track, "import")).status_code == 403


def test_change_permission_allows_import(client, staff):
    grant(staff, Track, "change")
    assert client.get(url(Track, "import")).status_code == 200


def test_check_personas_needs_the_view_permission(client, staff):
    assert client.get(url(CalibrationPersona, "check")).status_code == 403
    grant(staff, CalibrationPersona, "view")
    response = client.get(url(CalibrationPersona, "check"))
    assert response.status_code == 200
    assert "Check calibration personas" in response.text
