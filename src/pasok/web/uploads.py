"""Files people upload as evidence (a bid's documents, an organisation's NIB document): what a
file must be to be accepted — a PDF, JPEG or PNG by its content, not only its name, at most
10 MB — and how it is served back. Forms check through here and the services check again, so
no path skips it."""

import hashlib
import os
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pasok.web.formatting import localized_number

MAX_BYTES = 10 * 1024 * 1024
# Magic bytes → (content type, the file name endings that go with it).
_TYPES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
)
ACCEPT = ",".join(ext for _magic, _type, exts in _TYPES for ext in exts)


@dataclass(frozen=True)
class Upload:
    """One file as received: its name as the sender's computer called it, and its bytes."""

    filename: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_filename(name: str) -> str:
    """The last part of the name only (no folders), without control characters."""
    base = os.path.basename(name.replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip()
    return base[-150:] or "dokumen"


def content_type_of(data: bytes, filename: str) -> str | None:
    """The content type when the bytes are a PDF, JPEG or PNG and the name agrees."""
    ending = os.path.splitext(filename.lower())[1]
    for magic, content_type, endings in _TYPES:
        if data.startswith(magic) and ending in endings:
            return content_type
    return None


def too_large_message(kind: str, size: int) -> str:
    return _("%(kind)s: the file is %(size)s MB; at most 10 MB is accepted.") % {
        "kind": kind, "size": localized_number(Decimal(size) / (1024 * 1024), 1)}


def wrong_type_message(kind: str) -> str:
    return _("%(kind)s: only a PDF, JPEG or PNG file is accepted.") % {"kind": kind}


def check(kind: str, upload: Upload) -> str:
    """The content type of an acceptable upload; ValidationError naming the document
    otherwise."""
    if len(upload.data) > MAX_BYTES:
        raise ValidationError(too_large_message(kind, len(upload.data)))
    content_type = content_type_of(upload.data, upload.filename)
    if content_type is None:
        raise ValidationError(wrong_type_message(kind))
    return content_type


def receive(kind: str, uploaded) -> Upload:
    """A form's uploaded file as an Upload once it passes `check`; a file that is too large is
    refused before it is read."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError(too_large_message(kind, uploaded.size))
    upload = Upload(uploaded.name, uploaded.read())
    check(kind, upload)
    return upload


class DocumentField(forms.FileField):
    """A form's file field for one document (`kind` names it in messages); cleans to an
    Upload that passed `check`."""

    def __init__(self, *, kind, **kwargs):
        kwargs.setdefault("help_text", gettext_lazy("PDF, JPEG or PNG, at most 10 MB."))
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)
        self.kind = kind

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        return receive(str(self.kind), uploaded) if uploaded else None


def download(document, filename: str, data: bytes) -> HttpResponse:
    """A document as an attachment with its stored type, never sniffed into something else."""
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
