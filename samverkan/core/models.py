"""Model parts that rooms on every layer share. Only abstract models and helpers live here: they
make no table and need no app, so any room may build on them without depending on another."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverkan.core.errors import ServiceError


def period_constraint(
    name: str, start: str = "start_on", end: str = "end_on"
) -> models.CheckConstraint:
    """The database itself refuses a period that ends before it starts, while an open end (no
    end date yet) stays allowed. Each model names its own constraint, as its migrations do."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


class Period(models.Model):
    """A row that holds from its first day until its last one, both days included, or for as
    long as it has no end (a membership, a mandate, a working group). Ending is recorded as an
    end date and the row stays, so that the history shows who held what and when."""

    start_on = models.DateField(_("från"))
    end_on = models.DateField(_("till"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)

    def end(self, day: datetime.date) -> None:
        """Ends the period on `day` and saves the end date alone. A period already ended by then
        is left as it is, so that ending twice does no harm; a day before its start is refused."""
        if self.end_on is not None and self.end_on <= day:
            return
        if day < self.start_on:
            raise ServiceError(gettext("Slutdatum kan inte vara före startdatum."), field="end_on")
        self.end_on = day
        self.save(update_fields=["end_on"])
