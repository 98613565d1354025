"""Id fields under hostile values (issue 18, item 4): a validation error, never OverflowError
(SQLite) nor a 500 from the admin's autocomplete widget (both databases)."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from samverkan.core.forms import out_of_range
from samverkan.networks.models import Membership
from samverkan.people.models import Person

HOSTILE_IDS = ["1" + "0" * 26, "-1" + "0" * 26, str(2**63), "９" * 30]


@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_a_huge_id_is_not_one_of_the_choices(cast, value):
    single = forms.ModelChoiceField(queryset=Person.objects.all())
    multiple = forms.ModelMultipleChoiceField(queryset=Person.objects.all())
    with pytest.raises(forms.ValidationError):
        single.clean(value)
    with pytest.raises(forms.ValidationError):
        multiple.clean([str(cast.people["member"].pk), value])
    assert multiple.clean([str(cast.people["member"].pk)]).get() == cast.people["member"]


def test_out_of_range_reads_text_and_numbers():
    assert out_of_range(2**63) and out_of_range("-9223372036854775809")
    assert out_of_range("0" * 3 + "1" + "0" * 20)
    assert not out_of_range(2**63 - 1) and not out_of_range("42") and not out_of_range("abc")
    assert not out_of_range(True)


@pytest.mark.parametrize("value", [*HOSTILE_IDS, "abc", "1.5"])
def test_the_admin_autocomplete_renders_a_hostile_value(cast, value):
    field = Membership._meta.get_field("person")
    widget = AutocompleteSelect(field, admin.site)
    form_field = forms.ModelChoiceField(queryset=Person.objects.all(), widget=widget)
    html = form_field.widget.render("person", value)
    assert 'name="person"' in html
    member = cast.people["member"]
    assert member.name in form_field.widget.render("person", member.pk)
