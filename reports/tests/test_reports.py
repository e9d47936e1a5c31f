"""The annual report: live figures, freezing, differences after a change, versions, exports."""

import datetime
import io
import os
import re
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

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


def test_the_outline_follows_the_regulations_order(report):
    # 厅字〔2019〕28号 (reference/statutes.md §9): measures, shortcomings, leaders, plans, other.
    parts = [(s.key, s.heading) for s in report.sections.all() if s.level == 1]
    assert [k for k, _h in parts] == ["measures", "problems", "leaders", "plans", "other"]
    assert [h[:2] for _k, h in parts] == ["一、", "二、", "三、", "四、", "五、"]
    assert parts[0][1] == "一、2025年推进法治政府建设的主要举措和成效"
    assert parts[1][1] == "二、存在的不足和原因"
    assert parts[2][1].startswith("三、") and "第一责任人职责" in parts[2][1]
    assert parts[3][1] == "四、2026年推进法治政府建设的主要安排"
    assert report.sections.all()[1].heading.startswith("（一）")
    assert report.title == "海珠区司法局2025年法治政府建设年度报告"


def test_figures_are_woven_into_the_narrative_as_the_samples_phrase_them(report):
    text = _text(report)
    # 海珠 2025: received 4 (2024: 1) → 同比增长300%; success 3 of 4 = 75%, 2024 100% → −25 points.
    assert "全年共受理矛盾纠纷4件，同比增长300%" in text
    assert "调解成功率75%，同比下降25个百分点" in text
    # 1000 × 3 + 500 = 3500元: no thousands separator, no trailing zeros.
    assert "涉及金额3500元" in text and "3,500" not in text
    assert "{{" not in text


def test_a_unit_typed_after_a_figure_prints_once(world, report):
    section = report.sections.get(key="problems")
    body = ("共受理{{mediation.received}}件，成功率{{mediation.success_rate}}%，"
            "上年{{mediation.received|上年}}件，涉及金额{{mediation.amount_involved}}元。")  # fmt: skip
    section_update(actor=world.clerk_haizhu, section=section, body=body, version=1)
    report.refresh_from_db()
    text = _text(report)
    assert "共受理4件，成功率75%，上年1件，涉及金额3500元。" in text
    html = figures.render_html(body, render.values_for(report))
    assert "件件" not in html and "%%" not in html and ">4件</" in html


def test_nothing_is_frozen_without_confirming_while_placeholders_remain(world, report):
    from reports.services import PlaceholdersRemain

    with pytest.raises(PlaceholdersRemain) as caught:
        report_freeze(actor=world.leader_gz, report=report)
    assert {s.key for s in caught.value.sections} == {"problems", "leaders", "plans"}
    assert "请填写" in caught.value.message and "二、存在的不足和原因" in caught.value.message
    report.refresh_from_db()
    assert not report.is_frozen and not report.figures.exists()
    report = report_freeze(actor=world.leader_gz, report=report, confirm_placeholders=True)
    assert report.is_frozen


def test_a_report_without_placeholders_freezes_without_asking(world, report):
    for key in ("problems", "leaders", "plans"):
        section_update(actor=world.clerk_haizhu, section=report.sections.get(key=key),
                       body="已填写。", version=1)  # fmt: skip
    assert report_freeze(actor=world.leader_gz, report=report).is_frozen


def test_freezing_then_changing_a_case_shows_the_differing_figure(world, report):
    report = report_freeze(actor=world.leader_gz, report=report, confirm_placeholders=True)
    before = _text(report)
    assert figures.differences(report) == []
    # A new dispute concluded in 2025 after freezing changes the live figures.
    _conclude(world, world.haizhu_committee, world.mediator_haizhu, "succeeded",
              datetime.date(2025, 12, 1))  # fmt: skip
    report.refresh_from_db()
    assert _text(report) == before  # the frozen text does not move
    diffs = {d["key"]: d for d in figures.differences(report)}
    assert {"mediation.received", "mediation.succeeded", "mediation.success_rate"} <= set(diffs)
    # The notice prints figures as the report does: 3 of 4 then, 4 of 5 now.
    rate = diffs["mediation.success_rate"]
    assert (rate["frozen_text"], rate["live_text"]) == ("75%", "80%")
    assert diffs["mediation.received"]["live_text"] == "5件"
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


def test_the_report_ends_with_its_落款_dated_the_day_it_was_frozen(world, report):
    moment = datetime.datetime(2026, 2, 20, 10, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        report = report_freeze(actor=world.leader_gz, report=report, confirm_placeholders=True)
    sign = render.signature(report)
    assert (sign["name"], sign["date"]) == ("海珠区司法局", "2026年2月20日")
    # GB/T 9704 §7.3.5.2: the date (6½ characters, digits half-width) is longer than the name
    # (6) allows, so it keeps 2 characters on its right and the name moves left to start
    # 2 characters before it: 2 + 6.5 − 6 + 2 = 4.5.
    assert (sign["name_right"], sign["date_right"]) == (4.5, 2)
    assert render.paragraphs(report)[-3:] == [
        ("body", "无。"), ("signature", "海珠区司法局"), ("date", "2026年2月20日")]  # fmt: skip

    html = render.to_html(report)
    assert html.index("无。") < html.index('id="signature-name"') < html.index("2026年2月20日")
    assert 'style="padding-right: 4.5em">海珠区司法局</p>' in html

    document = Document(io.BytesIO(render.to_docx(report)))
    blank, name, date = document.paragraphs[-3:]
    assert blank.text == "" and (name.text, date.text) == ("海珠区司法局", "2026年2月20日")
    assert name.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert (name.paragraph_format.right_indent, date.paragraph_format.right_indent) == (
        Pt(16 * 4.5), Pt(32))  # fmt: skip


def test_a_longer_name_keeps_two_characters_and_the_date_moves_in(world, report):
    report.organization.name = "广州市海珠区司法局"  # 9 characters
    moment = datetime.datetime(2026, 12, 31, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        sign = render.signature(report)  # a draft is dated the day it is printed
    # 2026年12月31日 is 7 wide: it starts 2 right of the name and ends 2 from the margin.
    assert (sign["date"], sign["name_right"], sign["date_right"]) == ("2026年12月31日", 2, 2)


def test_the_pdf_embeds_a_cjk_font_and_renders_chinese(report, tmp_path):
    from cases.pdf import PdfUnavailable

    try:
        pdf = render.to_pdf(report)
    except PdfUnavailable:
        if os.environ.get("FAZHI_REQUIRE_BROWSER"):
            raise
        pytest.skip("cannot make PDFs (apt-get install libreoffice-writer-nogui fonts-noto-cjk)")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    if not shutil.which("pdffonts"):
        assert not os.environ.get("FAZHI_REQUIRE_BROWSER"), "CI needs poppler-utils"
        pytest.skip("poppler-utils not installed")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "CJK" in fonts or "Noto" in fonts
    # Each GB/T 9704 role has its face: 小标宋 title, 黑体 and 楷体 headings, 仿宋 body (or
    # their substitutes, cases/data/fonts.conf) — not the styles' theme font.
    faces = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert len(faces) >= 4, faces
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "法治政府建设年度报告" in text.replace("\n", "")
    # It ends with the 落款, the date's right edge two characters (32 pt) in from the text
    # block's (A4 595.3 pt less the 26 mm right margin), the name's 4.5 characters.
    sign = render.signature(report)
    # LibreOffice, like Word, sets a little space between Chinese and digits ("2026 年 6 月"):
    # compare without white space, and take a date's right edge from its last word.
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]
    assert lines[-3:-1] == [sign["name"], sign["date"]]
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True).stdout  # fmt: skip
    right = 595.28 - 26 / 25.4 * 72
    for word, space in ((sign["name"], sign["name_right"]), (sign["date"], sign["date_right"])):
        last = re.split(r"(?<=\d)(?=\D)|(?<=\D)(?=\d)", word)[-1]
        x_max = float(re.findall(rf'xMax="([0-9.]+)"[^>]*>{last}<', boxes)[-1])
        assert abs(x_max - (right - 16 * space)) < 1, word
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


def test_the_freeze_button_asks_first_while_placeholders_remain(world, report, login):
    client = login(world.leader_gz)
    url = f"/reports/{report.pk}/freeze/"
    response = client.post(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="confirm-freeze"' in page and 'name="confirm"' in page
    assert "二、存在的不足和原因" in page and "四、2026年推进法治政府建设的主要安排" in page
    report.refresh_from_db()
    assert not report.is_frozen
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    report.refresh_from_db()
    assert report.is_frozen


def test_drafts_made_in_the_old_order_get_the_regulations_order(world, report):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reports.migrations.0003_parts_in_regulation_order")
    problems, leaders = report.sections.get(key="problems"), report.sections.get(key="leaders")
    # As reports were made before: 二、 the leaders' part, 三、 the shortcomings.
    problems.position, leaders.position = leaders.position, problems.position
    problems.heading = "三、" + problems.heading[2:]
    leaders.heading = "二、" + leaders.heading[2:]
    problems.save()
    leaders.save()
    migration.forwards(apps, None)
    parts = [(s.key, s.heading[:2]) for s in report.sections.all() if s.level == 1]
    assert parts == [("measures", "一、"), ("problems", "二、"), ("leaders", "三、"),
                     ("plans", "四、"), ("other", "五、")]  # fmt: skip
