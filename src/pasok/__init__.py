"""Pasok: keeps small industry inside the supply chains of BUMN and large manufacturers."""

__version__ = "0.1.0"
