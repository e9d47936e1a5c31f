"""What each role may do in the legal-services sector (the access matrix).

- Section staff of a justice bureau (its lawyers' and notaries' section): the registers of
  firms, notary offices, forensic institutions, notaries and appraisers of their jurisdiction,
  the annual inspections, the complaints, and the import of business volumes. A penalty is
  decided by the city-level bureau's staff only (律师法 Arts. 47–50, checked on the step).
- Leaders: read everything in their jurisdiction.
- Justice offices, mediators, lawyers and agency handlers: nothing of this line.
- The public (no login): the record of decided penalties on the portal (profession.portal),
  without any complaint or complainant.
"""

from core.roles import Role, register_permissions

MODELS = ("lawfirm", "notaryoffice", "forensicinstitution", "notary", "appraiser",
          "inspection", "complaint", "penalty", "volume")  # fmt: skip
READ = {f"profession.view_{m}" for m in MODELS}
WRITE = READ | {f"profession.{a}_{m}" for m in MODELS for a in ("add", "change")}

register_permissions(Role.SYSTEM_ADMIN, WRITE)
register_permissions(Role.SECTION_STAFF, WRITE)
register_permissions(Role.LEADER, READ)
