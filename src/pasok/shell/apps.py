from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The UI shell: the home page, the menu each app adds its entries to, the admin's
    read-only mixin and `pasok run`. It may import every app; pasok.web (the kernel) and the
    domain models import nothing of it."""

    name = "pasok.shell"
