"""Random values posted to every page form of legal aid never get a 500 (issue #10), as
core/tests/test_forms_fuzz.py keeps mediation and core: the same `fuzz` (a page's POST form,
random values for its fields) and `fuzz_list` (a list's filter, shown, exported and printed).

Two more ways in, for forms `fuzz` cannot reach by itself:
- `fuzz_action`: a form whose page posts elsewhere (the message to the applicant, the lawyer's
  opt-in, the attachment and document forms of the case page, the subsidy list's forms);
- `fuzz_fired`: a transition posted with the case's current version, each example rolled back,
  so random values get past the stale-version check to the engine's checks, guards and effect.
The Excel import is fuzzed through what the upload can carry: a template with random cells,
and files that are no workbook at all.
"""

from __future__ import annotations

import contextlib
import datetime
import re

import pytest
from django.db import transaction
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from cases import engine
from conftest import frozen_today, moved_now
from core.roles import Role
from core.tests.test_forms_fuzz import FUZZ, VALUES, field_names, fuzz, fuzz_list
from legalaid import quality, subsidies
from legalaid.models import AidCase, Criterion, Draw, Exemption, Subsidy
from legalaid.process import AID_PROCESS
from legalaid.services import consultation_record
from legalaid.tests.factories import make_application
from legalaid.tests.test_import import HEADERS, _file, _row

pytestmark = pytest.mark.django_db

TODAY = frozen_today().isoformat()


def transition_url(case, name: str) -> str:
    return f"/cases/legalaid.aidcase/{case.pk}/do/{name}/"


def fire(case, name: str, actor, **data) -> AidCase:
    case = AidCase.objects.get(pk=case.pk)
    return engine.fire(case, name, actor=actor, version=case.version,
                       data={"on_date": TODAY, **data})  # fmt: skip


def form_names(html: str, action: str) -> list[str]:
    """The field names of the page's POST form that posts to `action`."""
    forms = re.findall(
        rf'<form[^>]*method="post"[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S
    )
    assert forms, f"no form posting to {action}"
    names = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', "".join(forms))
    return sorted(set(names) - {"csrfmiddlewaretoken"})


def fuzz_action(client, page: str, action: str, extra: tuple[str, ...] = ()):
    """Random values for the fields of the form on `page` that posts to `action` (and for
    `extra` names the form does not have, which the view must ignore): never a 500."""
    response = client.get(page)
    assert response.status_code == 200, page
    names = sorted(set(form_names(response.content.decode(), action)) | set(extra))

    @given(st.fixed_dictionaries({}, optional={name: VALUES for name in names}))
    @FUZZ
    def post(values):
        response = client.post(action, values, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code < 500, (action, values)

    post()


def offered(html: str) -> dict[str, list[str]]:
    """The values the page itself offers: the options of its selects, the values of its ticks
    and radios, the initial values of its other inputs (a transition's date is today's)."""
    values: dict[str, list[str]] = {}
    for name, body in re.findall(r'<select[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        values.setdefault(name, []).extend(re.findall(r'<option[^>]*\bvalue="([^"]*)"', body))
    for tag in re.findall(r"<input[^>]*>", html):
        name, value = re.search(r'\bname="([^"]+)"', tag), re.search(r'\bvalue="([^"]*)"', tag)
        if name and value is None and re.search(r'type="(?:checkbox|radio)"', tag):
            values.setdefault(name[1], []).append("on")  # what a browser sends for it
        elif name and value and value[1]:
            values.setdefault(name[1], []).append(value[1])
    return {name: sorted(set(v)) for name, v in values.items() if v}


PLAUSIBLE = "经审查，依法办理"  # for a field the page offers no value for (a text)


class _RolledBack(Exception):
    pass


def fuzz_fired(client, case, name: str):
    """The transition `name` posted with the case's current version: every field present, each
    either a value the page offers (or a plausible text) or a random one, so that some examples
    are valid and fire.
    Each example is rolled back: every one starts from the same case."""
    url = transition_url(case, name)
    page = client.get(url)
    assert page.status_code == 200, url
    html = page.content.decode()
    names = [n for n in field_names(html) if n not in ("version", "language", "next")]
    choices = offered(html)
    version = AidCase.objects.get(pk=case.pk).version
    plausible = {n: choices.get(n) or [PLAUSIBLE] for n in names}
    strategies = {n: st.one_of(st.sampled_from(plausible[n]), VALUES) for n in names}

    @example({n: plausible[n][-1] for n in names})  # a filled-in form comes first
    @given(st.fixed_dictionaries(strategies))
    @FUZZ
    def post(values):
        with contextlib.suppress(_RolledBack), transaction.atomic():
            response = client.post(url, {**values, "version": version},
                                   HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
            assert response.status_code < 500, (url, values)
            raise _RolledBack

    post()


# -- the fixture cases ------------------------------------------------------------------------


def new(w, **data) -> AidCase:
    return make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu, **data)


def granted(w) -> AidCase:
    return fire(new(w), "grant", w.aid_clerk_haizhu)


def assigned(w) -> AidCase:
    return fire(granted(w), "assign", w.aid_clerk_haizhu, lawyer=w.lawyer_a1.pk,
                reason="案情紧急")  # fmt: skip


def concluded(w) -> AidCase:
    return fire(assigned(w), "conclude", w.aid_clerk_haizhu, result="mediated",
                recovered_losses="0", report="经仲裁调解结案")  # fmt: skip


def archived(w) -> AidCase:
    clerk = w.aid_clerk_haizhu
    return fire(fire(concluded(w), "submit_file", clerk), "archive", clerk, grade="good")


def cases_in_states(w) -> dict[str, AidCase]:
    """Haizhu cases in each state a staff or lawyer form acts on, moved there by the engine;
    assigned cases go to 陈律师 (lawyer_a1). Besides: an urgent case, one aided before the
    decision (Art. 44) and a notified defence that may end in life imprisonment (Art. 26)."""
    clerk = w.aid_clerk_haizhu

    def refused():
        return fire(new(w), "refuse", clerk, reason="不符合经济困难标准")

    def urgent():
        return new(w, urgent=True, urgent_reason="仲裁时效七日内届满")

    provided_first = fire(
        urgent(), "provide_first", clerk, lawyer=w.lawyer_a1.pk, reason="仲裁时效将届满"
    )
    notified = new(
        w, title="故意杀人辩护", matter="criminal", category="criminal_defence",
        source="notification", notifying_authority="court", notifying_body="广州市中级人民法院",
        life_or_death=True, stage="一审", parties=[{"side": "applicant", "name": "被告人某"}],
    )  # fmt: skip
    cases = {
        "submitted": new(w),
        "urgent": urgent(),
        "provided_first": provided_first,
        "notified": notified,
        "correction_requested": fire(new(w), "request_correction", clerk, items="劳动合同"),
        "refused": refused(),
        "objection": fire(refused(), "file_objection", clerk, reason="申请人确有困难"),
        "granted": granted(w),
        "announced": fire(granted(w), "announce", clerk, hours="24"),
        "assigned": assigned(w),
        "handling": fire(assigned(w), "report_progress", clerk, stage="filed"),
        "concluded": concluded(w),
        "file_review": fire(concluded(w), "submit_file", clerk),
    }
    # The draw of the announced case has closed: the "draw" form can fire.
    now = moved_now()
    Draw.objects.filter(case=cases["announced"]).update(
        announced_at=now - datetime.timedelta(hours=26), closes_at=now - datetime.timedelta(hours=2)
    )
    return cases


def transitions_of(cases: dict[str, AidCase], user) -> list[tuple[AidCase, str]]:
    """Every transition `user` is offered on each of `cases` (as its buttons show)."""
    return [(case, t.name) for case in cases.values() for t in engine.available(case, user)]


# -- staff ------------------------------------------------------------------------------------


def test_the_registration_forms(client, aid_world):
    client.force_login(aid_world.aid_clerk_haizhu)
    for url in ("/legalaid/cases/new/", "/legalaid/consultations/new/", "/legalaid/pool/new/",
                "/legalaid/exemptions/new/"):  # fmt: skip
        fuzz(client, url)


def test_the_transition_forms_in_every_state(client, aid_world):
    w = aid_world
    cases = cases_in_states(w)
    client.force_login(w.aid_clerk_haizhu)
    done = set()
    for case, name in transitions_of(cases, w.aid_clerk_haizhu):
        fuzz_fired(client, case, name)
        fuzz(client, transition_url(case, name))
        done.add(name)
    # Every form the staff have in the process was reached from these cases.
    assert done == {t.name for t in AID_PROCESS.transitions if Role.SECTION_STAFF in t.roles}


def rubric(w) -> None:
    """Two criteria of each kind in the Haizhu centre's rubric: the evaluation form asks for a
    score on each."""
    for kind in Criterion.Kind.values:
        for position, (name, most) in enumerate([("准备充分", 40), ("辩护意见", 60)]):
            quality.criterion_add(actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, kind=kind,
                                  name=name, max_score=most, position=position)  # fmt: skip


def test_the_quality_forms(client, aid_world):
    w = aid_world
    rubric(w)
    assigned(w)  # a case the evaluation may name
    client.force_login(w.aid_clerk_haizhu)
    fuzz(client, "/legalaid/quality/rubric/")
    fuzz(client, f"/legalaid/quality/rubric/?edit={Criterion.objects.first().pk}")
    for kind in Criterion.Kind.values:
        url = f"/legalaid/quality/evaluate/?kind={kind}"
        assert 'name="score_' in client.get(url).content.decode()
        fuzz(client, url)


def test_the_subsidy_forms(client, aid_world):
    w = aid_world
    clerk = w.aid_clerk_haizhu
    client.force_login(clerk)
    fuzz(client, "/legalaid/subsidies/rates/")
    # On the month's list: a subsidy to mark paid, an archived case awaiting its subsidy. Both
    # forms post elsewhere.
    subsidies.rate_add(actor=clerk, centre=w.haizhu_centre, matter="civil", stage="",
                       amount="1500", valid_from=datetime.date(2024, 1, 1))  # fmt: skip
    month = frozen_today().strftime("%Y-%m")
    subsidies.subsidy_for(archived(w), clerk, month)
    awaiting = archived(w)
    page = f"/legalaid/subsidies/{month}/"
    fuzz_action(client, page, f"/legalaid/subsidies/cases/{awaiting.pk}/compute/")
    fuzz_action(client, page, f"/legalaid/subsidies/{month}/paid/")


def test_the_subsidy_months(client, aid_world):
    """The month is part of the path, not a filter: any four digits and two, shown and
    exported."""
    client.force_login(aid_world.aid_clerk_haizhu)

    @given(st.integers(0, 9999), st.integers(0, 99), st.sampled_from(["", "export.xlsx"]))
    @FUZZ
    def get(year, month, tail):
        url = f"/legalaid/subsidies/{year:04d}-{month:02d}/{tail}"
        assert client.get(url).status_code < 500, url

    get()


CELLS = st.one_of(
    VALUES.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v)),  # what a cell may hold
    st.none(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)


def test_the_import_upload(client, aid_world):
    client.force_login(aid_world.aid_clerk_haizhu)
    fuzz(client, "/legalaid/import/")  # the file field given text, or nothing

    @given(st.dictionaries(st.sampled_from(HEADERS), CELLS, min_size=1))
    @FUZZ
    def upload_template(cells):
        upload = _file([_row(**cells)])
        upload.name = "cases.xlsx"
        response = client.post("/legalaid/import/", {"file": upload})
        assert response.status_code < 500, cells

    @given(st.binary(max_size=2000), st.sampled_from(["a.xlsx", "a.csv", "", "\x00.xlsx"]))
    @FUZZ
    def upload_anything(content, name):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(name or "x", content)
        assert client.post("/legalaid/import/", {"file": upload}).status_code < 500

    upload_template()
    upload_anything()


def test_the_forms_of_a_case_from_the_portal(client, aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                            tracking_code=True)  # fmt: skip
    assert case.tracking_code
    client.force_login(w.aid_clerk_haizhu)
    page = case.get_absolute_url()
    fuzz_action(client, page, f"/legalaid/cases/{case.pk}/message/")
    # The case page's other forms: attachments, documents, who handles it.
    for tail in ("attachments/", "documents/", "assign/"):
        fuzz_action(client, page, f"/cases/legalaid.aidcase/{case.pk}/{tail}")


# -- the lawyer -------------------------------------------------------------------------------


def test_the_lawyers_forms(client, aid_world):
    w = aid_world
    cases = cases_in_states(w)
    fire(cases["granted"], "announce", w.aid_clerk_haizhu, hours="24")
    draw = Draw.objects.get(case=cases["granted"], state=Draw.State.OPEN)
    client.force_login(w.lawyer_a1.user)
    page = client.get("/legalaid/my/")
    assert page.status_code == 200 and draw.public_code in page.content.decode()
    # The opt-in form has no field: whatever else it is sent must be ignored.
    fuzz_action(client, "/legalaid/my/", f"/legalaid/draws/{draw.pk}/opt-in/",
                extra=("lawyer", "draw", "at"))  # fmt: skip
    done = set()
    for case, name in transitions_of(cases, w.lawyer_a1.user):
        assert case.lawyer == w.lawyer_a1
        fuzz_fired(client, case, name)
        fuzz(client, transition_url(case, name))
        done.add(name)
    assert done == {t.name for t in AID_PROCESS.transitions if Role.LAWYER in t.roles}


# -- the public -------------------------------------------------------------------------------


def test_the_public_application(client, aid_world):
    fuzz(client, "/legalaid/online/apply/")


def test_the_public_application_with_the_challenge_on(client, aid_world, settings):
    settings.FAZHI_PORTAL_APPLY_CEILING = 0
    assert "captcha_1" in client.get("/legalaid/online/apply/").content.decode()
    fuzz(client, "/legalaid/online/apply/")


# -- lists, exports and prints ----------------------------------------------------------------


def test_list_filters_exports_and_prints(client, aid_world):
    """Every legal aid list with a filter form, as its users see it. The subsidy list has none
    (its month is in the path: test_the_subsidy_months), nor has the public list of draws (its
    pages only); the rubric's centre picker shows to someone over several centres."""
    w = aid_world
    clerk = w.aid_clerk_haizhu
    cases_in_states(w)
    consultation_record(actor=clerk, organization=w.haizhu_centre, data={
        "on_date": frozen_today(), "channel": "hotline", "category": "wages",
        "summary": "欠薪如何维权",
    })  # fmt: skip
    Exemption.objects.create(name="困难职工", kind="check_waived", legal_basis="条例第十八条",
                             organization=w.haizhu_centre)  # fmt: skip
    rubric(w)
    quality.evaluation_record(
        actor=clerk, centre=w.haizhu_centre, lawyer=w.lawyer_a1, kind="hearing",
        evaluated_on=frozen_today(), evaluator="专家甲",
        scores={str(c.pk): c.max_score for c in quality.rubric(w.haizhu_centre, "hearing")},
    )  # fmt: skip
    lists = {
        clerk: ("/legalaid/cases/", "/legalaid/consultations/", "/legalaid/pool/",
                "/legalaid/exemptions/", "/legalaid/quality/evaluations/",
                "/legalaid/quality/ranking/", "/legalaid/quality/evaluate/"),
        w.leader_gz: ("/legalaid/cases/", "/legalaid/quality/rubric/",
                      "/legalaid/quality/ranking/"),
        w.lawyer_a1.user: ("/legalaid/cases/", "/legalaid/quality/evaluations/"),
    }  # fmt: skip
    for user, urls in lists.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user, url)
            fuzz_list(client, url)


# -- a 500 found while writing this file ------------------------------------------------------


def test_a_subsidy_too_large_for_its_column_is_refused(client, aid_world):
    """A rate and an adjustment each under the limit, their sum over it: refused on the form,
    not a database error (the amount column holds 10 digits, 2 of them decimals)."""
    w = aid_world
    clerk = w.aid_clerk_haizhu
    subsidies.rate_add(actor=clerk, centre=w.haizhu_centre, matter="civil", stage="",
                       amount="99999999.99", valid_from=datetime.date(2024, 1, 1))  # fmt: skip
    case = archived(w)
    client.force_login(clerk)
    month = frozen_today().strftime("%Y-%m")
    response = client.post(
        f"/legalaid/subsidies/cases/{case.pk}/compute/",
        {"month": month, "adjustment": "99999999.99", "adjustment_reason": "案情复杂"},
        follow=True,
    )
    assert response.status_code == 200 and "金额过大" in response.content.decode()
    assert not Subsidy.objects.filter(case=case).exists()


def test_a_note_with_a_nul_character_is_refused(client, aid_world):
    """The event's note of a transition page is not a field of the transition's form: a NUL
    in it was written as it came (PostgreSQL: DataError, a 500)."""
    w = aid_world
    case = new(w)
    client.force_login(w.aid_clerk_haizhu)
    response = client.post(
        transition_url(case, "grant"), {"version": case.version, "on_date": TODAY, "note": "a\x00"}
    )
    assert response.status_code == 200 and "空字符" in response.content.decode()
    assert AidCase.objects.get(pk=case.pk).state == "submitted"


def test_an_export_whose_filter_holds_a_control_character(client, aid_world):
    """A filter value is written into the workbook's "about" sheet: a control character no
    worksheet may hold was an IllegalCharacterError (a 500)."""
    client.force_login(aid_world.aid_clerk_haizhu)
    response = client.get("/legalaid/pool/", {"q": "陈\x13", "output": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
