"""Organisations typed into a web.pick.PickField: "name — regency" as the box shows them, a
whole name, a part of one only one organisation bears, or its NIB."""

from django.utils.translation import gettext_lazy as _

GLUE = " — "
SUGGESTED = 20
ERRORS = {
    "none": _("No organisation here matches “%(text)s”: type its name, or its NIB."),
    "several": _("“%(text)s” matches several: %(some)s. Type more of the name, the regency "
                 "after “ — ”, or the NIB."),
}


def label(organisation) -> str:
    if organisation.regency:
        return f"{organisation.name}{GLUE}{organisation.regency}"
    return organisation.name


def find(queryset, text: str):
    """The rows of `queryset` that `text` may mean, the likeliest first."""
    text = text.strip()
    if len(text) == 13 and text.isdigit():
        return queryset.filter(nib=text)
    name, glue, regency = text.rpartition(GLUE)
    if glue:
        return queryset.filter(name__iexact=name.strip(), regency__iexact=regency.strip())
    whole = queryset.filter(name__iexact=text)
    return whole if whole.exists() else queryset.filter(name__icontains=text).order_by("name")


def suggestions(queryset, text: str) -> list[str]:
    """The labels of the first organisations whose names contain `text`, by name."""
    text = text.strip()
    if len(text) < 2:
        return []
    rows = queryset.filter(name__icontains=text).order_by("name", "regency")[:SUGGESTED]
    return [label(o) for o in rows.only("name", "regency")]
