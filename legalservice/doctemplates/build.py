"""Build the DOCX template of the public legal services' documents (legalservice.documents).

Run:  .venv/bin/python -m legalservice.doctemplates.build

- referral.docx — 转介函: to the unit a service record's person was referred to (people's
  mediation, legal aid, administrative reconsideration): the person, the matter, the case
  number opened there if any, the sending centre, station or office and the date.

Layout: the shared form builder cases.doctemplates (reference/documents.md §5, GB/T 9704).
The Jinja names used here are those that legalservice.documents puts in the context.
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    """A public legal services document template, saved next to this file."""

    comments = "Fazhi public legal services document template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


def build_referral() -> Path:
    """转介函."""
    f = Form("转介函")
    f.title()
    f.field("{{ receiving_unit }}：")
    f.para(
        "{{ served_date }}，{{ person }}通过{{ channel }}向本单位咨询{{ matter_kind }}方面的"
        "法律问题，反映的主要情况如下："
    )
    f.lines("summary")
    f.para(
        "经初步了解，该事项属于{{ line }}的范围。根据当事人的意愿，现将其转介你单位，请依法"
        "予以接待和办理，并将办理情况告知本单位。"
    )
    f.tag("if case_number")
    f.para("该事项已在你单位登记，案号为{{ case_number }}。")
    f.tag("endif")
    f.para("特此函告。")
    f.blank()
    f.sign("{{ sender }}（印章）")
    f.sign("{{ referred_date }}")
    return f.save("referral.docx")


BUILDERS = (build_referral,)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
