"""Machine translation: providers behind one small interface, every call bounded
(timeout, retries with back-off, rate limit), HTML split into protected segments,
a translation memory and a glossary, checks on every translation, back-translation
and batches in the background. No Qt here."""
