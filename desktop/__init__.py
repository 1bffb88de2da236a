"""Lotse's application layer: storage, the operations the UI and CLI call, background work."""

__version__ = "0.1.0"
