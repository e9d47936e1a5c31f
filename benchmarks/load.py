"""Load with faults (`fazhi bench load`, issue 11, item 8): N clients file online applications for
T seconds against gunicorn and the database while a worker is killed with SIGKILL and the
server's database connections are terminated; afterwards every acknowledged tracking code must
exist exactly once and no response may have been a 5xx.

The server is the one of benchmarks/post.py (the project's gunicorn settings, at least two
workers, on a copy of the prepared database, the portal's limits lifted through the
environment). Each client behaves like a citizen's browser: it loads the form once (CSRF), then
for each application POSTs it and follows the redirect to the "request received" page, where
the tracking code is shown: a code read there is *acknowledged*. Each application carries a
marker of its own in its facts (a free-text field) and a submission key of its own. When the
answer does not come (a connection reset by the killed worker: counted apart, it is not a
response) or is a 5xx, the client sends the same application again — same key, same marker — as
a citizen would press "submit" again; the portal's idempotency must then answer with the first
case, never a second one.

Faults, at a quarter, half and three quarters of the run: SIGKILL of a worker (gunicorn's master
starts another); `pg_terminate_backend` of every other session on the database (the server's
connections; PostgreSQL only, skipped on SQLite); both at once.

Afterwards, from the database: every acknowledged code exists exactly once, on the case with
the submission's marker; no marker is stored twice (no second case from one submission); every
case of the run has its applicant and its respondent and a tracking code, and its submission key
points at it (nothing half-written); no answer was a 5xx nor a refusal of a valid application.
The first Result holds the 5xx count, the second every other violation, each with the absolute
target 0, so that `fazhi bench load` fails when either is not met.

Usage:  .venv/bin/python -m benchmarks.load [--quick] [--clients 8] [--seconds 30] [--workers 2]
        [--world demo|minimal]
(as benchmarks/post.py; --quick: 10 s. `fazhi bench load` passes `context.extra` "clients",
"seconds" and "workers". Exit status 1 when a target is missed. Short form for CI, about half
a minute in all: `python -m benchmarks.load --world minimal --clients 4 --seconds 8`.)
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchmarks.common import Context, Result
from benchmarks.post import (
    APPLY_PATH,
    FILED_PATH,
    ConnectionFailed,
    HttpClient,
    application,
    environment_note,
    new_run_id,
    open_form,
    routable,
    server_environment,
    tracking_code,
)

TITLE = gettext_lazy(
    "Load with faults: online applications while a worker is killed and the database "
    "connections are terminated"
)

ATTEMPTS = 6  # sends of one application before the client gives up on it
RETRY_PAUSE = 0.2  # seconds, times the attempt number
SCOPE = "portal.mediation_apply"  # the submission keys' scope (mediation/online.py)


def marker_pattern(run_id: str) -> re.Pattern:
    return re.compile(rf"LB{run_id}-\d{{2}}-\d{{6}}")


@dataclass
class Submission:
    """One application as the client saw it, over all its attempts."""

    marker: str
    key: str
    code: str | None = None  # the acknowledged tracking code
    acknowledged_at: float | None = None  # seconds since the start of the run
    attempts: int = 0
    statuses: list[int] = field(default_factory=list)  # every HTTP answer, POST and GET
    resets: list[str] = field(default_factory=list)  # no answer at all
    server_errors: list[str] = field(default_factory=list)  # 5xx, with what it said
    refusals: list[str] = field(default_factory=list)  # 4xx, or the form shown again


@dataclass
class Row:
    """A case of the run as the database holds it."""

    pk: int
    marker: str
    tracking_code: str
    sides: tuple[str, ...]  # of its parties, sorted


@dataclass
class Verdict:
    submissions: int = 0
    responses: int = 0
    acknowledged: int = 0
    unacknowledged: int = 0  # given up after ATTEMPTS sends (not a violation by itself)
    resets: int = 0
    server_errors: int = 0
    refused: int = 0
    missing: list[str] = field(default_factory=list)  # acknowledged codes not in the database
    duplicated: list[str] = field(default_factory=list)  # codes stored or acknowledged twice
    mismatched: list[str] = field(default_factory=list)  # code on another submission's case
    duplicate_markers: list[str] = field(default_factory=list)  # two cases from one submission
    half_written: list[int] = field(default_factory=list)  # cases without both parties / code
    key_errors: list[str] = field(default_factory=list)  # submission key not on its case
    strangers: list[int] = field(default_factory=list)  # cases of the run nobody submitted
    rows: int = 0
    examples: list[str] = field(default_factory=list)  # what the 5xx and refusals said

    @property
    def data_violations(self) -> int:
        return (
            len(self.missing)
            + len(self.duplicated)
            + len(self.mismatched)
            + len(self.duplicate_markers)
            + len(self.half_written)
            + len(self.key_errors)
            + len(self.strangers)
            + self.refused
        )

    @property
    def violations(self) -> int:
        return self.server_errors + self.data_violations

    @property
    def passed(self) -> bool:
        return self.violations == 0


def verify(submissions: Iterable[Submission], rows: Iterable[Row], keys: dict[str, str]) -> Verdict:
    """Check what the clients were told against what the database holds. `keys` maps each
    submission key found in the database to the primary key of the case it names."""
    submissions = list(submissions)
    rows = list(rows)
    verdict = Verdict(submissions=len(submissions), rows=len(rows))
    by_code: dict[str, list[Row]] = defaultdict(list)
    by_marker: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.tracking_code:
            by_code[row.tracking_code].append(row)
        by_marker[row.marker].append(row)
    acknowledged = Counter(s.code for s in submissions if s.code)
    markers = {s.marker for s in submissions}
    for s in submissions:
        verdict.responses += len(s.statuses)
        verdict.resets += len(s.resets)
        verdict.server_errors += len(s.server_errors)
        verdict.refused += len(s.refusals)
        verdict.examples += [*s.server_errors[:1], *s.refusals[:1]]
        stored = by_marker.get(s.marker, [])
        if len(stored) > 1:
            verdict.duplicate_markers.append(s.marker)
        for row in stored[:1]:
            if keys.get(s.key) != str(row.pk):
                verdict.key_errors.append(s.marker)
        if not s.code:
            verdict.unacknowledged += 1
            continue
        verdict.acknowledged += 1
        found = by_code.get(s.code, [])
        if not found:
            verdict.missing.append(s.code)
        elif len(found) > 1 or acknowledged[s.code] > 1:
            verdict.duplicated.append(s.code)
        elif found[0].marker != s.marker:
            verdict.mismatched.append(s.code)
    verdict.duplicated = sorted(set(verdict.duplicated))
    for row in rows:
        if row.sides != ("applicant", "respondent") or not row.tracking_code:
            verdict.half_written.append(row.pk)
        if row.marker not in markers:
            verdict.strangers.append(row.pk)
    verdict.examples = verdict.examples[:3]
    return verdict


def database_rows(run_id: str, keys: list[str]) -> tuple[list[Row], dict[str, str]]:
    """The run's cases (found by their markers) and where its submission keys point."""
    from core.models import SubmissionKey
    from mediation.models import Dispute, DisputeParty

    pattern = marker_pattern(run_id)
    cases = list(
        Dispute.objects.filter(facts__contains=f"LB{run_id}-").values_list(
            "pk", "tracking_code", "facts"
        )
    )
    sides: dict[int, list[str]] = defaultdict(list)
    for dispute_id, side in DisputeParty.objects.filter(
        dispute_id__in=[pk for pk, _code, _facts in cases]
    ).values_list("dispute_id", "side"):
        sides[dispute_id].append(side)
    rows = []
    for pk, code, facts in cases:
        found = pattern.search(facts)
        rows.append(Row(pk, found.group(0) if found else "", code, tuple(sorted(sides[pk]))))
    mapping = {}
    for start in range(0, len(keys), 1000):
        mapping.update(
            SubmissionKey.objects.filter(scope=SCOPE, key__in=keys[start : start + 1000])
            .exclude(object_id="")
            .values_list("key", "object_id")
        )
    return rows, {k: str(v) for k, v in mapping.items() if v}


# -- the run -------------------------------------------------------------------------------


def submit(
    client: HttpClient, submission: Submission, *, cookie: str, token: str, body: bytes, t0: float
) -> None:
    """Send one application until its tracking code is read, a refusal, or ATTEMPTS sends."""
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(RETRY_PAUSE * attempt)
        submission.attempts += 1
        try:
            answer = client.call("POST", APPLY_PATH, body=body, cookies={"csrftoken": cookie})
        except ConnectionFailed as exc:
            submission.resets.append(f"POST {exc}")
            continue
        submission.statuses.append(answer.status)
        if answer.status >= 500:
            submission.server_errors.append(f"POST {answer.status}: {answer.text()[:300]}")
            continue
        if answer.status != 302 or not answer.location.endswith(FILED_PATH):
            submission.refusals.append(f"POST {answer.status}: {_errors(answer.text())}")
            return
        try:
            page = client.call(
                "GET",
                FILED_PATH,
                cookies={"csrftoken": cookie, "sessionid": answer.cookies.get("sessionid")},
            )
        except ConnectionFailed as exc:
            submission.resets.append(f"GET {exc}")
            continue  # send the application again: the same key answers with the same case
        submission.statuses.append(page.status)
        if page.status >= 500:
            submission.server_errors.append(f"GET {page.status}: {page.text()[:300]}")
            continue
        code = tracking_code(page.text()) if page.status == 200 else None
        if code:
            submission.code = code
            submission.acknowledged_at = time.perf_counter() - t0
            return
        submission.refusals.append(f"GET {page.status} without a tracking code")


def _errors(html: str) -> str:
    """The error messages of a form shown again, for the report."""
    found = re.findall(r'class="[^"]*(?:invalid-feedback|alert-danger)[^"]*"[^>]*>(.*?)<', html)
    return "; ".join(m.strip() for m in found if m.strip())[:300] or html[:200]


@dataclass
class Fault:
    at: float  # seconds since the start
    what: str


def load(
    server,
    *,
    clients: int,
    seconds: float,
    pairs: list[tuple[str, str]],
    postgresql: bool,
) -> tuple[str, list[Submission], list[Fault], float]:
    """Run the clients and the faults: (run id, submissions, faults, seconds elapsed)."""
    from benchmarks.server import terminate_backends

    run_id = new_run_id()
    submissions: list[Submission] = []
    lock = threading.Lock()
    started = threading.Event()
    problems: list[BaseException] = []
    clock: dict[str, float] = {}
    barrier = threading.Barrier(clients + 1)

    def client_thread(index: int) -> None:
        client = HttpClient(server.port)
        try:
            cookie, token = open_form(client)
            barrier.wait()
            started.wait()
            n = 0
            while time.perf_counter() < clock["end"]:
                number = index * 1_000_000 + n
                submission = Submission(
                    marker=f"LB{run_id}-{index:02d}-{n:06d}", key=uuid.uuid4().hex
                )
                with lock:
                    submissions.append(submission)
                body = application(
                    marker=submission.marker,
                    number=number,
                    pair=pairs[number % len(pairs)],
                    key=submission.key,
                    token=token,
                )
                submit(client, submission, cookie=cookie, token=token, body=body, t0=clock["t0"])
                n += 1
        except BaseException as exc:
            problems.append(exc)
            barrier.abort()
        finally:
            client.close()

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        for thread in threads:
            thread.join()
        raise problems[0] if problems else RuntimeError("a client did not start") from None
    clock["t0"] = time.perf_counter()
    clock["end"] = clock["t0"] + seconds
    started.set()

    faults: list[Fault] = []

    def at(fraction: float) -> None:
        pause = clock["t0"] + seconds * fraction - time.perf_counter()
        if pause > 0:
            time.sleep(pause)

    def kill() -> None:
        pid = server.kill_worker()
        faults.append(Fault(time.perf_counter() - clock["t0"], f"SIGKILL worker {pid}"))

    def terminate() -> None:
        if not postgresql:
            return
        count = terminate_backends()
        faults.append(Fault(time.perf_counter() - clock["t0"], f"pg_terminate_backend × {count}"))

    for fraction, actions in ((0.25, (kill,)), (0.5, (terminate,)), (0.75, (kill, terminate))):
        at(fraction)
        for action in actions:
            action()
    for thread in threads:
        thread.join()
    if problems:
        raise problems[0]
    return run_id, submissions, faults, time.perf_counter() - clock["t0"]


def run(context: Context) -> list[Result]:
    from benchmarks.server import database_copy, gunicorn

    clients = int(context.extra.get("clients") or 8)
    seconds = float(context.extra.get("seconds") or (10 if context.quick else 30))
    workers = max(2, int(context.extra.get("workers") or 2))
    with database_copy(context, "load") as copy:
        env = server_environment(copy.env)
        pairs = routable()
        with gunicorn(env, workers=workers) as server:
            run_id, submissions, faults, elapsed = load(
                server, clients=clients, seconds=seconds, pairs=pairs, postgresql=copy.postgresql
            )
            restarted = server.wait_for_workers(workers, timeout=30)
            rows, keys = database_rows(run_id, [s.key for s in submissions])
            verdict = verify(submissions, rows, keys)
            server.keep_log = not verdict.passed
            log, log_path = server.log(), server.log_path
    report = describe(
        verdict,
        faults=faults,
        postgresql=copy.postgresql,
        restarted=restarted,
        workers=workers,
        clients=clients,
        seconds=seconds,
        env=env,
        log=log,
        log_path=log_path,
    )
    print(report, flush=True)
    return results(
        verdict,
        submissions=submissions,
        faults=faults,
        elapsed=elapsed,
        clients=clients,
        workers=workers,
        seconds=seconds,
        log=log,
    )


def results(
    verdict: Verdict,
    *,
    submissions: list[Submission],
    faults: list[Fault],
    elapsed: float,
    clients: int,
    workers: int,
    seconds: float,
    log: str = "",
) -> list[Result]:
    """The 5xx count and the other violations, each with the absolute target 0, and the
    throughput of acknowledged applications against the same before the first fault."""
    first_fault = min((f.at for f in faults), default=elapsed)
    before = sum(
        1 for s in submissions if s.acknowledged_at is not None and s.acknowledged_at <= first_fault
    )
    return [
        Result(
            name=_("load with faults: 5xx answers"),
            value=verdict.server_errors,
            unit="",
            reference_name=_("answers"),
            reference=verdict.responses,
            target=0,
            absolute=True,
            note="; ".join(
                [
                    _(
                        "%(resets)d requests got no answer (connection reset by the killed "
                        "worker), resent, not counted as answers"
                    )
                    % {"resets": verdict.resets},
                    *logged_errors(log)[:3],
                ]
            ),
        ),
        Result(
            name=_("load with faults: codes missing or duplicated, cases half-written or refused"),
            value=verdict.data_violations,
            unit="",
            reference_name=_("acknowledged tracking codes"),
            reference=verdict.acknowledged,
            target=0,
            absolute=True,
            note=summary(verdict),
        ),
        Result(
            name=_("load with faults: acknowledged applications"),
            value=verdict.acknowledged / elapsed if elapsed else 0.0,
            unit="req/s",
            reference_name=_("the same before the first fault"),
            reference=before / first_fault if first_fault else 0.0,
            note=_("%(clients)d clients, %(workers)d workers, %(seconds)g s; %(faults)s")
            % {
                "clients": clients,
                "workers": workers,
                "seconds": seconds,
                "faults": "; ".join(f"{f.at:.1f} s {f.what}" for f in faults),
            },
        ),
    ]


def logged_errors(log: str) -> list[str]:
    """The distinct exceptions in gunicorn's log (the last line of each traceback), with how
    often each occurred."""
    found = Counter(
        line.strip()[:300]
        for line, after in pairwise([*log.splitlines(), "end"])
        if re.match(r"^[\w.]*(Error|Exception|Shutdown)\b", line) and after.strip()
    )
    return [f"{count} × {line}" for line, count in found.most_common()]


def summary(v: Verdict) -> str:
    return _(
        "%(submissions)d applications, %(acknowledged)d acknowledged, %(unacknowledged)d given "
        "up; %(rows)d cases stored; missing %(missing)d, duplicated codes %(duplicated)d, code "
        "on another case %(mismatched)d, two cases from one submission %(markers)d, "
        "half-written %(half)d, key not on its case %(keys)d, unknown cases %(strangers)d, "
        "refused %(refused)d"
    ) % {
        "submissions": v.submissions,
        "acknowledged": v.acknowledged,
        "unacknowledged": v.unacknowledged,
        "rows": v.rows,
        "missing": len(v.missing),
        "duplicated": len(v.duplicated),
        "mismatched": len(v.mismatched),
        "markers": len(v.duplicate_markers),
        "half": len(v.half_written),
        "keys": len(v.key_errors),
        "strangers": len(v.strangers),
        "refused": v.refused,
    }


def describe(
    v: Verdict,
    *,
    faults: list[Fault],
    postgresql: bool,
    restarted: bool,
    workers: int,
    clients: int,
    seconds: float,
    env: dict[str, str],
    log: str,
    log_path=None,
) -> str:
    lines = [
        _("Load with faults: %(clients)d clients, %(workers)d gunicorn workers, %(seconds)g s")
        % {"clients": clients, "workers": workers, "seconds": seconds},
        "  " + environment_note(env),
    ]
    for fault in faults:
        lines.append(f"  {fault.at:6.1f} s  {fault.what}")
    if not postgresql:
        lines.append(
            "  " + _("SQLite: the database connections were not terminated (PostgreSQL only).")
        )
    lines.append(
        "  "
        + (
            _("the master replaced every killed worker")
            if restarted
            else _("the master did NOT replace every killed worker")
        )
    )
    lines.append(
        "  "
        + _("%(responses)d answers, %(errors)d 5xx; %(resets)d requests without an answer (resent)")
        % {"responses": v.responses, "errors": v.server_errors, "resets": v.resets}
    )
    lines.append("  " + summary(v))
    for label, values in (
        (_("missing codes"), v.missing),
        (_("duplicated codes"), v.duplicated),
        (_("code on another case"), v.mismatched),
        (_("two cases from one submission"), v.duplicate_markers),
        (_("half-written cases"), v.half_written),
        (_("key not on its case"), v.key_errors),
        (_("unknown cases"), v.strangers),
    ):
        if values:
            lines.append(f"    {label}: {', '.join(map(str, values[:10]))}")
    for example in v.examples:
        lines.append("    » " + example.replace("\n", " ")[:300])
    if v.server_errors:
        for line in logged_errors(log):
            lines.append("    log: " + line)
    if not v.passed and log_path:
        lines.append("  " + _("gunicorn's log, with the tracebacks: %(path)s") % {"path": log_path})
    lines.append(
        _("VERDICT: PASSED — every acknowledged tracking code exists exactly once, no 5xx")
        if v.passed
        else _("VERDICT: FAILED — %(n)d violations") % {"n": v.violations}
    )
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.post import standalone

    standalone("load", run)
