"""A throwaway database for a benchmark, so that no real data and no test run is touched.

Without DATABASE_URL: a fresh SQLite file in a temporary FAZHI_DATA_DIR, migrated. With it: a
database of its own next to the configured one (`test_<name>_bench_<label>`), created and
dropped around the run. Use:

    with scratch_database("indicators") as connection:
        ...  # Django is set up; build data and measure
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def scratch_database(label: str):
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix=f"fazhi-{label}-bench-")
        os.environ["FAZHI_DATA_DIR"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    test_db = None
    try:
        if scratch:
            call_command("migrate", verbosity=0)
        else:
            name = connection.settings_dict["NAME"]
            connection.settings_dict["TEST"]["NAME"] = f"test_{name}_bench_{label}"
            test_db = connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False
            )
        yield connection
    finally:
        if test_db:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
