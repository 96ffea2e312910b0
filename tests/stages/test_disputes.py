from datetime import date

from chronicler.model import Event, Participant, Span
from chronicler.stages.disputes import find_disputes

TRUMP = Participant("Donald Trump", actor="A3", country="USA", code="USAGOV")
DIAZ = Participant("Miguel Diaz-Canel", actor="A4", country="CUB", code="CUBGOV")
CUBA = Participant("Cuba", actor="A1", country="CUB", code="CUB")
US = Participant("United States", actor="A2", country="USA", code="USA")


def _event(eid, type_, source, target, polarity="asserted", quote=None, when=None, modality="claimed"):
    return Event(id=eid, type=type_, source=source, target=target, evidence=Span(0, 1, "x"), quad_class=1,
                 polarity=polarity, modality=modality, quote=quote, date=when)


def test_assertion_and_denial_of_the_same_talks_make_one_dispute():
    events = [
        _event("E1", "CONSULT", TRUMP, CUBA, quote="Q4", when=date(2026, 1, 4)),
        _event("E2", "CONSULT", DIAZ, US, polarity="negated"),
        _event("E3", "CONSULT", DIAZ, US, polarity="negated", quote="Q3", when=date(2026, 1, 5)),
    ]
    disputes = find_disputes(events)
    assert len(disputes) == 1
    assert disputes[0].claim == "E1" and disputes[0].counter == "E3"  # the denial in his own words
    assert "Diaz-Canel" in disputes[0].summary


def test_no_dispute_for_other_type_other_parties_or_distant_dates():
    claim = _event("E1", "CONSULT", TRUMP, CUBA, when=date(2026, 1, 4))
    assert not find_disputes([claim, _event("E2", "ASSAULT", DIAZ, US, polarity="negated")])
    venezuela = Participant("Venezuela", actor="A6", country="VEN", code="VEN")
    assert not find_disputes([claim, _event("E2", "CONSULT", DIAZ, venezuela, polarity="negated")])
    late = _event("E2", "CONSULT", DIAZ, US, polarity="negated", when=date(2026, 3, 1))
    assert not find_disputes([claim, late])


def test_a_party_does_not_dispute_itself_and_threats_are_not_claims():
    assert not find_disputes([_event("E1", "CONSULT", TRUMP, CUBA),
                              _event("E2", "CONSULT", TRUMP, CUBA, polarity="negated")])
    threat = _event("E1", "SANCTION", TRUMP, CUBA, modality="threatened")
    assert not find_disputes([threat, _event("E2", "SANCTION", DIAZ, CUBA, polarity="negated")])


def test_directed_event_disputed_between_two_speakers():
    claim = _event("E1", "ASSAULT", US, CUBA, quote="Q1")
    counter = _event("E2", "ASSAULT", US, CUBA, polarity="negated", quote="Q2")
    assert find_disputes([claim, counter]) == []  # both stated by the source itself
    disputes = find_disputes([claim, counter], speakers={"Q1": "CUB", "Q2": "USA"})
    assert [(d.claim, d.counter) for d in disputes] == [("E1", "E2")]
    reversed_ = _event("E3", "ASSAULT", CUBA, US, polarity="negated", quote="Q2")
    assert find_disputes([claim, reversed_], speakers={"Q1": "CUB", "Q2": "USA"}) == []
