"""One error hierarchy for services, mapped once to HTTP (views and API alike)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class FazhiError(Exception):
    status = 400
    code = "error"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class InvalidInput(FazhiError):
    """Bad input: 400 with a message per field."""

    status = 400
    code = "invalid"

    @classmethod
    def raise_for(cls, errors: dict[str, list[str]]) -> None:
        """Raise with `errors` (messages by field) if there are any, the first as the message."""
        if errors:
            raise cls(next(iter(errors.values()))[0], fields=errors)

    @classmethod
    def from_validation_error(cls, exc: ValidationError) -> InvalidInput:
        if hasattr(exc, "error_dict"):
            fields = {
                name: [str(m) for e in errs for m in e.messages]
                for name, errs in exc.error_dict.items()
            }
        else:
            fields = {"__all__": [str(m) for m in exc.messages]}
        first = next(iter(next(iter(fields.values()))), "")
        return cls(first, fields=fields)


class PermissionDenied(FazhiError):
    status = 403
    code = "forbidden"


class NotFound(FazhiError):
    status = 404
    code = "not_found"


class Conflict(FazhiError):
    """Someone else changed the record first (optimistic locking): 409."""

    status = 409
    code = "conflict"
