"""Random values posted to every page form never get a 500 (issue #10).

Each form is read from its page as a person's browser would (the names of its inputs, selects
and text areas), then Hypothesis posts random values for them: text of any script, control
characters and NUL, numbers, dates real and impossible, very long strings, empty values. A
form may refuse the input — that is the point — but never with a server error.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=400),
    st.sampled_from(["", "0", "-1", "1.234", "99999999999999999999", "abc", "on", "true", "\x00"]),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-30", "2026-13-01"]),
    st.integers().map(str),
)
FUZZ = settings(max_examples=15, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))  # fmt: skip
SKIP = {"csrfmiddlewaretoken"}


def field_names(html: str) -> list[str]:
    """The names of the fields of the page's POST form(s)."""
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S | re.I)
    names = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', "".join(forms))
    return sorted(set(names) - SKIP)


def fuzz(client, url: str):
    page = client.get(url)
    assert page.status_code == 200, url
    names = field_names(page.content.decode())
    assert names, f"no form on {url}"

    @given(st.fixed_dictionaries({}, optional={name: VALUES for name in names}))
    @FUZZ
    def post(values):
        response = client.post(url, values, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code < 500, (url, values)

    post()


def test_staff_forms(client, world):
    client.force_login(world.clerk_haizhu)
    fuzz(client, "/parties/new/")
    fuzz(client, f"/parties/{world.party_haizhu.pk}/edit/")


def test_mediation_forms(client, world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.mediator_haizhu)
    fuzz(client, "/mediation/disputes/new/")
    fuzz(client, "/mediation/screenings/new/")
    fuzz(client, f"/cases/mediation.dispute/{dispute.pk}/do/accept/")


def test_public_forms(client, world):
    fuzz(client, "/mediation/online/apply/")
    fuzz(client, "/portal/track/")


def test_calendar_forms(client, world):
    from core.models import Membership, User

    admin = User.objects.create_user("fuzz_admin", password="x" * 12)
    Membership.objects.create(user=admin, organization=world.city_bureau, role="system_admin")
    client.force_login(admin)
    fuzz(client, "/calendar/enter/?mode=notice")
    fuzz(client, "/calendar/enter/?mode=fields")


def get_field_names(html: str) -> list[str]:
    """The names of the fields of the page's filter (GET) form."""
    forms = re.findall(r'<form[^>]*method="get"[^>]*>(.*?)</form>', html, re.S | re.I)
    names = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', "".join(forms))
    return sorted(set(names))


def fuzz_list(client, url: str):
    """Random filter values on a list, shown, exported to Excel and printed: never a 500."""
    names = get_field_names(client.get(url).content.decode())
    assert names, f"no filter on {url}"

    @given(
        st.fixed_dictionaries({}, optional={name: VALUES for name in names}),
        st.sampled_from(["", "xlsx", "print", "pdf"]),
    )
    @FUZZ
    def get(values, output):
        query = {**values, **({"output": output} if output else {})}
        response = client.get(url, query, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code < 500, (url, query)

    get()


def test_list_filters_exports_and_prints(client, world):
    make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.clerk_haizhu)
    for url in ("/mediation/disputes/", "/parties/", "/mediation/mediators/", "/organizations/"):
        fuzz_list(client, url)


def test_public_forms_with_the_challenge_on(client, world, settings):
    settings.FAZHI_PORTAL_APPLY_CEILING = 0
    settings.FAZHI_PORTAL_TRACK_CEILING = 0
    assert "captcha_1" in client.get("/mediation/online/apply/").content.decode()
    fuzz(client, "/mediation/online/apply/")
    fuzz(client, "/portal/track/")
