"""Forms of the agreement pages: they parse input; the services decide (STYLE)."""

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverkan.agreements.models import (
    AgreementReview,
    AgreementVersion,
    CostSharing,
    FocusArea,
    Matter,
    WorkingGroup,
)
from samverkan.agreements.parameters import labels, validate_parameters
from samverkan.cooperation.models import Municipality, Organisation
from samverkan.people.models import Person


class DateInput(forms.DateInput):
    input_type = "date"


class MunicipalityChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class AgreementForm(forms.Form):
    text = forms.CharField(
        label=_("Överenskommelsens text"), widget=forms.Textarea(attrs={"rows": 16})
    )
    adopted_on = forms.DateField(label=_("Antagen"), widget=DateInput)
    note = forms.CharField(label=_("Vad ändrades (kort)"), required=False, max_length=300)
    meeting_id = forms.TypedChoiceField(
        label=_("Antagen vid möte"), required=False, coerce=int, empty_value=None, choices=[]
    )
    min_municipalities_per_matter = forms.CharField(required=False)
    min_focus_areas = forms.CharField(required=False)
    focus_area_min_share = forms.CharField(
        required=False, help_text=_("Ett tal mellan 0 och 1; 0,5 betyder hälften.")
    )
    cost_sharing = forms.ChoiceField(choices=CostSharing.choices, required=False)
    onboarding_representative = forms.BooleanField(required=False)
    meetings_per_year = forms.CharField(required=False)
    chair_municipalities = forms.CharField(required=False)
    chair_term_years = forms.CharField(required=False)
    secretary_title = forms.CharField(required=False, max_length=100)
    substitutes_allowed = forms.BooleanField(required=False)
    review_at_last_meeting = forms.BooleanField(required=False)
    business_plan_required = forms.BooleanField(required=False)

    PARAMETERS = (
        "min_municipalities_per_matter",
        "min_focus_areas",
        "focus_area_min_share",
        "cost_sharing",
        "onboarding_representative",
        "meetings_per_year",
        "chair_municipalities",
        "chair_term_years",
        "secretary_title",
        "substitutes_allowed",
        "review_at_last_meeting",
        "business_plan_required",
    )

    def __init__(self, *args: Any, meetings: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting_id"].choices = [("", _("Inget möte angivet")), *meetings]  # type: ignore[attr-defined]
        for name, label in labels().items():
            self.fields[name].label = label
        for name in (
            "min_municipalities_per_matter",
            "min_focus_areas",
            "meetings_per_year",
            "chair_municipalities",
            "chair_term_years",
            "focus_area_min_share",
        ):
            self.fields[name].widget.attrs["inputmode"] = "decimal"
            if not self.fields[name].help_text:
                self.fields[name].help_text = _("Tomt betyder att regeln inte gäller.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = {name: data.get(name) for name in self.PARAMETERS}
        _params, errors = validate_parameters(raw)
        for name, message in errors.items():
            self.add_error(name if name in self.fields else None, message)
        return data

    def parameters(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.PARAMETERS}

    @staticmethod
    def initial_from(version: AgreementVersion | None, today: datetime.date) -> dict[str, Any]:
        from samverkan.agreements.selectors import AgreementParameters

        params = AgreementParameters.from_version(version)
        initial: dict[str, Any] = {k: ("" if v is None else v) for k, v in params.as_dict().items()}
        if isinstance(initial["focus_area_min_share"], float):
            initial["focus_area_min_share"] = f"{initial['focus_area_min_share']:g}".replace(
                ".", ","
            )
        initial["text"] = version.text if version else ""
        initial["adopted_on"] = today
        return initial


class VersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("Version %(n)d (%(date)s)") % {"n": obj.number, "date": obj.adopted_on}


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    outcome = forms.ChoiceField(label=_("Utfall"), choices=AgreementReview.Outcome.choices)
    held_on = forms.DateField(label=_("Datum för mötet"), widget=DateInput)
    meeting_id = forms.TypedChoiceField(
        label=_("Mötet"), required=False, coerce=int, empty_value=None, choices=[]
    )
    version = VersionChoice(
        label=_("Ny version (vid revision)"),
        queryset=AgreementVersion.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        versions: QuerySet[AgreementVersion],
        meetings: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]
        self.fields["meeting_id"].choices = [("", _("Inget möte angivet")), *meetings]  # type: ignore[attr-defined]


class MatterForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    raised_by = forms.ModelChoiceField(
        label=_("Väckt av"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Nätverket"),
    )
    concerned = MunicipalityChoices(
        label=_("Berörda kommuner"), queryset=Municipality.objects.none(), required=False
    )
    with_region = forms.BooleanField(label=_("Fråga i samverkan med regionen"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Externa organisationer"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    focus_area = forms.ModelChoiceField(
        label=_("Frågeområde"), queryset=FocusArea.objects.none(), required=False
    )
    working_group = forms.ModelChoiceField(
        label=_("Arbetsgrupp"), queryset=WorkingGroup.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        municipalities: QuerySet[Municipality],
        focus_areas: Any,
        working_groups: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["raised_by"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["concerned"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["focus_area"].queryset = focus_areas  # type: ignore[attr-defined]
        self.fields["working_group"].queryset = working_groups  # type: ignore[attr-defined]


class MatterStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=Matter.Status.choices)


class PeopleChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}" + (f", {obj.municipality.name}" if obj.municipality_id else "")


class MandateForm(forms.Form):
    arena = forms.CharField(label=_("Arena"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    people = PeopleChoices(label=_("Företrädare"), queryset=Person.objects.none())
    start_on = forms.DateField(label=_("Från"), widget=DateInput)
    end_on = forms.DateField(label=_("Till"), widget=DateInput, required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    focus_area = forms.ModelChoiceField(
        label=_("Frågeområde"), queryset=FocusArea.objects.none(), required=False
    )
    contact = forms.ModelChoiceField(
        label=_("Kontaktperson"),
        queryset=Person.objects.none(),
        help_text=_("Ska vara medlem i nätverket (F4)."),
    )
    members = PeopleChoices(label=_("Deltagare"), queryset=Person.objects.none(), required=False)

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        contacts: QuerySet[Person],
        focus_areas: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts  # type: ignore[attr-defined]
        self.fields["members"].queryset = people  # type: ignore[attr-defined]
        self.fields["focus_area"].queryset = focus_areas  # type: ignore[attr-defined]


class ContactForm(forms.Form):
    contact = forms.ModelChoiceField(label=_("Ny kontaktperson"), queryset=Person.objects.none())

    def __init__(self, *args: Any, contacts: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts  # type: ignore[attr-defined]


class BusinessPlanForm(forms.Form):
    summary = forms.CharField(
        label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class FocusAreaForm(forms.Form):
    name = forms.CharField(label=_("Frågeområde"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    municipalities = MunicipalityChoices(
        label=_("Samverkande kommuner"), queryset=Municipality.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities  # type: ignore[attr-defined]


class ChairsForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    municipalities = MunicipalityChoices(
        label=_("Ordförandekommuner"), queryset=Municipality.objects.none(), required=False
    )
    persons = PeopleChoices(
        label=_("Ordförande (personer)"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_(
            "Vem som innehar ordförandeskapet för varje vald kommun: en medlem för kommunen "
            "(valfritt, högst en per kommun) (CH2)."
        ),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: QuerySet[Municipality],
        people: QuerySet[Person] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["persons"].queryset = (  # type: ignore[attr-defined]
            people if people is not None else Person.objects.none()
        )


class ChairsCorrectionForm(ChairsForm):
    """Issue 16 §9: a term's chairs corrected, not removed; the year is the term's own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["year"]
