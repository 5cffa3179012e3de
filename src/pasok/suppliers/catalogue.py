"""The reference lists a capability profile draws from: processes and material grades.

Grades follow the designations Indonesian foundries and buyers use: JIS G5501 / SNI 07-0730
(grey iron FC), JIS G5502 (ductile iron FCD), UIC 832 phosphoric cast iron for brake blocks,
JIS G5101 (cast steel SC), JIS H5202 / H5302 (aluminium AC4C, ADC12), JIS H5120 (bronze BC).
Loaded into the Process and MaterialGrade tables by migration; codes are primary keys.
"""

from django.utils.translation import gettext_lazy as _

PROCESSES = (
    ("green_sand", _("Green-sand casting")),
    ("no_bake", _("No-bake / furan casting")),
    ("lost_foam", _("Lost-foam casting")),
    ("investment", _("Investment casting")),
    ("centrifugal", _("Centrifugal casting")),
    ("machining", _("Machining")),
    ("heat_treatment", _("Heat treatment")),
    ("painting", _("Painting")),
)

MATERIAL_FAMILIES = (
    ("grey_iron", _("Grey cast iron")),
    ("ductile_iron", _("Ductile cast iron")),
    ("phosphoric_iron", _("Phosphoric cast iron")),
    ("cast_steel", _("Cast steel")),
    ("aluminium", _("Aluminium")),
    ("bronze", _("Bronze")),
)

GRADES = (
    ("FC150", "grey_iron"), ("FC200", "grey_iron"), ("FC250", "grey_iron"),
    ("FC300", "grey_iron"),
    ("FCD400", "ductile_iron"), ("FCD450", "ductile_iron"), ("FCD500", "ductile_iron"),
    ("FCD600", "ductile_iron"), ("FCD700", "ductile_iron"),
    ("P10", "phosphoric_iron"),
    ("SC450", "cast_steel"), ("SC480", "cast_steel"), ("SCMn1", "cast_steel"),
    ("AC4C", "aluminium"), ("ADC12", "aluminium"),
    ("BC6", "bronze"),
)

# What a contract's items, a tender's lots, an RFQ and a buyer's partnership commitment are
# counted by ("at least 30% of our brake-block need"). The part catalogue
# (suppliers/part_catalogue.py) says what each family asks of a foundry, with its sources.
PART_FAMILIES = (
    ("brake_block", _("Railway brake blocks")),
    ("rail_casting", _("Railway castings (axle boxes, coupler parts)")),
    ("brake_drum", _("Brake drums")),
    ("brake_disc", _("Brake discs")),
    ("flywheel", _("Flywheels")),
    ("exhaust_manifold", _("Exhaust manifolds")),
    ("housing", _("Pump and gearbox housings")),
    ("bracket", _("Brackets and hubs")),
    ("agri_parts", _("Agricultural machinery parts")),
    ("pump_valve", _("Pump casings and valve bodies")),
    ("municipal", _("Manhole covers and grates")),
    ("other", _("Other castings")),
)

# Certificates kept on the capability profile. TKDN certificates have their own records
# (regime, value, verifier) in pasok.tkdn.
CERTIFICATE_KINDS = (
    ("iso9001", _("ISO 9001")),
    ("iatf16949", _("IATF 16949")),  # automotive quality management (DOMAIN.md)
    ("sni", _("SNI product certificate")),
)
SEARCHABLE_CERTIFICATES = (*CERTIFICATE_KINDS, ("tkdn", _("TKDN certificate")))

def load_into(process_model, grade_model) -> None:
    """Write the lists above into the tables (idempotent). The migration calls it with its
    historical models; tests that flush the database call it to put the rows back."""
    for position, (code, _label) in enumerate(PROCESSES):
        process_model.objects.update_or_create(code=code, defaults={"position": position})
    for position, (code, family) in enumerate(GRADES):
        grade_model.objects.update_or_create(code=code, defaults={"family": family,
                                                                  "position": position})


FURNACE_KINDS = (
    ("cupola", _("Cupola")),
    ("induction", _("Induction furnace")),
)
