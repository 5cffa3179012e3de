"""Every number a person types goes through pasok.web.number_fields: no form of the project
uses Django's own numeric fields (which read "2.000" as 2 and "2,5" as 25 or refuse it) and
no template asks the browser for a number input (which reads "2.000" as 2)."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from django import forms

import pasok
from pasok.web import number_fields

PACKAGE = Path(pasok.__file__).resolve().parent
DJANGO_NUMBERS = (forms.DecimalField, forms.IntegerField, forms.FloatField)
OURS = (number_fields.DecimalField, number_fields.IntegerField)


def _form_modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="pasok."):
        if info.name.rsplit(".", 1)[-1].endswith("forms") and "migrations" not in info.name:
            yield importlib.import_module(info.name)


def test_forms_use_the_localised_number_fields():
    wrong = []
    for module in _form_modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                continue
            for field_name, field in cls.base_fields.items():
                if (isinstance(field, DJANGO_NUMBERS) and not isinstance(field, OURS)
                        and not field.widget.is_hidden):  # a row's id: nobody types it
                    wrong.append(f"{module.__name__}.{name}.{field_name}")
    assert not wrong, "use pasok.web.number_fields for: " + ", ".join(wrong)


def test_no_code_builds_django_numeric_fields_or_browser_number_inputs():
    """Fields made in __init__ (grids of offers) are not in base_fields: read the source."""
    pattern = re.compile(r"forms\.(DecimalField|IntegerField|FloatField)\(|type=[\"']number")
    found = [f"{path.relative_to(PACKAGE)}:{n}" for path in PACKAGE.rglob("*")
             if path.suffix in (".py", ".html", ".js") and "migrations" not in path.parts
             and path.name != "number_fields.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line) and "HiddenInput" not in line]
    assert not found, "a number typed by a person must use pasok.web.number_fields: " + \
        ", ".join(found)


def test_no_template_writes_file_sizes_the_django_way():
    """Django's filesizeformat writes 1.5 KB in every language: sizes go through the
    file_size filter (web.formatting.localized_file_size)."""
    found = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.html")
             if "filesizeformat" in path.read_text(encoding="utf-8")]
    assert not found, "use the file_size filter in: " + ", ".join(found)
