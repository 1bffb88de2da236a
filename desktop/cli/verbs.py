"""Nouns whose verbs come from several modules (``lotse publish package|flyer|brochure``,
``lotse import integreat|csv|xlsx``, ``lotse export csv|xlsx``).

Each verb module has ``register(verbs, common)`` adding its own sub-parser.
"""

from __future__ import annotations

import importlib


def register_noun(sub, common, noun: str, help_text: str, verb_modules: list[str]) -> None:
    parser = sub.add_parser(noun, parents=[common], help=help_text)
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name in verb_modules:
        importlib.import_module(name).register(verbs, common)
