"""What each role may do in public legal services (the access matrix).

- Justice office staff (司法所): the service network, the services given, the village legal
  advisers and their monthly logs, the enterprise check-ups of their street, written and read.
- Section staff of the justice bureau (its public legal service section): the same over the
  whole district or city — the centre of the district is theirs to register, and they keep
  the network of the streets where an office has no Fazhi user yet.
- Leaders: read everything in their jurisdiction.
- Mediators, lawyers and agency handlers: nothing of this line (a lawyer's adviser posts are
  entered by the office or the bureau).
- The public (no login): the list of active service points on the portal
  (legalservice.portal), the published entries of the legal Q&A library, a consultation of
  their own and its answer after an SMS code (legalservice.qa_portal), nothing else.
- The Q&A library (法律问答): staff write the entries of their own jurisdiction's units; a
  consultation from the portal is answered by the staff of its street.
"""

from core.roles import Role, register_permissions

MODELS = ("servicepoint", "servicerecord", "villageadviser", "adviserlog", "enterprisecheckup",
          "qaentry", "qavote", "qaconsultation")  # fmt: skip
READ = {f"legalservice.view_{m}" for m in MODELS}
WRITE = READ | {f"legalservice.{a}_{m}" for m in MODELS for a in ("add", "change")}

register_permissions(Role.SYSTEM_ADMIN, WRITE)
register_permissions(Role.SECTION_STAFF, WRITE)
register_permissions(Role.OFFICE_STAFF, WRITE)
register_permissions(Role.LEADER, READ)
