"""Speaker names: groups called what the text calls them, 'they' for people who spoke together."""
import pytest

from chronicler.sources.article import make_article


@pytest.fixture(scope="module")
def quotes_of(analyzer):
    def run(text):
        return analyzer.analyze(make_article(text)).quotes
    return run


def by_text(quotes, fragment):
    return next(q for q in quotes if fragment in q.text)


def test_they_after_two_named_speakers_is_both(quotes_of):
    quotes = quotes_of("In an emailed statement, Stella's owners Tore Sohlberg and Lehla Abreder said they respected "
                       "the vote.\n\n"
                       '"Our priority is a healthy workplace," they said.')
    q = by_text(quotes, "Our priority")
    assert q.speaker is not None and q.speaker.name == "Tore Sohlberg and Lehla Abreder"


def test_they_with_no_people_before_stays_they(quotes_of):
    quotes = quotes_of("The weather was cold on Monday.\n\n"
                       '"Our priority is a healthy workplace," they said.')
    q = by_text(quotes, "Our priority")
    assert q.speaker is None or " and " not in q.speaker.name


def test_group_speaker_keeps_the_texts_spelling(quotes_of):
    quotes = quotes_of("About 100 protesters dressed in yellow vests rallied outside the building on Saturday.\n\n"
                       "Protestors said the federal announcement has done nothing to solve the issues. "
                       "They called it a bandage solution.")
    for fragment in ("federal announcement", "bandage"):  # the group's latest name, also for "They"
        q = by_text(quotes, fragment)
        assert q.speaker is not None and q.speaker.name == "Protestors"
