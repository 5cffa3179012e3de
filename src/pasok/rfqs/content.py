"""What a quotation says, as sealed (pasok.tenders.sealing) and read back typed: the one
reader behind the quoter's own page, the comparison and the contract made from it."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class QuotationContent:
    rfq: str  # the RFQ's reference and the quoter's id, sealed with the terms
    supplier: int
    unit_price: Decimal
    lead_time_weeks: int
    monthly_capacity: int  # units a month
    valid_until: dt.date
    note: str
    nonce: str

    @classmethod
    def of(cls, content: dict) -> "QuotationContent":
        return cls(rfq=content["rfq"], supplier=int(content["supplier"]),
                   unit_price=Decimal(content["unit_price"]),
                   lead_time_weeks=int(content["lead_time_weeks"]),
                   monthly_capacity=int(content["monthly_capacity"]),
                   valid_until=dt.date.fromisoformat(content["valid_until"]),
                   note=content.get("note", ""), nonce=content["nonce"])

    def sealed(self) -> dict:
        """The content sealing encrypts and digests; `of` reads it back to the same terms."""
        return {"rfq": self.rfq, "supplier": self.supplier, "unit_price": self.unit_price,
                "lead_time_weeks": self.lead_time_weeks,
                "monthly_capacity": self.monthly_capacity,
                "valid_until": self.valid_until.isoformat(), "note": self.note,
                "nonce": self.nonce}

    def price_against(self, target: Decimal) -> Decimal:
        """The unit price's difference from the target in percent of it (−5: 5% under)."""
        return (self.unit_price - target) * 100 / target
