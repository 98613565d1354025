"""The matrix's rows as HTML, built in Python (issue 17, the dashboard's goal).

A page holds 50 networks × up to 23 rules, each cell a symbol, a button and a popover with
the explanation and the fix. Through the template engine those ~1,150 cells cost most of the
dashboard's time (a `{% for %}`, a `{% with %}`, filters and lazy translations per cell); here
every cell is one f-string of escaped values, and the words that are the same in every cell
(the labels, "Visa", "Åtgärda") are translated once per page. The markup is exactly what the
template wrote before (tests/dashboard/test_dashboard_readable.py reads it); the header row
and everything else stay in templates/dashboard/dashboard.html."""

from collections.abc import Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

from samverkan.compliance.registry import STATUS_LABELS, Status
from samverkan.compliance.stored import StoredVerdicts
from samverkan.dashboard.selectors import Group


def matrix_rows(
    rows: Sequence[StoredVerdicts], groups: Sequence[Group], symbols: Mapping[str, str]
) -> list[SafeString]:
    """One `<tr>` per network: its name, then a cell per shown rule (one per collapsed group)."""
    labels = {str(status): escape(str(label)) for status, label in STATUS_LABELS.items()}
    marks = {status: escape(symbol) for status, symbol in symbols.items()}
    show, fix = escape(gettext("Visa")), escape(gettext("Åtgärda"))
    updating = f'<span class="meta">{escape(gettext("uppdateras"))}</span>'
    collapsed = (
        '<td class="verdict not_applicable dash-first"><span aria-hidden="true">–</span>'
        f'<span class="sr-only">{labels[Status.NOT_APPLICABLE]}</span></td>'
    )
    # Each shown rule once: its id, escaped, as written in an HTML id, and whether it opens a group.
    columns: list[tuple[str, str, str, str] | None] = []
    for group in groups:
        if group.collapsed:
            columns.append(None)
            continue
        for i, rule in enumerate(group.rules):
            first = " dash-first" if i == 0 else ""
            columns.append((rule.id, escape(rule.id), slugify(rule.id), first))
    out = []
    for row in rows:
        network = row.network
        pk = network.pk
        cells = [
            f'<tr><th scope="row" class="dash-name"><a href="{escape(network.get_absolute_url())}">'
            f"{escape(network.name)}</a></th>"
        ]
        for column in columns:
            if column is None:
                cells.append(collapsed)
                continue
            key, rule_id, slug, first = column
            v = row.verdicts.get(key)
            if v is None:
                cells.append(f'<td class="verdict {first}">{updating}</td>')
                continue
            status = str(v.status)
            label = labels[status]
            if status == Status.NOT_APPLICABLE:
                cells.append(
                    f'<td class="verdict {status}{first}"><span aria-hidden="true">–</span>'
                    f'<span class="sr-only">{label}</span></td>'
                )
                continue
            link = ""
            if v.fix_url:
                link = f'<a href="{escape(v.fix_url)}">{show if status == Status.OK else fix}</a>'
            cell = f"c{pk}-{slug}"
            cells.append(
                f'<td class="verdict {status}{first}"><button popovertarget="{cell}" '
                f'aria-label="{label} {rule_id}">{marks[status]}</button>'
                f'<div popover id="{cell}"><b>{rule_id} · {label}</b>'
                f"<p>{escape(v.explanation)}</p>{link}</div></td>"
            )
        cells.append("</tr>")
        out.append(mark_safe("".join(cells)))  # every value above is escaped
    return out
