from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.regions_import import DEFAULT_FILE, RegionImportError, import_regions


class Command(BaseCommand):
    help = "Region tables: `regions import FILE...` loads CSV files with code,name columns; `regions default` loads the shipped Guangdong table."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import one or more CSV files (code,name)")
        imp.add_argument("files", nargs="+", type=Path)
        sub.add_parser("default", help="load the shipped Guangdong table")

    def handle(self, *args, action, files=None, **options):
        paths = [DEFAULT_FILE] if action == "default" else files
        for path in paths:
            if not path.exists():
                raise CommandError(f"文件不存在 / file not found: {path}")
        bar = tqdm(desc="regions", unit="row", disable=options.get("verbosity", 1) < 1)
        try:
            result = import_regions(paths, progress=bar.update)
        except RegionImportError as exc:
            bar.close()
            for error in exc.errors[:200]:
                self.stderr.write(str(error))
            if len(exc.errors) > 200:
                self.stderr.write(f"… {len(exc.errors) - 200} more")
            raise CommandError(f"{len(exc.errors)} error(s); nothing was written") from None
        bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"regions: {result['created']} created, {result['updated']} renamed, {result['total']} in the files"
            )
        )
