"""The administrative litigation response documents (行政应诉文书), generated for a lawsuit taken
through the real registration service and process engine: each kind in the state that allows
it, with the case's facts in the DOCX (court, court case number, parties, Chinese dates, the
article it rests on); refused where it makes no sense (no notice to the head without a pending
hearing, no reply without a judicial recommendation, no defence on an appeal the agency brought
itself); served only to those who see the case (another agency's handler gets a 404); the PDF
of one made by LibreOffice (the other tests use `fake_pdf`: a conversion takes seconds).

Statutes: 行政诉讼法 2017 Arts. 3, 34, 66, 67, 69, 70, 85 (reference/statutes.md §5); 最高人民法院
关于行政机关负责人出庭应诉若干问题的规定 Arts. 2, 5–8, 12.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil

import pytest
from django.urls import reverse

import litigation.documents as lit_documents
from cases.calendar import sync_from_package
from cases.documents import available_kinds, document_generate, document_open, registry
from cases.models import CalendarYear, Clock, GeneratedDocument
from cases.tests.test_documents import (
    assert_pdf_shows,
    docx_text,
    fake_pdf,  # noqa: F401 - fixture
    need_pdf,
    storage_dir,  # noqa: F401 - fixture
    stored_bytes,
)
from conftest import _user
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import Organization, OrganizationKind
from core.roles import Role
from litigation.models import LitigationCase
from litigation.process import WRITERS
from litigation.tests.helpers import conclude, fire, on, register

pytestmark = pytest.mark.django_db

D = datetime.date
LABEL = "litigation.litigationcase"

SERVED = D(2026, 6, 1)  # Monday: the complaint served on the agency
ANSWERED = D(2026, 6, 12)
NOTICE_1 = D(2026, 6, 29)  # the court's notice to appear, a week before the hearing
HEARING_1 = D(2026, 7, 6)
NOTICE_2 = D(2026, 7, 13)
HEARING_2 = D(2026, 7, 20)
DECIDED = D(2026, 8, 10)
JUDGMENT_SERVED = D(2026, 8, 12)
RECEIVED = D(2026, 8, 20)  # the judicial recommendation
REPLY_DUE = D(2026, 9, 20)
REPLIED = D(2026, 9, 10)

COURT = "广州市海珠区人民法院"
NUMBER = "（2026）粤0105行初88号"
AGENCY = "海珠区市场监督管理局"
PLAINTIFF = "张小明"
COMPANY = "广州某贸易有限公司"
THIRD = "李四"
COURTROOM_1 = "第三法庭"
COURTROOM_2 = "第五法庭"
DEPUTY = "王副局长"
STAFF = "法制科 李明"
LOSS = "被告认定原告无照经营的主要证据不足。"
ADVICE = "建议规范行政处罚案件调查取证程序。"
REPLY = "已组织执法人员专题培训，修订调查取证工作指引。"


def cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


def lawsuit(w, served: datetime.date = SERVED, **data) -> LitigationCase:
    """A lawsuit against the Haizhu market regulation bureau served on Monday 1 June 2026: a
    person and a company sue, a third party joins."""
    parties = [
        {"side": "plaintiff", "name": PLAINTIFF, "gender": "male",
         "birth_date": D(1985, 3, 2), "address": "广州市海珠区新港中路1号"},
        {"side": "plaintiff", "name": COMPANY, "kind": "organization",
         "address": "广州市海珠区江南大道2号", "legal_representative": "陈经理"},
        {"side": "third_party", "name": THIRD},
    ]  # fmt: skip
    data.setdefault("court_case_number", NUMBER)
    return register(w.agency_haizhu, w.haizhu_agency, served, parties=parties,
                    filed_on="2026-05-27", **data)  # fmt: skip


def schedule(case, actor, notice: datetime.date, hearing: datetime.date, place: str):
    with on(notice):
        return fire(case, "schedule_hearing", actor, hearing_on=hearing.isoformat(), place=place)


# The stages of the path, in order.
PATH = ("registered", "answered", "scheduled", "heard_absent", "rescheduled", "heard",
        "concluded", "recommended", "replied")  # fmt: skip


def journey(w, *, until: str, number: str = NUMBER) -> LitigationCase:
    """Answer; a first hearing the head misses on official duty (Provisions Art. 8 (3)); a
    second one a deputy head attends (Art. 2); the act annulled for want of evidence (Art. 70);
    a judicial recommendation and its reply (Art. 66)."""
    actor = w.agency_haizhu
    case = lawsuit(w, court_case_number=number)
    stop = PATH.index(until)
    steps = (
        ("answered", ANSWERED, "submit_answer", {}),
        ("scheduled", NOTICE_1, "schedule_hearing",
         {"hearing_on": HEARING_1.isoformat(), "place": COURTROOM_1}),
        ("heard_absent", HEARING_1, "record_hearing",
         {"head_appeared": False, "absence_ground": "3", "staff": STAFF,
          "absence_explanation": "主要负责人参加省里的防汛会议"}),
        ("rescheduled", NOTICE_2, "schedule_hearing",
         {"hearing_on": HEARING_2.isoformat(), "place": COURTROOM_2}),
        ("heard", HEARING_2, "record_hearing",
         {"head_appeared": True, "head_name": DEPUTY, "head_position": "deputy",
          "staff": STAFF}),
    )  # fmt: skip
    for stage, day, name, data in steps:
        if PATH.index(stage) > stop:
            break
        with on(day):
            case = fire(case, name, actor, **data)
    if stop >= PATH.index("concluded"):
        case = conclude(case, actor, DECIDED, "annul", served=JUDGMENT_SERVED,
                        loss_ground="evidence", loss_reasons=LOSS)  # fmt: skip
    if stop >= PATH.index("recommended"):
        with on(RECEIVED):
            case = fire(case, "receive_recommendation", w.clerk_haizhu, content=ADVICE,
                        reply_due=REPLY_DUE.isoformat())  # fmt: skip
    if stop >= PATH.index("replied"):
        with on(REPLIED):
            case = fire(case, "reply_recommendation", actor, reply=REPLY)
    return LitigationCase.objects.get(pk=case.pk)


# kind → (stage, texts the DOCX must show besides the court, the number and the agency)
CASES = {
    "appearance": (
        "rescheduled",
        ["行政机关负责人出庭应诉通知书", f"{AGENCY}负责人：",
         f"原告{PLAINTIFF}、{COMPANY}诉被告{AGENCY}行政处罚一案", f"{COURT}定于{cn(HEARING_2)}",
         f"在{COURTROOM_2}开庭审理", f"已于{cn(NOTICE_2)}送达本机关，距开庭七日",
         "应当在开庭三日前送达出庭通知书", "第五条", "第三条第三款", "副职负责人", "第二条",
         "第六条", "第七条", "第八条", "第十二条", f"{AGENCY}法制工作机构"],
    ),
    "defence": (
        "answered",
        ["行政诉讼答辩状", f"答辩人：{AGENCY}", "法定代表人：＿＿＿＿，职务：＿＿＿＿。",
         f"被答辩人（原告）：{PLAINTIFF}，男，{cn(D(1985, 3, 2))}出生，住址：广州市海珠区新港中路1号。",
         f"被答辩人（原告）：{COMPANY}，住所：广州市海珠区江南大道2号。", "法定代表人：陈经理。",
         f"第三人：{THIRD}", f"于{cn(SERVED)}收到{COURT}送达的起诉状副本", "答辩请求", "事实与理由",
         "一、被诉行政行为认定事实清楚，证据确凿。", "三、被诉行政行为符合法定程序。", "此致",
         f"答辩人：{AGENCY}（印章）", cn(ANSWERED), "本答辩状副本三份", "十五日内",
         "第六十七条第一款", "第三十四条"],
    ),
    "filing": (
        "replied",
        ["行政应诉案件备案表", "报送：海珠区司法局", f"报备单位（盖章）：{AGENCY}",
         f"填报日期：{cn(REPLIED)}", "第一审", f"{PLAINTIFF}、{COMPANY}", THIRD, "行政处罚",
         "未经行政复议", cn(SERVED), cn(D(2026, 5, 27)), cn(D(2026, 6, 16)), cn(ANSWERED),
         f"{cn(HEARING_1)}{COURTROOM_1}：负责人未出庭，理由：需要履行他人不能代替的公务"
         "（《规定》第八条第一款第三项）（主要负责人参加省里的防汛会议）；出庭工作人员：法制科 李明。",
         f"{cn(HEARING_2)}{COURTROOM_2}：副职负责人{DEPUTY}出庭应诉；出庭工作人员：法制科 李明。",
         "是（同一审级出庭一次即可，《规定》第七条）",
         f"判决撤销被诉行政行为（第七十条），{cn(DECIDED)}作出，{cn(JUDGMENT_SERVED)}送达",
         "主要原因：主要证据不足", LOSS,
         f"上诉期限至{cn(D(2026, 8, 27))}届满（第八十五条）",
         f"{cn(RECEIVED)}收到：建议规范行政处罚案件调查取证程序。已于{cn(REPLIED)}回复。"],
    ),
    "reply": (
        "replied",
        ["司法建议回复函", "＿＿＿〔2026〕＿＿号", f"{COURT}：",
         f"原告{PLAINTIFF}、{COMPANY}诉被告{AGENCY}行政处罚一案", f"本机关已于{cn(RECEIVED)}收悉",
         f"贵院要求于{cn(REPLY_DUE)}前回复", ADVICE, REPLY, "特此函复。", f"{AGENCY}（印章）",
         cn(REPLIED)],
    ),
}  # fmt: skip


def generate(case, key, actor):
    document = document_generate(case=case, kind_key=key, actor=actor)
    return document, docx_text(stored_bytes(document.docx))


def test_four_kinds_are_registered_with_their_templates():
    kinds = registry.kinds(LABEL)
    assert [k.key for k in kinds] == ["appearance", "defence", "filing", "reply"]
    assert set(CASES) == {k.key for k in kinds}
    for kind in kinds:
        assert kind.template_path.is_file()
        assert re.fullmatch(r"2026\.1\+[0-9a-f]{12}", kind.template_version())
        # Those who record the steps make the papers: the agency's handlers and the bureau's
        # staff; a leader reads them.
        assert kind.roles == WRITERS
        assert Role.AGENCY_HANDLER in kind.roles and Role.LEADER not in kind.roles
    assert lit_documents.LABEL == LABEL


@pytest.mark.parametrize("key", list(CASES))
def test_each_kind_generates_in_its_state(world, storage_dir, fake_pdf, key):  # noqa: F811
    stage, texts = CASES[key]
    case = journey(world, until=stage)
    kind = registry.get(LABEL, key)
    assert kind in available_kinds(case, user=world.agency_haizhu)
    with on(REPLIED):  # the filing form is dated the day it is filled in
        document = document_generate(case=case, kind_key=key, actor=world.agency_haizhu)
    document.refresh_from_db()
    case.refresh_from_db()
    assert document.title == kind.title_for(case)
    assert document.template_version == kind.template_version()
    assert document.case_version == case.version
    docx_data = stored_bytes(document.docx)
    assert document.docx_sha256 == hashlib.sha256(docx_data).hexdigest()
    text = docx_text(docx_data)
    assert case.number == NUMBER
    for expected in [COURT, NUMBER, AGENCY, *texts]:
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text


@pytest.mark.usefixtures("storage_dir", "fake_pdf")
def test_the_notice_to_the_head_is_for_the_latest_hearing_not_yet_held(world):
    """Provisions Art. 5: the court's notice at least three days before the hearing — served
    Monday 13 July for Monday 20 July, seven days. Two hearings pending: the notice is for the
    later one; once it is held, none is pending and no notice is offered."""
    w = world
    case = journey(w, until="answered")
    case = schedule(case, w.agency_haizhu, D(2026, 7, 1), D(2026, 7, 4), COURTROOM_1)
    case = schedule(case, w.agency_haizhu, NOTICE_2, HEARING_2, COURTROOM_2)
    _, text = generate(case, "appearance", w.agency_haizhu)
    assert f"{COURT}定于{cn(HEARING_2)}＿＿时＿＿分在{COURTROOM_2}开庭审理" in text
    assert f"已于{cn(NOTICE_2)}送达本机关，距开庭七日" in text
    assert cn(D(2026, 7, 4)) not in text
    assert "本案在本审级已由" not in text  # no head has appeared at this level yet
    with on(HEARING_2):
        for hearing in case.hearings.all():
            case = fire(case, "record_hearing", w.agency_haizhu, hearing=hearing.pk,
                        on_date=hearing.hearing_on.isoformat(), head_appeared=True,
                        head_name=DEPUTY, head_position="deputy")  # fmt: skip
    case = LitigationCase.objects.get(pk=case.pk)
    assert "appearance" not in [k.key for k in available_kinds(case)]


def test_a_notice_served_late_is_said_to_be_the_courts_lapse(world, storage_dir, fake_pdf):  # noqa: F811
    """Provisions Art. 5: served Saturday 18 July for Monday 20 July is two days, fewer than
    three; the hearing goes ahead and the notice to the head says so."""
    w = world
    case = journey(w, until="answered")
    case = schedule(case, w.agency_haizhu, D(2026, 7, 18), HEARING_2, COURTROOM_2)
    assert case.hearings.get().notice_late
    _, text = generate(case, "appearance", w.agency_haizhu)
    assert f"已于{cn(D(2026, 7, 18))}送达本机关，距开庭仅二日，不足" in text
    assert "第五条规定的开庭三日前送达的期限" in text


@pytest.mark.usefixtures("storage_dir", "fake_pdf")
def test_the_notice_names_the_head_who_already_appeared_at_this_level(world):
    """Provisions Art. 7: one appearance per trial level suffices; the notice of a later
    hearing says who appeared."""
    w = world
    case = journey(w, until="heard")
    case = schedule(case, w.agency_haizhu, D(2026, 7, 27), D(2026, 8, 3), "第一法庭")
    _, text = generate(case, "appearance", w.agency_haizhu)
    assert f"定于{cn(D(2026, 8, 3))}" in text
    assert f"本案在本审级已由副职负责人{DEPUTY}于{cn(HEARING_2)}出庭应诉。" in text


def test_the_defence_notes_the_fifteen_days_of_article_67(world, storage_dir, fake_pdf):  # noqa: F811
    """行政诉讼法第六十七条: fifteen days from receipt of the complaint, the first day not
    counted (Art. 101 → Civil Procedure Law). Served Monday 1 June 2026: due Tuesday 16 June.
    Served Thursday 4 June: the fifteenth day is Friday 19 June, 端午节 (holiday 19–21 June),
    so the period ends on Monday 22 June."""
    w = world
    case = lawsuit(w)
    assert Clock.for_case(case).get(key="answer").due_date == D(2026, 6, 16)
    _, text = generate(case, "defence", w.agency_haizhu)
    assert f"十五日内（{cn(SERVED)}收到，期限至{cn(D(2026, 6, 16))}届满）" in text
    assert "第六十七条第一款" in text
    # Not answered yet: the date under the signature is left to fill in.
    assert "　　　　年　　月　　日" in text
    later = lawsuit(w, D(2026, 6, 4), court_case_number="（2026）粤0105行初89号")
    assert Clock.for_case(later).get(key="answer").due_date == D(2026, 6, 22)
    _, text = generate(later, "defence", w.agency_haizhu)
    assert f"（{cn(D(2026, 6, 4))}收到，期限至{cn(D(2026, 6, 22))}届满）" in text


def test_no_defence_on_an_appeal_the_agency_brought(world, storage_dir, fake_pdf):  # noqa: F811
    """Art. 85: the agency that lost appeals; at second instance it is the appellant and files
    an appeal, not a defence. When the plaintiff appeals, the agency answers as 被上诉人."""
    w = world
    case = journey(w, until="concluded")
    with on(D(2026, 8, 20)):
        case = fire(case, "record_appeal", w.agency_haizhu, appellant="agency")
    appeal = register(w.agency_haizhu, w.haizhu_agency, D(2026, 8, 25), level="second",
                      court="广州市中级人民法院", court_case_number="（2026）粤01行终5号",
                      earlier_number=NUMBER)  # fmt: skip
    assert [k.key for k in available_kinds(appeal)] == ["filing"]
    with pytest.raises(InvalidInput):
        document_generate(case=appeal, kind_key="defence", actor=w.agency_haizhu)
    other = lawsuit(w, D(2026, 6, 2), court_case_number="（2026）粤0105行初90号")
    other = conclude(other, w.agency_haizhu, D(2026, 8, 3), "reject_claims")
    with on(D(2026, 8, 10)):
        other = fire(other, "record_appeal", w.agency_haizhu, appellant="other")
    appeal = register(w.agency_haizhu, w.haizhu_agency, D(2026, 8, 25), level="second",
                      court="广州市中级人民法院", court_case_number="（2026）粤01行终6号",
                      earlier_number=other.court_case_number)  # fmt: skip
    _, text = generate(appeal, "defence", w.agency_haizhu)
    assert "被答辩人（上诉人、原审原告）：某贸易有限公司" in text
    assert "上诉状副本" in text and "第二审一案" in text


def test_the_reply_answers_the_earliest_open_recommendation(world, storage_dir, fake_pdf):  # noqa: F811
    """Two recommendations: the letter answers the first until it is replied to, then the
    second; once every one is replied to, the latest with its reply."""
    w = world
    case = journey(w, until="recommended")
    with on(D(2026, 8, 25)):
        case = fire(case, "receive_recommendation", w.clerk_haizhu, content="建议完善送达程序。")
    _, text = generate(case, "reply", w.agency_haizhu)
    assert ADVICE in text and "完善送达程序" not in text
    assert "＿" * 20 in text  # the reply to be written
    with on(REPLIED):
        first = case.recommendations.get(content=ADVICE)
        case = fire(case, "reply_recommendation", w.agency_haizhu, recommendation=first.pk,
                    reply=REPLY)  # fmt: skip
    _, text = generate(case, "reply", w.agency_haizhu)
    assert "完善送达程序" in text and ADVICE not in text and "贵院要求于" not in text
    with on(D(2026, 9, 15)):
        case = fire(case, "reply_recommendation", w.agency_haizhu, reply="已修订送达工作规程。")
    _, text = generate(case, "reply", w.agency_haizhu)
    assert "已修订送达工作规程。" in text and cn(D(2026, 9, 15)) in text


def test_availability_follows_the_case(world):
    def keys(stage):
        number = f"（2026）粤0105行初{PATH.index(stage) + 1}号"
        return [k.key for k in available_kinds(journey(world, until=stage, number=number))]

    assert keys("registered") == ["defence", "filing"]
    assert keys("scheduled") == ["appearance", "defence", "filing"]
    assert keys("heard_absent") == ["defence", "filing"]
    assert keys("rescheduled") == ["appearance", "defence", "filing"]
    assert keys("concluded") == ["defence", "filing"]  # answered: the defence stays printable
    assert keys("recommended") == ["defence", "filing", "reply"]
    # Concluded without an answer ever submitted: no defence any more.
    case = lawsuit(world, D(2026, 6, 2), court_case_number="（2026）粤0105行初91号")
    case = conclude(case, world.agency_haizhu, D(2026, 7, 1), "withdrawn")
    assert [k.key for k in available_kinds(case)] == ["filing"]


@pytest.mark.parametrize(
    ("stage", "key"),
    [("registered", "appearance"), ("heard", "appearance"), ("concluded", "reply")],
)
def test_kind_refused_where_it_makes_no_sense(world, storage_dir, stage, key):  # noqa: F811
    case = journey(world, until=stage)
    with pytest.raises(InvalidInput) as raised:
        document_generate(case=case, kind_key=key, actor=world.agency_haizhu)
    assert raised.value.message and "kind" in raised.value.fields
    assert not GeneratedDocument.for_case(case).exists()


def test_unavailable_kinds_say_why_with_the_article(world):
    case = journey(world, until="registered")
    unavailable = [k for k in registry.kinds(LABEL) if not k.is_available(case)]
    assert [k.key for k in unavailable] == ["appearance", "reply"]
    for kind in registry.kinds(LABEL):
        if kind.key == "filing":
            continue  # always available
        reason = str(kind.unavailable_reason)
        assert re.search(r"Arts?\. \d+|第[一二三四五六七八九十]+条", reason), (kind.key, reason)


def test_the_filing_goes_to_the_bureau_of_the_agencys_region(world):
    case = journey(world, until="registered")
    assert lit_documents.justice_bureau(case) == "海珠区司法局"
    world.haizhu_bureau.is_active = False
    world.haizhu_bureau.save()
    assert lit_documents.justice_bureau(case) == "广州市海珠区司法局"


# -- who gets the documents -------------------------------------------------------------------


@pytest.fixture
def other_handler(world):
    agency = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=world.haizhu
    )
    return _user("agency_other", agency, Role.AGENCY_HANDLER)


@pytest.mark.usefixtures("storage_dir", "fake_pdf")
def test_documents_are_only_for_those_who_see_the_case(world, other_handler):
    """Another agency's handler, another district's staff: nothing to generate, nothing to
    open (NotFound: the case does not exist for them); a leader reads but makes none."""
    w = world
    case = journey(w, until="recommended")
    document, _ = generate(case, "filing", w.agency_haizhu)
    for outsider in (other_handler, w.clerk_baiyun):
        assert available_kinds(case, user=outsider) == []
        with pytest.raises(PermissionDenied):
            document_generate(case=case, kind_key="filing", actor=outsider)
        with pytest.raises(NotFound):
            document_open(document_id=document.pk, fmt="docx", actor=outsider)
    with pytest.raises(PermissionDenied):
        document_generate(case=case, kind_key="reply", actor=w.leader_gz)
    _opened, handle = document_open(document_id=document.pk, fmt="docx", actor=w.leader_gz)
    handle.close()
    # The bureau's staff generate for the agencies of their district.
    assert [k.key for k in available_kinds(case, user=w.clerk_haizhu)] == [
        "defence", "filing", "reply",
    ]  # fmt: skip
    assert GeneratedDocument.for_case(case).count() == 1


@pytest.mark.usefixtures("storage_dir", "fake_pdf")
def test_the_views_give_another_agencys_handler_a_404(world, login, other_handler):
    w = world
    case = journey(w, until="scheduled")
    client = login(w.agency_haizhu)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="documents"' in page and 'value="appearance"' in page
    assert 'value="reply"' not in page  # no recommendation yet
    create = reverse("cases:document_create", args=[LABEL, case.pk])
    response = client.post(create, {"kind": "appearance"})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    document = GeneratedDocument.for_case(case).get()
    download = reverse("cases:document_download", args=[document.pk, "docx"])
    response = client.get(download)
    assert response.status_code == 200
    text = docx_text(b"".join(response.streaming_content))
    assert NUMBER in text and cn(HEARING_1) in text
    client = login(other_handler)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(download).status_code == 404
    assert (
        client.get(reverse("cases:document_download", args=[document.pk, "pdf"])).status_code == 404
    )
    assert client.post(create, {"kind": "filing"}).status_code == 404
    assert GeneratedDocument.for_case(case).count() == 1


def test_the_pdf_is_made_by_libreoffice(world, storage_dir):  # noqa: F811
    need_pdf()
    case = journey(world, until="concluded")
    document = document_generate(case=case, kind_key="filing", actor=world.agency_haizhu)
    assert not getattr(document, "pdf_error", "")
    pdf_data = stored_bytes(document.pdf)
    assert pdf_data.startswith(b"%PDF")
    assert document.pdf_sha256 == hashlib.sha256(pdf_data).hexdigest()
    if shutil.which("pdftotext") and shutil.which("pdffonts"):
        assert_pdf_shows(pdf_data, "行政应诉案件备案表", NUMBER, COURT, cn(DECIDED), "主要证据不足")


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from litigation.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = lit_documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m litigation.doctemplates.build"
        )
