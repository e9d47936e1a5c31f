"""`fazhi bench [--quick] [--scale small|city|province] [--only NAME …] [--keep]` and
`fazhi bench load [--clients N] [--seconds T] [--quick] [--keep]` (issue 11; benchmarks/).

Every figure is printed with a reference measured in the same run on the same machine and the
ratio between them, and with its target where the issue sets one. The benchmarks never touch
the configured database: the command prepares a database of its own beside it
(`<name>_bench_<scale>` on PostgreSQL, a file under FAZHI_DATA_DIR on SQLite), migrates it,
builds the demo world at the scale asked for and refreshes its monthly roll-ups, then runs each
benchmark module on it. `--keep` keeps that database for the next run (and reuses it when the
demo world is already in it: the city and province builds take minutes); without it the
database is dropped at the end.

Exit status: 1 when a verification fails (`load`: a lost or duplicated application, a 5xx; a
benchmark whose figures differ from its reference); missed speed targets are printed, not
fatal, unless `--strict`.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

# The modules `fazhi bench` runs, in order (benchmarks/<name>.py).
SUITE = ("figures", "pages", "import_speed", "post", "sweep")
ROOT = Path(settings.BASE_DIR)


class Command(BaseCommand):
    help = "Run the benchmarks (issue 11) on a database of their own and print their ratios."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["load"], help="load: the load test")
        parser.add_argument("--quick", action="store_true", help="fewer runs and rows")
        parser.add_argument("--scale", choices=["small", "city", "province"], default="small")
        parser.add_argument("--only", nargs="+", choices=SUITE, help="only these benchmarks")
        parser.add_argument("--runs", type=int, help="timed runs per figure")
        parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
        parser.add_argument("--strict", action="store_true", help="exit 1 on a missed target")
        parser.add_argument("--clients", type=int, default=8, help="load: concurrent clients")
        parser.add_argument("--seconds", type=float, help="load: duration (default 30, quick 10)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--world",
            choices=["demo", "minimal"],
            default="demo",
            help="load: minimal = only what the portal needs (regions, a few committees)",
        )

    def handle(self, *args, action=None, **options):
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        try:
            from benchmarks.common import Context
        except ImportError:
            raise CommandError(
                _("The benchmarks are not installed: run fazhi bench from a source checkout.")
            ) from None
        quick, scale = options["quick"], options["scale"]
        names = ["load"] if action == "load" else list(options["only"] or SUITE)
        runs = options["runs"] or (5 if quick else 20)
        started = time.perf_counter()
        world = options["world"] if action == "load" else "demo"
        database = BenchDatabase(
            scale if world == "demo" else "minimal", keep=options["keep"], stdout=self.stdout
        )
        with database:
            prepared = database.prepare(seed=options["seed"], world=world)
            self.stdout.write(
                _("Prepared %(vendor)s database %(name)s, scale %(scale)s (%(how)s) in %(s).1f s.")
                % {
                    "vendor": connection.vendor,
                    "name": database.label,
                    "scale": scale,
                    "how": prepared,
                    "s": time.perf_counter() - started,
                }
            )
            context = Context(
                scale=scale,
                quick=quick,
                runs=runs,
                database_url=database.url,
                data_dir=database.data_dir,
                extra={"clients": options["clients"], "seconds": options["seconds"]},
            )
            results, failures = [], []
            for name in names:
                try:
                    module = importlib.import_module(f"benchmarks.{name}")
                except ImportError as error:
                    failures.append((name, str(error)))
                    continue
                self.stdout.write(_("Running %(name)s: %(title)s …")
                                  % {"name": name, "title": module.TITLE})  # fmt: skip
                try:
                    results += [(name, r) for r in module.run(context)]
                except Exception:
                    failures.append((name, traceback.format_exc(limit=3)))
        self._print(results)
        for name, error in failures:
            self.stderr.write(_("%(name)s failed: %(error)s") % {"name": name, "error": error})
        missed = [r for _n, r in results if r.met is False]
        verification = [r for _n, r in results if r.met is False and r.verification]
        self.stdout.write(
            _("%(n)s figures, %(missed)s targets missed, %(s).0f s in all.")
            % {"n": len(results), "missed": len(missed), "s": time.perf_counter() - started}
        )
        if failures or verification or (options["strict"] and missed):
            sys.exit(1)

    def _print(self, results) -> None:
        headings = (_("figure"), _("value"), _("reference"), _("ratio"), _("target"), _("met"))
        rows = []
        for _name, r in results:
            ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
            if r.target is None:
                target = "—"
            elif r.absolute:
                target = f"{'≥' if r.higher_is_better else '≤'} {r.target:g} {r.unit}".strip()
            else:
                target = f"{'≥' if r.higher_is_better else '≤'} {r.target:g}×"
            met = {True: _("yes"), False: _("NO"), None: "—"}[r.met]
            rows.append((r.name, _fmt(r.value, r.unit),
                         f"{_fmt(r.reference, r.unit)} {r.reference_name}".strip(),
                         ratio, target, met, r.note))  # fmt: skip
        self.stdout.write("")
        self.stdout.write(" | ".join(headings))
        for row in rows:
            self.stdout.write(" | ".join(str(c) for c in row[:6]))
            if row[6]:
                self.stdout.write(f"    {row[6]}")


def _fmt(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.4f} s" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "":
        return f"{value:g}"
    return f"{value:.1f} {unit}"


class BenchDatabase:
    """The benchmarks' own database, beside the configured one (see the module docstring)."""

    def __init__(self, scale: str, *, keep: bool, stdout) -> None:
        self.scale, self.keep, self.stdout = scale, keep, stdout
        self.original = dict(connection.settings_dict)
        self.url = ""
        self.data_dir = ""
        self.label = ""
        self.old_name = None

    def __enter__(self):
        import dj_database_url  # noqa: F401  (installed with the project)

        name = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            self.label = f"{name}_bench_{self.scale}"
            url = settings.DATABASES["default"].get("URL") or _env_url()
            self.url = _with_database(url, self.label)
        elif connection.vendor == "sqlite":
            directory = Path(settings.DATA_DIR) / f"bench-{self.scale}"
            directory.mkdir(parents=True, exist_ok=True)
            self.data_dir = str(directory)
            self.label = str(directory / "fazhi.sqlite3")
            # Child processes read their keys from FAZHI_DATA_DIR: give them the same ones.
            for key in ("secret_key", "field_key", "index_key"):
                source = Path(settings.DATA_DIR) / key
                if source.exists() and not (directory / key).exists():
                    (directory / key).write_bytes(source.read_bytes())
        else:
            raise CommandError(_("Benchmarks run on PostgreSQL or SQLite."))
        connection.settings_dict["TEST"]["NAME"] = self.label
        self.old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=self.keep
        )
        return self

    def prepare(self, seed: int, world: str = "demo") -> str:
        """Build the demo world and its roll-ups unless a kept database already has them;
        `minimal`: only the regions and the few committees the portal needs."""
        from core import demo
        from core.models import Organization, User

        if world == "minimal":
            from benchmarks.post import build_world

            if not (self.keep and Organization.objects.exists()):
                build_world("minimal")
            return _("minimal world")
        if self.keep and User.objects.filter(username="admin").exists():
            call_command("rollups", "refresh", "--changed", stdout=_Null())
            return _("reused")
        demo.build(seed=seed, scale=self.scale)
        call_command("rollups", "refresh", stdout=_Null())
        return _("built")

    def __exit__(self, *exc) -> None:
        if self.keep:
            connection.close()
            connection.settings_dict["NAME"] = self.old_name
        else:
            connection.creation.destroy_test_db(self.old_name, verbosity=0)
            if self.data_dir:
                import shutil

                shutil.rmtree(self.data_dir, ignore_errors=True)


class _Null:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


def _env_url() -> str:
    import os

    return os.environ.get("DATABASE_URL", "")


def _with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
