"""Lotse and a hosted Integreat CMS: reading its public API over HTTP (fetch.py) and the
deliveries its own write paths accept."""
