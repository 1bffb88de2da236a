"""Team mode on PostgreSQL: people are database roles, their rights are enforced by the
database itself (grants, row-level security, triggers), and an append-only audit log.

``roles.sql`` (run once by the server's administrator) makes the group roles and the audit
log; ``rights.sql`` (run as ``lotse_admin``, again after each migration) makes scopes, guards
and policies. SQLite has none of this: one person, everything allowed."""

from .setup import GROUPS, is_team_database, reapply_rights, team_init

__all__ = ["GROUPS", "is_team_database", "reapply_rights", "team_init"]
