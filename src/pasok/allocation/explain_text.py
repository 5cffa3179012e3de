"""The engine's explanation (pasok.planning.explain: codes and numbers) in words, in the
reader's language: what each member got and the rule that held it there; why demand went
unmet; which partner floors cannot all hold (pasok.planning.solve.Infeasibility)."""

from django.utils.translation import gettext as _

from pasok.web.formatting import localized_number


def _percent(share: float) -> str:
    return localized_number(100 * share, 1) + "%"


def _rule(rule: dict, units: float, months: list[str], lines: dict[str, str]) -> str:
    kind = rule["rule"]
    if kind == "capacity":
        return _("Its capacity is full in %(months)s.") % {
            "months": ", ".join(months[t] for t in rule["periods"])}
    if kind == "share":
        return _("It has the largest share one member may take of %(line)s.") % {
            "line": lines.get(rule["line"], rule["line"])}
    if kind == "minimum_lot":
        return _("It gets none of %(line)s although it is not dearer than members who do: "
                 "its minimum lot of %(lot)s units does not fit.") % {
            "line": lines.get(rule["line"], rule["line"]),
            "lot": localized_number(rule["min_lot"])}
    if kind == "partner_floor":
        return _("It gets the least its partner floor for %(buyer)s guarantees: %(units)s "
                 "units.") % {"buyer": rule["buyer"], "units": localized_number(rule["units"])}
    if units:
        return _("No rule holds it back: its price against the other members' sets what it "
                 "gets.")
    return _("It gets nothing: other members offer a lower price.")


def supplier_explanation(entry: dict, names: dict[str, str], months: list[str],
                         lines: dict[str, str]) -> dict:
    """{name, summary, reasons[]} for one member."""
    summary = _("%(units)s units, %(kg)s kg: %(percent)s of its capacity over the plan.") % {
        "units": localized_number(entry["units"]), "kg": localized_number(entry["kg"]),
        "percent": _percent(entry["utilisation"])}
    return {"supplier": entry["supplier"], "name": names.get(entry["supplier"],
                                                               entry["supplier"]),
            "summary": summary,
            "reasons": [_rule(r, entry["units"], months, lines) for r in entry["bound_by"]]}


def unmet_explanation(entry: dict, months: list[str], lines: dict[str, str]) -> str:
    return _("%(line)s, %(month)s: %(units)s units not placed. Of the %(n)s members offering, "
             "%(capacity)s are at full capacity, %(share)s at the largest share, %(lot)s below "
             "their minimum lot and %(other)s held back by something else (e.g. a price above "
             "the penalty).") % {
        "line": lines.get(entry["line"], entry["line"]), "month": months[entry["period"]],
        "units": localized_number(entry["quantity"]), "n": entry["candidates"],
        "capacity": entry["at_capacity"], "share": entry["at_share"],
        "lot": entry["below_minimum_lot"], "other": entry["other"]}


def _units(value: float) -> str:
    """Whole units as such; the LP's fractional shortfall with two decimals."""
    return localized_number(value, 0 if float(value).is_integer() else 2)


def _floor(entry: dict, names: dict[str, str]) -> str:
    words = {"supplier": names.get(entry["supplier"], entry["supplier"]),
             "buyer": entry["buyer"], "units": _units(entry["units"])}
    if entry["code"] == "floor_unreachable":
        return _("The partner floor of %(supplier)s for %(buyer)s needs %(units)s units, but "
                 "its capacity, its largest share, the demand and the minimum lots allow at "
                 "most %(most)s.") % {**words, "most": _units(entry["most"])}
    return _("The partner floor of %(supplier)s for %(buyer)s (%(units)s units) falls "
             "%(short)s units short: the other floors, capacity, shares and minimum lots leave "
             "no room for it.") % {**words, "short": _units(entry["short"])}


def infeasibility_explanation(result: dict, names: dict[str, str],
                              only: str | None = None) -> list[str]:
    """Why a run found no plan, one sentence per floor; a member foundry (`only`) reads
    only its own floors."""
    entries = result.get("infeasibility")
    if entries is None:  # a run stored before the reasons were data: the engine's English
        return list(result.get("reason", ())) if only is None else []
    return [_floor(e, names) for e in entries if only in (None, e["supplier"])]
