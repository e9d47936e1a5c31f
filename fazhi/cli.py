"""The `fazhi` command: Django's manage.py plus Fazhi's own sub-commands.

`fazhi demo`, `fazhi regions import FILE`, and later `fazhi deadline`, `fazhi indicators`,
`fazhi report` are management commands of the apps; everything else Django offers
(`fazhi migrate`, `fazhi createsuperuser`, `fazhi collectstatic`) works as with manage.py.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "fazhi"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
