import datetime

import pytest
from django.core.exceptions import PermissionDenied

from samverkan.agreements import selectors, services
from samverkan.agreements.models import AgreementVersion
from samverkan.agreements.services import ParameterError
from samverkan.history.models import HistoryEntry
from tests.agreements.helpers import SPEC_PARAMETERS, adopt


def test_adopt_first_version_with_spec_parameters(cast):
    assert not AgreementVersion.objects.exists()
    version = adopt(cast)
    assert version.number == 1
    params = selectors.agreement_parameters(cast.network, on=datetime.date(2026, 1, 1))
    assert params.as_dict() == SPEC_PARAMETERS
    entry = HistoryEntry.objects.filter(verb="adopt_agreement_version").first()
    assert entry is not None and entry.network_id == cast.network.pk


def test_revision_keeps_the_old_version_and_numbers_the_new(cast):
    first = adopt(cast)
    second = adopt(
        cast,
        text=first.text + "\nNy rad.",
        adopted_on=datetime.date(2025, 12, 10),
        meetings_per_year=8,
    )
    assert second.number == 2
    assert AgreementVersion.objects.count() == 2
    assert (
        selectors.agreement_parameters(cast.network, on=datetime.date(2025, 6, 1)).meetings_per_year
        == 10
    )
    assert (
        selectors.agreement_parameters(cast.network, on=datetime.date(2026, 1, 1)).meetings_per_year
        == 8
    )


def test_same_text_and_parameters_is_not_a_new_version(cast):
    first = adopt(cast)
    again = adopt(cast, adopted_on=datetime.date(2025, 1, 1))
    assert again.pk == first.pk
    assert AgreementVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("focus_area_min_share", 1.5, "mellan 0 och 1"),
        ("focus_area_min_share", -0.1, "mellan 0 och 1"),
        ("focus_area_min_share", "hälften", "ett tal"),
        ("min_focus_areas", -1, "negativt"),
        ("min_municipalities_per_matter", -2, "negativt"),
        ("chair_municipalities", 0, "mellan 1"),
        ("chair_term_years", "två", "heltal"),
        ("cost_sharing", "by_area", "Välj kostnadsfördelning"),
        ("substitutes_allowed", "nej", "ja eller nej"),
        ("unknown_rule", 1, "Okänd parameter"),
    ],
)
def test_parameter_out_of_range_refused_nothing_written(cast, name, value, words):
    with pytest.raises(ParameterError) as exc:
        adopt(cast, **{name: value})
    assert words in exc.value.errors[name]
    assert not AgreementVersion.objects.exists()


def test_empty_text_refused(cast):
    with pytest.raises(services.ServiceError, match="Skriv överenskommelsens text"):
        adopt(cast, text="  ")
    assert not AgreementVersion.objects.exists()


@pytest.mark.parametrize("who", ["member", "secretary", "reader", "outsider"])
def test_only_editors_adopt_agreements(cast, who):
    with pytest.raises(PermissionDenied):
        services.adopt_agreement_version(
            cast.user(who),
            cast.network,
            text="x",
            parameters={},
            adopted_on=datetime.date(2026, 1, 1),
        )
    assert not AgreementVersion.objects.exists()


def test_secretariat_may_adopt(cast):
    version = services.adopt_agreement_version(
        cast.user("secretariat"),
        cast.network,
        text="Text",
        parameters={},
        adopted_on=datetime.date(2026, 1, 1),
    )
    assert version.number == 1
    assert (
        selectors.agreement_parameters(cast.network, on=datetime.date(2026, 2, 1))
        == selectors.AgreementParameters()
    )


def test_diff_shows_added_and_removed_lines_and_parameters(cast):
    adopt(cast, text="Syfte\nTio möten per år.\nSlut")
    adopt(
        cast,
        text="Syfte\nÅtta möten per år.\nSlut",
        meetings_per_year=8,
        adopted_on=datetime.date(2025, 12, 1),
    )
    newer, older = selectors.versions(cast.network)
    diff = selectors.version_diff(older, newer)
    kinds = [(line.kind, line.text) for line in diff.lines]
    assert ("removed", "Tio möten per år.") in kinds
    assert ("added", "Åtta möten per år.") in kinds
    assert [(c.name, c.old, c.new) for c in diff.parameters] == [("meetings_per_year", 10, 8)]


def test_diff_page_escapes_html_and_marks_changes_in_words(cast, client_for):
    adopt(cast, text="Rad ett")
    adopt(cast, text="Rad ett\n<script>alert(1)</script>", adopted_on=datetime.date(2025, 1, 1))
    response = client_for("reader").get(
        "/natverk/socialchefsnatverket/overenskommelse/jamfor/?fran=1&till=2"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Tillagt:" in html


def test_agreement_page_for_network_without_agreement_says_checklist_alone(cast, client_for):
    response = client_for("reader").get("/natverk/socialchefsnatverket/overenskommelse/")
    assert response.status_code == 200
    assert "Checklistan för nätverk gäller ensam" in response.content.decode()


def test_agreement_form_shows_swedish_errors_and_writes_nothing(cast, client_for):
    response = client_for("coordinator").post(
        "/natverk/socialchefsnatverket/overenskommelse/ny-version/",
        {
            "text": "Text",
            "adopted_on": "2026-01-01",
            "focus_area_min_share": "1,5",
            "min_focus_areas": "-3",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Andelen ska vara mellan 0 och 1" in html
    assert "kan inte vara negativt" in html
    assert not AgreementVersion.objects.exists()


def test_agreement_form_saves_a_version(cast, client_for):
    response = client_for("coordinator").post(
        "/natverk/socialchefsnatverket/overenskommelse/ny-version/",
        {
            "text": "Text",
            "adopted_on": "2026-01-01",
            "focus_area_min_share": "0,5",
            "min_focus_areas": "3",
            "substitutes_allowed": "on",
        },
    )
    assert response.status_code == 302
    version = AgreementVersion.objects.get()
    assert float(version.focus_area_min_share) == 0.5 and version.min_focus_areas == 3


def _meeting(network, day):
    from samverkan.meetings.models import STOCKHOLM, Meeting

    start = datetime.datetime.combine(day, datetime.time(9), tzinfo=STOCKHOLM)
    return Meeting.objects.create(
        network=network, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )


def test_version_names_the_adopting_meeting(cast, client_for):
    meeting = _meeting(cast.network, datetime.date(2025, 12, 9))
    version = services.adopt_agreement_version(
        cast.user("coordinator"),
        cast.network,
        text="Text",
        parameters={},
        adopted_on=datetime.date(2025, 12, 9),
        meeting_id=meeting.pk,
    )
    assert version.adopted_at_meeting_id == meeting.pk
    html = (
        client_for("reader").get("/natverk/socialchefsnatverket/overenskommelse/").content.decode()
    )
    assert "vid mötet 2025-12-09" in html


def test_meeting_of_another_network_refused(cast):
    meeting = _meeting(cast.other_network, datetime.date(2025, 12, 9))
    with pytest.raises(services.ServiceError, match="Mötet hör inte till nätverket"):
        services.adopt_agreement_version(
            cast.user("coordinator"),
            cast.network,
            text="Text",
            parameters={},
            meeting_id=meeting.pk,
        )
    assert not AgreementVersion.objects.exists()
