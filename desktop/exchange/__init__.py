"""Exchange with translation agencies (XLIFF, TMX, glossary) and spreadsheets (CSV, Excel)."""
