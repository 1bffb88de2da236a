"""Lotse's data model and pure domain rules.

Nothing in this package imports Qt: it is shared by the desktop program, the
command line and the exporters, and it must stay importable headless.
"""
