"""A page of a list and its total in one query.

Django's Paginator counts first (`SELECT COUNT(*)` over the same joins and filters), then
fetches the page: every filter is worked out twice. Here the page query carries the total as
a window (`COUNT(*) OVER ()`, computed before ORDER BY and LIMIT), so a capability search over
100,000 suppliers runs its joins once (bench/RESULTS.md, "Load test"). Only a page past the
end, which has no row to carry the total, counts apart, and then shows the last page as
`Paginator.get_page` does.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

TOTAL = "page_total"


def page_of(queryset, number, per_page: int) -> Page:
    """The page `number` (as typed: anything not a page number is page 1) of `queryset`."""
    paginator = Paginator(queryset, per_page)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset.annotate(**{TOTAL: Window(Count("*"))})[start:start + per_page])
    if not rows and number > 1:
        return paginator.get_page(number)
    paginator.count = getattr(rows[0], TOTAL) if rows else 0  # a cached_property: set once
    return Page(rows, number, paginator)
