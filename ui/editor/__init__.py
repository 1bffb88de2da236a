"""The offer editor: one widget per kind of field, assembled by offer_editor.OfferEditor."""
