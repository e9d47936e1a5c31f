"""The public certificate look-up (enforcement.public; CF Art. 55 ✅: the certificate is shown,
and the party may check it): valid or not, with the body and the officer's name, never the ID
number; rate-limited per address (FAZHI_ENFORCEMENT_LOOKUP_PER_ADDRESS an hour).

Test day Wed 2026-06-10 (the project's clock): 44010500001 issued 2025-06-02, valid to
2028-06-01: valid; 44010500002 revoked 2026-03-02: not valid (revoked); 44010500003 valid to
2026-06-09: not valid (expired the day before)."""

from __future__ import annotations

import datetime

import pytest

from enforcement.tests.conftest import act, id_number, issue, officer, qualified

D = datetime.date
pytestmark = pytest.mark.django_db
URL = "/enforcement/public/certificate/"


@pytest.fixture
def certificates(ew, settings):
    w = ew
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    w.o1, w.o2, w.o3 = (officer(w, w.shijian_body, n, i) for i, n in
                        enumerate(["张伟", "李强", "王芳"], start=1))  # fmt: skip
    for o in (w.o1, w.o2, w.o3):
        qualified(w, o, D(2025, 5, 20))
    w.c1 = issue(w, w.o1, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    w.c2 = issue(w, w.o2, "44010500002", D(2025, 6, 2), D(2028, 6, 1))
    w.c3 = issue(w, w.o3, "44010500003", D(2025, 6, 2), D(2026, 6, 9))
    act(w, "revoke", w.c2, D(2026, 3, 2), "违法执法")
    return w


def test_a_valid_certificate(certificates, client):
    response = client.get(URL, {"number": "44010500001"})
    answer = response.context["answer"]
    assert answer["valid"] and answer["status"] == "valid"
    assert (answer["name"], answer["body"]) == ("张伟", "海珠区市场监督管理局")
    page = response.content.decode()
    assert 'data-valid="1"' in page and "张伟" in page and "海珠区市场监督管理局" in page
    assert id_number(1) not in page and id_number(1)[-4:] not in page


def test_a_revoked_certificate_is_not_valid(certificates, client):
    response = client.get(URL, {"number": " 4401 0500 002 "})
    answer = response.context["answer"]
    assert not answer["valid"] and answer["status"] == "revoked"
    page = response.content.decode()
    assert 'data-valid="0"' in page and 'data-status="revoked"' in page and "李强" in page
    assert id_number(2) not in page


def test_an_expired_and_an_unknown_number(certificates, client):
    answer = client.get(URL, {"number": "44010500003"}).context["answer"]
    assert (answer["valid"], answer["status"]) == (False, "expired")
    answer = client.get(URL, {"number": "44019999999"}).context["answer"]
    assert (answer["found"], answer["valid"], answer["status"]) == (False, False, "unknown")
    assert "name" not in answer


def test_the_page_without_a_number_and_on_the_portal_home(client, certificates):
    response = client.get(URL)
    assert response.status_code == 200 and response.context["answer"] is None
    assert URL in client.get("/portal/").content.decode()


def test_look_ups_are_rate_limited_per_address(certificates, client, settings):
    settings.FAZHI_ENFORCEMENT_LOOKUP_PER_ADDRESS = 3
    for _ in range(3):
        assert client.get(URL, {"number": "44010500001"}).context["answer"]["valid"]
    response = client.get(URL, {"number": "44010500001"})
    assert response.context["answer"] is None
    assert response.context["form"].non_field_errors()
    assert "张伟" not in response.content.decode()
