"""What a bid says, read back from its sealed (or opened) content as typed values, and told
to people: the one reader behind the receipt, the bid's own page, the evaluation page and its
PDF and XLSX; and who makes its goods (`makers`: capacity bookings, capacity warnings, one
bid per maker). Bids sealed before a key existed read as they were (no TKDN document, no
member values)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from pasok.web.formatting import localized_number, localized_percent

from .bid_tkdn import MEMBERS


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def document_text(document: dict | None, source: str) -> str:
    """The certificate or worksheet version a value came from, in the reader's language."""
    kind = (document or {}).get("kind") or source.partition(":")[0]
    if kind == "certificate":
        if not document:
            return _("TKDN certificate")
        if document.get("self_declared"):
            return _("self-declared certificate (%(product)s)") % {
                "product": document["product"]}
        return _("certificate %(number)s (%(product)s)") % {
            "number": document["number"], "product": document["product"]}
    if kind == "worksheet_version":
        if not document:
            return _("TKDN worksheet")
        return _("worksheet %(product)s, version %(version)s") % {
            "product": document["product"], "version": document["version"]}
    return ""


def makers(bidder_id: int, members) -> list[tuple[int, Decimal]]:
    """(organisation, share of the bid's units) of whoever makes a bid's goods: the members
    it names ((member, units) pairs), each by its units; else the bidder itself."""
    named = [(org, Decimal(units)) for org, units in members if units > 0]
    total = sum((units for _org, units in named), Decimal(0))
    if not total:
        return [(bidder_id, Decimal(1))]
    return [(org, units / total) for org, units in named]


@dataclass(frozen=True)
class Member:
    organisation: int
    name: str
    quantity: int
    tkdn_percent: Decimal | None
    bmp_percent: Decimal | None
    source: str
    document: dict | None

    @property
    def document_text(self) -> str:
        return document_text(self.document, self.source)

    @classmethod
    def of(cls, row: dict) -> "Member":
        return cls(organisation=int(row["organisation"]), name=row["name"],
                   quantity=int(row["quantity"]), tkdn_percent=_decimal(row.get("tkdn_percent")),
                   bmp_percent=_decimal(row.get("bmp_percent")),
                   source=row.get("tkdn_source") or "", document=row.get("tkdn_document"))

    def sealed(self) -> dict:
        """As the bid seals it: the member's TKDN only where the bid's TKDN is built from it."""
        row = {"organisation": self.organisation, "name": self.name, "quantity": self.quantity}
        if self.source:
            row |= {"tkdn_percent": self.tkdn_percent, "bmp_percent": self.bmp_percent,
                    "tkdn_source": self.source, "tkdn_document": self.document}
        return row


@dataclass(frozen=True)
class BidContent:
    unit_price: Decimal
    quantity: int
    total_price: Decimal | None  # as the bidder wrote it
    monthly_capacity: int
    origin: str
    tkdn_percent: Decimal | None
    bmp_percent: Decimal
    tkdn_source: str
    tkdn_document: dict | None
    siinas_registered: bool
    documents: dict  # required document → {filename, content_type, sha256, size}
    members: tuple[Member, ...]
    nonce: str
    lot: int | None  # the lot's number and the bidder's id, sealed with the terms
    bidder: int | None

    @classmethod
    def of(cls, content: dict) -> "BidContent":
        """Read back what `sealed` wrote (or a bid sealed before some keys existed)."""
        documents = content.get("documents") or {}
        bmp = _decimal(content.get("bmp_percent"))
        return cls(
            unit_price=Decimal(content["unit_price"]), quantity=int(content["quantity"]),
            total_price=_decimal(content.get("total_price")),
            monthly_capacity=int(content["monthly_capacity"]), origin=content["origin"],
            tkdn_percent=_decimal(content.get("tkdn_percent")),
            bmp_percent=Decimal(0) if bmp is None else bmp,
            tkdn_source=content.get("tkdn_source") or "",
            tkdn_document=content.get("tkdn_document"),
            siinas_registered=bool(content.get("siinas_registered")),
            documents=documents if isinstance(documents, dict) else {},
            members=tuple(Member.of(m) for m in content.get("members") or ()),
            nonce=content.get("nonce", ""), lot=content.get("lot"),
            bidder=content.get("bidder"))

    def sealed(self) -> dict:
        """The content sealing encrypts and digests (sealing.canonical); `of` reads it back
        to the same terms, and the digest of what it reads back is the receipt's."""
        return {"lot": self.lot, "bidder": self.bidder, "unit_price": self.unit_price,
                "quantity": self.quantity, "monthly_capacity": self.monthly_capacity,
                "origin": self.origin, "tkdn_percent": self.tkdn_percent,
                "bmp_percent": self.bmp_percent, "tkdn_source": self.tkdn_source,
                "tkdn_document": self.tkdn_document,
                "siinas_registered": self.siinas_registered, "documents": self.documents,
                "members": [m.sealed() for m in self.members], "nonce": self.nonce,
                "total_price": self.total_price}

    @property
    def total(self) -> Decimal:
        """Unit price × quantity: the unit price governs (arithmetic correction)."""
        return self.unit_price * self.quantity

    @property
    def member_units(self) -> list[tuple[int, int]]:
        """(member, units) for each member a cooperative's bid names; none for a supplier's."""
        return [(m.organisation, m.quantity) for m in self.members]

    @property
    def from_members(self) -> bool:
        return self.tkdn_source == MEMBERS

    @property
    def origin_label(self) -> str:
        return _("Domestic product") if self.origin == "domestic" else _("Imported product")

    def tkdn_text(self) -> str:
        """How the bid's TKDN was built: "weighted from members: A 45,00% × 600, B 30,00% ×
        400 → 39,00%", "45,00% from certificate 12/TKDN (Blok rem)", or no value."""
        if self.tkdn_percent is None:
            return _("no TKDN value")
        if self.from_members:
            parts = ", ".join(f"{m.name} {localized_percent(m.tkdn_percent)} × "
                              f"{localized_number(m.quantity)}" for m in self.members)
            return _("weighted from members: %(parts)s → %(value)s") % {
                "parts": parts, "value": localized_percent(self.tkdn_percent)}
        basis = document_text(self.tkdn_document, self.tkdn_source)
        if not basis:
            return localized_percent(self.tkdn_percent)
        return _("%(value)s from %(document)s") % {"value": localized_percent(self.tkdn_percent),
                                                   "document": basis}

    def bmp_text(self) -> str:
        if self.from_members:
            parts = ", ".join(f"{m.name} {localized_percent(m.bmp_percent or 0)} × "
                              f"{localized_number(m.quantity)}" for m in self.members)
            return _("weighted from members: %(parts)s → %(value)s") % {
                "parts": parts, "value": localized_percent(self.bmp_percent)}
        return localized_percent(self.bmp_percent)
