"""Matching and allocation engines: numpy / scipy.sparse + HiGHS, no Django."""
