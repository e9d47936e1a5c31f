"""Enforcement supervision's section of the annual report (严格规范公正文明执法): figures as
tokens, words as the sample reports put them (reference/statutes.md §8, statutes-lines.md §C;
samples: 海珠 2020 "（三）严格规范公正文明执法 … 深入推行执法公示、执法全过程记录、重大执法决定法制审核
制度 … 期限内完成公示率100% … 开展行政执法证考试2场次,共473人参加"; 白云 2019 "区47个部门在白云信息网
公开行政执法数据7376条 … 严格实行执法人员持证上岗和资格管理制度，组织执法资格考试507人次"; 罗湖 2020
"全面扩大行政执法案卷评查范围,全年抽查32家单位共350宗案卷 … 开展行政执法投诉渠道专项核查"). {{period}}
is 全年 once the year has ended and e.g. 1—11月 before, {{period_end}} its last day; 同比 on the
counts when the same span a year earlier had some, and on the rates (figures.display leaves
the clause out when the previous year had no denominator).

Four paragraphs, as 海珠 writes the part in numbered items: the 三项制度 (decisions reported,
items published, 公示率, decisions missing the mandatory legal review or the full-process
record), officers and certificates (the qualification exam, the certified officers), the
case-file review (files, mean score, rectification rate) and the complaints with their
dispatch to the bodies (complaints, replies on time). Comes after the major decisions'
section (order 45 after 42); no other app imports this one.

As in the other lines' sections, a figure is claimed only when the period's data hold it: each
count only when there are some, each rate only when it has a denominator (a rate without one
would print "—": its clause is left out rather than written as 0%), the mean score only when
files were scored. The missing legal reviews and records are stated when there are some; when
decisions were reported and none lacks its record, the sentence says they all have one (no
such sentence for the review: the figures do not say how many decisions needed one). A paragraph with nothing to say is left out but for
the opening sentence of the section. Which sentences the default text holds is decided once,
when the report is created, from the same indicators' live values; the numbers stay tokens,
refreshed and frozen with the report's other figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

HEADING = "严格规范公正文明执法"
INTRO = "深入推行行政执法公示、执法全过程记录、重大执法决定法制审核制度，推动严格规范公正文明执法。"

# The figures that decide which sentences the default text holds.
DECIDING = (
    "enforcement.decisions",
    "enforcement.published",
    "enforcement.published_on_time_rate",
    "enforcement.legal_review_missing",
    "enforcement.recording_missing",
    "enforcement.discretion_standards",
    "enforcement.decisions_outside_standard",
    "enforcement.exam_candidates",
    "enforcement.exam_pass_rate",
    "enforcement.officers_certified",
    "enforcement.files_reviewed",
    "enforcement.rectified_rate",
    "enforcement.complaints",
    "enforcement.dispatches_on_time_rate",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    decisions: int
    decisions_before: int
    published: int
    published_before: int
    to_publish: int
    review_missing: int
    recording_missing: int
    standards: int
    outside_standard: int
    candidates: int
    candidates_before: int
    sat: int
    certified: int
    files: int
    files_before: int
    rectifications: int
    complaints: int
    complaints_before: int
    replies_due: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))

    def value(key):
        return live[key].value or 0

    def before(key):
        return live[key].previous or 0

    def denominator(key):
        return live[key].denominator or 0

    return Facts(
        decisions=value("enforcement.decisions"),
        decisions_before=before("enforcement.decisions"),
        published=value("enforcement.published"),
        published_before=before("enforcement.published"),
        to_publish=denominator("enforcement.published_on_time_rate"),
        review_missing=value("enforcement.legal_review_missing"),
        recording_missing=value("enforcement.recording_missing"),
        standards=value("enforcement.discretion_standards"),
        outside_standard=value("enforcement.decisions_outside_standard"),
        candidates=value("enforcement.exam_candidates"),
        candidates_before=before("enforcement.exam_candidates"),
        sat=denominator("enforcement.exam_pass_rate"),
        certified=value("enforcement.officers_certified"),
        files=value("enforcement.files_reviewed"),
        files_before=before("enforcement.files_reviewed"),
        rectifications=denominator("enforcement.rectified_rate"),
        complaints=value("enforcement.complaints"),
        complaints_before=before("enforcement.complaints"),
        replies_due=denominator("enforcement.dispatches_on_time_rate"),
    )


def _count(token: str, has_before: bool) -> str:
    """A count's token, with its 同比 when the same span a year earlier had some."""
    return "{{" + token + "}}" + ("，{{" + token + "|同比}}" if has_before else "")


def _publicity(f: Facts) -> str:
    done = []
    if f.decisions:
        done.append(
            "各执法单位报送行政执法决定" + _count("enforcement.decisions", f.decisions_before)
        )
    if f.published:
        done.append("公开行政执法数据" + _count("enforcement.published", f.published_before))
    if f.to_publish:
        done.append(
            "期限内公示率{{enforcement.published_on_time_rate}}，"
            "{{enforcement.published_on_time_rate|同比}}"
        )
    text = "{{period}}" + "；".join(done) + "。" if done else ""
    if f.decisions and f.recording_missing:
        missing = ["未作执法全过程记录的{{enforcement.recording_missing}}"]
        if f.review_missing:
            missing.insert(0, "应当进行法制审核而未审核的{{enforcement.legal_review_missing}}")
        text += "报送的执法决定中，" + "、".join(missing) + "。"
    elif f.decisions:
        text += "报送的执法决定均作执法全过程记录"
        if f.review_missing:
            text += "；其中应当进行法制审核而未审核的{{enforcement.legal_review_missing}}"
        text += "。"
    return text


def _discretion(f: Facts) -> str:
    """行政处罚法第三十四条: the bodies with a published discretion standard in force at the
    period's end, and the penalties whose fine fell outside their standard's range."""
    if not f.standards:
        return ""
    text = (
        "落实行政裁量权基准制度，截至{{period_end}}，"
        "{{enforcement.discretion_standards}}执法主体公布施行行政处罚裁量基准"
    )
    if f.outside_standard:
        text += (
            "；报送的行政处罚决定中罚款超出裁量基准幅度的{{enforcement.decisions_outside_standard}}"
        )
    return text + "。"


def _officers(f: Facts) -> str:
    said = []
    if f.candidates:
        exam = "组织行政执法资格考试，参考人员" + _count(
            "enforcement.exam_candidates", f.candidates_before
        )
        if f.sat:
            exam += (
                "，考试通过率{{enforcement.exam_pass_rate}}，{{enforcement.exam_pass_rate|同比}}"
            )
        said.append("{{period}}" + exam + "。")
    if f.certified:
        said.append(
            "截至{{period_end}}，持有效行政执法证件的执法人员{{enforcement.officers_certified}}。"
        )
    if not said:
        return ""
    return "严格落实执法人员持证上岗和资格管理制度。" + "".join(said)


def _review(f: Facts) -> str:
    if not f.files:
        return ""
    text = (
        "开展行政执法案卷评查，{{period}}评查行政执法案卷"
        + _count("enforcement.files_reviewed", f.files_before)
        + "，平均得分{{enforcement.review_score_mean}}"
    )
    if f.rectifications:
        text += (
            "；对评查发现的问题督促整改，整改完成率{{enforcement.rectified_rate}}，"
            "{{enforcement.rectified_rate|同比}}"
        )
    return text + "。"


def _complaints(f: Facts) -> str:
    if not f.complaints and not f.replies_due:
        return ""
    said = []
    if f.complaints:
        said.append(
            "{{period}}收到行政执法投诉举报" + _count("enforcement.complaints", f.complaints_before)
        )
    if f.replies_due:
        said.append(
            "分派有关执法部门协同办理，按期答复率{{enforcement.dispatches_on_time_rate}}，"
            "{{enforcement.dispatches_on_time_rate|同比}}"
        )
    return "畅通行政执法投诉举报渠道，" + "；".join(said) + "。"


def _body(report) -> str:
    f = facts(report)
    first = INTRO + _publicity(f) + _discretion(f)
    rest = [p for p in (_officers(f), _review(f), _complaints(f)) if p]
    return "\n".join([first, *rest])


contribute(Contribution("enforcement", HEADING, _body, order=45))
