"""Throughput of the public online application (网上申请调解) against a bare Django view under
the same gunicorn (issue 11, item 7: POST ≥ 0.5× the bare view).

A gunicorn with the project's settings (benchmarks/server.py) runs on a copy of the prepared
database; N client threads (`http.client`, one connection each, re-opened when gunicorn's sync
worker closes it) send, in alternating rounds of equal length:

- the application: POST /mediation/online/apply/ with a valid and distinct application each
  time (its own submission key, phone and marker), answered 302 to the "request received"
  page once the case is registered, routed and given its tracking code;
- the reference: the same POST (same body, cookie and CSRF token) to a bare view that only
  answers "ok" (benchmarks/bench_urls.py), through the same middleware.

Each client fetches the form once for its CSRF cookie and token, as a browser does. Requests
per second count the answers completed inside the rounds; every application answered 302 is
then looked up in the database (one case each).

The portal's defences would refuse a benchmark after a few requests, so they are lifted in the
documented way, through the environment of the benchmark's gunicorn (docs/operators/deploy.md,
fazhi/settings.py): FAZHI_PORTAL_APPLY_PER_ADDRESS (all requests come from 127.0.0.1),
FAZHI_PORTAL_APPLY_PER_PHONE_DAY and FAZHI_PORTAL_APPLY_CEILING (the picture challenge of
core/challenge.py) are set to 10⁹. Applying needs no SMS code (only tracking does); the SMS
gateway is the configured one (by default the console, into gunicorn's log). The database
connections are kept FAZHI_DB_CONN_MAX_AGE=60 s as in deploy.md's example unless the
environment says otherwise; the cache is FAZHI_REDIS_URL when set (as a deployment with several
workers must), else each worker's memory.

Usage:  .venv/bin/python -m benchmarks.post [--quick] [--clients 8] [--workers 2] [--seconds 5]
        [--rounds 3] [--world demo|minimal]
(from the project's root; with DATABASE_URL on PostgreSQL, else SQLite. A scratch database
holds the small demo world, or with --world minimal only the regions and four street
committees of 海珠 — seconds instead of half a minute. `fazhi bench` passes
`context.extra` "clients", "workers", "post_seconds" and "rounds"; --quick: 2 rounds of 3 s.)
"""

from __future__ import annotations

import http.client
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchmarks.common import Context, Result

TITLE = gettext_lazy("Online application: POST throughput against a bare Django view")

APPLY_PATH = "/mediation/online/apply/"
FILED_PATH = "/mediation/online/filed/"
BARE_PATH = "/bench/bare/"
LIFTED = "1000000000"
PORTAL_LIMITS_OFF = {
    "FAZHI_PORTAL_APPLY_PER_ADDRESS": LIFTED,
    "FAZHI_PORTAL_APPLY_PER_PHONE_DAY": LIFTED,
    "FAZHI_PORTAL_APPLY_CEILING": LIFTED,
}
CONN_MAX_AGE = "60"
DISPUTE_TYPES = ("neighbour", "marriage_family", "property_management", "contract")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TRACKING_CODE = re.compile(r'id="tracking-code">\s*([A-Z0-9]{6,16})\s*<')
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"


def server_environment(env: dict[str, str]) -> dict[str, str]:
    """`env` with the portal's limits lifted and persistent database connections."""
    out = {**env, **PORTAL_LIMITS_OFF}
    out.setdefault("FAZHI_DB_CONN_MAX_AGE", CONN_MAX_AGE)
    return out


def environment_note(env: dict[str, str]) -> str:
    cache = (
        _("cache: Redis (%(url)s)") % {"url": env["FAZHI_REDIS_URL"]}
        if env.get("FAZHI_REDIS_URL")
        else _("cache: each worker's memory (FAZHI_REDIS_URL not set)")
    )
    return _(
        "portal limits lifted through the environment (FAZHI_PORTAL_APPLY_PER_ADDRESS, "
        "FAZHI_PORTAL_APPLY_PER_PHONE_DAY, FAZHI_PORTAL_APPLY_CEILING = 10⁹: no rate limit, "
        "no picture challenge; applying needs no SMS code); database connections kept "
        "%(age)s s; %(cache)s"
    ) % {"age": env.get("FAZHI_DB_CONN_MAX_AGE", "0"), "cache": cache}


# -- the client --------------------------------------------------------------------------------


class ConnectionFailed(Exception):
    """No HTTP answer: refused, reset or closed (e.g. the worker was killed)."""


@dataclass
class Answer:
    status: int
    location: str
    cookies: dict[str, str]
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class HttpClient:
    """One connection to the server, re-opened whenever the server closed it."""

    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 30.0):
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)

    def call(
        self, method: str, path: str, *, body: bytes | None = None, cookies: dict | None = None
    ) -> Answer:
        headers = {}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items() if v)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            raise ConnectionFailed(f"{type(exc).__name__}: {exc}") from None
        if response.will_close:
            self.connection.close()
        jar = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
        return Answer(response.status, response.getheader("Location") or "", jar, data)

    def close(self) -> None:
        self.connection.close()


def csrf_token(html: str) -> str | None:
    found = CSRF_TOKEN.search(html)
    return found.group(1) if found else None


def tracking_code(html: str) -> str | None:
    found = TRACKING_CODE.search(html)
    return found.group(1) if found else None


def open_form(client: HttpClient, attempts: int = 10) -> tuple[str, str]:
    """GET the application form as a browser does: (CSRF cookie, CSRF token of the form)."""
    problem = ""
    for attempt in range(attempts):
        if attempt:
            time.sleep(0.2 * attempt)
        try:
            answer = client.call("GET", APPLY_PATH)
        except ConnectionFailed as exc:
            problem = str(exc)
            continue
        token = csrf_token(answer.text())
        if answer.status == 200 and token and answer.cookies.get("csrftoken"):
            return answer.cookies["csrftoken"], token
        problem = f"HTTP {answer.status}"
    raise RuntimeError(f"the application form did not load: {problem}")


def routable(limit: int = 12) -> list[tuple[str, str]]:
    """(street, dispute type) pairs of the served streets that the portal routes to a unit."""
    from mediation.routing import route
    from portal.regions import served_streets

    pairs = []
    for street in served_streets():
        for dispute_type in DISPUTE_TYPES:
            if route(street.code, dispute_type) is not None:
                pairs.append((street.code, dispute_type))
        if len(pairs) >= limit:
            break
    if not pairs:
        raise RuntimeError("no served street is routed to a unit: build the demo world first")
    return pairs


def application(*, marker: str, number: int, pair: tuple[str, str], key: str, token: str) -> bytes:
    """A valid application of its own: distinct submission key, phone and marker (in the
    facts, a free-text field, so that the database can be searched for it)."""
    street, dispute_type = pair
    return urlencode(
        {
            "csrfmiddlewaretoken": token,
            "submission_key": key,
            "consent": "on",
            "applicant_name": f"{SURNAMES[number % len(SURNAMES)]}女士",
            "applicant_phone": f"139{number % 10**8:08d}",
            "respondent_name": "楼上住户",
            "street": street,
            "address": f"广州市测试路{number % 1000 + 1}号",
            "dispute_type": dispute_type,
            "facts": f"楼上卫生间漏水两个月未修，损坏天花板。〔{marker}〕",
            "requests": "请对方修好防水并赔偿维修费用。",
        }
    ).encode()


def new_run_id() -> str:
    return uuid.uuid4().hex[:8]


# -- throughput --------------------------------------------------------------------------------


@dataclass
class Phase:
    ok: int = 0  # answered as expected within the window
    ok_total: int = 0  # including answers completed after the window closed
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


Send = Callable[[HttpClient, str, str, int, int], bool | str]


def hammer(port: int, clients: int, seconds: float, send: Send) -> Phase:
    """`clients` threads call `send(client, cookie, token, thread, n)` for `seconds`, all
    starting together after each fetched the form; `send` returns True or what went wrong."""
    phase = Phase(seconds=seconds)
    lock = threading.Lock()
    window: list[float] = []
    barrier = threading.Barrier(clients, action=lambda: window.append(time.perf_counter()))
    problems: list[BaseException] = []

    def client_thread(index: int) -> None:
        client = HttpClient(port)
        try:
            cookie, token = open_form(client)
            barrier.wait()
            end = window[0] + seconds
            n = 0
            while time.perf_counter() < end:
                try:
                    outcome = send(client, cookie, token, index, n)
                except ConnectionFailed as exc:
                    outcome = str(exc)
                done = time.perf_counter()
                with lock:
                    if outcome is True:
                        phase.ok_total += 1
                        phase.ok += done <= end
                    else:
                        phase.failed.append(str(outcome))
                n += 1
        except BaseException as exc:
            problems.append(exc)
            barrier.abort()
        finally:
            client.close()

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if problems:
        raise problems[0]
    return phase


def measure(
    port: int, *, clients: int, seconds: float, rounds: int, pairs: list[tuple[str, str]]
) -> tuple[Phase, Phase, str]:
    """(application phase, bare-view phase, the run's marker prefix), alternating rounds after
    a warm-up of each."""
    run_id = new_run_id()
    prefix = f"PB{run_id}"

    def body(token: str, index: int, n: int) -> bytes:
        number = index * 1_000_000 + n
        return application(
            marker=f"{prefix}-{index:02d}-{n:06d}",
            number=number,
            pair=pairs[number % len(pairs)],
            key=uuid.uuid4().hex,
            token=token,
        )

    counter = {"round": 0}

    def apply(client, cookie, token, index, n):
        # n restarts at 0 every round: the round keeps markers distinct.
        answer = client.call(
            "POST",
            APPLY_PATH,
            body=body(token, index, counter["round"] * 100_000 + n),
            cookies={"csrftoken": cookie},
        )
        if answer.status == 302 and answer.location.endswith(FILED_PATH):
            return True
        return f"HTTP {answer.status} {answer.text()[:200]!r}"

    def bare(client, cookie, token, index, n):
        answer = client.call(
            "POST", BARE_PATH, body=body(token, index, n), cookies={"csrftoken": cookie}
        )
        return True if answer.status == 200 and answer.body == b"ok" else f"HTTP {answer.status}"

    posts, bares = Phase(), Phase()
    for number in range(rounds + 1):
        counter["round"] = number
        warmup = number == 0
        length = min(1.0, seconds) if warmup else seconds
        for phase, send in ((bares, bare), (posts, apply)):
            measured = hammer(port, clients, length, send)
            phase.ok_total += measured.ok_total
            phase.failed += measured.failed
            if not warmup:
                phase.ok += measured.ok
                phase.seconds += measured.seconds
    return posts, bares, prefix


def run(context: Context) -> list[Result]:
    from benchmarks.server import database_copy, gunicorn
    from mediation.models import Dispute

    clients = int(context.extra.get("clients") or 8)
    workers = int(context.extra.get("workers") or 2)
    seconds = float(context.extra.get("post_seconds") or (3 if context.quick else 5))
    rounds = int(context.extra.get("rounds") or (2 if context.quick else 3))
    with database_copy(context, "post") as copy:
        env = server_environment(copy.env)
        pairs = routable()
        with gunicorn(env, workers=workers) as server:
            posts, bares, prefix = measure(
                server.port, clients=clients, seconds=seconds, rounds=rounds, pairs=pairs
            )
            server.keep_log = bool(posts.failed or bares.failed)
            log_path = server.log_path
        stored = Dispute.objects.filter(facts__contains=prefix).count()
    note = _(
        "%(workers)d gunicorn workers, %(clients)d client threads, %(rounds)d alternating rounds "
        "of %(seconds)g s; %(filed)d applications answered 302, %(stored)d cases in the "
        "database; %(env)s"
    ) % {
        "workers": workers,
        "clients": clients,
        "rounds": rounds,
        "seconds": seconds,
        "filed": posts.ok_total,
        "stored": stored,
        "env": environment_note(env),
    }
    failures = len(posts.failed) + len(bares.failed)
    if failures or stored != posts.ok_total:
        note += " — " + _("%(n)d unexpected answers, first: %(first)s") % {
            "n": failures,
            "first": (posts.failed + bares.failed + ["—"])[0],
        }
        if failures:
            note += " — " + _("gunicorn's log: %(path)s") % {"path": log_path}
    return [
        Result(
            name=_("online application (POST, registered and routed)"),
            value=posts.rate,
            unit="req/s",
            reference_name=_("bare Django view, same gunicorn and clients"),
            reference=bares.rate,
            target=0.5,
            higher_is_better=True,
            note=note,
        )
    ]


# -- alone, for development ----------------------------------------------------------------


def build_world(kind: str) -> None:
    """The small demo world, or for a quick check only what the portal needs: the regions, the
    city's justice bureau (the portal serves its regions) and the street committees of one
    district (every street of 海珠 is routed to one of them)."""
    if kind == "demo":
        from core import demo

        demo.build(scale="small")
        return
    from core.models import Organization, OrganizationKind, Region
    from core.regions_import import DEFAULT_FILE, import_regions
    from mediation.choices import CommitteeKind
    from mediation.models import Committee

    import_regions([DEFAULT_FILE])
    city = Organization.objects.create(
        name="广州市司法局", kind=OrganizationKind.JUSTICE_BUREAU, region_id="440100000000"
    )
    district = Organization.objects.create(
        name="海珠区司法局",
        kind=OrganizationKind.JUSTICE_BUREAU,
        region_id="440105000000",
        parent=city,
    )
    streets = Region.objects.filter(code__startswith="440105", code__endswith="000").exclude(
        code="440105000000"
    )
    for n, street in enumerate(streets.order_by("code")[:4]):
        organization = Organization.objects.create(
            name=f"{street.name}人民调解委员会",
            short_name=f"穗海{n}调",
            kind=OrganizationKind.MEDIATION_COMMITTEE,
            region=street,
            parent=district,
        )
        Committee.objects.create(
            organization=organization, kind=CommitteeKind.STREET, region_code=street.code
        )


def standalone(label: str, module_run: Callable[[Context], list[Result]], argv=None) -> None:
    """Run a benchmark module alone: a scratch database with the world, then print results."""
    import argparse

    parser = argparse.ArgumentParser(description=(module_run.__module__ or "").split(".")[-1])
    parser.add_argument("--clients", type=int)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--world", choices=("demo", "minimal"), default="demo")
    args = parser.parse_args(argv)

    from benchmarks._scratch import scratch_database

    with scratch_database(label) as connection:
        from django.conf import settings
        from django.utils import translation

        from benchmarks.server import database_url_of

        translation.activate(settings.LANGUAGE_CODE)
        started = time.perf_counter()
        build_world(args.world)
        print(f"world ({args.world}): {time.perf_counter() - started:.1f} s", flush=True)
        postgresql = connection.vendor == "postgresql"
        extra = {
            "clients": args.clients,
            "workers": args.workers,
            "seconds": args.seconds,
            "post_seconds": args.seconds,
            "rounds": args.rounds,
        }
        context = Context(
            scale="small",
            quick=args.quick,
            runs=1,
            database_url=database_url_of(connection) if postgresql else "",
            data_dir="" if postgresql else os.environ["FAZHI_DATA_DIR"],
            extra={k: v for k, v in extra.items() if v is not None},
        )
        started = time.perf_counter()
        results = module_run(context)
        print(f"run: {time.perf_counter() - started:.1f} s")
    failed = False
    for result in results:
        ratio = f"{result.ratio:.2f}×" if result.ratio is not None else "—"
        met = {None: "", True: "OK", False: "MISSED"}[result.met]
        failed |= result.met is False
        print(
            f"{result.name}: {result.value:.4g} {result.unit} | {result.reference_name}: "
            f"{result.reference:.4g} | {ratio} | target {result.target} {met}\n  {result.note}"
        )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    standalone("post", run)
