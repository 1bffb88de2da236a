"""Developer tool: write a new migration from the difference between the tables
in models/ and the newest migration.

    .venv/bin/python -m desktop.migrations.new_revision "add translation memory" 0100
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlmodel import create_engine

from desktop.db import MIGRATIONS


def main(message: str, rev_id: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine("sqlite:///" + str(Path(folder) / "schema.sqlite"))
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
