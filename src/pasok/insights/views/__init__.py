"""The insights pages, one module per area: the dashboard, imported alternatives, scenarios."""
