"""The seven people's mediation documents: each generated for a dispute in the right state,
refused in the wrong one, with the case's data in the DOCX; the PDF of one of them made by
LibreOffice with each GB/T 9704 role in its face (the other tests use `fake_pdf`: a
conversion takes seconds)."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import re

import pytest
from django.urls import reverse

import mediation.documents as mediation_documents
from cases import engine
from cases.documents import available_kinds, document_generate, registry
from cases.models import GeneratedDocument
from cases.tests.test_documents import (
    assert_pdf_shows,
    docx_text,
    fake_pdf,  # noqa: F401 - fixture
    need_pdf,
    need_poppler,
    pdf_fonts,
    pdf_pages_text,
    storage_dir,  # noqa: F401 - fixture
    stored_bytes,
)
from conftest import frozen_today
from core.errors import InvalidInput
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

TODAY = frozen_today()
RECEIVED = TODAY - datetime.timedelta(days=20)
ACCEPTED = TODAY - datetime.timedelta(days=18)
SESSION_1 = TODAY - datetime.timedelta(days=15)
SESSION_2 = TODAY - datetime.timedelta(days=10)
AGREED = TODAY - datetime.timedelta(days=9)
VISITED = TODAY - datetime.timedelta(days=2)

TERMS = "被申请人李四光于本协议生效之日起七日内赔偿申请人维修费用人民币3000元\n双方今后互谅互让，和睦相处"
NOTES_1 = "人民调解员告知双方权利义务。\n申请人陈述：楼上卫生间漏水导致天花板损坏。\n被申请人陈述：愿意协商。"


def resident_id(body: str) -> str:
    """`body` (17 digits) with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def parties(world):
    return [
        {
            "side": "applicant",
            "name": "张三丰",
            "id_number": resident_id("44010519800506123"),
            "ethnicity": "汉族",
            "phone": "13800138001",
            "address": "广州市海珠区赤岗路1号",
        },
        {"side": "respondent", "name": "李四光", "phone": "13800138002"},
        {
            "side": "respondent",
            "kind": "organization",
            "name": "广州某物业管理有限公司",
            "legal_representative": "王五",
            "address": "广州市海珠区新港中路2号",
        },
    ]


def fire(dispute, name, actor, **data):
    return engine.fire(dispute, name, actor=actor, data=data, version=dispute.version)


def journey(world, *, until: str, form: str = "written", facts: str | None = None):
    """A dispute taken through the process up to `until`: registered, accepted, mediating
    (two sessions), agreed (form), visited (a follow-up after the agreement) or failed."""
    m = world.mediator_haizhu
    extra = {"facts": facts} if facts else {}
    d = make_dispute(
        organization=world.haizhu_committee,
        actor=m,
        parties=parties(world),
        received_on=RECEIVED.isoformat(),
        requests="赔偿维修费用3500元\n赔礼道歉",
        address="海珠区赤岗路1号",
        **extra,
    )
    if until == "registered":
        return d
    d = fire(d, "accept", m, consent=True, accepted_on=ACCEPTED)
    if until == "accepted":
        return d
    d = fire(
        d,
        "record_session",
        m,
        held_on=SESSION_1,
        place="调委会调解室",
        notes=NOTES_1,
        attendees="社区网格员赵六",
    )
    d = fire(
        d,
        "record_session",
        m,
        held_on=SESSION_2,
        place="调委会调解室",
        notes="双方同意以赔偿维修费用方式解决。",
    )
    if until == "mediating":
        return d
    if until == "failed":
        return fire(
            d,
            "fail",
            m,
            reason="双方对赔偿数额分歧较大",
            decided_on=SESSION_2,
            routes_told=["litigation", "arbitration"],
        )
    d = fire(
        d,
        "reach_agreement",
        m,
        form=form,
        terms=TERMS,
        performance="于协议生效后七日内一次性付清",
        effective_on=AGREED,
        parties_signed=True,
        mediator_signed=True,
        committee_sealed=True,
    )
    if until == "agreed":
        return d
    return fire(
        d,
        "follow_up",
        m,
        visited_on=VISITED,
        performance="full",
        satisfied=True,
        notes="被申请人已按协议付清赔偿款。",
    )


# kind → (journey stage, agreement form, texts each format must show besides number and names)
CASES = {
    "application": (
        "registered",
        "written",
        ["人民调解申请书", "赔偿维修费用3500元", cn(RECEIVED)],
    ),
    "registration": ("accepted", "written", ["人民调解受理登记表", "邻里纠纷", cn(ACCEPTED)]),
    "record": ("failed", "written", ["人民调解记录", "第二次调解", "调解不成", "诉讼、仲裁"]),
    "agreement": (
        "agreed",
        "written",
        ["人民调解协议书", "赔偿申请人维修费用人民币3000元", "本协议一式四份", cn(AGREED)],
    ),
    "oral_agreement": (
        "agreed",
        "oral",
        ["人民调解口头协议登记表", "赔偿申请人维修费用人民币3000元"],
    ),
    "follow_up": ("visited", "written", ["人民调解回访记录", "已全部履行", "满意", cn(VISITED)]),
    "confirmation": (
        "agreed",
        "written",
        ["司法确认申请书", "赔偿申请人维修费用人民币3000元", "人民法院"],
    ),
}


def test_seven_kinds_are_registered_with_their_templates():
    kinds = registry.kinds("mediation.dispute")
    assert [k.key for k in kinds] == list(CASES)
    for kind in kinds:
        assert kind.template_path.is_file()
        assert re.fullmatch(r"2026\.1\+[0-9a-f]{12}", kind.template_version())
    assert mediation_documents.LABEL == "mediation.dispute"


@pytest.mark.parametrize("key", list(CASES))
def test_each_kind_generates_in_its_state(world, storage_dir, fake_pdf, key):  # noqa: F811
    stage, form, texts = CASES[key]
    dispute = journey(world, until=stage, form=form)
    kind = registry.get("mediation.dispute", key)
    assert kind in available_kinds(dispute)
    document = document_generate(case=dispute, kind_key=key, actor=world.mediator_haizhu)
    document.refresh_from_db()
    dispute.refresh_from_db()
    assert document.title == kind.title_for(dispute)
    assert document.template_version == kind.template_version()
    assert document.case_version == dispute.version
    docx_data, pdf_data = stored_bytes(document.docx), stored_bytes(document.pdf)
    assert document.docx_sha256 == hashlib.sha256(docx_data).hexdigest()
    assert document.pdf_sha256 == hashlib.sha256(pdf_data).hexdigest()
    text = docx_text(docx_data)
    names = ["张三丰", "李四光", "广州某物业管理有限公司"]
    for expected in [dispute.number, *names, *texts]:
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text


def test_the_pdf_shows_the_document_with_a_face_per_role(world, storage_dir):  # noqa: F811
    """The application's PDF, made by LibreOffice: the case's data, every font embedded, and
    as many faces as the roles its DOCX names get from fontconfig (title 小标宋, body 仿宋,
    headings 黑体, page numbers 宋体; on Debian's free fonts 仿宋 and 宋体 share a face)."""
    import shutil
    import subprocess

    import docx
    from docx.oxml.ns import qn

    from cases.pdf import FONTS_CONF

    need_pdf()
    need_poppler()
    stage, form, texts = CASES["application"]
    dispute = journey(world, until=stage, form=form)
    document = document_generate(case=dispute, kind_key="application", actor=world.mediator_haizhu)
    docx_data, pdf_data = stored_bytes(document.docx), stored_bytes(document.pdf)
    assert document.pdf_sha256 == hashlib.sha256(pdf_data).hexdigest()
    names = ["张三丰", "李四光", "广州某物业管理有限公司"]
    # "赤岗街道人民调解委员会已向申请人告知人民调解的性质" fills the line: the 、 after it is
    # the mark LibreOffice 7.4 dropped from justified lines (cases/pdf.py, _for_libreoffice).
    assert_pdf_shows(pdf_data, dispute.number, *names, *texts, "调解的性质、原则和效力")
    parsed = docx.Document(io.BytesIO(docx_data))
    parts = [parsed.styles.element, *(s.footer._element for s in parsed.sections)]
    named = {
        fonts.get(qn("w:eastAsia"))
        for part in parts
        for fonts in part.iter(qn("w:rFonts"))
        if fonts.get(qn("w:eastAsia"))
    }
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"} <= named
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    faces_of_roles = {
        subprocess.run(
            ["fc-match", "-f", "%{file}:%{index}", name],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        for name in named
    }
    embedded = {name.split("+", 1)[-1] for name, _emb in pdf_fonts(pdf_data)}
    assert len(embedded) == len(faces_of_roles) >= 3, (embedded, faces_of_roles)


def test_forms_print_what_they_ask_for(world, storage_dir, fake_pdf):  # noqa: F811
    dispute = journey(world, until="agreed")
    party = dispute.parties_on("applicant")[0]
    age = TODAY.year - party.birth_date.year

    def generated(key: str) -> str:
        document = document_generate(case=dispute, kind_key=key, actor=world.mediator_haizhu)
        return docx_text(stored_bytes(document.docx))

    agreement = generated("agreement")
    assert "性别：男" in agreement or "性别：女" in agreement
    assert re.search(rf"年龄：{age - 1}|年龄：{age}", agreement)
    assert "联系方式：13800138001" in agreement and "法定代表人：王五" in agreement
    assert "一、" not in agreement and "1、被申请人李四光" in agreement
    confirmation = generated("confirmation")
    assert f"公民身份号码：{party.id_number}" in confirmation
    assert "赤岗街道人民调解委员会" in confirmation and dispute.number in confirmation


def test_docx_names_the_official_fonts(world, storage_dir, fake_pdf):  # noqa: F811
    import docx
    from docx.oxml.ns import qn

    dispute = journey(world, until="registered")
    document = document_generate(case=dispute, kind_key="application", actor=world.mediator_haizhu)
    parsed = docx.Document(io.BytesIO(stored_bytes(document.docx)))

    def east_asian(style_name: str) -> str:
        fonts = parsed.styles[style_name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:asciiTheme")) is None
        return fonts.get(qn("w:eastAsia"))

    assert east_asian("Normal") == "仿宋_GB2312"
    assert east_asian("Fazhi Body") == "仿宋_GB2312"
    assert east_asian("Fazhi Heading") == "黑体"
    assert east_asian("Fazhi Title") == "方正小标宋简体"
    section = parsed.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (
        round(section.top_margin.mm),
        round(section.bottom_margin.mm),
        round(section.left_margin.mm),
        round(section.right_margin.mm),
    ) == (37, 35, 28, 26)


def test_availability_follows_the_process(world):
    def keys(dispute):
        return [k.key for k in available_kinds(dispute)]

    assert keys(journey(world, until="registered")) == ["application"]
    assert keys(journey(world, until="accepted")) == ["application", "registration"]
    assert keys(journey(world, until="mediating")) == ["application", "registration", "record"]
    assert keys(journey(world, until="agreed", form="oral")) == [
        "application",
        "registration",
        "record",
        "oral_agreement",
    ]
    assert keys(journey(world, until="visited")) == [
        "application",
        "registration",
        "record",
        "agreement",
        "follow_up",
        "confirmation",
    ]


@pytest.mark.parametrize(
    ("stage", "form", "key"),
    [
        ("mediating", "written", "agreement"),
        ("agreed", "oral", "agreement"),
        ("agreed", "oral", "confirmation"),
        ("agreed", "written", "oral_agreement"),
        ("registered", "written", "registration"),
        ("accepted", "written", "record"),
        ("agreed", "written", "follow_up"),
    ],
)
def test_kind_refused_in_the_wrong_state(world, storage_dir, stage, form, key):  # noqa: F811
    dispute = journey(world, until=stage, form=form)
    with pytest.raises(InvalidInput) as exc:
        document_generate(case=dispute, kind_key=key, actor=world.mediator_haizhu)
    assert exc.value.message and "kind" in exc.value.fields
    assert not GeneratedDocument.for_case(dispute).exists()


def test_agreement_refused_without_a_written_agreement(world, storage_dir):  # noqa: F811
    dispute = journey(world, until="agreed", form="oral")
    with pytest.raises(InvalidInput) as exc:
        document_generate(case=dispute, kind_key="agreement", actor=world.mediator_haizhu)
    assert "written agreement" in exc.value.message or "书面" in exc.value.message


def test_generating_twice_keeps_the_history(world, storage_dir, fake_pdf):  # noqa: F811
    dispute = journey(world, until="agreed")
    first = document_generate(case=dispute, kind_key="agreement", actor=world.mediator_haizhu)
    second = document_generate(case=dispute, kind_key="agreement", actor=world.mediator_haizhu)
    rows = list(GeneratedDocument.for_case(dispute).filter(kind="agreement"))
    assert [d.pk for d in rows] == [first.pk, second.pk]
    assert first.docx.name != second.docx.name
    assert stored_bytes(first.docx) and stored_bytes(second.docx)


def test_other_district_gets_404_on_download(world, storage_dir, login, fake_pdf):  # noqa: F811
    dispute = journey(world, until="agreed")
    document = document_generate(case=dispute, kind_key="agreement", actor=world.mediator_haizhu)
    client = login(world.clerk_baiyun)
    for fmt in ("docx", "pdf"):
        assert (
            client.get(reverse("cases:document_download", args=[document.pk, fmt])).status_code
            == 404
        )
    client = login(world.clerk_haizhu)
    response = client.get(reverse("cases:document_download", args=[document.pk, "pdf"]))
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.pdf_sha256


def test_long_record_runs_over_pages_with_page_numbers(world, storage_dir):  # noqa: F811
    need_pdf()
    facts = "\n".join(
        f"第{n}段：双方就漏水维修费用的分担多次发生争执，邻里关系紧张。" for n in range(1, 40)
    )
    dispute = journey(world, until="failed", facts=facts)
    document = document_generate(case=dispute, kind_key="record", actor=world.mediator_haizhu)
    data = stored_bytes(document.pdf)
    need_poppler()
    pages = pdf_pages_text(data)
    assert len(pages) >= 2
    assert "—1—" in pages[0] and "—2—" in pages[1]


def test_case_page_offers_the_available_documents(world, storage_dir, login):  # noqa: F811
    dispute = journey(world, until="accepted")
    client = login(world.mediator_haizhu)
    response = client.get(dispute.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="documents"' in html
    assert 'value="registration"' in html and 'value="agreement"' not in html


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from mediation.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = mediation_documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m mediation.doctemplates.build"
        )
