"""The catalogue where people already are: a page made for an iframe on the intranet, and the
snippet the secretariat copies into the intranet page (issue 16, part D; SPEC N3: "the purpose
is readable by all on the intranet").

The embedded page may be framed only by the origins of settings.EMBED_ORIGINS (CSP
`frame-ancestors`, samverkan/site/csp.py), as every other page stays unframable. It holds no
form that changes anything (one GET search) and every link opens in the intranet's own window
(target="_top"), so a page framing it has nothing to trick a click into. It shows what the
viewer may read in the catalogue: in an iframe on another site the browser sends no session
cookie, so that is the published catalogue, without contact details."""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from samverkan.cooperation.models import Area
from samverkan.core.pages import query_without_page
from samverkan.networks import access, selectors
from samverkan.networks.models import Network
from samverkan.people.access import require_secretariat
from samverkan.site.csp import framable_by_embed_origins

# The iframe's height in the snippet: about eight networks before it scrolls inside.
SNIPPET_HEIGHT = 900
SAFE_METHODS = ["GET", "HEAD"]


class EmbedFilterForm(forms.Form):
    """Words to find, and an area: an intranet page about one area embeds `?area=<slug>`."""

    q = forms.CharField(
        label=_("Sök bland nätverken"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    area = forms.ChoiceField(label=_("Verksamhetsområde"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = Area.objects.order_by("name").values_list("slug", "name")
        self.fields["area"].choices = [("", _("Alla områden")), *areas]  # type: ignore[attr-defined]


@require_safe
@framable_by_embed_origins
def catalogue(request: HttpRequest) -> HttpResponse:
    """/inbaddning/: the active networks, their purpose and municipalities, ten a page."""
    context: dict[str, Any] = {"readable": access.can_read_catalogue(request.user)}
    if context["readable"]:
        form = EmbedFilterForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        today = timezone.localdate()
        filters = selectors.CatalogueFilters(
            q=data.get("q") or "", area=data.get("area") or "", status=Network.Status.ACTIVE
        )
        networks = selectors.catalogue_page_networks(
            viewer=request.user, filters=filters, today=today
        )
        page = Paginator(networks, settings.CATALOGUE_PAGE_SIZE).get_page(request.GET.get("sida"))
        context.update(
            form=form,
            page=page,
            rows=selectors.catalogue_entries(page.object_list, today=today, contacts=False),
            query=query_without_page(request),
        )
    return render(request, "site/embed.html", context)


@login_required
def snippet(request: HttpRequest) -> HttpResponse:
    """/inbaddning/kod/: what the secretariat pastes into the intranet, with a preview."""
    require_secretariat(request.user)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    form = EmbedFilterForm(request.GET or None)
    area = (form.cleaned_data.get("area") or "") if form.is_valid() else ""
    src = request.build_absolute_uri(reverse("site:embed"))
    if area:
        src += "?" + urlencode({"area": area})
    context = {
        "form": form,
        "src": src,
        "preview": reverse("site:embed") + (f"?{urlencode({'area': area})}" if area else ""),
        "height": SNIPPET_HEIGHT,
        "origins": settings.EMBED_ORIGINS,
        "published": access.can_read_catalogue(AnonymousUser()),
        "feed_url": request.build_absolute_uri(reverse("site:catalogue_feed")),
        "api_url": request.build_absolute_uri("/api/v1/networks"),
    }
    return render(request, "site/embed_snippet.html", context)
