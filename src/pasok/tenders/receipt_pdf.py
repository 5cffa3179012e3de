"""A bid's receipt as PDF, for its bidder: the tender and lot, the version received with its
moment (and time zone), digest and nonce, what the bid says (TKDN and how it was built, the
members, the documents with their SHA-256), and the bid's history. The look is every Pasok
PDF's (pasok.web.pdf)."""


from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from pasok.web.formatting import local_moment
from pasok.web.pdf import SUBTOTAL, build, grid, para, percent, styles
from pasok.web.pdf import number as _number
from pasok.web.pdf import rupiah as _rp

from .models import BidEventKind

FACTS = [50, 130]
MEMBERS = [60, 25, 25, 70]
DOCUMENTS = [40, 40, 100]  # a SHA-256 in 7 pt Courier needs 95 mm
HISTORY = [14, 24, 42, 100]


def _facts(s, rows):
    table = [[para(label, s["label"]), para(value, s["value"])] for label, value in rows]
    return grid(table, FACTS, head_rows=0, extra=[("BACKGROUND", (0, 0), (0, -1), SUBTOTAL)])


def receipt_pdf(tender, own) -> bytes:
    """`own` is selectors.OwnBid with its history."""
    s = styles()
    s["digest"] = ParagraphStyle("digest", s["cell"], fontName="Courier", fontSize=7)
    bid, c, lot = own.bid, own.content, own.bid.lot
    received = [
        (_("Tender"), f"{tender.reference} · {tender.title}"),
        (_("Buyer"), tender.buyer.name),
        (_("Lot"), f"{lot.number} · {lot.product}"),
        (_("Bidder"), bid.bidder.name),
        (_("Version"), str(bid.version)),
        (_("Received at (server time)"), local_moment(bid.submitted_at)),
        (_("SHA-256 digest"), bid.digest),
    ]
    if bid.withdrawn_at:
        received.append((_("Withdrawn at"), local_moment(bid.withdrawn_at)))
    story = [para(_("Bid receipt"), s["title"]),
             para(f"{tender.reference} · {tender.title}", s["subtitle"]), Spacer(0, 5 * mm),
             _facts(s, received)]
    if c is not None:
        story += [para(_("The bid"), s["section"]), _facts(s, [
            (_("Unit price"), _rp(c.unit_price)),
            (_("Quantity"), f"{_number(c.quantity, 0)} {lot.unit}"),
            (_("Total (unit price × quantity)"), _rp(c.total)),
            *([(_("Total as written"), _rp(c.total_price))] if c.total_price else []),
            (_("Monthly capacity offered"), f"{_number(c.monthly_capacity, 0)} {lot.unit}"),
            (_("Origin"), c.origin_label),
            ("TKDN", c.tkdn_text()), ("BMP", c.bmp_text()),
            (_("Registered in SIINas"), _("yes") if c.siinas_registered else _("no")),
            (_("Nonce"), c.nonce),
        ])]
        if c.members:
            rows = [[para(h, s["head"]) for h in (_("Member"), _("Units"), "TKDN",
                                                 _("TKDN from"))]]
            rows += [[para(m.name, s["cell"]), para(_number(m.quantity, 0), s["num"]),
                      para(percent(m.tkdn_percent) if m.tkdn_percent is not None else "–",
                           s["num"]), para(m.document_text or "–", s["cell"])]
                     for m in c.members]
            story += [para(_("Members who will make the goods"), s["section"]),
                      grid(rows, MEMBERS)]
        if c.documents:
            rows = [[para(h, s["head"]) for h in (_("Document"), _("File"), "SHA-256")]]
            rows += [[para(kind, s["cell"]), para(meta.get("filename", ""), s["cell"]),
                      para(meta.get("sha256", ""), s["digest"])]
                     for kind, meta in sorted(c.documents.items())]
            story += [para(_("Documents"), s["section"]), grid(rows, DOCUMENTS)]
    rows = [[para(h, s["head"]) for h in (_("Version"), _("Event"), _("At"),
                                         _("Receipt digest"))]]
    rows += [[para(str(e.version), s["center"]), para(e.get_kind_display(), s["cell"]),
              para(local_moment(e.at), s["cell"]),
              para(e.digest if e.kind == BidEventKind.RECEIVED else "–", s["digest"])]
             for e in own.events]
    story += [para(_("History of this bid"), s["section"]), grid(rows, HISTORY),
              Spacer(0, 4 * mm),
              para(_("Keep this receipt. At the opening every bid's digest is shown: yours "
                     "must match this one, which proves nobody changed your bid. The digest "
                     "is the SHA-256 of the sealed bid, the nonce included."), s["small"])]
    return build(story, pagesize=A4, title=f"{_('Bid receipt')} {tender.reference}",
                 author=bid.bidder.name, note=f"{tender.reference} · {bid.bidder.name}",
                 top_note=f"{tender.reference} · {_('Bid receipt')}")
