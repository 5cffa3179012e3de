"""BMP (bobot manfaat perusahaan, company benefit weight) under Permenperin 35/2025.

Fifteen factors, each worth a fixed score when the company meets it, capped at 15%:
4% each for labour absorption, new investment, partnership and supply-chain strengthening,
pioneer / import substitution, domestic machinery and location; 2% each for domestic brand,
industry 4.0, green industry, human-resource development and export value; 1% each for
certification, ESG, awards and SIINas reporting (DOMAIN.md). Scores are data in FACTORS.
"""

from dataclasses import dataclass
from decimal import Decimal

BMP_CAP = Decimal(15)

# code → score (percent). Order is the regulation's grouping: 4%, 2%, 1%.
FACTORS = {
    "labour_absorption": Decimal(4),
    "new_investment": Decimal(4),
    "partnership": Decimal(4),
    "pioneer_import_substitution": Decimal(4),
    "domestic_machinery": Decimal(4),
    "location": Decimal(4),
    "domestic_brand": Decimal(2),
    "industry_4_0": Decimal(2),
    "green_industry": Decimal(2),
    "hr_development": Decimal(2),
    "export_value": Decimal(2),
    "certification": Decimal(1),
    "esg": Decimal(1),
    "awards": Decimal(1),
    "siinas_reporting": Decimal(1),
}


@dataclass(frozen=True)
class BmpClaim:
    """A factor the company claims, with the evidence it offers (a document, a number)."""

    factor: str
    evidence: str = ""


def bmp_percent(claims: list[BmpClaim]) -> Decimal:
    """BMP = min(15, Σ scores of the distinct factors claimed)."""
    unknown = [c.factor for c in claims if c.factor not in FACTORS]
    if unknown:
        raise ValueError(f"unknown BMP factor(s): {', '.join(unknown)}")
    claimed = {c.factor for c in claims}
    return min(BMP_CAP, sum((FACTORS[f] for f in claimed), Decimal(0)))


def claims_without_evidence(claims: list[BmpClaim]) -> list[str]:
    return [c.factor for c in claims if not c.evidence.strip()]
