from models.meaning import meaning_differences, numbers, similarity, word_diff


def kinds(source, back, names=None):
    return [d.kind for d in meaning_differences(source, back, names)]


def test_identical_meaning_has_no_differences():
    assert (
        kinds(
            "Die Beratung ist kostenlos. Sie müssen einen Termin vereinbaren.",
            "Die Beratung ist gratis. Sie müssen einen Termin machen.",
        )
        == []
    )


def test_changed_number_and_persian_digits():
    assert numbers("Telefon ۰۲۴۱ ۱۲۳۴ – 9:00 Uhr") == ["0241", "1234", "9:00"]
    assert kinds("Öffnet um 9:00 Uhr.", "Öffnet um 10:00 Uhr.") == ["number"]
    assert kinds("Öffnet um 9:00 Uhr.", "Öffnet um ۹:۰۰ Uhr.") == []


def test_lost_negation_is_flagged():
    assert kinds("Sie brauchen keinen Termin.", "Sie brauchen einen Termin.") == ["negation"]


def test_obligation_turned_into_permission_is_flagged():
    (difference,) = meaning_differences(
        "Sie müssen den Ausweis mitbringen.", "Sie dürfen den Ausweis mitbringen."
    )
    assert difference.kind == "modal"
    assert "must" in difference.source and "may" in difference.back
    assert "Modalverb" in difference.message("de")
    # The reviewer sees the words as written, in both texts, to find them highlighted.
    assert (difference.source_terms, difference.back_terms) == (("müssen",), ("dürfen",))
    assert "„müssen“" in difference.message("de") and "„dürfen“" in difference.message("de")


def test_lost_negation_names_the_word():
    (difference,) = meaning_differences("Sie brauchen keinen Termin.", "Sie brauchen einen Termin.")
    assert difference.source_terms == ("keinen",) and difference.back_terms == ()
    assert "keinen" in difference.message("en")


def test_weekday_and_missing_name():
    assert kinds("Jeden Dienstag im Jobcenter.", "Jeden Donnerstag im Arbeitsamt.", names=["Jobcenter"]) == [
        "date",
        "name",
    ]


def test_similarity_and_word_diff():
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "w x y z") == 0.0
    spans = word_diff("Montag 9 bis 12 Uhr", "Montag 10 bis 12 Uhr")
    assert [(s.op, s.text) for s in spans if s.op != "equal"] == [("delete", "9"), ("insert", "10")]
