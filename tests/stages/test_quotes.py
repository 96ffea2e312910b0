"""The quotes stage on small hand-built texts and on the seed article."""
from datetime import date

import pytest

from chronicler.sources.article import make_article
from tests.conftest import assert_spans_valid


@pytest.fixture(scope="module")
def quotes_of(analyzer):
    def run(text, published=None):
        result = analyzer.analyze(make_article(text, published=published)).to_dict()
        assert_spans_valid(text, result)
        return result["quotes"]
    return run


def by_text(quotes, fragment):
    return next(q for q in quotes if fragment in q["text"])


def test_direct_quote_with_closing_cue_and_pronoun_speaker(quotes_of):
    text = ("Prime Minister Justin Trudeau visited Ottawa on Monday.\n"
            "“We will not give up on this,” he said.")
    q = by_text(quotes_of(text), "give up")
    assert q["kind"] == "direct" and q["text"] == "“We will not give up on this,”"
    assert q["cue"]["text"] == "said"
    assert q["speaker"]["name"] == "Justin Trudeau" and q["speaker"]["actor"] is not None
    assert text[slice(*q["speaker"]["mention"])] == "he"


def test_split_quote_both_halves_share_the_speaker(quotes_of):
    text = "“This is the first half,” said Maria Lopez, “and this is the second half.”"
    qs = quotes_of(text)
    assert len(qs) == 2
    assert all(q["speaker"] and "Lopez" in q["speaker"]["name"] for q in qs)


def test_that_clause_parsed_as_adverbial_is_still_the_content(nlp):
    from chronicler.stages.quotes.indirect import content_root

    doc = nlp("Trump tweeted in the early morning hours that Machado was “disgusting” and “a con”.")
    cue = next(t for t in doc if t.text == "tweeted")
    root = content_root(cue, frozenset({"ccomp"}))
    assert root is not None and root.left_edge.lower_ == "that"
    assert content_root(cue, frozenset({"xcomp"})) is None
    doc = nlp("He said it quietly because he was tired.")
    assert content_root(doc[1], frozenset({"ccomp"})) is None  # an adverbial clause, not a that-clause


def test_colon_introduces_a_quote(quotes_of):
    text = "Senator Marco Rubio said: “We will keep up the pressure on the regime.”"
    q = by_text(quotes_of(text), "pressure")
    assert q["kind"] == "direct" and q["text"].startswith("“")
    assert "Rubio" in q["speaker"]["name"]


def test_next_sentence_quote_takes_the_adjacent_speaker(quotes_of):
    text = "“We played well tonight,” coach Bill Peters said. “I like the direction we are trending.”"
    q = by_text(quotes_of(text), "direction")
    assert q["cue"] is None and "Peters" in q["speaker"]["name"]


def test_indirect_quote_with_that_clause_and_date(quotes_of):
    text = "Finance Minister Anna Berg said on Monday that the budget would be balanced next year."
    q = by_text(quotes_of(text, published=date(2026, 1, 6)), "budget")
    assert q["kind"] == "indirect" and q["text"].startswith("that the budget")
    assert "Berg" in q["speaker"]["name"]
    assert q["date_text"] == "on Monday" and q["date"] == "2026-01-05"


def test_parenthetical_cue_after_the_content(quotes_of):
    text = "The company will close three plants next year, officials said."
    q = by_text(quotes_of(text), "close three plants")
    assert q["kind"] == "indirect" and q["cue"]["text"] == "said"
    assert q["speaker"]["name"] == "officials"


def test_according_to_gives_the_source(quotes_of):
    text = "According to the Health Ministry, 40 people were killed in the attack."
    q = by_text(quotes_of(text), "40 people")
    assert q["cue"]["text"] == "According to"
    assert "Ministry" in q["speaker"]["name"]


def test_mixed_quote_holds_a_quoted_fragment(quotes_of):
    text = "President Ana Reyes vowed that the country was “ready to defend the homeland to the end.”"
    q = by_text(quotes_of(text), "ready to defend")
    assert q["kind"] == "mixed" and q["text"].startswith("that the country")


def test_quoted_title_is_not_a_quote(quotes_of):
    text = "The film “The Kid Who Would Be King” opens in theatres across the country this week."
    assert quotes_of(text) == []


def test_quote_without_any_speaker_has_null_speaker(quotes_of):
    text = "The sign on the door read nothing.\n“Nobody should ever have to live like this again.”"
    q = by_text(quotes_of(text), "Nobody")
    assert q["speaker"] is None


def test_unbalanced_mark_does_not_swallow_the_article(quotes_of):
    text = ("He wrote “this never closes and more words follow here.\n"
            "“The second quote is fine,” Jane Smith said.")
    qs = quotes_of(text)
    q = by_text(qs, "second quote")
    assert q["text"] == "“The second quote is fine,”" and "Smith" in q["speaker"]["name"]


def test_seed_every_quotation_has_its_speaker(seed_result):
    quotes = seed_result["quotes"]

    def speaker_of(fragment):
        return by_text(quotes, fragment)["speaker"]["name"]

    assert "Diaz-Canel" in speaker_of("There are no conversations").replace("í", "i")  # canonical: Díaz-Canel
    assert "Trump" in speaker_of("We’re talking with Cuba")
    assert "Trump" in speaker_of("THERE WILL BE NO MORE OIL")
    assert "Trump" in speaker_of("I strongly suggest")  # "he added"
    assert "Rubio" in speaker_of("If I lived in Havana")
    assert "Trump" in speaker_of("Most importantly")  # the closing "he said"
    assert "Diaz-Canel" in speaker_of("ready to defend the homeland").replace("í", "i")
    assert "Trump" in speaker_of("ready to fall")
    assert "Trump" in speaker_of("talks were underway")
    assert "Diaz-Canel" in speaker_of("being in negotiations").replace("í", "i")
    assert by_text(quotes, "There are no conversations")["date_text"] == "on Monday"
    assert by_text(quotes, "If I lived in Havana")["date"] == "2026-01-03"
    assert [q["id"] for q in quotes] == [f"Q{n}" for n in range(1, len(quotes) + 1)]


def test_cue_inside_the_clause_it_reports(quotes_of):
    text = "The museum, Mr. Obama said, would make visitors face uncomfortable truths."
    q = by_text(quotes_of(text), "museum")
    assert q["text"] == "The museum, Mr. Obama said, would make visitors face uncomfortable truths"
    assert q["cue"]["text"] == "said" and "Obama" in q["speaker"]["name"]


def test_lone_quote_after_a_sentence_about_a_person(quotes_of):
    text = ("Coach Stephen Gillis was diagnosed with a rare disease last year.\n"
            "“My condition is getting worse but I don’t feel it.”")
    q = by_text(quotes_of(text), "My condition")
    assert q["cue"] is None and "Gillis" in q["speaker"]["name"]


def test_called_x_y_is_a_quote_of_its_object_and_predicate(quotes_of):
    text = "The Trump campaign called the charges unsubstantiated and fabricated."
    q = by_text(quotes_of(text), "charges")
    assert q["text"] == "the charges unsubstantiated and fabricated" and q["cue"]["text"] == "called"


def test_short_clause_is_no_statement(quotes_of):
    assert quotes_of("TransLink officials said they are.") == []


def test_quote_over_paragraphs_takes_the_speaker_of_its_closing_cue(quotes_of):
    text = ("In a statement, the Foreign Ministry said the talks had failed.\n"
            "“The first part of the speech goes here and continues.\n"
            "“The last paragraph of the same speech ends here,” the minister, Ana Lopez, said.")
    qs = quotes_of(text)
    first = by_text(qs, "first part")
    assert first["kind"] == "direct" and first["text"].endswith("continues.")
    assert "Lopez" in first["speaker"]["name"]
    assert "Lopez" in by_text(qs, "last paragraph")["speaker"]["name"]


def test_name_set_before_a_quote_with_a_dash_is_its_speaker(quotes_of):
    text = "Voters react.\nSonya Herridge ― “Mr. Trump embodies the lasting legacy of racism in this country.”"
    q = by_text(quotes_of(text), "lasting legacy")
    assert q["speaker"] and "Herridge" in q["speaker"]["name"]


def only_in_scope_all(quotes_of, monkeypatch, text):
    """The rules alone: no quote in scope "speech" (quotations only); the quotes found in the default scope."""
    from chronicler.stages.quotes.attribution import MODEL_ENV
    from chronicler.stages.quotes.lexicon import SCOPE_ENV

    monkeypatch.setenv(MODEL_ENV, "off")
    monkeypatch.setenv(SCOPE_ENV, "speech")
    assert quotes_of(text) == []
    monkeypatch.delenv(SCOPE_ENV, raising=False)  # the default scope, "all"
    return quotes_of(text)


def test_attribution_scope_all_adds_beliefs_and_object_contents(quotes_of, monkeypatch):
    text = ("Senator Maria Lopez opposed the new trade deal with Mexico.\n"
            "She believes that the plan will fail.")
    qs = only_in_scope_all(quotes_of, monkeypatch, text)  # scope "speech": no stance, no belief
    assert {q["text"]: q["attribution"] for q in qs} == {"the new trade deal with Mexico": "stance",
                                                         "that the plan will fail": "belief"}
    assert all(q["speaker"] and "Lopez" in q["speaker"]["name"] for q in qs)


def test_unknown_attribution_scope_is_refused():
    from chronicler.stages.quotes.lexicon import build_lexicon

    with pytest.raises(ValueError):
        build_lexicon(scope="beliefs")
    assert "dobj" not in build_lexicon(scope="speech").frames("note")
    assert "dobj" in build_lexicon(scope="all").frames("note")


def test_description_then_named_person_is_that_person(quotes_of):
    text = ("A Vancouver hockey coach says he is amazed by the response to a video made by his team.\n\n"
            "Stephen Gillis said the video is the nicest thing anyone has done for him.")
    q = by_text(quotes_of(text), "amazed")
    assert q["speaker"] and q["speaker"]["name"] == "Stephen Gillis"
    assert text[slice(*q["speaker"]["mention"])] == "A Vancouver hockey coach"


def test_description_then_a_person_titled_otherwise_keeps_the_description(quotes_of):
    """"A spokesman" (GOV) followed by "Senator Ted Cruz" (LEG) is not Cruz; "a judge" may be "Justice Dunphy"."""
    text = ("A spokesman for the White House said the president would sign the bill.\n\n"
            "“We will not accept this,” said Senator Ted Cruz.")
    q = by_text(quotes_of(text), "sign the bill")
    assert q["speaker"] and q["speaker"]["actor"] is None and "spokesman" in q["speaker"]["name"]
    text = ("A Superior Court of Ontario judge chastised the station on Friday, saying it had been “playing "
            "games”.\n\nJustice Sean Dunphy said the board had acted in bad faith.")
    q = by_text(quotes_of(text), "playing games")
    assert q["speaker"] and q["speaker"]["name"] == "Sean Dunphy"


def test_description_then_unrelated_sentence_keeps_the_description(quotes_of):
    text = ("A hockey coach says he is amazed by the response to the video.\n\n"
            "The video was made by the team last week.")
    q = by_text(quotes_of(text), "amazed")
    assert q["speaker"] and q["speaker"]["name"] == "A hockey coach" and q["speaker"]["actor"] is None


def test_name_in_apposition_to_a_description_names_the_speaker(quotes_of):
    text = '"We are thrilled with the result," says Wise\'s dad, Darrin.'
    q = by_text(quotes_of(text), "thrilled")
    assert q["speaker"] and "Darrin" in q["speaker"]["name"]


def test_scope_all_takes_what_follows_an_owned_noun_of_view(quotes_of, monkeypatch):
    text = "Mr. Obama's announcement of his new regulations swayed the Chinese."
    q = by_text(only_in_scope_all(quotes_of, monkeypatch, text), "regulations")
    assert q["text"] == "his new regulations" and q["cue"]["text"] == "announcement"


def test_document_speaker_author_in_a_relative_clause(quotes_of):
    text = "Retail is the best bet for youth, according to a study which is being released Monday by Civic Action."
    q = by_text(quotes_of(text), "best bet")
    assert q["speaker"] and q["speaker"]["name"] == "Civic Action"


def test_document_without_author_speaks_for_the_speaker_before_it(quotes_of):
    text = ("The British aid group Gatsby said its director was among those killed. A statement said the group "
            "was shocked and saddened by his death.")
    qs = quotes_of(text)
    first, q = by_text(qs, "director"), by_text(qs, "shocked")
    assert first["speaker"]["actor"] is not None
    assert q["speaker"] and q["speaker"]["actor"] == first["speaker"]["actor"]
    assert text[slice(*q["speaker"]["mention"])] == "A statement"


def test_two_named_people_speak_together(quotes_of):
    text = ("The cafe's owners, Tore Sohlberg and Lehla Abreder, said they respected the outcome of the vote "
            "held by the staff on Monday.")
    q = by_text(quotes_of(text), "respected")
    assert q["speaker"] and "Sohlberg" in q["speaker"]["name"] and "Abreder" in q["speaker"]["name"]


def test_a_line_naming_a_person_gives_the_quote_after_it_its_speaker(quotes_of):
    text = ("The offender was released in 2016 after serving his sentence.\n\n"
            "Niagara County District Attorney Caroline Wojtaszek.\n\n"
            '"We are confined by the sentencing structure of the time."')
    q = by_text(quotes_of(text), "confined")
    assert q["speaker"] and "Wojtaszek" in q["speaker"]["name"]


def test_scope_all_passive_cue_with_agent(quotes_of, monkeypatch):
    text = "The Democratic nominee has been endorsed by dozens of newspapers across the country."
    q = by_text(only_in_scope_all(quotes_of, monkeypatch, text), "nominee")
    assert q["text"] == "The Democratic nominee" and text[slice(*q["speaker"]["mention"])].startswith("dozens")


def test_as_cue_attributes_the_clause_it_hangs_on(quotes_of):
    text = "The video does not answer whether Scott had a gun, as police have said."
    q = by_text(quotes_of(text), "gun")
    assert q["text"] == "The video does not answer whether Scott had a gun"
    assert q["speaker"] and q["speaker"]["name"].lower() == "police"
    assert quotes_of("Shares rose on Monday as the index added 0.2 per cent to 7,108 points.") == []


def test_calls_for_and_calls_on_are_attributions(quotes_of):
    text = ("Senator Bernie Sanders called on President Obama to retaliate against Russia. "
            "Hillary Clinton called for big tax hikes on the rich.")
    qs = quotes_of(text)
    on = by_text(qs, "retaliate")
    assert on["text"] == "President Obama to retaliate against Russia" and on["attribution"] == "speech"
    assert "Sanders" in on["speaker"]["name"]
    hikes = by_text(qs, "tax hikes")
    assert hikes["text"].startswith("big tax hikes") and hikes["attribution"] == "stance"
    assert "Clinton" in hikes["speaker"]["name"]


def test_an_unknown_attribution_scope_is_a_clear_error_before_any_document(monkeypatch):
    from chronicler.errors import ConfigError
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.stages.quotes.lexicon import SCOPE_ENV

    monkeypatch.setenv(SCOPE_ENV, "beliefs")
    with pytest.raises(ConfigError, match="not one of all, speech"):
        Analyzer(nlp=object())


def test_according_to_where_the_parse_loses_the_phrase(quotes_of):
    # the parser reads "show" as a verb, so "to" has no object: the source is the words up to the comma's end
    text = ("As a reality TV boss, Donald Trump repeatedly demeaned women with sexist language, according to "
            "show insiders.")
    q = by_text(quotes_of(text), "demeaned women")
    assert q["cue"]["text"] == "according to" and q["speaker"]["name"] == "insiders"
    assert q["text"].startswith("As a reality TV boss")


def test_a_clause_cut_off_by_a_semicolon_is_not_what_the_verb_says(quotes_of):
    text = ("It’s an extremely unlikely scenario; Clinton’s team says she’ll continue her march toward "
            "Election Day later this week.")
    qs = quotes_of(text)
    assert [q["text"] for q in qs] == ["she’ll continue her march toward Election Day later this week"]
    assert "team" in qs[0]["speaker"]["name"]


def test_no_quote_from_a_line_linking_to_another_story(quotes_of):
    text = ("Paramedics took 48 minutes to reach the patient, his family said.\n\n"
            "READ MORE: Nova Scotia says hospital emergency departments closing more often\n\n"
            "WATCH: Premier says the system is under strain\n\n"
            "The union says the target is not being met.")
    texts = [q["text"] for q in quotes_of(text)]
    assert "the target is not being met" in texts and any("48 minutes" in t for t in texts)
    assert not any("emergency departments" in t or "under strain" in t for t in texts)


def test_a_noun_the_parser_coordinated_with_the_verb_stays_in_the_object(quotes_of, monkeypatch):
    # "need" hangs on "spoke" in the parse; a noun is no conjunct of a verb, so it belongs to what was spoken of
    text = "Senator Maria Lopez spoke of economic fairness, and a need to raise the minimum wage."
    qs = only_in_scope_all(quotes_of, monkeypatch, text)
    q = by_text(qs, "economic fairness")
    assert q["text"] == "economic fairness, and a need to raise the minimum wage"


def test_a_view_held_ends_before_an_aside_set_off_by_a_comma(quotes_of, monkeypatch):
    text = "Senator Maria Lopez opposed the new trade deal, with aides citing its labour rules."
    qs = only_in_scope_all(quotes_of, monkeypatch, text)
    assert by_text(qs, "trade deal")["text"] == "the new trade deal"


def test_a_title_opening_with_its_source_and_a_colon(quotes_of):
    body = "\n\nLoretta Lynch spoke to students in Ohio on Tuesday. The hall was full."
    q = quotes_of("A lesson from Loretta Lynch: 'Be the voice that people hear.'" + body)[0]
    assert q["text"] == "'Be the voice that people hear.'" and q["kind"] == "direct"
    assert q["speaker"]["name"] == "Loretta Lynch" and q["cue"]["text"] == ":"
    q = quotes_of("Poll: Clinton and Trump in dead heat heading into first debate." + body)[0]
    assert q["text"] == "Clinton and Trump in dead heat heading into first debate"
    assert q["attribution"] == "evidence" and q["speaker"]["name"] == "Poll"
    # a rubric is no source; what follows it is read as any sentence
    rubric = quotes_of("The Latest: a storm hits the coast." + body)
    assert not any(q["cue"] and q["cue"]["text"] == ":" for q in rubric)
    # an opening sentence is no title: its reporting verb is the rules' to read
    opening = quotes_of("Loretta Lynch said on Tuesday: the deal is off for now. She left." + body)
    assert not any(q["cue"] and q["cue"]["text"] == ":" for q in opening)
    # a noun phrase after a person's name is a topic named, no words of theirs
    for title in ("Loretta Lynch and the bar: a tortured relationship.", "Loretta Lynch: the difficulty of leaving"):
        assert not any(q["cue"] and q["cue"]["text"] == ":" for q in quotes_of(title + body))
    q = quotes_of("Loretta Lynch: the deal is off for now." + body)[0]
    assert q["text"].startswith("the deal is off for now") and q["speaker"]["name"] == "Loretta Lynch"


def test_a_paragraph_set_out_after_a_colon_is_what_was_said(quotes_of):
    text = ("Governor Pat McCrory spoke on the radio on Wednesday.\n\nThe governor added:\n\n"
            "It’s typical of the campaign. She knows nothing, but the mouth never stops.\n\n"
            "The station listed three items:\n\nbread, milk and eggs for the week.")
    qs = quotes_of(text)
    q = by_text(qs, "typical of the campaign")
    assert q["text"] == "It’s typical of the campaign. She knows nothing, but the mouth never stops."
    assert q["kind"] == "direct" and q["cue"]["text"] == "added" and "McCrory" in q["speaker"]["name"]
    assert not any("bread" in q["text"] for q in qs)  # a list after an object is no quotation


@pytest.mark.parametrize("text, speaker", [
    ("As stated in the mayor's report, there are conflicting stories about the contract.", "mayor"),  # its author
    ("As the president's advisers pointed out, Hawaii normally does not get hurricanes.", "advisers"),
])
def test_an_as_clause_with_its_source_out_of_subject_place(quotes_of, text, speaker):
    q = quotes_of(text)[0]
    assert q["text"] in ("there are conflicting stories about the contract", "Hawaii normally does not get hurricanes")
    assert speaker in q["speaker"]["name"]


def test_an_as_clause_of_a_verb_that_reports_nothing_is_no_quote(quotes_of):
    assert quotes_of("As the fight went on in the north, the company lost money last year.") == []


def test_a_quoted_stretch_that_goes_on_from_a_clause_is_part_of_it(quotes_of):
    text = ("Trump claimed that voting fraud is “a big, big problem in this country” but “nobody has the guts to "
            "talk about it.”")
    qs = quotes_of(text)
    assert len(qs) == 1 and qs[0]["kind"] == "mixed"
    assert qs[0]["text"].startswith("that voting fraud") and qs[0]["text"].endswith("talk about it.”")


def test_the_quotation_by_its_cue_is_what_was_said_not_the_writers_words_before_it(quotes_of):
    text = "The shop's minimum print run is … \"One!\" says the owner, Maria Lopez."
    qs = quotes_of(text)
    assert [q["text"] for q in qs] == ['"One!"'] and qs[0]["cue"]["text"] == "says"


def test_quoted_words_listed_on_one_cue_are_one_quote(quotes_of):
    text = ('The two men traded insults for months. Cruz called Trump a "pathological liar" who is "utterly amoral," '
            'a "serial philanderer" and a "bully."')
    qs = [q for q in quotes_of(text) if q["cue"] and q["cue"]["text"] == "called"]
    assert len(qs) == 1 and qs[0]["kind"] == "mixed"
    assert "pathological liar" in qs[0]["text"] and qs[0]["text"].endswith('"bully."')


def test_a_clause_of_time_hung_on_the_verb_is_not_what_it_says(nlp):
    from chronicler.stages.quotes.indirect import content_root

    doc = nlp("Eric Garner, gasping on a sidewalk, said before he died.")
    said = next(t for t in doc if t.text == "said")
    assert next(c for c in said.children if c.text == "died").dep_ == "ccomp"  # the parse this test is about
    assert content_root(said, frozenset({"ccomp"})) is None


def test_a_dash_opening_an_aside_with_its_own_speaker_ends_the_content(quotes_of):
    text = ("Rep. Adam Schiff called on President Obama to retaliate against Russia for interference in the "
            "election -- meddling the congressman said is designed to sow discord.")
    q = by_text(quotes_of(text), "retaliate")
    assert q["text"] == "President Obama to retaliate against Russia for interference in the election"


@pytest.mark.parametrize("text", [
    "Overall, she said, a number of key Republican groups are finding themselves alienated by the party.",
    "At times last year, people close to the vice president said, the mere mention of her name made him fume.",
])
def test_a_cue_set_off_by_commas_after_a_short_opening(quotes_of, text):
    q = quotes_of(text)[0]
    assert q["text"] == text.rstrip(".") and q["cue"]["text"] == "said"


def test_a_clause_placed_in_a_poll_is_its_evidence(quotes_of):
    q = quotes_of("In the latest poll, Clinton continues to lead Trump among women.")[0]
    assert q["text"] == "Clinton continues to lead Trump among women"
    assert q["attribution"] == "evidence" and q["cue"]["text"] == "In" and "poll" in q["speaker"]["name"]
    q = quotes_of("Trump leads Cruz by roughly 9 percentage points in a new Quinnipiac survey.")[0]
    assert q["text"] == "Trump leads Cruz by roughly 9 percentage points" and q["attribution"] == "evidence"
    # a reporting verb with its own clause keeps it: the report is where it was said
    q = quotes_of("In the report, the commission said that the roads were bad.")[0]
    assert q["text"] == "that the roads were bad" and q["attribution"] == "speech"


def test_what_was_asked_not_who(quotes_of, monkeypatch):
    qs = only_in_scope_all(quotes_of, monkeypatch, "She asked the reporters if they were always so serious.")
    assert [(q["text"], q["attribution"]) for q in qs] == [("if they were always so serious", "question")]


def test_a_quotation_set_out_after_a_colon_takes_the_speaker_of_the_line_before(quotes_of):
    text = ("Nate Silver of FiveThirtyEight wrote:\n\n“Although the polls failed to predict the win on Tuesday "
            "night, it isn’t because they were dead wrong. They just ended too early.”\n\n"
            "The campaign did not respond.")
    q = by_text(quotes_of(text), "Although the polls")
    assert q["kind"] == "direct" and q["cue"]["text"] == "wrote" and q["speaker"]["name"] == "Nate Silver"


@pytest.mark.parametrize("text, answer, speaker", [
    ("Asked if he was ever bullied, the senator said no.", "no", "the senator"),
    ("Asked about the plan, 46 percent of voters said yes, yes, yes.", "yes, yes, yes", "46 percent of voters"),
    ("Last month, 26 percent of the board said the same.", "the same", "26 percent of the board"),
    ("He shook his head and said no when reporters asked about the meeting.", "no", "He"),
])
def test_an_answer_is_a_quote_of_its_own(quotes_of, text, answer, speaker):
    q = next(q for q in quotes_of(text) if q["cue"] and q["cue"]["text"] == "said")
    assert q["text"] == answer and q["attribution"] == "speech" and q["speaker"]["name"] == speaker


def test_a_word_that_opens_a_longer_object_is_no_answer(quotes_of):
    assert not any(q["text"] == "so" for q in quotes_of("He said so many things about the plan."))


def test_of_a_clause_before_the_verb_and_one_after_the_one_after(quotes_of):
    # the parser hangs the opening on "said" as a clause of its own
    text = ("In a statement released shortly after the Florida senator suspended his campaign, Trump said he was "
            "grateful.")
    assert [q["text"] for q in quotes_of(text)] == ["he was grateful"]


@pytest.mark.parametrize("text, cls", [
    ("Senator Maria Lopez did not say that she would release the transcripts.", "topic"),
    ("Senator Maria Lopez has never explained why the money was spent.", "topic"),
    ("Senator Maria Lopez seemed to suggest that the closures were a mistake.", "belief"),
    ("Senator Maria Lopez appeared to acknowledge that she had lost the debate.", "belief"),
    ("Senator Maria Lopez declined to say whether she would run again.", "intent"),  # the refusal is the cue
])
def test_a_reporting_verb_that_reports_nothing_said_is_no_quotation(quotes_of, monkeypatch, text, cls):
    from chronicler.stages.quotes.lexicon import SCOPE_ENV

    qs = quotes_of(text)  # every attribution: it is one, of another class
    assert any(q["attribution"] == cls for q in qs) and all(q["attribution"] != "speech" for q in qs)
    monkeypatch.setenv(SCOPE_ENV, "speech")
    assert quotes_of(text) == []  # quotations only: none


def test_a_reporting_verb_that_reports_words_stays_a_quotation(quotes_of):
    q = quotes_of("Senator Maria Lopez said that she would not release the transcripts.")[0]
    assert q["attribution"] == "speech" and q["text"] == "that she would not release the transcripts"
    q = quotes_of("Senator Maria Lopez denied that she had seen the report.")[0]
    assert q["attribution"] == "speech"


def test_a_colon_hands_the_quote_to_its_cue_not_to_a_later_silence(quotes_of):
    qs = quotes_of('Sen. Lindsey Graham wrote on Twitter: "This is a disaster for the president." '
                   "Trump did not respond.")
    (q,) = [q for q in qs if q["kind"] == "direct"]
    assert q["speaker"] is not None and q["speaker"]["name"] == "Lindsey Graham"
