"""A keyring backend that keeps passwords in memory, installed through keyring's own
``set_keyring`` (the test machine has no system keyring; the code under test talks to the
real keyring API either way)."""

from __future__ import annotations

import contextlib

import keyring
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = -1  # never chosen by keyring on its own (it finds every backend class), only when set

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


@contextlib.contextmanager
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)
