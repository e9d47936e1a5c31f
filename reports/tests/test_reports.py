"""The annual report: live figures, freezing, differences after a change, versions, exports."""

import datetime
import io
import os
import shutil
import subprocess

import pytest
from docx import Document

from core.errors import Conflict, InvalidInput, PermissionDenied
from core.models import Region
from mediation.tests.test_indicators import _conclude, history  # noqa: F401
from reports import figures, render
from reports.models import Report, SectionRevision
from reports.services import report_create, report_freeze, report_reopen, section_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, history):  # noqa: F811
    return report_create(actor=world.clerk_haizhu, region=world.haizhu, year=2025)


def _text(report):
    return "\n".join(t for _k, t in render.paragraphs(report))


def test_the_outline_follows_the_required_content(report):
    headings = [s.heading for s in report.sections.all()]
    assert headings[0] == "一、2025年推进法治政府建设的主要举措和成效"
    assert headings[1].startswith("（一）")
    assert [h[:2] for h in headings if "、" in h[:2]] == ["一、", "二、", "三、", "四、", "五、"]
    assert "第一责任人职责" in headings[2] and "2026年" in headings[4]
    assert report.title == "海珠区司法局2025年法治政府建设年度报告"


def test_figures_are_woven_into_the_narrative_as_the_samples_phrase_them(report):
    text = _text(report)
    # 海珠 2025: received 4 (2024: 1) → 同比增长300.0%; success 3 of 4 = 75.0%, 2024 100% → −25 points.
    assert "全年共受理矛盾纠纷4件，同比增长300.0%" in text
    assert "调解成功率75.0%，同比下降25.0个百分点" in text
    assert "涉及金额3,500件" not in text and "涉及金额3,500元" in text
    assert "{{" not in text


def test_yoy_phrases_match_hand_computed_values():
    from indicators.formatting import yoy_phrase

    # 3,037 against 2,809: +8.1%; 98.5% against 97.3%: +1.2 points (samples' wording).
    assert yoy_phrase(3037, 2809, ratio=False) == "同比增长8.1%"
    assert yoy_phrase(2809, 3037, ratio=False) == "同比下降7.5%"
    assert yoy_phrase(98.5, 97.3, ratio=True) == "同比提高1.2个百分点"
    assert yoy_phrase(97.3, 98.5, ratio=True) == "同比下降1.2个百分点"
    assert yoy_phrase(10, 10, ratio=False) == "与上年持平"
    assert yoy_phrase(10, 0, ratio=False) == ""  # nothing to compare with


def test_freezing_then_changing_a_case_shows_the_differing_figure(world, report):
    report = report_freeze(actor=world.leader_gz, report=report)
    before = _text(report)
    assert figures.differences(report) == []
    # A new dispute concluded in 2025 after freezing changes the live figures.
    _conclude(world, world.haizhu_committee, world.mediator_haizhu, "succeeded",
              datetime.date(2025, 12, 1))  # fmt: skip
    report.refresh_from_db()
    assert _text(report) == before  # the frozen text does not move
    changed = {d["key"] for d in figures.differences(report)}
    assert {"mediation.received", "mediation.succeeded", "mediation.success_rate"} <= changed
    with pytest.raises(Conflict):
        section_update(actor=world.clerk_haizhu, section=report.sections.first(), body="x")
    report_reopen(actor=world.leader_gz, report=report)
    report.refresh_from_db()
    assert "全年共受理矛盾纠纷5" in _text(report)


def test_every_edit_is_a_version_and_a_stale_edit_is_refused(world, report):
    section = report.sections.get(key="problems")
    section_update(actor=world.clerk_haizhu, section=section, body="基层力量不足。", version=1)
    with pytest.raises(Conflict):
        section_update(actor=world.clerk_haizhu, section=section, body="另一版本", version=1)
    assert list(SectionRevision.objects.filter(section=section).values_list("version", flat=True)
                ) == [2, 1]  # fmt: skip
    with pytest.raises(InvalidInput):
        section_update(actor=world.clerk_haizhu, section=section, body="{{no.such}}", version=2)


def test_only_the_jurisdiction_may_write(world, report):
    with pytest.raises(PermissionDenied):
        section_update(actor=world.clerk_baiyun, section=report.sections.first(), body="x")
    with pytest.raises(PermissionDenied):
        report_create(actor=world.clerk_baiyun, region=world.haizhu, year=2024)
    assert not Report.objects.restrict(world.clerk_baiyun, "view").exists()


def test_the_docx_opens_and_holds_every_figure(report):
    document = Document(io.BytesIO(render.to_docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    values = render.values_for(report)
    for key, value in values.items():
        shown = figures.display(key, value, None)
        assert shown in text, key
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Normal"} <= styles
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    assert (
        document.styles["Normal"].element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "仿宋_GB2312"
    )


def test_the_pdf_embeds_a_cjk_font_and_renders_chinese(report, tmp_path):
    from cases.documents import PdfFontMissing

    try:
        pdf = render.to_pdf(report)
    except PdfFontMissing:
        if os.environ.get("FAZHI_REQUIRE_BROWSER"):
            raise
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    if not shutil.which("pdffonts"):
        assert not os.environ.get("FAZHI_REQUIRE_BROWSER"), "CI needs poppler-utils"
        pytest.skip("poppler-utils not installed")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "CJK" in fonts or "Noto" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "法治政府建设年度报告" in text.replace("\n", "")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    assert image.getextrema()[0] < 128  # ink on the page


def test_the_command_writes_each_format(world, history, tmp_path):  # noqa: F811
    from django.core.management import call_command

    for fmt in ("html", "docx"):
        out = tmp_path / f"r.{fmt}"
        call_command("report", "--region", "440105", "--year", "2025", "--format", fmt,
                     "-o", str(out), stdout=io.StringIO())  # fmt: skip
        assert out.stat().st_size > 1000
    assert "年度报告" in (tmp_path / "r.html").read_text()
    assert Report.objects.filter(region=Region.objects.get(code="440105000000")).count() == 1
