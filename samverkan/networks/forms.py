from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import Area, DevelopmentArea, Municipality
from samverkan.networks.models import Membership, Network


class PlainSelect(forms.Select):
    """A <select> written in Python. Django's Select renders a template for the select and
    another for each option: the catalogue's filter form has some seventy options, and their
    templates were most of the page's rendering (issue 17). Single choices, no option groups;
    the same HTML as Select's templates, but for the whitespace between the options."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if key in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in ((str(k), str(v)) for k, v in self.choices)
        )
        final = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{final}>{options}</select>')


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters. Municipalities and areas are chosen by slug (all the
    selector needs), from (slug, name) rows rather than model instances."""

    q = forms.CharField(
        label=_("Sök"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    municipality = forms.ChoiceField(label=_("Kommun"), required=False, widget=PlainSelect)
    area = forms.ChoiceField(label=_("Verksamhetsområde"), required=False, widget=PlainSelect)
    development_area = forms.ChoiceField(
        label=_("Utvecklingsområde"), required=False, widget=PlainSelect
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)

    def __init__(self, *args: object, statuses: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        municipalities = Municipality.objects.order_by("name").values_list("slug", "name")
        areas = Area.objects.order_by("name").values_list("slug", "name")
        development_areas = DevelopmentArea.objects.order_by(
            "-plan__start_year", "order"
        ).values_list("slug", "name")
        seen: dict[str, str] = {}
        for slug, name in development_areas:
            seen.setdefault(slug, name)
        choices = {
            "municipality": [("", _("Alla kommuner")), *municipalities],
            "area": [("", _("Alla områden")), *areas],
            "development_area": [("", _("Alla utvecklingsområden")), *seen.items()],
            "status": statuses,
        }
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices  # type: ignore[attr-defined]


def plan_part(label: Any, *, rows: int, help_text: Any = "") -> forms.CharField:
    """One part of the year plan, in free text. Each may stay empty while the plan is a draft:
    purpose, goals and meeting organisation are asked for when the plan is adopted (N3)."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=5000,
        help_text=help_text,
    )


class YearPlanForm(forms.Form):
    purpose = plan_part(
        _("Syfte"),
        rows=4,
        help_text=_("Varför nätverket finns. Syftet visas för alla i katalogen."),
    )
    goals = plan_part(_("Målsättning"), rows=4)
    meeting_organisation = plan_part(
        _("Mötesorganisation"),
        rows=3,
        help_text=_("Hur ofta och var ni träffas, vem som leder och dokumenterar."),
    )
    contribution = plan_part(_("Bidrag till samverkans syfte, vision och verksamhetsidé"), rows=3)
    development_areas = forms.ModelMultipleChoiceField(
        label=_("Utvecklingsområden som planen bidrar till"),
        queryset=DevelopmentArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: object, year: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["development_areas"].queryset = DevelopmentArea.objects.filter(  # type: ignore[attr-defined]
            plan__start_year__lte=year, plan__end_year__gte=year
        ).order_by("order")


class PlanCommentForm(forms.Form):
    """A comment on a draft year plan: the secretariat as a sounding board (ST1)."""

    text = forms.CharField(
        label=_("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Skriv en kommentar.")},
    )


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_("Finns personen redan hittas den via e-posten; annars läggs den till."),
    )
    name = forms.CharField(label=_("Namn"), max_length=200, required=False)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(
        label=_("För kommun"), queryset=Municipality.objects.order_by("name"), required=False
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Membership.Role.choices)
    start_on = forms.DateField(
        label=_("Från"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def status_choices(authenticated: bool) -> list[tuple[str, str]]:
    if authenticated:
        order = [
            Network.Status.ACTIVE,
            Network.Status.STARTING,
            Network.Status.PROPOSED,
            Network.Status.CLOSED,
        ]
        return [(s.value, str(s.label)) for s in order] + [("all", str(_("Alla")))]
    return [
        (Network.Status.ACTIVE.value, str(Network.Status.ACTIVE.label)),
        (Network.Status.CLOSED.value, str(Network.Status.CLOSED.label)),
    ]
