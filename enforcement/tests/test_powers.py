"""Power lists (权责清单) and comprehensive-enforcement reform (综合执法改革, CF Art. 18 ◑):
a transfer ends the old rows the day before it takes effect and starts new rows at the
receiving body on the day, linked to their predecessors, so who held a power on any day is
read from the dates.

Worked dates: power 330217001 (占道经营处罚) held by 海珠 市监 from 2024-01-01; transferred to
海珠 城管 effective Sun 2026-03-01 (海府〔2026〕12号). The 市监 row ends Sat 2026-02-28 (the day
before; 2026 is not a leap year); the 城管 row runs from 2026-03-01 with no end."""

from __future__ import annotations

import datetime

import pytest

from core.errors import InvalidInput, PermissionDenied
from enforcement import selectors, services
from enforcement.models import EnforcementBody, Power, PowerTransfer
from enforcement.tests.conftest import on, power

D = datetime.date
pytestmark = pytest.mark.django_db
BASIS = "海府〔2026〕12号 关于推进综合行政执法改革的通知"


def transfer(w, powers, day, *, from_body=None, to_body=None, actor=None):
    with on(D(2026, 2, 20)):
        return services.transfer_record(
            actor=actor or w.clerk_haizhu, from_body=from_body or w.shijian_body,
            to_body=to_body or w.chengguan_body, powers=powers, effective_on=day,
            basis_document=BASIS,
        )  # fmt: skip


def test_a_transfer_moves_the_power_on_its_day_and_keeps_who_held_it_before(ew):
    p = power(ew, ew.shijian_body, "330217001", D(2024, 1, 1), name="对占道经营的处罚")
    kept = power(ew, ew.shijian_body, "330217002", D(2024, 1, 1))
    t = transfer(ew, [p], D(2026, 3, 1))
    p.refresh_from_db()
    assert p.valid_until == D(2026, 2, 28)  # the day before
    new = Power.objects.get(transfer=t)
    assert (new.body, new.code, new.valid_from, new.valid_until, new.predecessor) == (
        ew.chengguan_body,
        "330217001",
        D(2026, 3, 1),
        None,
        p,
    )
    assert new.name == p.name and new.kind == p.kind and new.legal_basis == p.legal_basis
    # Who held it, day by day.
    assert list(selectors.holder_of("330217001", D(2026, 2, 28))) == [ew.shijian_body]
    assert list(selectors.holder_of("330217001", D(2026, 3, 1))) == [ew.chengguan_body]
    assert list(selectors.holder_of("330217001", D(2023, 12, 31))) == []
    # Each body's list as it stood.
    assert {x.code for x in selectors.powers_on(ew.shijian_body, D(2026, 2, 28))} == {
        "330217001", "330217002"}  # fmt: skip
    assert [x.code for x in selectors.powers_on(ew.shijian_body, D(2026, 3, 1))] == [kept.code]
    assert [x.code for x in selectors.powers_on(ew.chengguan_body, D(2026, 3, 1))] == ["330217001"]
    assert selectors.power_history(new) == [p, new]
    assert t.region_code == ew.chengguan_body.region_code


def test_two_reforms_in_a_row_keep_the_whole_chain(ew):
    street = EnforcementBody.objects.create(
        agency=ew.chengguan, name="赤岗街道综合行政执法队", kind="entrusted",
        legal_basis="《广东省镇街综合行政执法条例》", region_code="440105001000",
    )  # fmt: skip
    p = power(ew, ew.shijian_body, "330217001", D(2024, 1, 1))
    transfer(ew, [p], D(2025, 7, 1))
    middle = Power.objects.get(body=ew.chengguan_body, code="330217001")
    transfer(ew, [middle], D(2026, 3, 1), from_body=ew.chengguan_body, to_body=street)
    last = Power.objects.get(body=street)
    assert [(r.body, r.valid_from, r.valid_until) for r in selectors.power_history(middle)] == [
        (ew.shijian_body, D(2024, 1, 1), D(2025, 6, 30)),
        (ew.chengguan_body, D(2025, 7, 1), D(2026, 2, 28)),
        (street, D(2026, 3, 1), None),
    ]
    assert selectors.power_history(last)[0].pk == p.pk
    for day, holder in ((D(2025, 6, 30), ew.shijian_body), (D(2025, 7, 1), ew.chengguan_body),
                        (D(2026, 2, 28), ew.chengguan_body), (D(2026, 3, 1), street)):  # fmt: skip
        assert list(selectors.holder_of("330217001", day, region="440105")) == [holder], day


def test_holder_of_within_a_jurisdiction(ew):
    power(ew, ew.shijian_body, "330217001", D(2024, 1, 1))
    power(ew, ew.baiyun_body, "330217001", D(2024, 1, 1), actor=ew.clerk_baiyun)
    day = D(2026, 1, 1)
    assert set(selectors.holder_of("330217001", day)) == {ew.shijian_body, ew.baiyun_body}
    assert list(selectors.holder_of("330217001", day, region="440111")) == [ew.baiyun_body]


def _nothing_written(before):
    assert (Power.objects.count(), PowerTransfer.objects.count()) == before


def test_a_transfer_to_the_same_body_is_refused_naming_the_field(ew):
    p = power(ew, ew.shijian_body, "330217001", D(2024, 1, 1))
    before = (Power.objects.count(), PowerTransfer.objects.count())
    with pytest.raises(InvalidInput) as exc:
        transfer(ew, [p], D(2026, 3, 1), to_body=ew.shijian_body)
    assert "to_body" in exc.value.fields
    _nothing_written(before)
    p.refresh_from_db()
    assert p.valid_until is None


def test_a_transfer_without_powers_basis_or_day_names_each_field(ew):
    with on(D(2026, 2, 20)), pytest.raises(InvalidInput) as exc:
        services.transfer_record(actor=ew.clerk_haizhu, from_body=ew.shijian_body,
                                 to_body=ew.chengguan_body, powers=[], effective_on=None,
                                 basis_document=" ")  # fmt: skip
    assert set(exc.value.fields) == {"powers", "effective_on", "basis_document"}


def test_a_power_not_in_force_or_of_another_body_or_already_held_is_refused(ew):
    late = power(ew, ew.shijian_body, "A1", D(2026, 3, 1))  # starts on the transfer day
    other = power(ew, ew.chengguan_body, "A2", D(2024, 1, 1))
    held = power(ew, ew.shijian_body, "A3", D(2024, 1, 1))
    power(ew, ew.chengguan_body, "A3", D(2025, 1, 1))  # 城管 already holds A3
    before = (Power.objects.count(), PowerTransfer.objects.count())
    for rows in ([late], [other], [held]):
        with pytest.raises(InvalidInput) as exc:
            transfer(ew, rows, D(2026, 3, 1))
        assert list(exc.value.fields) == ["powers"], rows
    _nothing_written(before)


def test_agency_handlers_record_no_transfer(ew):
    p = power(ew, ew.shijian_body, "330217001", D(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        transfer(ew, [p], D(2026, 3, 1), actor=ew.agency_haizhu)
    with pytest.raises(PermissionDenied):  # 白云's staff: outside their jurisdiction
        transfer(ew, [p], D(2026, 3, 1), actor=ew.clerk_baiyun)


def test_a_power_code_is_held_once_at_a_time_and_within_the_bodys_life(ew):
    power(ew, ew.shijian_body, "B1", D(2024, 1, 1), valid_until=D(2025, 12, 31))
    power(ew, ew.shijian_body, "B1", D(2026, 1, 1))  # the next period: fine
    with pytest.raises(InvalidInput) as exc:
        power(ew, ew.shijian_body, "B1", D(2025, 6, 1), valid_until=D(2025, 6, 30))
    assert list(exc.value.fields) == ["code"]
    with pytest.raises(InvalidInput) as exc:
        power(ew, ew.shijian_body, "B2", D(2018, 1, 1))  # body established 2019-01-01
    assert list(exc.value.fields) == ["valid_from"]
    with pytest.raises(InvalidInput) as exc:
        with on(D(2026, 1, 5)):
            services.power_add(actor=ew.agency_haizhu, body=ew.shijian_body, data={
                "code": "", "name": "", "kind": "nonsense", "legal_basis": "",
                "valid_from": "2026-02-30"})  # fmt: skip
    assert set(exc.value.fields) == {"code", "name", "kind", "legal_basis", "valid_from"}


def test_a_body_is_abolished_only_once_its_powers_have_gone(ew):
    p = power(ew, ew.shijian_body, "330217001", D(2024, 1, 1))
    data = {"name": ew.shijian_body.name, "kind": "agency", "legal_basis": "依据",
            "established_on": D(2019, 1, 1), "abolished_on": D(2026, 3, 1)}  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        services.body_update(actor=ew.clerk_haizhu, body=ew.shijian_body, data=data)
    assert list(exc.value.fields) == ["abolished_on"]
    assert EnforcementBody.objects.get(pk=ew.shijian_body.pk).abolished_on is None
    transfer(ew, [p], D(2026, 3, 1))
    services.body_update(actor=ew.clerk_haizhu, body=ew.shijian_body, data=data)
    assert EnforcementBody.objects.get(pk=ew.shijian_body.pk).abolished_on == D(2026, 3, 1)


def test_a_power_ends_on_its_last_day(ew):
    p = power(ew, ew.shijian_body, "C1", D(2024, 1, 1))
    services.power_end(actor=ew.agency_haizhu, power=p, last_day=D(2026, 5, 31),
                       reason="权责清单调整取消")  # fmt: skip
    assert [x.code for x in selectors.powers_on(ew.shijian_body, D(2026, 5, 31))] == ["C1"]
    assert list(selectors.powers_on(ew.shijian_body, D(2026, 6, 1))) == []
    with pytest.raises(PermissionDenied):
        services.power_end(actor=ew.agency_chengguan, power=p, last_day=D(2026, 5, 1),
                           reason="x")  # fmt: skip


def test_a_body_belongs_to_an_agency_within_its_region(ew):
    with pytest.raises(InvalidInput) as exc:
        services.body_register(actor=ew.clerk_haizhu, agency=ew.haizhu_bureau, data={
            "name": "x", "kind": "agency", "legal_basis": "y"})  # fmt: skip
    assert list(exc.value.fields) == ["agency"]
    with pytest.raises(InvalidInput) as exc:
        services.body_register(actor=ew.clerk_haizhu, agency=ew.haizhu_agency, data={
            "name": "海珠区市场监督管理局执法大队", "kind": "agency", "legal_basis": "y",
            "region": "440111000000"})  # fmt: skip
    assert list(exc.value.fields) == ["region"]
    with pytest.raises(InvalidInput) as exc:  # the same name twice in one agency
        services.body_register(actor=ew.clerk_haizhu, agency=ew.haizhu_agency, data={
            "name": "海珠区市场监督管理局", "kind": "agency", "legal_basis": "y"})  # fmt: skip
    assert list(exc.value.fields) == ["name"]
    with pytest.raises(PermissionDenied):  # another agency's handler
        services.body_register(actor=ew.agency_chengguan, agency=ew.haizhu_agency, data={
            "name": "新执法主体", "kind": "agency", "legal_basis": "y"})  # fmt: skip
    own = services.body_register(actor=ew.agency_haizhu, agency=ew.haizhu_agency, data={
        "name": "海珠区市场监督管理局执法大队", "kind": "authorised", "legal_basis": "y",
        "region": "440105001000"})  # fmt: skip
    assert own.region_code == "440105001000"
