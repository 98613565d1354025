from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samverkan.files.tables import requested_format, table_response
from samverkan.notifications import selectors, services
from samverkan.notifications.forms import DeliveryForm, InboxFilterForm
from samverkan.notifications.models import Notification
from samverkan.people.access import person_for, require_secretariat
from samverkan.people.models import Person


def _person(request: HttpRequest) -> Person | None:
    return person_for(request.user)


def _own(request: HttpRequest, pk: int) -> tuple[Person, Notification]:
    person = _person(request)
    notification = (
        Notification.objects.filter(pk=pk, recipient=person).select_related("network").first()
        if person is not None
        else None
    )
    if person is None or notification is None:
        raise Http404(_("Notisen finns inte."))
    return person, notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if person is None:
        return render(request, "people/no_person.html")
    # Issue 16, point 6: filters (unread, kind, network) in the URL.
    form = InboxFilterForm(request.GET, choices=selectors.inbox_choices(person))
    filters = form.filters()
    notices = selectors.inbox(person, filters)
    if fmt := requested_format(request):  # every notice the filter shows, not one page
        header = [_("Ämne"), _("Tid"), _("Nätverk"), _("Läst")]
        rows = [
            [n.subject, n.created_at, n.network.name if n.network else "", n.is_read]
            for n in notices
        ]
        return table_response(fmt, "inkorg", header, rows, title=_("Inkorg"))
    paginator = Paginator(notices, getattr(settings, "INBOX_PAGE_SIZE", 20))
    page = paginator.get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    daily_digest = services.delivery_of(person)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "form": form,
            "filters": filters,
            "query": query.urlencode(),
            "delivery_form": DeliveryForm(initial={"sammanfattning": "1" if daily_digest else "0"}),
            "daily_digest": daily_digest,
        },
    )


@login_required
@require_POST
def delivery(request: HttpRequest) -> HttpResponse:
    """A person chooses one e-mail per notice or one daily digest (issue 16, point 6)."""
    person = _person(request)
    if person is None:
        raise Http404
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("sammanfattning", [])))
        return redirect("notifications:inbox")
    daily = form.cleaned_data["sammanfattning"]
    services.choose_delivery(person, daily_digest=daily)
    messages.success(
        request,
        _("Du får nu en sammanfattning per dag med dagens notiser.")
        if daily
        else _("Du får nu ett e-postmeddelande för varje notis."),
    )
    return redirect("notifications:inbox")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    person, notification = _own(request, pk)
    services.mark_read(person, notification)
    return render(request, "notifications/detail.html", {"notification": notification})


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    person, notification = _own(request, pk)
    services.mark_read(person, notification)
    return _back(request)


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if person is None:
        raise Http404
    # The inbox's filter, if any: "mark all read" marks what the filtered inbox shows.
    count = services.mark_all_read(
        person, kind=request.POST.get("typ", ""), network=request.POST.get("natverk", "")
    )
    messages.success(
        request,
        ngettext("%(n)d notis markerad som läst.", "%(n)d notiser markerade som lästa.", count)
        % {"n": count},
    )
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
def failed(request: HttpRequest) -> HttpResponse:
    """The secretariat's list of notices whose e-mail was given up (issue 18 §3)."""
    require_secretariat(request.user)
    paginator = Paginator(selectors.failed_emails(), 50)
    page = paginator.get_page(request.GET.get("sida"))
    return render(
        request,
        "notifications/failed.html",
        {"page": page, "waiting": selectors.waiting_emails()},
    )


@login_required
@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    """ "Skicka igen": one notice (`notis`), or every failed one (`alla`)."""
    require_secretariat(request.user)
    person = _person(request)
    if person is None:
        raise Http404
    if request.POST.get("alla"):
        ids = None
    else:
        try:
            ids = [int(request.POST.get("notis", ""))]
        except ValueError:
            messages.error(request, _("Välj en notis att skicka igen."))
            return redirect("notifications:failed")
    count = services.resend_failed(person, ids)
    if count:
        messages.success(
            request,
            ngettext("%(n)d notis skickas igen.", "%(n)d notiser skickas igen.", count)
            % {"n": count},
        )
    else:
        messages.info(request, _("Inget att skicka igen: notisen har redan skickats."))
    return redirect("notifications:failed")
