"""Template filters every page may use (registered as builtins in settings)."""

from django import template

from pasok.rules.identifiers import format_npwp
from pasok.web import error_summary as summary
from pasok.web.formatting import (
    local_moment,
    localized_file_size,
    localized_number,
    localized_rupiah,
    localized_rupiah_in_words,
)

register = template.Library()


@register.filter
def rupiah(value):
    """Rp1.250.000 in Indonesian, Rp1,250,000 in English."""
    if value in (None, ""):
        return "–"
    return localized_rupiah(value)


@register.filter
def rupiah_in_words(value):
    """Rp15 miliar in Indonesian, Rp15 billion in English."""
    if value in (None, ""):
        return "–"
    return localized_rupiah_in_words(value)


@register.filter
def when(value):
    """A moment with its time zone: 1 Desember 2026 14:00 WIB."""
    if not value:
        return "–"
    return local_moment(value)


@register.filter
def number(value, places=0):
    """150.000 in Indonesian, 150,000 in English."""
    if value in (None, ""):
        return "–"
    return localized_number(value, int(places))


@register.filter
def file_size(value):
    """120 KB, 2,4 MB."""
    return "–" if value in (None, "") else localized_file_size(int(value))


@register.filter
def npwp(value):
    """01.234.567.8-901.000, as printed on tax documents."""
    return format_npwp(value) if value else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if mapping else None


@register.inclusion_tag("web/_error_summary.html")
def error_summary(*forms):
    """{% error_summary form formset %}: what went wrong, linked to the fields, above a form."""
    return {"problems": summary.problems(*forms)}
