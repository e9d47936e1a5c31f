"""What attachments and generated documents share: finding a file record that the actor may see
(the record's own scope *and* its case's, since a case can move out of reach), and opening its
stored file only after its SHA-256 still matches, with the read written to the audit log."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from core.audit import acting, record_access
from core.errors import FazhiError, NotFound

CHUNK_SIZE = 64 * 1024


def digest(fileobj) -> tuple[int, str]:
    """(size in bytes, SHA-256 hex digest), reading in chunks from the start."""
    fileobj.seek(0)
    sha, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK_SIZE):
        sha.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return size, sha.hexdigest()


def find_record(model, pk, actor, not_found: str):
    """(record, case) if `actor` may see the record and its case; NotFound otherwise."""
    from cases.selectors import case_for

    try:
        record = (
            model.objects.restrict(actor, "view").select_related("case_type").filter(pk=pk).first()
        )
    except (ValueError, TypeError):
        record = None
    if record is None:
        raise NotFound(not_found)
    case_type = record.case_type
    case = case_for(f"{case_type.app_label}.{case_type.model}", record.case_id, actor)
    return record, case


def open_verified(
    field_file,
    *,
    sha256: str,
    damaged: Callable[[], FazhiError],
    actor,
    instance,
    field: str,
    request=None,
    size: int | None = None,
    verify_max: int | None = None,
):
    """An open binary handle on the stored file, after checking it against its hash (only its
    size above `verify_max` bytes); the read is recorded as an access to `instance`."""
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except OSError:
        raise damaged() from None
    try:
        if verify_max is not None and size is not None and size > verify_max:
            ok = field_file.storage.size(field_file.name) == size
        else:
            actual_size, actual = digest(handle)
            ok = actual == sha256 and (size is None or actual_size == size)
        if not ok:
            raise damaged()
        handle.seek(0)
        with acting(actor):
            record_access(actor=actor, instance=instance, field=field, request=request)
    except BaseException:
        handle.close()
        raise
    return handle
