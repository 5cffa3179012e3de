"""Template filters every page may use (registered as builtins in settings)."""

from django import template

from pasok.rules.identifiers import format_npwp
from pasok.rules.money import format_rupiah
from pasok.web.formatting import localized_number

register = template.Library()


@register.filter
def rupiah(value):
    """Rp1.250.000 — Indonesian notation in both languages, as invoices are written."""
    if value in (None, ""):
        return "–"
    return format_rupiah(value)


@register.filter
def number(value, places=0):
    """150.000 in Indonesian, 150,000 in English."""
    if value in (None, ""):
        return "–"
    return localized_number(value, int(places))


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
