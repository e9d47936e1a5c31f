"""`fazhi lottery verify DRAW_ID`: recompute a legal aid draw (摇珠) from its published record.

DRAW_ID is the draw's public code (YZ2026-000123) or its database id. Each check is printed;
the command exits with status 1 when anything differs (the commitment does not match the seed,
the list or the seed was changed, the winner recomputed is another lawyer) or the draw has not
been made. The algorithm is in legalaid.lottery (法律援助法第四十三条)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from legalaid.choices import AssignmentMethod
from legalaid.draws import check_draw, find_draw


class Command(BaseCommand):
    help = (
        "Verify a legal aid lottery draw: recompute the winner from the published seed and "
        "ordered candidate list (exit status 1 when anything differs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("draw_id", help="The draw's public code (YZ2026-000123) or id.")

    def handle(self, *args, action, draw_id, **options):
        draw = find_draw(draw_id)
        if draw is None:
            raise CommandError(_("No draw “%(id)s”.") % {"id": draw_id})
        self.stdout.write(
            _("Draw %(code)s (%(state)s), announced %(at)s, commitment %(commitment)s")
            % {
                "code": draw.public_code,
                "state": draw.get_state_display(),
                "at": timezone.localtime(draw.announced_at).strftime("%Y-%m-%d %H:%M"),
                "commitment": draw.commitment,
            }
        )
        if draw.state == draw.State.DRAWN:
            method = AssignmentMethod(draw.method).label if draw.method else ""
            self.stdout.write(
                _("Method: %(method)s (%(weighting)s); seed %(seed)s")
                % {
                    "method": method,
                    "weighting": _("weighted by quality score")
                    if draw.weighted
                    else _("unweighted"),
                    "seed": draw.seed,
                }
            )
            self.stdout.write(
                _("Ordered list: %(list)s")
                % {"list": json.dumps(draw.candidates, ensure_ascii=False)}
            )
            self.stdout.write(
                _("Lawyer drawn: %(name)s (id %(id)s)")
                % {"name": draw.winner.name if draw.winner else "—", "id": draw.winner_id}
            )
        checks = check_draw(draw)
        for check in checks:
            mark = _("matches") if check.ok else _("DIFFERS")
            line = f"  [{mark}] {check.label}"
            if check.detail:
                line += f"：{check.detail}"
            self.stdout.write(line)
        failed = [check for check in checks if not check.ok]
        if failed:
            raise CommandError(
                _("Draw %(code)s does not verify: %(n)s check(s) differ.")
                % {"code": draw.public_code, "n": len(failed)},
                returncode=1,
            )
        self.stdout.write(_("Draw %(code)s verified.") % {"code": draw.public_code})
