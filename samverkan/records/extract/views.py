"""The secretariat's page about one person, and the person's register extract as PDF and
JSON (issue 15 §1)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from samverkan.records.extract.access import get_person_for
from samverkan.records.extract.pdf import extract_pdf
from samverkan.records.extract.selectors import (
    extract_filename,
    person_page,
    register_extract,
    role_state,
)
from samverkan.records.extract.services import record_extract


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_person_for(request.user, pk)
    today = timezone.localdate()
    page = person_page(subject, today)
    context = {
        "person": subject,
        "page": page,
        "roles": [(m, role_state(m, today)) for m in page.memberships],
    }
    return render(request, "records/extract/person.html", context)


@login_required
def extract_json(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_person_for(request.user, pk)
    document = register_extract(subject)
    record_extract(request.user, subject, fmt="json")
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = extract_filename(subject, "json", timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def extract_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_person_for(request.user, pk)
    today = timezone.localdate()
    pdf = extract_pdf(register_extract(subject), today, request)
    record_extract(request.user, subject, fmt="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{extract_filename(subject, "pdf", today)}"'
    )
    return response
