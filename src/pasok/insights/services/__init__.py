"""The insights app's write services (each module one subject; see the modules)."""

from .imports import alternative_record, alternative_update

__all__ = ["alternative_record", "alternative_update"]
