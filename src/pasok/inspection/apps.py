from django.apps import AppConfig


class InspectionConfig(AppConfig):
    """Acceptance inspection of delivered lots (issue 12). So far only the `pasok sampling`
    commands over rules.sampling; the deliveries and inspection records come later."""
    name = "pasok.inspection"
