"""Regulations and standards as pure functions and data: no Django, no I/O.

Each module cites its source next to the rule. The web UI, the API and the CLI call these.
"""
