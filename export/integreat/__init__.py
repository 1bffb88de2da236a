"""The app package in Integreat's API v3 format: build, validate, write, read back.

No database and no Qt here: ``desktop/publish.py`` turns the database into a
:class:`~export.integreat.snapshot.RegionSnapshot`, this package turns that into
the JSON the Integreat app reads, and ``desktop/integreat_import.py`` reads such
JSON back (``reader.py``).
"""
