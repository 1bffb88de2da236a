"""How the editor's work reaches the database: save (with conflicts), drafts, discarding,
and following changes made elsewhere. Every write is an operation (ui/operations.py): off
the GUI thread, announced to the other views; the editor skips the changes it started."""

from __future__ import annotations

import copy

from desktop.changes import Changes
from desktop.drafts import discard_draft, save_draft
from desktop.errors import ConflictError, LotseError, NotFoundError, error_message
from desktop.offers import OfferData

from ..i18n import _, language
from . import dialogs


class EditorStoring:
    """The saving half of :class:`ui.editor.offer_editor.OfferEditor` (a mixin: it uses the
    editor's payload, base, offer, operations and widgets)."""

    # --- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the offer; refuses with the list of problems; explains a conflict."""
        if not self.active:
            return False
        problems = self.validate()
        if problems:
            dialogs.show_problems(self, [p.message(language()) for p in problems])
            self._focus_problem(problems[0])
            return False
        offer_id = self.offer.id if self.offer else None
        db, user = self.context.db, self.context.user
        payload, base, base_version = copy.deepcopy(self.payload), self.base, self.base_version
        minor = self.minor.isChecked()
        save = self._saver()

        def work() -> OfferData:
            saved = save(
                db, offer_id, payload, base=base, base_version=base_version, author=user, minor=minor
            )
            discard_draft(db, offer_id, author=user, kind=self.kind)
            return saved

        try:
            saved = self._write(_("Saving"), work)
        except ConflictError as conflict:
            return self._resolve_conflict(conflict)
        except LotseError as exc:
            dialogs.show_error(self, exc.message(language()))
            return False
        self._finish_save(saved, payload)
        return True

    def _write(self, title: str, work):
        """A write whose outcome the editor needs before it goes on (off the GUI thread all the same)."""
        return self.operations.run_and_wait(title, work, origin=self, parent=self)

    def _write_quietly(self, work) -> None:
        """A write nobody waits for (drafts): in order with the others, never a dialog."""
        self.operations.run_long(
            _("Saving a draft"),
            lambda _progress, _token: work(),
            origin=self,
            on_error=lambda exc: self.notice.emit(error_message(exc, language())),
            parent=self,
            cancellable=False,
            dialog=False,
        )

    def _resolve_conflict(self, conflict: ConflictError) -> bool:
        self.autosave(force=True)  # the user's work is safe whatever they choose
        choice = dialogs.ask_conflict(self, conflict)
        db, user, offer_id = self.context.db, self.context.user, self.offer.id
        if choice == "mine":
            payload, minor = copy.deepcopy(self.payload), self.minor.isChecked()
            save_over = self._over_latest()

            def work() -> OfferData:
                saved = save_over(db, offer_id, payload, author=user, minor=minor)
                discard_draft(db, offer_id, author=user, kind=self.kind)
                return saved

            try:
                saved = self._write(_("Saving"), work)
            except LotseError as exc:
                dialogs.show_error(self, exc.message(language()))
                return False
            self._finish_save(saved, payload)
            return True
        if choice == "theirs":
            self._write(
                _("Discarding changes"), lambda: discard_draft(db, offer_id, author=user, kind=self.kind)
            )
            self.open_offer(offer_id)
        return False

    def _finish_save(self, saved: OfferData, payload: dict) -> None:
        typed_meanwhile = self.payload != payload
        mine = copy.deepcopy(self.payload)
        language_code = self.language
        self.load(saved, keep_undo=True)
        if typed_meanwhile:  # what was typed while the save ran stays, unsaved
            self.payload = mine
            self._fill_all()
            self._after_change()
        self.show_language(language_code)
        self.saved.emit(saved)

    def discard_changes(self) -> None:
        db, user = self.context.db, self.context.user
        offer_id = self.offer.id if self.offer is not None else None
        self._write(_("Discarding changes"), lambda: discard_draft(db, offer_id, author=user, kind=self.kind))
        if offer_id is not None:
            self.open_offer(offer_id)
        else:
            self.close_offer()

    def _changes_arrived(self, changes: Changes) -> None:
        """Someone else changed the open offer (a review decision, an archive, an import): show
        the new state; while the person has unsaved changes, only the statuses move on."""
        if changes.origin is self or self.offer is None or not changes.touches("offer", self.offer.id):
            return
        try:
            fresh = self._fetch(self.offer.id)
        except NotFoundError:
            self.base = self.payload  # deleted: nothing left to save or ask about
            self.close_offer()
            return
        if self.is_dirty():
            self.offer.texts = fresh.texts  # statuses and text versions, not the person's words
            return
        language_code = self.language
        self.load(fresh, keep_undo=True)
        self.show_language(language_code)

    def confirm_leave(self) -> bool:
        """Before another offer opens or the window closes: True when it may go ahead."""
        if not self.is_dirty():
            return True
        choice = dialogs.ask_unsaved(self, self.title())
        if choice == "save":
            return self.save()
        if choice == "discard":
            db, user, offer_id = self.context.db, self.context.user, self.offer.id if self.offer else None
            self._write_quietly(lambda: discard_draft(db, offer_id, author=user, kind=self.kind))
            self.base = copy.deepcopy(self.payload)  # nothing left to ask about
            return True
        return False

    def autosave(self, force: bool = False) -> None:
        """Every few seconds: keep the unsaved state in the database, so a crash loses nothing."""
        if not self.active:
            return
        offer_id = self.offer.id if self.offer else None
        db, user = self.context.db, self.context.user
        if not self.is_dirty():
            if self._autosaved is not None:
                self._write_quietly(lambda: discard_draft(db, offer_id, author=user, kind=self.kind))
                self._autosaved = None
            return
        if self.payload == self._autosaved and not force:
            return
        content = copy.deepcopy(
            {
                "payload": self.payload,
                "base": self.base,
                "base_version": self.base_version,
                "language": self.language,
                "kind": self.kind,  # which editor restores it after a crash
            }
        )
        version = self.base_version
        self._write_quietly(lambda: save_draft(db, offer_id, version, content, author=user))
        self._autosaved = copy.deepcopy(self.payload)
