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


def test_description_in_apposition_speaks_for_the_name(quotes_of):
    quotes = quotes_of("Mary Collins won the race on Saturday. Fans cheered for Collins, the veteran runner who said "
                       "the race was hard.")
    q = by_text(quotes, "race was hard")
    assert q.speaker is not None and q.speaker.name == "Mary Collins"


def test_hyphenated_description_of_the_person_in_focus(quotes_of):
    quotes = quotes_of("Kevin Vickers, who became Canada's ambassador to Ireland, is considering a move into politics. "
                       "The former sergeant-at-arms of the House of Commons said Monday he's considering a run for "
                       "the Liberal leadership.")
    q = by_text(quotes, "considering a run")
    assert q.speaker is not None and q.speaker.name == "Kevin Vickers"


def test_the_official_after_an_unnamed_official_is_not_the_minister(quotes_of):
    quotes = quotes_of("Justice Minister David Lametti makes the final call. \"It is still up to the minister to "
                       "decide,\" a justice official said at the briefing. Canada's record shows most requests "
                       "succeed. The justice official told reporters more than 90 per cent of extraditions go "
                       "through.")
    q = by_text(quotes, "90 per cent")
    assert q.speaker is not None and q.speaker.actor is None
    assert q.speaker.name == "a justice official"  # named by the words that brought that person in


def test_the_officials_are_named_by_their_plural_introduction(quotes_of):
    quotes = quotes_of("Trump is committed for the long haul, according to administration officials unauthorized to "
                       "speak publicly. He now believes he has public opinion behind him. But the idea of clouding "
                       "her speakership only emboldens Trump, the officials said.")
    q = by_text(quotes, "emboldens")
    assert q.speaker is not None and q.speaker.actor is None
    assert q.speaker.name.startswith("administration officials unauthorized")


def test_name_after_a_description_says_who_speaks(quotes_of):
    quotes = quotes_of("Gunmen attacked a hotel in Nairobi on Tuesday. The British aid group Gatsby said its Africa "
                       "programs director was among those killed in the attack.")
    q = by_text(quotes, "programs director")
    assert q.speaker is not None and q.speaker.name == "Gatsby"


def test_participle_after_a_comma_goes_with_the_reporting_verb(quotes_of):
    quotes = quotes_of("The station gave Mr. Hemming the names of members. Mr. Hemming argued that the move "
                       "disadvantaged his group in its dispute, noting the station's board frequently lobbies its "
                       "members through e-mails.")
    q = by_text(quotes, "lobbies its members")
    assert q.speaker is not None and q.speaker.name == "Hemming"


def test_they_under_an_unnamed_group_is_that_group_not_an_organisation(quotes_of, monkeypatch):
    # the naming is under test, not whether the attribution model keeps this candidate
    monkeypatch.setenv("CHRONICLER_QUOTES_MODEL", "off")
    quotes = quotes_of("The Globe reported on the station in June. As news of the allegations began to surface, "
                       "members complained about what they said was a lack of transparency.")
    q = by_text(quotes, "lack of transparency")
    assert q.speaker is not None and q.speaker.actor is None and q.speaker.name == "members"


def test_organisation_known_by_initials_is_also_called_by_its_spelled_out_name(quotes_of):
    quotes = quotes_of("The Parliamentary Budget Officer released a detailed valuation of the pipeline on Thursday. "
                       "But the PBO added the caveat that the valuation assumes the pipeline will be built on time.")
    q = by_text(quotes, "valuation assumes")
    assert q.speaker is not None and q.speaker.name == "Parliamentary Budget Officer (PBO)"
    assert q.speaker.actor is not None


def test_initials_the_text_never_spells_out_stay_as_they_are(quotes_of):
    quotes = quotes_of("Shares fell on Monday. The PBO added the caveat that the valuation assumes the pipeline "
                       "will be built on time.")
    q = by_text(quotes, "valuation assumes")
    assert q.speaker is not None and q.speaker.name == "PBO"


def test_he_said_after_an_unnamed_speaker_is_that_speaker(quotes_of):
    quotes = quotes_of("Kenyan President Uhuru Kenyatta said the operation was over. One group entered a nearby office "
                       "building, where they left a grenade in the lobby, a private security professional present "
                       "during the attack told Reuters. Then they shot into elevators and offices. Eventually the "
                       "militants holed up on the top floor of the hotel, he said.")
    q = by_text(quotes, "holed up")
    assert q.speaker is not None and q.speaker.actor is None  # not the president named earlier
    assert q.speaker.name.startswith("a private security professional")


def test_he_said_after_a_named_speaker_stays_that_person(quotes_of):
    quotes = quotes_of("A private security professional told Reuters the gunmen came at noon. Later, Kenyan "
                       "President Uhuru Kenyatta said the operation was over. All the attackers were killed, he said.")
    q = by_text(quotes, "attackers were killed")
    assert q.speaker is not None and q.speaker.name == "Uhuru Kenyatta"


def test_she_in_the_unnamed_speakers_own_sentence_is_not_the_earlier_woman(quotes_of):
    quotes = quotes_of("Immigration lawyer Ronalee Carey said the fees are too high. A Syrian translator in Halifax "
                       "said she had clients who are deeply worried about the test.\n\n"
                       "\"I have interpreted for one person, he was frantic,\" she said in an interview.")
    q = by_text(quotes, "interpreted for one person")
    assert q.speaker is not None and q.speaker.actor is None
    assert q.speaker.name == "A Syrian translator in Halifax"


def test_relative_named_before_is_the_same_relative_later(quotes_of):
    quotes = quotes_of("Police Chief Joseph Boinnet said sixteen people were killed, among them Jason Spindler. "
                       "Spindler's father, Joseph, says his son grew up in Houston. Spindler later became a founder "
                       "of I-DEV. His father said he worked with international companies in Kenya.")
    first, later = by_text(quotes, "grew up"), by_text(quotes, "international companies")
    # the father's own first name is not the police chief who shares it
    assert first.speaker is not None and first.speaker.name == "Joseph"
    assert later.speaker is not None and later.speaker.name == "Joseph"


def test_a_speaker_mention_ends_on_a_word_not_on_the_comma_closing_its_apposition(quotes_of):
    text = ('"It was a long year," said Ana Ruiz, the owner of a small bakery on Elm Street, on Monday. '
            '"We kept going," said the manager of the shop across the road, who asked not to be named.')
    quotes = quotes_of(text)
    assert len(quotes) == 2
    for q in quotes:
        assert q.speaker is not None
        words = text[q.speaker.mention[0]:q.speaker.mention[1]]
        assert words and words[-1] not in ",.;:", words


def test_they_after_an_unnamed_group_spoke_is_that_group(quotes_of):
    quotes = quotes_of("Flood water reached the village on Friday. Residents said they were afraid. "
                       '"We have nowhere to go," they said.')
    q = by_text(quotes, "nowhere to go")
    assert q.speaker is not None and q.speaker.name == "Residents"


def test_they_after_a_named_person_spoke_is_not_an_earlier_group(quotes_of):
    quotes = quotes_of("Residents gathered at the school on Friday, officials said. Mayor Ana Ruiz said the water "
                       'was falling. "We have nowhere to go," they said.')
    q = by_text(quotes, "nowhere to go")
    assert q.speaker is None or q.speaker.name != "officials"


def test_a_role_no_one_holds_yet_is_the_person_in_focus(quotes_of):
    text = ("Jane Doe opened a second shop on Monday. The 39-year-old founder of Acme Books said business was "
            "good. Tom Reed, a customer, said he liked it. \"We grew fast,\" the founder said.")
    quotes = quotes_of(text)
    # not Tom Reed, whom the next sentence names: a definite description takes up someone met before
    for fragment in ("business was good", "We grew fast"):
        q = by_text(quotes, fragment)
        assert q.speaker is not None and q.speaker.name == "Jane Doe", (fragment, q.speaker)


def test_a_thing_described_is_not_the_person_named_next(quotes_of):
    quotes = quotes_of("Senator Ted Cruz spoke in Iowa on Monday. The strategy, backed by his rivals, suggests "
                       "that voters want change. Marco Rubio said he disagreed.")
    q = by_text(quotes, "voters want change")
    assert q.speaker is None or q.speaker.name != "Marco Rubio"


def test_a_spokeswoman_named_on_the_spot_is_not_the_next_speaker(quotes_of):
    quotes = quotes_of("The ministry confirmed the deal. A spokeswoman for the ministry, Ana Ruiz, said talks would "
                       "go on. Pedro Gil, an analyst, said it was a good deal.")
    q = by_text(quotes, "talks would go on")
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"


def test_a_described_speaker_before_anyone_is_named_is_the_person_named_next(quotes_of):
    quotes = quotes_of("The most popular coach in the league said the team would stay. Jim Hall, who leads the "
                       "Otters, turned down the offer.")
    q = by_text(quotes, "would stay")
    assert q.speaker is not None and q.speaker.name == "Jim Hall"


def test_an_institution_described_is_not_the_person_in_focus(quotes_of):
    text = ("Jane Doe has worked at the hospital for 20 years.\n\n"
            "\"We are exhausted. Nobody listens.\"\n\n"
            "The hospital said talks would resume.")
    q = by_text(quotes_of(text), "talks would resume")
    assert q.speaker is not None and q.speaker.name == "The hospital"


def test_a_described_person_is_the_person_in_focus(quotes_of):
    text = "Jane Doe opened her bakery in 1990. The affable proprietor said business had never been better."
    q = by_text(quotes_of(text), "business had never")
    assert q.speaker is not None and q.speaker.name == "Jane Doe"
