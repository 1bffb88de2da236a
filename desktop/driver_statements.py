"""Prebuilt statements a save runs, on SQLite straight on the driver's cursor.

SQLAlchemy spends ~16 µs around each statement it executes and builds every row's parameters
of an executemany in Python; a save runs six statements, and its 14 statuses are one
executemany. On SQLite a :class:`DriverStatement` is compiled once by SQLAlchemy and run on the
``sqlite3`` cursor of the session's connection (same connection, same transaction), with
SQLAlchemy's own type processors (the same values go in and come out), its error types (a full
disk or a locked file still says so: :func:`desktop.db_errors.translate_db_error`) and its
``before_cursor_execute`` listeners (tests that count statements, the GUI-thread guard). Any
other database runs the statement through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

Processor = Callable[[Any], Any] | None


class _Compiled:
    __slots__ = ("sql", "names", "binds", "results", "typed")

    def __init__(self, statement: Any, dialect: Dialect, keys: Sequence[str] | None) -> None:
        compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys) if keys else None)
        self.sql: str = compiled.string
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        processors: Mapping[str, Processor] = compiled._bind_processors
        self.binds: tuple[Processor, ...] = tuple(processors.get(name) for name in self.names)
        # A SELECT's columns, or an INSERT/UPDATE's RETURNING columns (none without RETURNING).
        columns = statement.selected_columns if statement.is_select else statement.exported_columns
        self.results: tuple[Processor, ...] = tuple(
            column.type._cached_result_processor(dialect, None) for column in columns
        )
        # Only the columns with a processor (dates, JSON) are touched: most come as they are.
        self.typed: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(
            (index, process) for index, process in enumerate(self.results) if process is not None
        )

    def parameters(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(
            value if bind is None else bind(value)
            for bind, value in zip(self.binds, (values[name] for name in self.names), strict=True)
        )

    def row(self, raw: tuple[Any, ...]) -> tuple[Any, ...]:
        if len(raw) != len(self.results):
            raise ValueError(f"{len(raw)} columns where {len(self.results)} were compiled")
        if not self.typed:
            return raw
        values = list(raw)
        for index, process in self.typed:
            values[index] = process(values[index])
        return tuple(values)


class DriverStatement:
    """One prebuilt statement (``statement``). ``by_keys``: an UPDATE whose SET clause is made
    from the parameters given; compiled once per set of parameter names."""

    def __init__(self, statement: Executable, *, by_keys: bool = False) -> None:
        self.statement = statement
        self.by_keys = by_keys
        self._compiled: dict[tuple[str, ...] | None, _Compiled] = {}

    def _for(self, dialect: Dialect, values: Mapping[str, Any]) -> _Compiled:
        keys = tuple(sorted(values)) if self.by_keys else None
        found = self._compiled.get(keys)
        if found is None:
            found = self._compiled[keys] = _Compiled(self.statement, dialect, keys)
        return found

    def rows(self, connection: Connection, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The result rows (a SELECT, or a write's RETURNING), with SQLAlchemy's types."""
        if connection.dialect.name != "sqlite":
            return [tuple(row) for row in connection.execute(self.statement, dict(values))]
        compiled = self._for(connection.dialect, values)
        cursor = _run(connection, compiled, compiled.parameters(values), many=False)
        try:
            return [compiled.row(raw) for raw in cursor.fetchall()]
        finally:
            cursor.close()

    def execute(self, connection: Connection, values: Mapping[str, Any]) -> int:
        """Run once; the number of rows it changed."""
        if connection.dialect.name != "sqlite":
            return int(connection.execute(self.statement, dict(values)).rowcount)
        compiled = self._for(connection.dialect, values)
        cursor = _run(connection, compiled, compiled.parameters(values), many=False)
        cursor.close()
        return int(cursor.rowcount)

    def execute_many(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run once per row (all rows with the same parameter names)."""
        if not rows:
            return
        if connection.dialect.name != "sqlite":
            connection.execute(self.statement, [dict(row) for row in rows])
            return
        compiled = self._for(connection.dialect, rows[0])
        _run(connection, compiled, [compiled.parameters(row) for row in rows], many=True).close()


def _run(connection: Connection, compiled: _Compiled, parameters: Any, *, many: bool) -> Any:
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    connection.dispatch.before_cursor_execute(connection, cursor, compiled.sql, parameters, None, many)
    dbapi: Any = connection.dialect.loaded_dbapi
    try:
        if many:
            cursor.executemany(compiled.sql, parameters)
        else:
            cursor.execute(compiled.sql, parameters)
    except dbapi.Error as exc:
        cursor.close()
        raise DBAPIError.instance(
            compiled.sql, parameters, exc, dbapi.Error, dialect=connection.dialect, ismulti=many
        ) from exc
    connection.dispatch.after_cursor_execute(connection, cursor, compiled.sql, parameters, None, many)
    return cursor
