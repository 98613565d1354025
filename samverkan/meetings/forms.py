import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import Municipality
from samverkan.meetings.models import STOCKHOLM, Attendance
from samverkan.networks.models import Network, Participation

WEEKDAYS = [
    (0, _("måndag")),
    (1, _("tisdag")),
    (2, _("onsdag")),
    (3, _("torsdag")),
    (4, _("fredag")),
    (5, _("lördag")),
    (6, _("söndag")),
]
MONTHS = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("mars")),
    (4, _("april")),
    (5, _("maj")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augusti")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]
END_BEFORE_START = _("Mötet måste sluta efter att det börjar.")


def time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(label=label, widget=forms.TimeInput(attrs={"type": "time"}))


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


def host_field(network: Network) -> forms.ModelChoiceField:
    ids = Participation.objects.filter(network=network).values("municipality_id")
    return forms.ModelChoiceField(
        label=_("Värdkommun"),
        queryset=Municipality.objects.filter(pk__in=ids).order_by("name"),
        required=False,
        empty_label=_("Ingen värdkommun"),
    )


class TimesForm(forms.Form):
    """A form with a start and an end time. The end is checked against the start here, so that
    the error stands at the field rather than coming back from the service."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", END_BEFORE_START)
        return cleaned


class YearPlanParametersForm(TimesForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    weekday = forms.TypedChoiceField(label=_("Veckodag"), choices=WEEKDAYS, coerce=int)
    start_time = time_field(_("Börjar klockan"))
    end_time = time_field(_("Slutar klockan"))
    skip_months = forms.TypedMultipleChoiceField(
        label=_("Månader utan möten"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    count = forms.IntegerField(
        label=_("Antal möten"),
        min_value=1,
        max_value=53,
        help_text=_("Överenskommelsens antal möten per år är förvalt."),
    )


class OneMeetingForm(TimesForm):
    """One meeting's day, times, host and place. The host is one of the network's
    municipalities, so the form is made for a network."""

    day = date_field(_("Datum"))
    start_time = time_field(_("Börjar klockan"))
    end_time = time_field(_("Slutar klockan"))
    host = forms.ModelChoiceField(queryset=Municipality.objects.none(), required=False)
    place = forms.CharField(label=_("Plats"), max_length=300, required=False)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"] = host_field(network)


class ProposedMeetingForm(OneMeetingForm):
    """A row in the table of proposed meetings; its labels are the table's column heads."""

    field_order = ["include"]
    include = forms.BooleanField(label=_("Ta med"), required=False, initial=True)
    start_time = time_field(_("Börjar"))
    end_time = time_field(_("Slutar"))


class BaseProposalFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        self.network = network
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"network": self.network}


ProposalFormSet = forms.formset_factory(
    ProposedMeetingForm, formset=BaseProposalFormSet, extra=0, max_num=60, validate_max=True
)


class MeetingForm(OneMeetingForm):
    field_order = ["title"]
    title = forms.CharField(label=_("Rubrik"), max_length=200, required=False)

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        day = self.cleaned_data["day"]
        return (
            datetime.datetime.combine(day, self.cleaned_data["start_time"], tzinfo=STOCKHOLM),
            datetime.datetime.combine(day, self.cleaned_data["end_time"], tzinfo=STOCKHOLM),
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Anledning"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Ny punkt"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200, required=False)
    file = forms.FileField(label=_("Fil"))


STATUS_CHOICES = [("", _("Ej registrerad")), *Attendance.Status.choices]


class AttendanceListForm(forms.Form):
    """One choice per member of the network on the meeting's day."""

    def __init__(self, *args: Any, people: list[Any], current: dict[int, str], **kw: Any):
        super().__init__(*args, **kw)
        for person in people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.name,
                choices=STATUS_CHOICES,
                required=False,
                initial=current.get(person.pk, ""),
            )
        self.people = {f"p{p.pk}": p for p in people}


class AddAttendeeForm(forms.Form):
    email = forms.EmailField(label=_("E-post till personen"))
    status = forms.ChoiceField(label=_("Närvaro"), choices=Attendance.Status.choices)


class OwnAttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Min närvaro"), choices=Attendance.Status.choices)


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Protokoll"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=50000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, items: list[Any], review_choices: list[Any], **kw: Any):
        super().__init__(*args, **kw)
        self.items = items
        for item in items:
            self.fields[f"item{item.pk}"] = forms.CharField(
                label=_("Beslut: %(title)s") % {"title": item.title},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=item.outcome,
                max_length=5000,
            )
            if item.kind == "agreement_review":
                self.fields["review_outcome"] = forms.ChoiceField(
                    label=_("Översynens utfall (CO2)"),
                    choices=[("", _("Välj utfall")), *review_choices],
                    required=False,
                    initial=item.review_outcome,
                )

    def outcomes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data.get(f"item{item.pk}", "") for item in self.items}


class FeedForm(forms.Form):
    """Make, renew or revoke a calendar feed's address; a new address may get a last day."""

    action = forms.ChoiceField(
        choices=[("create", "create"), ("renew", "renew"), ("revoke", "revoke")],
        required=False,
    )
    expires_on = forms.DateField(
        label=_("Sista giltighetsdag (valfri)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange sista giltighetsdag som ÅÅÅÅ-MM-DD.")},
    )
