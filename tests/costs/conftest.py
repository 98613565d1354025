import datetime

import pytest

from samverkan.agreements.models import Agreement, AgreementVersion


@pytest.fixture
def sharing(db):
    """sharing(network, "population") gives the network an agreement with that PR2 parameter."""

    def set_sharing(network, method: str) -> None:
        agreement, _ = Agreement.objects.get_or_create(network=network)
        AgreementVersion.objects.update_or_create(
            agreement=agreement,
            number=1,
            defaults={
                "text": "Kostnader delas enligt överenskommelsen.",
                "adopted_on": datetime.date(2020, 1, 1),
                "cost_sharing": method,
            },
        )

    return set_sharing
