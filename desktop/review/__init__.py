"""Reviewing translations without reading the target language: aligned segments, the
back-translation compared with the source, what changed in the source, the queue."""
