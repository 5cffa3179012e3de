"""The demo's NIB documents: a one-page PDF of an organisation's business identity, the same
bytes every run (reportlab's invariant mode). Bids attach it, and foundries waiting for
verification gave it at sign-up."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pasok.rules.identifiers import format_npwp
from pasok.web.uploads import Upload


def nib_pdf(org) -> Upload:
    buffer = io.BytesIO()
    page = Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(f"NIB {org.name}")
    page.setFont("Helvetica-Bold", 14)
    page.drawString(72, 770, "NOMOR INDUK BERUSAHA (NIB)")
    page.setFont("Helvetica", 11)
    for i, line in enumerate((f"NIB: {org.nib}", f"Nama: {org.name}",
                              f"NPWP: {format_npwp(org.npwp)}" if org.npwp else "",
                              f"Alamat: {org.address}, {org.regency}, {org.province}",
                              "Diterbitkan melalui sistem OSS RBA (contoh demo Pasok).")):
        page.drawString(72, 740 - 18 * i, line)
    page.save()
    return Upload(f"NIB {org.nib}.pdf", buffer.getvalue())
