"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that
returns nothing; after a few thousand calls the interpreter aborts ("deallocating None").
This runs 20,000 such calls in a child process, so a future upgrade cannot bring it back."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
app = QApplication([])
label, edit = QLabel(), QLineEdit()
before = sys.getrefcount(None)
for i in range(20_000):
    label.setText("x")
    label.resize(100 + i % 7, 20)
    edit.setPlaceholderText("y")
    edit.setEnabled(i % 2 == 0)
after = sys.getrefcount(None)
print(before, after)
"""


def test_void_setters_do_not_leak_none_references():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"child died ({result.returncode}): {result.stderr[-2000:]}"
    before, after = map(int, result.stdout.split())
    # 80,000 void calls: a leak of one reference each would show as a drop of ~80,000.
    assert before - after < 1_000, (before, after)
