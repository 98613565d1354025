"""What every room's pages share (STYLE: parse input, call a service, render).

- `errors_on(form)`: a ServiceError raised by the service a valid form calls goes onto that
  form, which the page then renders again;
- `errors_as_messages(request)`: a ServiceError raised by a POST that redirects becomes an
  error message on the page it redirects to;
- `show_error(form, error)`: one ServiceError on a form, each message on its field;
- `year_asked(request)`: the year a page is asked about (`?ar=`), this year by default;
- `query_without_page(request)`: the query string for the links to a list's other pages.

    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.do_it(request.user, **form.cleaned_data)
            messages.success(request, _("Klart."))
            return redirect(...)
    return render(request, ..., {"form": form})
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone

from samverkan.core.errors import ServiceError


def show_error(form: Any, error: ServiceError) -> None:
    """Each message on its field where the form has that field, else on the whole form."""
    for field, message in error.by_field().items():
        form.add_error(field if field in form.fields else None, message)


@contextmanager
def errors_on(form: Any) -> Iterator[None]:
    """A ServiceError raised inside is shown on `form`; the code after the block runs on."""
    try:
        yield
    except ServiceError as error:
        show_error(form, error)


@contextmanager
def errors_as_messages(request: HttpRequest) -> Iterator[None]:
    """A ServiceError raised inside becomes an error message; the code after the block runs
    on (and redirects)."""
    try:
        yield
    except ServiceError as error:
        messages.error(request, error.message)


def year_asked(request: HttpRequest) -> int:
    """`?ar=` where it is a year from 2000 to 2100, otherwise this year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("ar", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def query_without_page(request: HttpRequest) -> str:
    """The query string without its page number (`sida`), for links to the other pages."""
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()
