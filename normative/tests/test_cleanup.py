"""Clean-up campaigns (清理, statutes-lines §B.9 ❓): the campaign lists the documents in force in
the bureau's jurisdiction, each owner decides (保留 / 修改 / 废止 / 宣布失效), the bureau confirms,
and the statuses change on the campaign's effective date, read from the dates, with nothing run
on that day.

Bad input (issue 14): a decision on a document outside the campaign is refused naming the field
("document"), and nothing changes.

World: 海珠区司法局 opens "2026年规范性文件集中清理" on Mon 2026-06-01, effective Wed 2026-07-01.
In force in 海珠 on 2026-06-01: K (keep), M (amend), R (repeal), X (declare expired). Not
listed: OLD (暂行, in effect 2022-03-01, expired after 2024-02-29), LATE (published 2026-06-10,
after the opening), BY (白云).
"""

from __future__ import annotations

import datetime

import pytest

from core.errors import InvalidInput, PermissionDenied
from indicators.registry import Period, registry
from normative.choices import CleanupDecision, Status
from normative.models import CleanupItem, NormativeDocument
from normative.services import campaign_confirm, campaign_open, item_decide
from normative.tests.conftest import on, published_document

D = datetime.date
OPEN, EFFECTIVE = D(2026, 6, 1), D(2026, 7, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(nw):
    w = nw
    for key, title in (("k", "海珠区甲规定"), ("m", "海珠区乙规定"), ("r", "海珠区丙规定"),
                       ("x", "海珠区丁规定")):  # fmt: skip
        setattr(w, key, published_document(w, published_on=D(2025, 3, 3),
                                           effective_from=D(2025, 4, 1), title=title))  # fmt: skip
    w.old = published_document(w, published_on=D(2022, 3, 1), effective_from=D(2022, 3, 1),
                               title="海珠区戊暂行办法")  # fmt: skip
    w.by = published_document(w, published_on=D(2025, 3, 3), effective_from=D(2025, 4, 1),
                              title="白云区己规定", body=w.baiyun_agency)  # fmt: skip
    with on(OPEN):
        w.campaign = campaign_open(actor=w.clerk_haizhu, organization=w.haizhu_bureau,
                                   title="2026年规范性文件集中清理", effective_on=EFFECTIVE)  # fmt: skip
    w.late = published_document(w, published_on=D(2026, 6, 10), effective_from=D(2026, 6, 10),
                                title="海珠区庚规定")  # fmt: skip
    return w


def _decide(w, document, decision, *, actor=None, reasons="与上位法不一致"):
    with on(D(2026, 6, 15)):
        return item_decide(actor=actor or w.agency_haizhu, campaign=w.campaign,
                           document=document, decision=decision, reasons=reasons)  # fmt: skip


def test_the_campaign_lists_the_documents_in_force_in_its_jurisdiction(cw):
    listed = set(cw.campaign.items.values_list("document__title", flat=True))
    assert listed == {cw.k.title, cw.m.title, cw.r.title, cw.x.title}


def test_a_decision_on_a_document_outside_the_campaign_is_refused(cw):
    for outside in (cw.by, cw.old, cw.late):
        with pytest.raises(InvalidInput) as refused:
            _decide(cw, outside, "repeal", actor=cw.clerk_haizhu)
        assert set(refused.value.fields) == {"document"}
        assert cw.campaign.title in refused.value.fields["document"][0]
    assert not CleanupItem.objects.exclude(decision="").exists()
    assert not CleanupItem.objects.filter(document__in=(cw.by, cw.old, cw.late)).exists()


def test_a_decision_other_than_keep_gives_reasons(cw):
    with pytest.raises(InvalidInput) as refused:
        _decide(cw, cw.r, "repeal", reasons="")
    assert set(refused.value.fields) == {"reasons"}
    assert CleanupItem.objects.get(document=cw.r).decision == ""


def test_only_the_owner_or_the_bureau_decides(cw):
    with pytest.raises(PermissionDenied):
        _decide(cw, cw.r, "repeal", actor=cw.agency_chengguan)
    assert CleanupItem.objects.get(document=cw.r).decision == ""


def test_the_statuses_change_on_the_campaign_date(cw, client):
    _decide(cw, cw.k, "keep", reasons="")
    _decide(cw, cw.m, "amend")
    _decide(cw, cw.r, "repeal")
    with on(D(2026, 6, 18)), pytest.raises(InvalidInput) as refused:
        campaign_confirm(actor=cw.clerk_haizhu, campaign=cw.campaign)  # X undecided
    assert set(refused.value.fields) == {"items"}
    _decide(cw, cw.x, "declare_expired")
    with pytest.raises(PermissionDenied):
        campaign_confirm(actor=cw.leader_gz, campaign=cw.campaign)
    with on(D(2026, 6, 20)):
        campaign_confirm(actor=cw.clerk_haizhu, campaign=cw.campaign)

    def status(doc, day):
        return NormativeDocument.objects.get(pk=doc.pk).status_on(day)

    # Tue 2026-06-30, the day before: all still in force.
    assert {status(d, D(2026, 6, 30)) for d in (cw.k, cw.m, cw.r, cw.x)} == {Status.VALID}
    # Wed 2026-07-01, the campaign's date: R repealed, X expired; K kept; M stays in force
    # until its amending document is linked (services.amendment_link).
    day = D(2026, 7, 1)
    assert (status(cw.k, day), status(cw.m, day), status(cw.r, day), status(cw.x, day)) == (
        Status.VALID, Status.VALID, Status.REPEALED, Status.EXPIRED)  # fmt: skip
    with on(D(2026, 6, 30)):
        before = client.get(f"/normative/public/library/{cw.r.pk}/").content.decode()
    with on(day):
        after = client.get(f"/normative/public/library/{cw.r.pk}/").content.decode()
        repealed = client.get("/normative/public/library/", {"status": "repealed"})
    assert 'data-status="valid"' in before and 'data-status="repealed"' in after
    assert [d.title for d in repealed.context["page"].object_list] == [cw.r.title]
    # normative.cleaned_up 2026 (by the campaign's date): 4, one of each decision; in force
    # in 海珠 on 31 Dec 2026: K, M, LATE (R repealed, X declared expired, OLD expired) = 3.
    with on(D(2027, 1, 15)):
        figure = registry.get("normative.cleaned_up").compute("440105", Period.year(2026))
        by_decision = registry.get("normative.cleaned_up").breakdowns["decision"](
            "440105", Period.year(2026))  # fmt: skip
        in_force = registry.get("normative.in_force").compute("440105", Period.year(2026))
    assert figure.value == 4
    assert by_decision == {str(d.label): 1 for d in CleanupDecision}
    assert in_force.value == 3


def test_an_amending_document_marks_the_old_one_amended_with_the_link(cw, client):
    from normative.services import amendment_link

    new = published_document(cw, published_on=D(2026, 8, 3), effective_from=D(2026, 9, 1),
                             title="海珠区乙规定（2026年修订）")  # fmt: skip
    with on(D(2026, 8, 3)):
        amendment_link(actor=cw.clerk_haizhu, document=cw.m, amending=new)
    m = NormativeDocument.objects.get(pk=cw.m.pk)
    assert m.status_on(D(2026, 8, 31)) == Status.VALID
    assert m.status_on(D(2026, 9, 1)) == Status.AMENDED
    with on(D(2026, 9, 1)):
        page = client.get(f"/normative/public/library/{cw.m.pk}/").content.decode()
    assert 'data-status="amended"' in page and f"/normative/public/library/{new.pk}/" in page
