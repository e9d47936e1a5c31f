"""The verdict of `fazhi bench load` (benchmarks/load.py): what the clients were told against
what the database holds. The load itself (gunicorn, SIGKILL, pg_terminate_backend) is not run
here — it is a benchmark, `python -m benchmarks.load`; these tests check that its verification
catches each kind of violation, and that its client reads the real pages."""

import pytest
from django.urls import reverse

from benchmarks.load import (
    Fault,
    Row,
    Submission,
    database_rows,
    logged_errors,
    results,
    verify,
)
from benchmarks.post import APPLY_PATH, FILED_PATH, application, csrf_token, tracking_code
from core.models import SubmissionKey
from mediation.choices import CommitteeKind
from mediation.models import Committee, Dispute, DisputeParty
from portal.sms import MemoryGateway

BOTH = ("applicant", "respondent")


def _acknowledged(n: int, **changes) -> tuple[Submission, Row, dict[str, str]]:
    """A submission acknowledged with code C<n>, its case n and its key pointing at it."""
    submission = Submission(marker=f"LBabcdef01-00-{n:06d}", key=f"key{n:08d}")
    submission.code = f"CODE{n:06d}"
    submission.statuses = [302, 200]
    row = Row(pk=n, marker=submission.marker, tracking_code=submission.code, sides=BOTH)
    for name, value in changes.items():
        setattr(row, name, value)
    return submission, row, {submission.key: str(n)}


def _world(count: int):
    submissions, rows, keys = [], [], {}
    for n in range(1, count + 1):
        submission, row, key = _acknowledged(n)
        submissions.append(submission)
        rows.append(row)
        keys.update(key)
    return submissions, rows, keys


def test_it_passes_when_every_acknowledged_code_is_stored_once():
    verdict = verify(*_world(3))
    assert verdict.passed
    assert (verdict.acknowledged, verdict.responses, verdict.rows) == (3, 6, 3)


def test_it_counts_an_acknowledged_code_the_database_does_not_hold():
    submissions, rows, keys = _world(3)
    del rows[1]
    verdict = verify(submissions, rows, keys)
    assert verdict.missing == ["CODE000002"]
    assert verdict.violations == 1


def test_it_counts_two_cases_from_one_submission():
    submissions, rows, keys = _world(2)
    rows.append(Row(pk=99, marker=submissions[0].marker, tracking_code="OTHER", sides=BOTH))
    verdict = verify(submissions, rows, keys)
    assert verdict.duplicate_markers == [submissions[0].marker]
    assert not verdict.passed


def test_it_counts_a_code_given_to_two_submissions_and_a_code_on_another_case():
    submissions, rows, keys = _world(3)
    submissions[1].code = submissions[0].code  # told the first one's code
    verdict = verify(submissions, rows, keys)
    assert verdict.duplicated == ["CODE000001"]
    submissions, rows, keys = _world(2)
    rows[0].marker, rows[1].marker = rows[1].marker, rows[0].marker
    keys = {s.key: str(r.pk) for s, r in zip(submissions, reversed(rows), strict=True)}
    verdict = verify(submissions, rows, keys)
    assert len(verdict.mismatched) == 2


def test_it_counts_a_case_without_its_respondent_or_its_code():
    submissions, rows, keys = _world(3)
    rows[0].sides = ("applicant",)
    rows[2].tracking_code = ""
    verdict = verify(submissions, rows, keys)
    assert verdict.half_written == [1, 3]
    assert verdict.missing == ["CODE000003"]


def test_it_counts_a_submission_key_that_does_not_point_at_its_case():
    submissions, rows, keys = _world(2)
    keys[submissions[1].key] = "1"
    verdict = verify(submissions, rows, keys)
    assert verdict.key_errors == [submissions[1].marker]


def test_a_5xx_is_a_violation_a_reset_connection_is_not():
    submissions, rows, keys = _world(2)
    submissions[0].resets = ["POST RemoteDisconnected: Remote end closed connection"]
    verdict = verify(submissions, rows, keys)
    assert (verdict.resets, verdict.violations) == (1, 0)
    submissions[1].statuses.insert(0, 500)
    submissions[1].server_errors = ["POST 500: <!doctype html>"]
    verdict = verify(submissions, rows, keys)
    assert (verdict.server_errors, verdict.responses, verdict.violations) == (1, 5, 1)
    assert verdict.data_violations == 0


def test_an_application_never_acknowledged_may_be_stored_at_most_once():
    submissions, rows, keys = _world(2)
    submissions[1].code = None  # the answer never came back
    verdict = verify(submissions, rows, keys)
    assert (verdict.acknowledged, verdict.unacknowledged, verdict.violations) == (1, 1, 0)
    rows.append(Row(pk=7, marker=submissions[1].marker, tracking_code="LATER", sides=BOTH))
    assert verify(submissions, rows, keys).duplicate_markers == [submissions[1].marker]


def test_a_refused_valid_application_is_a_violation():
    submissions, rows, keys = _world(2)
    submissions[0].refusals = ["POST 200: too many requests from this address"]
    assert verify(submissions, rows, keys).refused == 1
    assert not verify(submissions, rows, keys).passed


def test_the_results_are_not_met_when_a_violation_was_found():
    submissions, rows, keys = _world(4)
    for s, second in zip(submissions, (0.5, 1.0, 3.0, 4.0), strict=True):
        s.acknowledged_at = second
    faults = [Fault(2.0, "SIGKILL worker 1"), Fault(3.0, "pg_terminate_backend × 2")]
    args = {"faults": faults, "elapsed": 4.0, "clients": 2, "workers": 2, "seconds": 4.0}
    clean = results(verify(submissions, rows, keys), submissions=submissions, **args)
    assert [r.met for r in clean] == [True, True, None]
    assert (clean[2].value, clean[2].reference) == (1.0, 1.0)  # 4 in 4 s; 2 before 2 s
    submissions[2].server_errors = ["GET 500"]
    del rows[3]
    failed = results(verify(submissions, rows, keys), submissions=submissions, **args)
    assert [r.met for r in failed[:2]] == [False, False]
    assert (failed[0].value, failed[1].value) == (1, 1)


def test_the_log_gives_each_traceback_once_with_its_count():
    log = "\n".join(
        [
            "Traceback (most recent call last):",
            "psycopg.errors.AdminShutdown: terminating connection due to administrator command",
            "",
            "The above exception was the direct cause of the following exception:",
            "django.db.utils.OperationalError: terminating connection due to administrator command",
            '127.0.0.1 - - [01/Dec/2026:03:29:01 +0800] "POST /mediation/online/apply/" 500',
        ]
        * 2
    )
    assert logged_errors(log) == [
        "2 × django.db.utils.OperationalError: terminating connection due to administrator command"
    ]


# -- against the real pages and tables ---------------------------------------------------------


@pytest.fixture
def routed(world, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    Committee.objects.create(
        organization=world.haizhu_committee, kind=CommitteeKind.STREET, region_code="440105001000"
    )
    return world


@pytest.mark.django_db
def test_the_client_files_like_a_browser_and_the_database_check_reads_it_back(client, routed):
    """The benchmark's client parses the real form and "received" page, its application is
    valid, and the database check finds each case once — also after the same application was
    sent again (the portal's idempotency)."""
    assert APPLY_PATH == reverse("mediation:online_apply")
    assert FILED_PATH == reverse("mediation:online_filed")
    client.handler.enforce_csrf_checks = True
    token = csrf_token(client.get(APPLY_PATH).content.decode())
    assert token
    submissions = []
    for n in range(2):
        submission = Submission(marker=f"LBabcdef01-00-{n:06d}", key=f"benchkey{n:08d}")
        body = application(
            marker=submission.marker,
            number=n,
            pair=("440105001000", "neighbour"),
            key=submission.key,
            token=token,
        )
        for _send in range(2):  # the second send is the client's retry after a reset
            answer = client.post(APPLY_PATH, body, content_type="application/x-www-form-urlencoded")
            assert answer.status_code == 302
            assert answer["Location"] == FILED_PATH
        submission.code = tracking_code(client.get(FILED_PATH).content.decode())
        submissions.append(submission)
    assert Dispute.objects.count() == 2
    assert all(s.code for s in submissions)

    rows, keys = database_rows("abcdef01", [s.key for s in submissions])
    assert sorted(r.marker for r in rows) == [s.marker for s in submissions]
    assert all(r.sides == BOTH for r in rows)
    assert set(keys.values()) == {str(r.pk) for r in rows}
    assert verify(submissions, rows, keys).passed

    DisputeParty.objects.filter(side="respondent", dispute_id=rows[0].pk).delete()
    SubmissionKey.objects.filter(key=submissions[1].key).delete()
    rows, keys = database_rows("abcdef01", [s.key for s in submissions])
    verdict = verify(submissions, rows, keys)
    assert verdict.half_written == [rows[0].pk]
    assert verdict.key_errors == [submissions[1].marker]
