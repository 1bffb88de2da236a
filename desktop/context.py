"""The one application context, built in one place and passed down: no module singletons."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field

from models.i18n import language

from .db import Database, open_database
from .demo import has_region, install_demo
from .team.my_rights import Rights, load_rights


def current_user(db: Database | None = None) -> str:
    """Who is editing: in a team database the person logged in to it (the database records
    that name anyway and refuses any other); elsewhere $LOTSE_USER, or the login name."""
    if db is not None and not db.is_sqlite:
        from .team.setup import is_team_database

        with db.engine.connect() as conn:
            if is_team_database(conn):
                return conn.exec_driver_sql("SELECT session_user").scalar()
    try:
        return os.environ.get("LOTSE_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "lotse"


@dataclass
class AppContext:
    db: Database
    user: str = field(default_factory=current_user)
    _rights: Rights | None = field(default=None, repr=False)

    @property
    def rights(self) -> Rights:
        """What the person may do (read once; :meth:`refresh_rights` after a change of rights)."""
        if self._rights is None:
            self._rights = load_rights(self.db, self.user)
        return self._rights

    def refresh_rights(self) -> Rights:
        self._rights = load_rights(self.db, self.user)
        return self._rights

    @property
    def ui_language(self) -> str:
        """The interface language; it lives in one place, models.i18n (set by the window from
        the settings, by the command line from the environment)."""
        return language()

    def close(self) -> None:
        self.db.dispose()


def open_context(db: str | None = None, *, demo_if_empty: bool = True) -> AppContext:
    """Open the database (migrating it) and, on a first start, create the demo region."""
    database = open_database(db)
    if demo_if_empty and not has_region(database):
        install_demo(database)
    return AppContext(db=database, user=current_user(database))
