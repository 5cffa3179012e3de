"""Plan numbers within the bounds of the columns that keep them: a capacity or a minimum lot
no column holds is refused on the page, in the reader's notation, never a database error."""

from types import SimpleNamespace

from django.utils import translation

from pasok.allocation.forms import CapacityForm


def test_a_capacity_no_column_holds_is_refused_in_the_readers_notation():
    member = SimpleNamespace(pk=1, organisation=SimpleNamespace(name="UD Sinar Besi"))
    with translation.override("id"):
        form = CapacityForm({"member": "1", "month": "0", "capacity_kg": "10.000.000.000.000",
                             "ordered_months": "0"}, members=[member], months=["Jan"])
        assert not form.is_valid()
        assert "2.147.483.647" in form.errors["capacity_kg"][0]
        fits = CapacityForm({"member": "1", "month": "0", "capacity_kg": "42.000",
                             "ordered_months": "0"}, members=[member], months=["Jan"])
        assert fits.is_valid(), fits.errors
