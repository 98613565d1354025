"""What the API answers, one schema per shape; the routers fill them from selectors."""

import datetime

from ninja import Schema
from pydantic import Field


class ErrorBody(Schema):
    code: str = Field(description="Stable, English: not_found, forbidden, unauthorized, …")
    message: str = Field(description="Swedish, for people")


class ErrorOut(Schema):
    error: ErrorBody


class AreaOut(Schema):
    slug: str
    name: str


class DevelopmentAreaOut(Schema):
    slug: str
    name: str


class MunicipalityRef(Schema):
    code: str
    slug: str
    name: str


class PlanOut(Schema):
    """The current adopted year plan (N1, N2, N3)."""

    year: int
    purpose: str
    goals: str
    meeting_organisation: str
    contribution: str
    adopted_on: datetime.date | None
    development_areas: list[DevelopmentAreaOut]


class ContactOut(Schema):
    name: str
    title: str
    municipality: str | None
    email: str | None = Field(description="Only for signed-in callers and tokens (N6)")
    phone: str | None = Field(description="Only for signed-in callers and tokens (N6)")


class NetworkOut(Schema):
    slug: str
    name: str
    status: str
    status_label: str
    area: AreaOut
    description: str
    url: str = Field(description="The network's page")
    current_plan: PlanOut | None
    municipalities: list[MunicipalityRef] = Field(description="Participating now")
    coordinators: list[ContactOut]


class NetworkDetailOut(NetworkOut):
    started_on: datetime.date | None
    closed_on: datetime.date | None


class NetworkListOut(Schema):
    count: int = Field(description="Networks matching the filters, on every page")
    limit: int
    offset: int
    items: list[NetworkOut]


class PopulationOut(Schema):
    population: int
    date: datetime.date
    source: str


class MunicipalityOut(Schema):
    code: str
    slug: str
    name: str
    member_from: datetime.date | None
    member_to: datetime.date | None
    is_member: bool = Field(description="A member of the cooperation today")
    population: PopulationOut | None = Field(description="The latest figure")


class VerdictOut(Schema):
    verdict: str = Field(description="ok, warning, missing or not_applicable")
    explanation: str
    fix_url: str


class NetworkComplianceOut(Schema):
    name: str
    status: str
    rules: dict[str, VerdictOut] = Field(description="Keyed by SPEC rule ID")


class ComplianceOut(Schema):
    """The same document as `manage.py compliance --format json`."""

    year: int
    as_of: str
    networks: dict[str, NetworkComplianceOut] = Field(description="Keyed by network slug")
