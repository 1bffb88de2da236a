"""check_translation finds what a translation must not lose, with one-click fixes."""

from __future__ import annotations

from desktop.translation.checks import check_translation
from desktop.translation.glossary import Term

SOURCE = "<p>Rufen Sie uns an: 0241 123456. Montag 9:00 bis 12:00 Uhr, am 01.12.2026. Kosten: 5 €.</p>"


def codes(findings):
    return [(f.code, f.kind) for f in findings]


def test_a_good_translation_has_no_findings():
    target = "<p>اتصل بنا: 0241 123456. الاثنين 9:00 إلى 12:00، في 01.12.2026. التكلفة: 5 €.</p>"
    assert check_translation(SOURCE, target, "ar", []) == []


def test_arabic_indic_and_persian_digits_count_as_the_same_numbers():
    arabic = "<p>اتصل بنا: ٠٢٤١ ١٢٣٤٥٦. الاثنين ٩:٠٠ إلى ١٢:٠٠، في ٠١.١٢.٢٠٢٦. التكلفة: ٥ €.</p>"
    persian = "<p>تماس: ۰۲۴۱ ۱۲۳۴۵۶. دوشنبه ۹:۰۰ تا ۱۲:۰۰، ۰۱.۱۲.۲۰۲۶. هزینه: ۵ €.</p>"
    assert check_translation(SOURCE, arabic, "ar", []) == []
    assert check_translation(SOURCE, persian, "fa", []) == []


def test_a_changed_phone_number_is_an_error_with_a_fix_restoring_it():
    target = "<p>اتصل بنا: 0241 123465. الاثنين 9:00 إلى 12:00، في 01.12.2026. التكلفة: 5 €.</p>"
    findings = check_translation(SOURCE, target, "ar", [])
    assert codes(findings)[0] == ("value_changed", "phone")
    assert findings[0].severity == "error" and "0241 123456" in findings[0].message("de")
    assert check_translation(SOURCE, findings[0].fix_value, "ar", []) == []


def test_missing_url_email_and_time_are_named():
    source = "<p>Mail an info@example.org oder https://example.org/a, ab 14:30 Uhr.</p>"
    findings = check_translation(
        source, "<p>Schreiben Sie uns bitte einfach eine Nachricht heute.</p>", "en", []
    )
    kinds = {f.kind for f in findings if f.code == "value_missing"}
    assert kinds == {"email", "url", "time"}


def test_leftover_placeholders_and_unbalanced_tags():
    findings = check_translation(
        "<p>Wir <strong>beraten</strong> Sie.</p>", "<p>We <strong>advise ⟦2⟧ you.</p>", "en", []
    )
    found = codes(findings)
    assert ("placeholder_left", "tag") in found and ("tags_unbalanced", "tag") in found
    fix = next(f for f in findings if f.code == "placeholder_left").fix_value
    assert "⟦" not in fix


def test_untranslated_sentence_and_glossary():
    source = "<p>Die Beratung ist kostenlos und vertraulich. Melden Sie sich beim Jobcenter.</p>"
    target = "<p>Die Beratung ist kostenlos und vertraulich. Report to the job centre.</p>"
    findings = check_translation(source, target, "en", [Term("Jobcenter")])
    found = codes(findings)
    assert ("untranslated", "") in found and ("glossary_missing", "term") in found


def test_glossary_translation_fix_and_row_like_terms():
    class Row:
        term, translation = "Integrationskurs", "integration course"

    findings = check_translation(
        "<p>Der Integrationskurs beginnt.</p>", "<p>The Integrationskurs starts.</p>", "en", [Row()]
    )
    assert findings[0].code == "glossary_missing"
    assert findings[0].fix_value == "<p>The integration course starts.</p>"


def test_length_out_of_proportion():
    source = "<p>Wir beraten Sie zu allen Fragen rund um Aufenthalt, Arbeit und Familie.</p>"
    assert codes(check_translation(source, "<p>Yes.</p>", "en", [])) == [("length", "")]


def test_missing_plain_number():
    findings = check_translation("<p>Der Kurs hat 12 Plätze.</p>", "<p>The course has places.</p>", "en", [])
    assert codes(findings) == [("number_missing", "number")]


def test_a_time_before_a_colon_is_still_a_time():
    source = "<p>samstags von 10:00 bis 13:00 Uhr:</p>"
    assert check_translation(source, "<p>وأيام السبت من 10:00 إلى 13:00:</p>", "ar", []) == []
    [finding] = check_translation(source, "<p>وأيام السبت من 10:00 إلى 13:30:</p>", "ar", [])
    assert (finding.kind, finding.source_value, finding.target_value) == ("time", "13:00", "13:30")


def test_a_time_before_a_colon_and_a_phone_after_one_are_found():
    source = "<p>Samstags von 10:00 bis 13:00 Uhr: Beratung. Tel.:0241 123456</p>"
    target = "<p>السبت من 10:00 إلى 13:00: استشارة. هاتف:0241 123456</p>"
    assert check_translation(source, target, "ar", []) == []
