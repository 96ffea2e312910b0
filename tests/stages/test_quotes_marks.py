"""The quote-mark scanner: pure string rules."""
from chronicler.stages.quotes.marks import paragraphs, scan


def texts(text):
    return [text[m.start:m.end] for m in scan(text)]


def test_curly_and_straight_marks_pair_within_a_paragraph():
    text = '“We are ready,” he said. She replied: "Not yet."'
    assert texts(text) == ["“We are ready,”", '"Not yet."']


def test_single_marks_inside_double_ones_are_content():
    text = "“He told me ‘never again’ and left,” she said."
    assert texts(text) == ["“He told me ‘never again’ and left,”"]


def test_unbalanced_mark_loses_only_its_own_quote():
    text = 'He said “this never closes and more.\n“But this one does,” she said.\nAnd "this too," they said.'
    assert texts(text) == ["“But this one does,”", '"this too,"']


def test_quote_over_several_paragraphs():
    text = '“First part of it.\n“Second part of it.\n“Last part,” she said.'
    found = scan(text)
    assert [text[m.start:m.end] for m in found] == ["“First part of it.", "“Second part of it.", "“Last part,”"]
    assert [m.closed for m in found] == [False, False, True]
    assert [m.continues for m in found] == [False, True, True]


def test_double_apostrophes_are_double_marks():
    text = "''It works,'' Mr. Burman said. ''The real issue is cost.''"
    assert texts(text) == ["''It works,''", "''The real issue is cost.''"]


def test_inch_marks_and_apostrophes_are_not_quotes():
    assert texts("He is 6'2\" tall and it's Cuba’s turn.") == []


def test_separator_lines_are_not_paragraphs():
    text = "One.\n .\n Two."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", " Two."]
