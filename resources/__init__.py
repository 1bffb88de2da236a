"""Packaged resources: fonts, icons, the demo region, UI translations."""
