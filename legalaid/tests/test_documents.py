"""The seven legal aid documents (法律援助文书): each generated for a case in the right state,
refused in the wrong one, with the case's facts in the DOCX; the refusal with its reasons and
the objection route (法律援助法第四十三条、第四十九条); the materials notice listing every item
at once (第四十三条); the termination citing its ground (第四十八条); the PDF of one made by
LibreOffice (the other tests use `fake_pdf`: a conversion takes seconds); versions kept; and
no access from another district."""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

import legalaid.documents as aid_documents
from cases import engine
from cases.documents import available_kinds, document_generate, registry
from cases.models import GeneratedDocument
from cases.tests.test_documents import (
    assert_pdf_shows,
    docx_text,
    fake_pdf,  # noqa: F401 - fixture
    need_pdf,
    storage_dir,  # noqa: F401 - fixture
    stored_bytes,
)
from conftest import frozen_today
from core.errors import InvalidInput, PermissionDenied
from legalaid.models import AidCase, Draw
from legalaid.tests.factories import make_application

pytestmark = pytest.mark.django_db

TODAY = frozen_today()
RECEIVED = TODAY - datetime.timedelta(days=12)
ASKED = TODAY - datetime.timedelta(days=11)
SUPPLIED = TODAY - datetime.timedelta(days=9)
DECIDED = TODAY - datetime.timedelta(days=8)
ASSIGNED = TODAY - datetime.timedelta(days=7)
FILED = TODAY - datetime.timedelta(days=6)
CONCLUDED = TODAY - datetime.timedelta(days=2)
TERMINATED = TODAY - datetime.timedelta(days=1)

APPLICANT = "张小明"
OPPOSING = "广州某建筑劳务有限公司"
ITEMS = "居民身份证复印件\n经济困难状况说明表（个人诚信承诺）\n劳动合同或者工资欠条"
REASONS = "申请人家庭月人均收入高于本市法律援助经济困难标准\n申请人已委托律师代理本案"
REPORT = "承办律师代理申请人申请劳动仲裁。\n经仲裁庭主持调解，双方达成调解协议。"


def cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def fire(case, name, actor, **data):
    return engine.fire(case, name, actor=actor, data=data, version=case.version)


def journey(w, *, until: str) -> AidCase:
    """An application taken up to `until`: submitted, correction (materials asked for),
    refused, granted, assigned (directly), concluded or terminated."""
    clerk = w.aid_clerk_haizhu
    case = make_application(
        organization=w.haizhu_centre,
        actor=clerk,
        on_date=RECEIVED,
        received_at=datetime.datetime.combine(
            RECEIVED, datetime.time(9), tzinfo=ZoneInfo("Asia/Shanghai")
        ),
        title="追索拖欠工资",
        stage="劳动仲裁",
        parties=[
            {"side": "applicant", "name": APPLICANT, "phone": "13800138011"},
            {"side": "opposing", "name": OPPOSING, "kind": "organization"},
        ],
    )
    if until == "submitted":
        return case
    if until == "correction":
        return fire(case, "request_correction", clerk, on_date=ASKED, items=ITEMS)
    if until == "refused":
        return fire(case, "refuse", clerk, on_date=DECIDED, reason=REASONS)
    case = fire(case, "grant", clerk, on_date=DECIDED)
    if until == "granted":
        return case
    case = fire(case, "assign", clerk, on_date=ASSIGNED, lawyer=w.lawyer_a1.pk, reason="案情紧急")
    if until == "assigned":
        return case
    if until == "terminated":
        return fire(
            case,
            "terminate",
            clerk,
            on_date=TERMINATED,
            ground="own_lawyer",
            reason="受援人于本月自行委托某律师事务所律师代理本案",
        )
    lawyer = w.lawyer_a1.user
    case = fire(case, "report_progress", lawyer, on_date=FILED, stage="filed", notes="仲裁立案")
    return fire(
        case,
        "conclude",
        lawyer,
        on_date=CONCLUDED,
        result="mediated",
        recovered_losses="12000",
        report=REPORT,
    )


# kind → (journey stage, texts the DOCX must show besides the case number and the applicant)
CASES = {
    "receipt": (
        "submitted",
        ["法律援助申请受理回执", cn(RECEIVED), "七日", "第四十三条", "视为撤回申请",
         "海珠区法律援助中心", "追索劳动报酬"],
    ),
    "correction": (
        "correction",
        ["补充材料通知书", "一次性告知", "1、居民身份证复印件",
         "2、经济困难状况说明表（个人诚信承诺）", "3、劳动合同或者工资欠条",
         "不计入审查期限", "视为撤回申请", cn(ASKED)],
    ),
    "grant": (
        "granted",
        ["给予法律援助决定书", "法援决字第", "第三十一条、第四十三条", "三日内指派",
         cn(DECIDED)],
    ),
    "refusal": (
        "refused",
        ["不予法律援助决定书", "法援不字第", "1、申请人家庭月人均收入高于本市法律援助经济困难标准",
         "2、申请人已委托律师代理本案", "向海珠区司法局提出", "五日内",
         "第四十九条", "申请行政复议或者提起行政诉讼", cn(DECIDED)],
    ),
    "assignment": (
        "assigned",
        ["指派通知书", "广东海珠甲律师事务所", "陈律师", "14401200010000001", cn(ASSIGNED),
         "直接指派", OPPOSING, "13800138011", "三十日内"],
    ),
    "termination": (
        "terminated",
        ["终止法律援助决定书", "法援终字第", "受援人自行委托律师或者其他代理人",
         "第四十八条第一款第六项", "受援人于本月自行委托某律师事务所律师代理本案",
         "向海珠区司法局提出", "第四十九条", cn(TERMINATED)],
    ),
    "closing": (
        "concluded",
        ["结案报告表", "陈律师", "广东海珠甲律师事务所", "调解结案", "12000元",
         "经仲裁庭主持调解，双方达成调解协议。", "立案：仲裁立案", cn(CONCLUDED),
         cn(ASSIGNED)],
    ),
}  # fmt: skip


def test_eight_kinds_are_registered_with_their_templates():
    kinds = registry.kinds("legalaid.aidcase")
    keys = list(CASES)
    keys.insert(keys.index("termination"), "notice")  # test_the_letter_to_the_notifying_court
    assert [k.key for k in kinds] == keys
    for kind in kinds:
        assert kind.template_path.is_file()
        assert re.fullmatch(r"2026\.1\+[0-9a-f]{12}", kind.template_version())
    assert aid_documents.LABEL == "legalaid.aidcase"


@pytest.mark.parametrize("key", list(CASES))
def test_each_kind_generates_in_its_state(aid_world, storage_dir, fake_pdf, key):  # noqa: F811
    stage, texts = CASES[key]
    case = journey(aid_world, until=stage)
    kind = registry.get("legalaid.aidcase", key)
    assert kind in available_kinds(case)
    document = document_generate(case=case, kind_key=key, actor=aid_world.aid_clerk_haizhu)
    document.refresh_from_db()
    case.refresh_from_db()
    assert document.title == kind.title_for(case)
    assert document.template_version == kind.template_version()
    assert document.case_version == case.version
    docx_data = stored_bytes(document.docx)
    assert document.docx_sha256 == hashlib.sha256(docx_data).hexdigest()
    text = docx_text(docx_data)
    number = case.number
    assert number.startswith(f"（{TODAY.year}）海法援字第")
    for expected in [APPLICANT, *texts]:
        assert expected in text, expected
    if key in ("grant", "refusal", "termination"):
        word = aid_documents.DECISION_WORDS[key]
        assert number.replace("法援字", word) in text
    else:
        assert number in text
    assert "{{" not in text and "{%" not in text


def test_the_letter_to_the_notifying_court_names_the_lawyer(aid_world, storage_dir, fake_pdf):  # noqa: F811
    """法律援助法第三十六条: on a court's notice the centre assigns a lawyer within three days
    and tells the court (法律援助公函, documents.md §4); a notified case has no grant
    decision to print (Arts. 25, 36)."""
    w = aid_world
    clerk = w.aid_clerk_haizhu
    case = make_application(
        organization=w.haizhu_centre, actor=clerk, on_date=RECEIVED,
        received_at=datetime.datetime.combine(
            RECEIVED, datetime.time(9), tzinfo=ZoneInfo("Asia/Shanghai")
        ),
        title="涉嫌盗窃罪", stage="审查起诉", matter="criminal", category="criminal_defence",
        source="notification", notifying_authority="court",
        notifying_body="广州市海珠区人民法院", hardship="", materials=["identity", "matter"],
        parties=[{"side": "applicant", "name": APPLICANT}],
    )  # fmt: skip
    assert [k.key for k in available_kinds(case)] == ["receipt"]
    case = fire(case, "assign", clerk, on_date=ASSIGNED, lawyer=w.lawyer_a1.pk, reason="通知辩护")
    assert [k.key for k in available_kinds(case)] == ["receipt", "assignment", "notice"]
    document = document_generate(case=case, kind_key="notice", actor=clerk)
    text = docx_text(stored_bytes(document.docx))
    for expected in ["法律援助公函", "广州市海珠区人民法院：", f"你院于{cn(RECEIVED)}通知",
                     f"为{APPLICANT}指派辩护人", "第三十六条", cn(ASSIGNED),
                     "广东海珠甲律师事务所律师陈律师", "14401200010000001", "担任其辩护人",
                     case.number]:  # fmt: skip
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text


def test_refusal_gives_reasons_and_the_objection_route(aid_world, storage_dir, fake_pdf):  # noqa: F811
    """法律援助法第四十三条 (refusal in writing with reasons), 第四十九条 (objection to the justice
    bureau that set up the centre, decided within five days, then review or litigation)."""
    case = journey(aid_world, until="refused")
    document = document_generate(case=case, kind_key="refusal", actor=aid_world.aid_clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    reasons = text.index("理由如下")
    route = text.index("如对本决定有异议")
    assert reasons < text.index("高于本市法律援助经济困难标准") < route
    assert "可以向海珠区司法局提出。海珠区司法局应当自收到异议之日起五日内进行审查" in text
    assert "维持本中心决定或者责令本中心改正" in text


def test_materials_notice_lists_every_item_at_once(aid_world, storage_dir, fake_pdf):  # noqa: F811
    case = journey(aid_world, until="correction")
    document = document_generate(case=case, kind_key="correction", actor=aid_world.aid_clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    positions = [text.index(f"{n}、") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    for item in ITEMS.splitlines():
        assert item in text
    # Still available after the materials came in: the notice is a record of what was asked.
    case = fire(
        case, "corrections_received", aid_world.aid_clerk_haizhu,
        on_date=SUPPLIED, materials=["identity"],
    )  # fmt: skip
    assert "correction" in [k.key for k in available_kinds(case)]


def test_assignment_by_draw_prints_the_draw_number(aid_world, storage_dir, fake_pdf):  # noqa: F811
    w = aid_world
    case = journey(w, until="assigned")
    AidCase.objects.filter(pk=case.pk).update(assignment_method="lottery")
    drawn_at = datetime.datetime.combine(
        ASSIGNED, datetime.time(15), tzinfo=ZoneInfo("Asia/Shanghai")
    )
    Draw.objects.create(
        case=case, public_code="HZ2026-0042", announcement="追索劳动报酬一案",
        matter=case.matter, category=case.category,
        announced_at=drawn_at - datetime.timedelta(days=1), closes_at=drawn_at,
        commitment="0" * 64, seed="1" * 64, state=Draw.State.DRAWN, winner=w.lawyer_a1,
        drawn_at=drawn_at, method="lottery", organization=w.haizhu_centre,
        region_code=w.haizhu_centre.region_id,
    )  # fmt: skip
    case.refresh_from_db()
    document = document_generate(case=case, kind_key="assignment", actor=w.aid_clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    assert "公开摇珠" in text and "摇珠编号HZ2026-0042" in text


def test_grant_cites_the_articles_its_basis_needs(settings):
    """法律援助法: 第二十四条 (criminal defence on application), 第二十五条 (notified), 第二十九条
    (victims), 第三十一条 (civil matters, hardship), 第三十二条 (no hardship condition), 第四十二条
    (means check waived), always 第四十三条 (the decision)."""

    def articles(**fields) -> str:
        base = {"matter": "civil", "category": "wages", "hardship": "commitment"}
        return aid_documents.grant_basis(AidCase(**{**base, **fields}))[1]

    assert articles() == "第三十一条、第四十三条"
    assert articles(hardship="check_waived") == "第三十一条、第四十二条、第四十三条"
    assert articles(hardship="not_required") == "第三十二条、第四十三条"
    assert articles(matter="criminal", category="criminal_defence") == "第二十四条、第四十三条"
    assert articles(matter="criminal", category="criminal_victim") == "第二十九条、第四十三条"
    assert (
        articles(matter="criminal", category="criminal_defence", source="notification",
                 hardship="notified")
        == "第二十五条、第四十三条"
    )  # fmt: skip
    assert aid_documents.period(7) == "七日"
    settings.FAZHI_LEGALAID_PERIOD_UNIT = "working_days"
    assert aid_documents.period(7) == "七个工作日"


def test_availability_follows_the_process(aid_world):
    def keys(stage):
        return [k.key for k in available_kinds(journey(aid_world, until=stage))]

    assert keys("submitted") == ["receipt"]
    assert keys("correction") == ["receipt", "correction"]
    assert keys("refused") == ["receipt", "refusal"]
    assert keys("granted") == ["receipt", "grant"]
    assert keys("assigned") == ["receipt", "grant", "assignment"]
    assert keys("concluded") == ["receipt", "grant", "assignment", "closing"]
    assert keys("terminated") == ["receipt", "grant", "assignment", "termination"]


@pytest.mark.parametrize(
    ("stage", "key"),
    [
        ("submitted", "correction"),
        ("submitted", "grant"),
        ("granted", "refusal"),
        ("refused", "grant"),
        ("granted", "assignment"),
        ("assigned", "termination"),
        ("assigned", "closing"),
    ],
)
def test_kind_refused_in_the_wrong_state(aid_world, storage_dir, stage, key):  # noqa: F811
    case = journey(aid_world, until=stage)
    with pytest.raises(InvalidInput) as exc:
        document_generate(case=case, kind_key=key, actor=aid_world.aid_clerk_haizhu)
    assert exc.value.message and "kind" in exc.value.fields
    assert not GeneratedDocument.for_case(case).exists()


def test_generating_again_keeps_the_earlier_version(aid_world, storage_dir, fake_pdf):  # noqa: F811
    w = aid_world
    case = journey(w, until="granted")
    first = document_generate(case=case, kind_key="grant", actor=w.aid_clerk_haizhu)
    case = fire(case, "assign", w.aid_clerk_haizhu, on_date=ASSIGNED, lawyer=w.lawyer_a1.pk,
                reason="案情紧急")  # fmt: skip
    second = document_generate(case=case, kind_key="grant", actor=w.aid_clerk_haizhu)
    rows = list(GeneratedDocument.for_case(case).filter(kind="grant").order_by("pk"))
    assert [d.pk for d in rows] == [first.pk, second.pk]
    assert second.replaces.pk == first.pk
    assert first.case_version < second.case_version == case.version
    assert first.docx.name != second.docx.name
    assert stored_bytes(first.docx) and stored_bytes(second.docx)


def test_the_pdf_is_made_by_libreoffice(aid_world, storage_dir):  # noqa: F811
    need_pdf()
    case = journey(aid_world, until="refused")
    document = document_generate(case=case, kind_key="refusal", actor=aid_world.aid_clerk_haizhu)
    assert not getattr(document, "pdf_error", "")
    pdf_data = stored_bytes(document.pdf)
    assert pdf_data.startswith(b"%PDF")
    assert document.pdf_sha256 == hashlib.sha256(pdf_data).hexdigest()
    if shutil.which("pdftotext") and shutil.which("pdffonts"):
        assert_pdf_shows(pdf_data, "不予法律援助决定书", APPLICANT, "海珠区司法局", "第四十九条")


def test_only_staff_over_the_case_may_generate(aid_world, storage_dir):  # noqa: F811
    w = aid_world
    case = journey(w, until="assigned")
    # Another district's centre, a lawyer not assigned to the case, a leader (reads only).
    for user in (w.aid_clerk_baiyun, w.clerk_baiyun, w.lawyer_b1.user, w.leader_gz):
        with pytest.raises(PermissionDenied):
            document_generate(case=case, kind_key="receipt", actor=user)
    assert not GeneratedDocument.for_case(case).exists()


def test_other_district_gets_404_on_download(aid_world, storage_dir, login, fake_pdf):  # noqa: F811
    w = aid_world
    case = journey(w, until="refused")
    document = document_generate(case=case, kind_key="refusal", actor=w.aid_clerk_haizhu)
    for user in (w.aid_clerk_baiyun, w.lawyer_b1.user):
        client = login(user)
        for fmt in ("docx", "pdf"):
            url = reverse("cases:document_download", args=[document.pk, fmt])
            assert client.get(url).status_code == 404
    client = login(w.aid_clerk_haizhu)
    response = client.get(reverse("cases:document_download", args=[document.pk, "docx"]))
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == (
        document.docx_sha256
    )


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from legalaid.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = aid_documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m legalaid.doctemplates.build"
        )
