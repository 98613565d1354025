"""Id fields that answer a hostile value with a validation error, not a 500 (issue 18, item 4).

A form field choosing objects by id hands the posted text to the database. Past the 64-bit
range SQLite raises OverflowError (`±10²⁶` in any multiple-choice field: working-group
members, a matter's municipalities, a year plan's development areas…), and Django catches
only ValueError and TypeError. The admin's autocomplete widgets filter by whatever was posted
when they render the form again, so that any text that is no id ("abc") was a 500 on both
databases.

`guard_id_fields()` (called once, from samverkan.site's ready()) makes Django's own
ModelChoiceField and ModelMultipleChoiceField, and so every model form, the admin and the
rooms' forms alike, refuse an id outside the range with their usual "not one of the choices"
message, and the autocomplete widgets render only the values that can be ids. It patches
Django's classes because the fields are made in many places (model forms, the admin's
formfield_for_dbfield, the rooms' forms) and a subclass would have to be named in every one."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

# The range of a signed 64-bit integer: SQLite's INTEGER and PostgreSQL's bigint.
ID_MIN = -(2**63)
ID_MAX = 2**63 - 1


def out_of_range(value: Any) -> bool:
    """Whether `value` is an integer (or its text) that no row can have as its id."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not ID_MIN <= value <= ID_MAX
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        # int() reads any decimal digits ("９" too); a text longer than any id is out at once.
        if digits.isdecimal():
            return len(digits.lstrip("0")) > 19 or not ID_MIN <= int(text) <= ID_MAX
    return False


def _refuse_out_of_range(field: forms.ModelChoiceField, values: Iterable[Any]) -> None:
    for value in values:
        if out_of_range(value):
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:40]},
            )


def _usable_ids(widget: AutocompleteMixin, values: Iterable[Any]) -> list[Any]:
    """The values the widget may look up: each one the field can read as an id."""
    usable = []
    for value in values:
        if out_of_range(value):
            continue
        try:
            widget.field.remote_field.model._meta.pk.to_python(value)  # type: ignore[attr-defined]
        except (ValidationError, ValueError, TypeError):
            continue
        usable.append(value)
    return usable


_guarded = False


def guard_id_fields() -> None:
    """Install the guards (see the module's docstring). Idempotent."""
    global _guarded
    if _guarded:
        return
    _guarded = True

    choice_to_python = forms.ModelChoiceField.to_python
    check_values = forms.ModelMultipleChoiceField._check_values  # type: ignore[attr-defined]
    optgroups = AutocompleteMixin.optgroups

    def to_python(self: forms.ModelChoiceField, value: Any) -> Any:
        _refuse_out_of_range(self, [value])
        return choice_to_python(self, value)

    def _check_values(self: forms.ModelMultipleChoiceField, value: Any) -> Any:
        if isinstance(value, list | tuple):
            _refuse_out_of_range(self, value)
        return check_values(self, value)

    def guarded_optgroups(self: AutocompleteMixin, name: str, value: Any, attr: Any = None) -> Any:
        return optgroups(self, name, _usable_ids(self, value), attr)

    forms.ModelChoiceField.to_python = to_python  # type: ignore[method-assign]
    forms.ModelMultipleChoiceField._check_values = _check_values  # type: ignore[attr-defined]
    AutocompleteMixin.optgroups = guarded_optgroups  # type: ignore[method-assign]
