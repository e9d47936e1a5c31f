"""Officers, their training and the qualification exam (执法资格考试; SD-JD Art. 10 ✅ by
analogy: training and examination before the certificate).

Training window (worked): a sign-up on Wed 2026-06-10 counts training held from 2025-06-11 to
2026-06-10, both included: 20 h on 2025-06-10 (a year and a day earlier) do not count, 15 h on
2025-06-11 and 25 h on 2026-03-01 do: 40 h, exactly the default minimum
(FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 40, ❓ local rule)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from conftest import frozen_today
from core.errors import InvalidInput, PermissionDenied
from enforcement import selectors, services
from enforcement.models import ExamCandidate, ExamSitting, Officer, Training
from enforcement.tests.conftest import id_number, officer, on, results, sign_up, sitting, train

D = datetime.date
pytestmark = pytest.mark.django_db


def test_an_invalid_id_number_is_refused_naming_the_field(ew):
    good = id_number(1)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    for number in (bad, "44010519900101123", "abc"):
        with pytest.raises(InvalidInput) as exc:
            services.officer_register(actor=ew.clerk_haizhu, body=ew.shijian_body,
                                      data={"name": "张伟", "id_number": number})  # fmt: skip
        assert list(exc.value.fields) == ["id_number"], number
    assert Officer.objects.count() == 0


def test_an_officer_is_in_the_register_once(ew):
    officer(ew, ew.shijian_body, "张伟", 1)
    with pytest.raises(InvalidInput) as exc:
        services.officer_register(actor=ew.agency_chengguan, body=ew.chengguan_body,
                                  data={"name": "张伟", "id_number": id_number(1)})  # fmt: skip
    assert list(exc.value.fields) == ["id_number"]
    assert Officer.objects.count() == 1


def test_the_id_number_is_kept_encrypted_and_shown_masked(ew, login):
    o = officer(ew, ew.shijian_body, "张伟", 1)
    number = id_number(1)
    raw = Officer.objects.filter(pk=o.pk).values_list("id_number", flat=True)
    assert Officer.objects.get(pk=o.pk).id_number == number
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM enforcement_officer WHERE id = %s", [o.pk])
        assert number not in cursor.fetchone()[0]
    assert list(raw) == [number]
    client = login(ew.clerk_haizhu)
    for url in ("/enforcement/officers/", f"/enforcement/officers/{o.pk}/"):
        body = client.get(url).content.decode()
        assert "张伟" in body and number not in body and o.masked_id_number in body, url


def test_agency_handlers_register_only_their_own_officers(ew):
    with pytest.raises(PermissionDenied):
        officer(ew, ew.shijian_body, "李强", 2, actor=ew.agency_chengguan)
    own = officer(ew, ew.chengguan_body, "李强", 2, actor=ew.agency_chengguan)
    assert own.region_code == "440105000000"


def test_training_hours_of_the_last_twelve_months(ew):
    o = officer(ew, ew.shijian_body, "张伟", 1)
    train(ew, o, D(2025, 6, 10), 20)
    train(ew, o, D(2025, 6, 11), 15)
    train(ew, o, D(2026, 3, 1), 25)
    assert selectors.training_hours(o, D(2026, 6, 10)) == Decimal("40.0")
    assert selectors.training_hours(o, D(2026, 6, 11)) == Decimal("25.0")  # 2025-06-11 out
    assert selectors.yearly_training_hours(o) == [(2026, Decimal("25.0")),
                                                  (2025, Decimal("35.0"))]  # fmt: skip


def test_bad_training_input_names_the_fields(ew):
    o = officer(ew, ew.shijian_body, "张伟", 1)
    tomorrow = frozen_today() + datetime.timedelta(days=1)
    for data, field in (({"held_on": tomorrow, "hours": "8", "topic": "x"}, "held_on"),
                        ({"held_on": D(2026, 6, 1), "hours": "0", "topic": "x"}, "hours"),
                        ({"held_on": D(2026, 6, 1), "hours": "8.25", "topic": "x"}, "hours"),
                        ({"held_on": D(2026, 6, 1), "hours": "8", "topic": ""}, "topic")):  # fmt: skip
        with pytest.raises(InvalidInput) as exc:
            services.training_add(actor=ew.clerk_haizhu, officer=o, data=data)
        assert list(exc.value.fields) == [field], data
    assert Training.objects.count() == 0


def test_sign_up_needs_the_training_hours_of_the_last_twelve_months(ew, settings):
    o = officer(ew, ew.shijian_body, "张伟", 1)
    s = sitting(ew, D(2026, 6, 20))
    train(ew, o, D(2025, 6, 10), 20)
    train(ew, o, D(2025, 6, 11), 15)
    train(ew, o, D(2026, 3, 1), 24)
    with pytest.raises(InvalidInput) as exc:  # 39 h on 2026-06-10
        sign_up(ew, s, o, day=D(2026, 6, 10), actor=ew.agency_haizhu)
    assert list(exc.value.fields) == ["officer"]
    assert "39.0" in exc.value.fields["officer"][0]
    assert ExamCandidate.objects.count() == 0
    train(ew, o, D(2026, 6, 1), 1)
    c = sign_up(ew, s, o, day=D(2026, 6, 10), actor=ew.agency_haizhu)
    assert (c.training_hours, c.sat_on, c.signed_up_on, c.body) == (
        Decimal("40.0"),
        D(2026, 6, 20),
        D(2026, 6, 10),
        ew.shijian_body,
    )
    # The minimum is the bureau's local rule.
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    fresh = officer(ew, ew.shijian_body, "王芳", 3)
    assert sign_up(ew, s, fresh, day=D(2026, 6, 10)).training_hours == 0


def test_sign_up_refusals(ew, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    o = officer(ew, ew.shijian_body, "张伟", 1)
    baiyun = officer(ew, ew.baiyun_body, "陈静", 4, actor=ew.clerk_baiyun)
    s = sitting(ew, D(2026, 6, 20))
    sign_up(ew, s, o)
    with pytest.raises(InvalidInput) as exc:  # twice
        sign_up(ew, s, o)
    assert list(exc.value.fields) == ["officer"]
    with pytest.raises(InvalidInput) as exc:  # a 海珠 sitting is not for a 白云 officer
        sign_up(ew, s, baiyun, actor=ew.clerk_baiyun)
    assert list(exc.value.fields) == ["officer"]
    other = officer(ew, ew.shijian_body, "王芳", 3)
    with pytest.raises(InvalidInput) as exc:  # after the exam
        sign_up(ew, s, other, day=D(2026, 6, 21))
    assert list(exc.value.fields) == ["sitting"]
    with pytest.raises(PermissionDenied):  # another agency's handler
        sign_up(ew, s, other, actor=ew.agency_chengguan)
    # A city sitting takes officers of every district.
    city = sitting(ew, D(2026, 6, 25), bureau=ew.city_bureau, actor=_city_clerk(ew))
    assert sign_up(ew, city, baiyun, actor=ew.agency_baiyun).region_code == "440111000000"


def _city_clerk(w):
    from core.models import Membership, User

    user = User.objects.create_user("clerk_gz", password="Testing2026pass")
    Membership.objects.create(user=user, organization=w.city_bureau, role="section_staff")
    return user


def test_results_against_the_sittings_pass_mark(ew, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    a, b, c, d = (officer(ew, ew.shijian_body, n, i) for i, n in
                  enumerate(["张伟", "李强", "王芳", "赵敏"], start=1))  # fmt: skip
    s = sitting(ew, D(2026, 5, 20))
    assert s.pass_mark == 60  # FAZHI_ENFORCEMENT_PASS_MARK
    ca, cb, cc, cd = (sign_up(ew, s, o) for o in (a, b, c, d))
    results(ew, s, {ca: "60", cb: "59.5", cc: "absent", cd: ""})
    rows = {x.officer.name: (x.score, x.absent, x.passed) for x in ExamCandidate.objects.all()}
    assert rows == {"张伟": (Decimal("60.0"), False, True), "李强": (Decimal("59.5"), False, False),
                    "王芳": (None, True, False), "赵敏": (None, False, False)}  # fmt: skip
    settings.FAZHI_ENFORCEMENT_PASS_MARK = 70
    s70 = sitting(ew, D(2026, 5, 27))
    assert s70.pass_mark == 70
    c70 = sign_up(ew, s70, b)
    results(ew, s70, {c70: "65"})
    c70.refresh_from_db()
    assert not c70.passed


def test_results_are_all_or_nothing_and_name_the_bad_score(ew, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    a, b = officer(ew, ew.shijian_body, "张伟", 1), officer(ew, ew.shijian_body, "李强", 2)
    s = sitting(ew, D(2026, 5, 20))
    ca, cb = sign_up(ew, s, a), sign_up(ew, s, b)
    for bad in ("101", "-1", "abc", "NaN"):
        with pytest.raises(InvalidInput) as exc:
            results(ew, s, {ca: "80", cb: bad})
        assert list(exc.value.fields) == [f"score_{cb.pk}"], bad
    assert not ExamCandidate.objects.filter(score__isnull=False).exists()
    with pytest.raises(InvalidInput):  # before the exam day
        results(ew, s, {ca: "80"}, day=D(2026, 5, 19))
    with pytest.raises(PermissionDenied):  # agency handlers record no result
        results(ew, s, {ca: "80"}, actor=ew.agency_haizhu)
    with pytest.raises(PermissionDenied):
        results(ew, s, {ca: "80"}, actor=ew.clerk_baiyun)


def test_a_sitting_needs_a_bureau_a_title_a_day_and_a_pass_mark_in_range(ew):
    with on(D(2026, 5, 1)), pytest.raises(InvalidInput) as exc:
        services.sitting_create(actor=ew.clerk_haizhu, organization=ew.haizhu_agency, data={
            "title": "", "held_on": "", "pass_mark": "101"})  # fmt: skip
    assert set(exc.value.fields) == {"organization", "title", "held_on", "pass_mark"}
    assert ExamSitting.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.sitting_create(actor=ew.agency_haizhu, organization=ew.haizhu_bureau, data={
            "title": "t", "held_on": D(2026, 7, 1)})  # fmt: skip
