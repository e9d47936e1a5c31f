"""The twelve administrative reconsideration documents (行政复议文书), generated for a case taken
through the real registration service and process engine: each in the state that allows it,
with the case's facts in the DOCX (number, parties, the act, dates, the article of the
Administrative Reconsideration Law it rests on); refused in the wrong state (no decision before
the case is decided, 第六十三条至第七十二条); the respondent's handler makes none; the PDF of one
made by LibreOffice (the other tests use `fake_pdf`: a conversion takes seconds).

Statute: 行政复议法 2023 Arts. 30, 31, 39, 41, 46–48, 51, 53, 54, 62–73, 75, 76 (reference/
statutes.md §1) and 行政诉讼法第四十五条 (fifteen days to sue); documents.md §3.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil

import pytest

import reconsideration.documents as recon_documents
from cases.calendar import sync_from_package
from cases.documents import available_kinds, document_generate, registry
from cases.models import CalendarYear, Clock, GeneratedDocument
from cases.tests.test_documents import (
    assert_pdf_shows,
    docx_text,
    fake_pdf,  # noqa: F401 - fixture
    need_pdf,
    storage_dir,  # noqa: F401 - fixture
    stored_bytes,
)
from core.errors import InvalidInput, PermissionDenied
from core.roles import Role
from reconsideration.choices import DecisionType
from reconsideration.models import ReconsiderationCase
from reconsideration.services import application_register
from reconsideration.tests.test_clocks import fire, on

pytestmark = pytest.mark.django_db

D = datetime.date
LABEL = "reconsideration.reconsiderationcase"

RECEIVED = D(2026, 6, 1)  # Monday
ASKED = D(2026, 6, 3)
CORRECTED = D(2026, 6, 10)
REFUSED = D(2026, 6, 3)
ACCEPTED = D(2026, 6, 12)
COPY_SENT = D(2026, 6, 16)
ANSWERED = D(2026, 6, 29)
SCHEDULED = D(2026, 6, 30)
HEARING = D(2026, 7, 10)  # five working days after the notice at least (Art. 51)
SUSPENDED = D(2026, 7, 13)
RESUMED = D(2026, 7, 31)
EXTENDED = D(2026, 8, 20)
DECIDED = D(2026, 9, 1)
OPINION = D(2026, 9, 2)
BRANCHED = D(2026, 6, 22)  # mediated or terminated instead

APPLICANT = "张小明"
THIRD_PARTY = "广州某餐饮有限公司"
AGENT = "王律师"
RESPONDENT = "海珠区市场监督管理局"
AUTHORITY = "广州市海珠区人民政府"
ACT = "海市监罚〔2026〕12号行政处罚决定"
REQUESTS = "撤销被申请人作出的行政处罚决定\n责令被申请人退还已缴纳的罚款"
FACTS = "申请人认为被申请人认定其无照经营的事实不清。"
ITEMS = "提交行政处罚决定书复印件\n说明知道该行政处罚决定的具体日期"
REFUSAL = "申请人提出申请时已超过法定申请期限，且无正当理由。"
ANSWER = "申请人无照经营事实清楚，证据确凿，处罚适当。"
PLACE = "海珠区司法局第一听证室"
REASONS = "被申请人认定申请人无照经营的主要事实不清、证据不足。"
TERMS = "被申请人撤销海市监罚〔2026〕12号行政处罚决定\n申请人撤回其他行政复议请求"
OPINION_TEXT = "你单位在作出行政处罚决定前未依法告知当事人陈述、申辩的权利，请予纠正。"


def cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


def register(w, **data) -> ReconsiderationCase:
    """An application received on Monday 1 June 2026 by the Haizhu bureau, with an applicant
    (a person), an agent and a third party (an organisation)."""
    fields = {
        "respondent": w.haizhu_agency.pk,
        "act_type": "penalty",
        "act_description": ACT,
        "act_number": "海市监罚〔2026〕12号",
        "act_on": "2026-05-20",
        "knew_on": "2026-05-22",
        "requests": REQUESTS,
        "facts": FACTS,
        **data,
    }
    parties = [
        {"side": "applicant", "name": APPLICANT, "gender": "male",
         "birth_date": D(1985, 3, 2), "address": "广州市海珠区新港中路1号"},
        {"side": "agent", "name": AGENT},
        {"side": "third_party", "name": THIRD_PARTY, "kind": "organization",
         "address": "广州市海珠区江南大道2号", "legal_representative": "李经理"},
    ]  # fmt: skip
    with on(RECEIVED):
        return application_register(
            actor=w.clerk_haizhu, organization=w.haizhu_bureau, data=fields, parties=parties
        )


# The stages of the main path, in order; "refused", "mediated" and "terminated" branch off.
PATH = ("submitted", "correction", "corrected", "accepted", "answered", "hearing", "suspended",
        "resumed", "extended", "decided", "opinion")  # fmt: skip


def journey(w, *, until: str) -> ReconsiderationCase:
    clerk = w.clerk_haizhu
    case = register(w)
    if until == "refused":
        with on(REFUSED):
            return fire(case, "refuse", clerk, reason=REFUSAL)
    stop = PATH.index(until) if until in PATH else PATH.index("accepted")
    steps = (
        ("correction", ASKED, "request_correction", clerk, {"items": ITEMS}),
        ("corrected", CORRECTED, "corrections_received", clerk, {}),
        ("accepted", ACCEPTED, "accept", clerk, {"procedure": "ordinary"}),
        ("answered", COPY_SENT, "send_copy", clerk, {}),
        ("answered", ANSWERED, "submit_answer", w.agency_haizhu, {"answer": ANSWER}),
        ("hearing", SCHEDULED, "schedule_hearing", clerk,
         {"hearing_on": HEARING.isoformat(), "hearing_place": PLACE}),
        ("hearing", HEARING, "hold_hearing", clerk, {}),
        ("suspended", SUSPENDED, "suspend", clerk,
         {"ground": "8", "reason": "须以另案审理结果为依据"}),
        ("resumed", RESUMED, "resume", clerk, {"reason": "另案已审结"}),
        ("extended", EXTENDED, "extend", clerk,
         {"extension": 30, "approved_by": "王主任", "reason": "案情复杂，需进一步调查核实"}),
        ("decided", DECIDED, "decide", clerk,
         {"decision_type": "annul_redo", "reasons": REASONS}),
        ("opinion", OPINION, "issue_opinion", clerk, {"opinion": OPINION_TEXT}),
    )  # fmt: skip
    for stage, day, name, actor, data in steps:
        if PATH.index(stage) > stop:
            break
        with on(day):
            case = fire(case, name, actor, **data)
    if until == "mediated":
        with on(BRANCHED):
            case = fire(case, "mediate", clerk, terms=TERMS, signed_by_all=True,
                        respondent_corrected=True)  # fmt: skip
    elif until == "terminated":
        with on(BRANCHED):
            case = fire(case, "terminate", clerk, ground="withdrawn",
                        reason="申请人申请撤回行政复议申请，经审查准予撤回")  # fmt: skip
    return ReconsiderationCase.objects.get(pk=case.pk)


def decision_due(case) -> datetime.date:
    return Clock.for_case(case).get(key="decision").due_date


# kind → (stage, texts the DOCX must show besides the applicant and the respondent)
CASES = {
    "acceptance": (
        "accepted",
        ["受理行政复议申请通知书", f"{APPLICANT}：", AUTHORITY, cn(RECEIVED), cn(ACCEPTED),
         f"于{cn(D(2026, 5, 20))}作出的{ACT}", "第三十条", "予以受理", "普通程序", "六十日内",
         "第六十二条第一款", "第四十七条"],
    ),
    "correction": (
        "correction",
        ["补正行政复议申请通知书", "一次性告知", "1、提交行政处罚决定书复印件",
         "2、说明知道该行政处罚决定的具体日期", "十个工作日内", "第三十一条",
         "视为放弃行政复议申请", cn(ASKED), cn(RECEIVED)],
    ),
    "refusal": (
        "refused",
        ["不予受理行政复议申请决定书", "行复不字第", f"申请人：{APPLICANT}", REFUSAL,
         "第三十条", "决定不予受理", "自收到本决定书之日起十五日内", "提起行政诉讼", cn(REFUSED)],
    ),
    "answer": (
        "answered",
        ["提出答复通知书", f"{RESPONDENT}：", "行政复议申请书副本", "十个工作日内", "第四十八条",
         "证据、依据和其他有关材料", "第四十六条", "第七十条", cn(ACCEPTED), cn(COPY_SENT)],
    ),
    "hearing": (
        "hearing",
        ["行政复议听证通知书", f"{APPLICANT}、{THIRD_PARTY}、{RESPONDENT}：", cn(HEARING), PLACE,
         "第五十一条", "视为放弃听证权利", "被申请人的负责人应当参加听证", cn(SCHEDULED)],
    ),
    "suspension": (
        "suspended",
        ["行政复议中止审理通知书", "行政复议案件审理需要以其他案件的审理结果为依据",
         "须以另案审理结果为依据", "第三十九条第一款第八项", f"自{cn(SUSPENDED)}起中止审理"],
    ),
    "resumption": (
        "resumed",
        ["行政复议恢复审理通知书", f"本机关于{cn(SUSPENDED)}决定中止审理", "另案已审结",
         "第三十九条", f"自{cn(RESUMED)}起恢复审理"],
    ),
    "extension": (
        "extended",
        ["行政复议延期审理通知书", "延长三十日", "经行政复议机构负责人批准", "第六十二条第一款",
         "案情复杂，需进一步调查核实", cn(EXTENDED)],
    ),
    "decision": (
        "decided",
        ["行政复议决定书", "行复决字第", "申请人：张小明，男，1985年3月2日出生，住址：广州市海珠区新港中路1号。",
         f"委托代理人：{AGENT}。", f"被申请人：{RESPONDENT}",
         f"第三人：{THIRD_PARTY}，住所：广州市海珠区江南大道2号。", "法定代表人：李经理。",
         f"于{cn(RECEIVED)}向本机关申请行政复议", f"经补正，本机关于{cn(ACCEPTED)}依法予以受理",
         f"被申请人于{cn(ANSWERED)}提出书面答复", f"本机关于{cn(HEARING)}举行了听证",
         f"本案于{cn(SUSPENDED)}中止审理，于{cn(RESUMED)}恢复审理", "审理期限延长三十日",
         "本案现已审理终结", "申请人请求：", "1、撤销被申请人作出的行政处罚决定",
         "2、责令被申请人退还已缴纳的罚款", FACTS, "被申请人称：", ANSWER, "本机关认为：", REASONS,
         "第六十四条的规定，本机关决定：撤销被申请人作出的" + ACT + "，责令被申请人",
         "重新作出行政行为", "不得以同一事实和理由", "第七十五条",
         "申请人、第三人如不服本决定，可以自收到本决定书之日起十五日内",
         "《中华人民共和国行政诉讼法》第四十五条", f"{AUTHORITY}（印章）", cn(DECIDED)],
    ),
    "mediation": (
        "mediated",
        ["行政复议调解书", "行复调字第", f"申请人：{APPLICANT}", f"第三人：{THIRD_PARTY}",
         "经本机关主持调解，各方当事人自愿达成如下协议",
         "1、被申请人撤销海市监罚〔2026〕12号行政处罚决定", "2、申请人撤回其他行政复议请求",
         "经各方当事人签字或者签章", "第七十三条", "第三人（签名或者盖章）", cn(BRANCHED)],
    ),
    "termination": (
        "terminated",
        ["终止行政复议通知书", "申请人撤回行政复议申请，行政复议机构准予撤回",
         "第四十一条第一项", "决定终止行政复议", cn(BRANCHED)],
    ),
    "opinion": (
        "opinion",
        ["行政复议意见书", "行复意字第", f"{RESPONDENT}：", OPINION_TEXT, "第七十六条",
         "六十日内", "纠正相关违法或者不当行政行为的情况", cn(OPINION)],
    ),
}  # fmt: skip

DECISION_KINDS = {"refusal", "decision", "mediation", "opinion"}


def test_twelve_kinds_are_registered_with_their_templates():
    kinds = registry.kinds(LABEL)
    assert [k.key for k in kinds] == [
        "acceptance", "correction", "refusal", "answer", "hearing", "suspension", "resumption",
        "termination", "extension", "decision", "mediation", "opinion",
    ]  # fmt: skip
    assert set(CASES) == {k.key for k in kinds}
    for kind in kinds:
        assert kind.template_path.is_file()
        assert re.fullmatch(r"2026\.1\+[0-9a-f]{12}", kind.template_version())
        # The office makes them; the respondent's handler none (Arts. 48, 76: it receives them).
        assert kind.roles == {Role.SECTION_STAFF, Role.SYSTEM_ADMIN}
        assert Role.AGENCY_HANDLER not in kind.roles
    assert recon_documents.LABEL == LABEL


@pytest.mark.parametrize("key", list(CASES))
def test_each_kind_generates_in_its_state(world, storage_dir, fake_pdf, key):  # noqa: F811
    stage, texts = CASES[key]
    case = journey(world, until=stage)
    kind = registry.get(LABEL, key)
    assert kind in available_kinds(case, user=world.clerk_haizhu)
    document = document_generate(case=case, kind_key=key, actor=world.clerk_haizhu)
    document.refresh_from_db()
    case.refresh_from_db()
    assert document.title == kind.title_for(case)
    assert document.template_version == kind.template_version()
    assert document.case_version == case.version
    docx_data = stored_bytes(document.docx)
    assert document.docx_sha256 == hashlib.sha256(docx_data).hexdigest()
    text = docx_text(docx_data)
    number = case.number
    assert number == f"（{RECEIVED.year}）海珠区司法局行复字第0001号"
    for expected in [APPLICANT, RESPONDENT, *texts]:
        assert expected in text, expected
    if key in DECISION_KINDS:
        word = recon_documents.DECISION_WORDS[key]
        assert number.replace("行复字", word) in text
    else:
        assert number in text
    assert "{{" not in text and "{%" not in text


def test_extension_notice_gives_the_new_end_of_the_decision_period(world, storage_dir, fake_pdf):  # noqa: F811
    """行政复议法第六十二条第一款: at most thirty days more, approved by the office head, notified
    in writing; the new end is the "decision" clock's, suspension days not counted (第三十九条)."""
    case = journey(world, until="extended")
    clock = Clock.for_case(case).get(key="decision")
    assert clock.extended == 30
    # Accepted 12 June: 60 days → 11 August; suspended 13–31 July, 18 days not counted →
    # Saturday 29 August; thirty days more from there → Monday 28 September (a working day
    # after 中秋, 25–27 September). The extension runs on from the period's own end, not from
    # the Monday it would have rolled to.
    assert decision_due(case) == D(2026, 9, 28)
    document = document_generate(case=case, kind_key="extension", actor=world.clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    assert f"本案审理期限延长三十日，至{cn(D(2026, 9, 28))}届满" in text


def test_availability_follows_the_process(world):
    def keys(stage):
        return [k.key for k in available_kinds(journey(world, until=stage))]

    assert keys("submitted") == []
    assert keys("correction") == ["correction"]
    assert keys("refused") == ["refusal"]
    assert keys("accepted") == ["acceptance", "correction", "answer"]
    assert keys("suspended") == ["acceptance", "correction", "answer", "hearing", "suspension"]
    assert keys("extended") == [
        "acceptance", "correction", "answer", "hearing", "suspension", "resumption", "extension",
    ]  # fmt: skip
    assert keys("decided") == [
        "acceptance", "correction", "answer", "hearing", "suspension", "resumption", "extension",
        "decision",
    ]  # fmt: skip
    assert keys("opinion")[-2:] == ["decision", "opinion"]
    assert keys("mediated") == ["acceptance", "correction", "answer", "mediation"]
    assert keys("terminated") == ["acceptance", "correction", "answer", "termination"]


@pytest.mark.parametrize(
    ("stage", "key"),
    [
        ("submitted", "acceptance"),
        ("submitted", "correction"),
        ("accepted", "refusal"),
        ("submitted", "answer"),
        ("answered", "hearing"),
        ("hearing", "suspension"),
        ("suspended", "resumption"),
        ("resumed", "extension"),
        ("extended", "decision"),  # no decision before the case is decided
        ("mediated", "decision"),
        ("decided", "mediation"),
        ("decided", "termination"),
        ("decided", "opinion"),
        ("refused", "decision"),
    ],
)
def test_kind_refused_in_the_wrong_state(world, storage_dir, stage, key):  # noqa: F811
    case = journey(world, until=stage)
    with pytest.raises(InvalidInput) as raised:
        document_generate(case=case, kind_key=key, actor=world.clerk_haizhu)
    assert raised.value.message and "kind" in raised.value.fields
    assert not GeneratedDocument.for_case(case).exists()


def test_unavailable_kinds_say_why_with_the_article(world):
    """Each kind unavailable on a case just registered says when it can be made, citing its
    article (translated: gettext_lazy, shown in the user's language)."""
    case = register(world)
    assert available_kinds(case) == []
    for kind in registry.kinds(LABEL):
        reason = kind.reason_unavailable(case)
        assert re.search(r"Arts?\. \d+|第[一二三四五六七八九十]+条", reason), (kind.key, reason)
    decision = registry.get(LABEL, "decision").reason_unavailable(case)
    assert "Arts. 63–72" in decision or "第六十三条" in decision


def test_the_respondents_handler_generates_none(world, storage_dir):  # noqa: F811
    """The agency handler sees the case against its agency (it answers, Art. 48, and reports on
    an opinion letter, Art. 76) but makes no document; nor does another district's staff."""
    w = world
    case = journey(w, until="opinion")
    assert available_kinds(case, user=w.agency_haizhu) == []
    for key in CASES:
        with pytest.raises(PermissionDenied):
            document_generate(case=case, kind_key=key, actor=w.agency_haizhu)
    with pytest.raises(PermissionDenied):
        document_generate(case=case, kind_key="decision", actor=w.clerk_baiyun)
    assert not GeneratedDocument.for_case(case).exists()


def test_deemed_acceptance_is_notified_from_the_day_the_review_ended(world, storage_dir, fake_pdf):  # noqa: F811
    """行政复议法第三十条: not refused within five working days (received Monday 1 June: 2, 3,
    4, 5, 8 June), the application is accepted from Monday 8 June."""
    case = register(world)
    with on(D(2026, 6, 9)):
        case = fire(case, "deem_accepted", world.clerk_haizhu)
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert (case.accepted_on, case.deemed_accepted) == (D(2026, 6, 8), True)
    document = document_generate(case=case, kind_key="acceptance", actor=world.clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    assert "在审查期限内未作出不予受理决定" in text
    assert f"自审查期限届满之日即{cn(D(2026, 6, 8))}起视为受理" in text
    assert "第三十条" in text and "予以受理" not in text


def test_simplified_procedure_shortens_the_answer_period(world, storage_dir, fake_pdf):  # noqa: F811
    """行政复议法第五十三条第一款第二项 (a warning), 第五十四条 (answer within five working days),
    第六十二条第二款 (decision within thirty days)."""
    w = world
    case = register(w)
    with on(D(2026, 6, 2)):
        case = fire(case, "accept", w.clerk_haizhu, procedure="simplified",
                    simplified_ground="warning")  # fmt: skip
    acceptance = docx_text(stored_bytes(document_generate(
        case=case, kind_key="acceptance", actor=w.clerk_haizhu).docx))  # fmt: skip
    assert "第五十三条第一款第二项" in acceptance and "简易程序" in acceptance
    assert "三十日内作出行政复议决定" in acceptance and "第六十二条第二款" in acceptance
    answer = docx_text(stored_bytes(document_generate(
        case=case, kind_key="answer", actor=w.clerk_haizhu).docx))  # fmt: skip
    assert "五个工作日内" in answer and "第五十四条" in answer
    assert "十个工作日" not in answer and "第四十八条" not in answer


def test_every_decision_type_has_its_article_and_words():
    """行政复议法第六十三条至第七十一条, in the statute's order (choices.DecisionType)."""
    articles = {
        "change": "第六十三条", "annul": "第六十四条", "annul_part": "第六十四条",
        "annul_redo": "第六十四条", "declare_unlawful": "第六十五条",
        "order_performance": "第六十六条", "declare_void": "第六十七条", "uphold": "第六十八条",
        "reject_claim": "第六十九条", "contract_remedy": "第七十一条",
    }  # fmt: skip
    assert set(recon_documents.DECISIONS) == set(DecisionType.values) == set(articles)
    for key, (article, words) in recon_documents.DECISIONS.items():
        assert article == articles[key]
        assert words.endswith("。")
    act = "作出的某决定"
    assert recon_documents.DECISIONS["uphold"][1].format(act=act) == "维持被申请人作出的某决定。"
    assert recon_documents.DECISIONS["declare_void"][1].format(act=act) == (
        "确认被申请人作出的某决定无效。"
    )


def test_authority_is_the_government_of_the_bureaus_region(world, settings):
    """行政复议法第四条: the people's government is the authority, the justice bureau its
    office; the name is configurable [❓ local practice]."""
    case = ReconsiderationCase(organization=world.haizhu_bureau)
    assert recon_documents.authority(case) == "广州市海珠区人民政府"
    assert recon_documents.authority(ReconsiderationCase(organization=world.city_bureau)) == (
        "广州市人民政府"
    )
    settings.FAZHI_RECON_AUTHORITY_NAMES = {"440105000000": "海珠区人民政府"}
    assert recon_documents.authority(case) == "海珠区人民政府"


def test_decision_number_is_made_from_the_case_number():
    case = ReconsiderationCase(number="（2026）海珠区司法局行复字第0007号")
    assert (
        recon_documents.decision_number(case, "decision") == "（2026）海珠区司法局行复决字第0007号"
    )
    assert (
        recon_documents.decision_number(case, "refusal") == "（2026）海珠区司法局行复不字第0007号"
    )
    other = ReconsiderationCase(number="海府复〔2026〕7号")
    assert recon_documents.decision_number(other, "decision") == "海府复〔2026〕7号"


def test_the_pdf_is_made_by_libreoffice(world, storage_dir):  # noqa: F811
    need_pdf()
    case = journey(world, until="decided")
    document = document_generate(case=case, kind_key="decision", actor=world.clerk_haizhu)
    assert not getattr(document, "pdf_error", "")
    pdf_data = stored_bytes(document.pdf)
    assert pdf_data.startswith(b"%PDF")
    assert document.pdf_sha256 == hashlib.sha256(pdf_data).hexdigest()
    if shutil.which("pdftotext") and shutil.which("pdffonts"):
        assert_pdf_shows(pdf_data, "行政复议决定书", APPLICANT, RESPONDENT, "第六十四条")


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from reconsideration.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = recon_documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m reconsideration.doctemplates.build"
        )
