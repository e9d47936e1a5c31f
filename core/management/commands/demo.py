from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.servers import basehttp
from django.db import transaction

from core import demo
from core.models import User


def anonymous_server() -> None:
    """Django's development server names itself and Python's version in a Server header; the
    demo does not announce its software (gunicorn's header goes in fazhi.gunicorn_conf)."""
    basehttp.ServerHandler.server_software = None


class Command(BaseCommand):
    help = (
        "Build the demo world (广州市, its districts and streets, a user per role) and serve it. "
        "--scale province adds nine more cities of 广东 for the benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=2026, help="random seed (deterministic world)"
        )
        parser.add_argument(
            "--scale",
            choices=demo.SCALES,
            default="small",
            help="small: enough to try every page (about 2,600 disputes); city: 广州-scale "
            "volumes (about 92,000 disputes a year, 270,000 in all); province: ten 广州-sized "
            "cities of 广东 (about 2.7 million disputes), for the benchmarks. A progress bar "
            "counts the disputes on a terminal.",
        )
        parser.add_argument("--no-serve", action="store_true", help="only build the data")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete all data but the holiday calendar and build anew",
        )
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")

    def handle(self, *args, seed, scale, no_serve, reset, addr, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo prints its passwords and is refused when DEBUG is off "
                "(演示数据会打印密码，仅在 FAZHI_DEBUG=1 时可用)."
            )
        call_command("migrate", interactive=False, verbosity=0)
        # One transaction: a build that fails leaves the database as it was (after --reset:
        # with the previous world still in it), and the next run builds again.
        with transaction.atomic():
            if reset:
                demo.reset()
            if User.objects.filter(username="admin").exists():
                self.stdout.write(
                    "Demo data already present (演示数据已存在); use --reset to rebuild."
                )
                logins = [
                    (u.username, m.get_role_display(), m.organization.name)
                    for u in User.objects.filter(username__in=demo.demo_usernames()).order_by("id")
                    for m in u.active_memberships()[:1]
                ]
            else:
                self.stdout.write(f"Building the demo world (seed {seed}, scale {scale}) …")
                try:
                    world = demo.build(seed=seed, scale=scale)
                except Exception:
                    self.stderr.write(
                        "The demo build failed; nothing of it was kept "
                        "(演示数据构建失败，数据库保持原样)."
                    )
                    raise
                logins = world.logins
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"演示账号 / demo logins (password 密码: {demo.DEMO_PASSWORD})")
        )
        for username, role, organization in logins:
            self.stdout.write(f"  {username:<16} {role:<12} {organization}")
        self.stdout.write("")
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(f"Open http://{addr}/ (Ctrl+C stops the server)"))
        anonymous_server()
        call_command("runserver", addr, use_reloader=False)
