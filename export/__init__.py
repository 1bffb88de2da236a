"""Outward formats: the Integreat app package, flyers and brochures, XLIFF. No Qt here."""
