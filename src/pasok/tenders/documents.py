"""A bid's documents: every uploaded document goes through the checks in the kernel
(pasok.web.uploads); the tender code names them through this module."""

from pasok.web.uploads import (
    ACCEPT,
    MAX_BYTES,
    Upload,
    check,
    clean_filename,
    download,
    receive,
)

__all__ = ["ACCEPT", "MAX_BYTES", "Upload", "check", "clean_filename", "download", "receive"]
