"""Errors that services raise and that views and the API turn into clear Swedish messages."""


class ServiceError(Exception):
    """An action that cannot be done as asked; `message` is shown to the user as it is."""

    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def by_field(self) -> dict[str | None, str]:
        """The messages by the field of the input each is about (None: the input as a whole)."""
        return {self.field: self.message}


class RuleViolation(ServiceError):
    """A rule of SPEC §2 of kind *block* refuses the action; the message names the rule."""

    code = "rule_violation"

    def __init__(self, rule_id: str, message: str, *, missing: list[str] | None = None) -> None:
        super().__init__(f"{message} ({rule_id})")
        self.rule_id = rule_id
        self.missing = missing or []


class ConflictError(ServiceError):
    """Somebody else saved the same object since it was opened: nothing is overwritten."""

    code = "conflict"
