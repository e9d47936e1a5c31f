"""Test data for legal aid: applications registered through the real service
(`legalaid.services.application_register`), so every check of registration applies."""

from __future__ import annotations

import itertools

from legalaid.choices import Category, Hardship, Material, Matter
from legalaid.services import application_register

_ids = itertools.count(1)


def make_application(*, organization, actor, parties=None, on_date=None, tracking_code=False,
                     **data):  # fmt: skip
    n = next(_ids)
    fields = {
        "title": f"追索劳动报酬{n}",
        "facts": "申请人在某工地务工三个月，雇主拖欠工资一万二千元，多次催讨未果。",
        "requests": "代理劳动仲裁，追索欠薪",
        "matter": Matter.CIVIL,
        "category": Category.WAGES,
        "hardship": Hardship.COMMITMENT,
        "materials": [Material.IDENTITY, Material.HARDSHIP, Material.MATTER],
        "amount_claimed": "12000",
    }
    fields.update(data)
    if on_date is not None:
        fields["received_on"] = on_date
    if parties is None:
        parties = [
            {"side": "applicant", "name": f"申请人{n}", "phone": "13800138000"},
            {"side": "opposing", "name": f"某建筑劳务公司{n}", "kind": "organization"},
        ]
    return application_register(
        actor=actor,
        organization=organization,
        data=fields,
        parties=parties,
        tracking_code=tracking_code,
    )
