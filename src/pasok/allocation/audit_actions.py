"""The allocation app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail


def _engine_result(code):
    from .views import _result_status

    return _result_status(code)


_RUN = {"base": Detail(_("compared with run"), kind="ref", model="allocation.planrun"),
        "changes": Detail(kind="hidden"),
        "ordered_months": Detail(_("months already ordered"), kind="number"),
        "fairness_percent": Detail(_("fairness tolerance"), kind="percent")}

ACTIONS = [
    Action("plan.create", _("Allocation plan made"),
           _("%(actor)s made the allocation plan %(object)s"),
           {"unmet_penalty": Detail(kind="money"),
            "lines": Detail(_("demand lines"), kind="number"),
            "members": Detail(_("members"), kind="ref", model="accounts.organisation")}),
    Action("plan.update", _("Allocation plan changed"),
           _("%(actor)s changed the allocation plan %(object)s"),
           {"unmet_penalty": Detail(kind="money"),
            "lines": Detail(_("demand lines"), kind="number"),
            "members": Detail(_("members"), kind="ref", model="accounts.organisation")}),
    Action("plan.offers", _("Members' offers changed"),
           _("%(actor)s changed the members' offers in %(object)s"),
           {"offers": Detail(_("offers"), kind="number")}),
    Action("plan.capacity_report", _("Capacity reported"),
           _("%(actor)s reported a member's capacity in %(object)s"),
           {"member": Detail(_("member"), kind="ref", model="accounts.organisation"),
            "month": Detail(_("month"), kind="date"),
            "capacity_kg": Detail(_("capacity (kg)"), kind="number"),
            "note": Detail(_("note"), kind="text")}),
    Action("plan_run.solve", _("Plan solve asked"),
           _("%(actor)s asked the engine to solve %(object)s"), _RUN),
    Action("plan_run.what_if", _("What-if asked"),
           _("%(actor)s asked the engine what if, in %(object)s"), _RUN),
    Action("plan_run.replan", _("Re-plan asked"),
           _("%(actor)s asked the engine to re-plan %(object)s"), _RUN),
    Action("plan_run.finish", _("Engine run finished"),
           _("%(actor)s finished the engine run %(object)s"),
           {"result": Detail(_("result"), format=_engine_result),
            "objective": Detail(_("total cost"), kind="money")}),
]
