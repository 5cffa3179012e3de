"""Small files a bid attaches in tests: a real (tiny) PDF, PNG and JPEG, and one that only
pretends to be a PDF."""

from pasok.tenders.documents import Upload

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
NOT_A_PDF = b"MZ\x90\x00 this is a Windows program, named .pdf"


def nib_pdf(text: str = "NIB 9120000000002") -> Upload:
    """A PDF whose bytes differ with `text`, so two uploads hash differently."""
    return Upload("NIB perusahaan.pdf", PDF + f"% {text}\n".encode())
