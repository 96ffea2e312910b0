"""Spanish events: triggers, arguments, frames, negation and mood (hand-built sentences)."""
import pytest

# these tests read the rules: the learned decision (es/decision.py) has its own tests
pytestmark = [pytest.mark.spanish, pytest.mark.usefixtures("rules_only")]


def events(parse_es, text):
    doc = parse_es(text)
    for e in doc._.events:
        assert doc._.article.text[e.evidence.start:e.evidence.end] == e.evidence.text
    return doc._.events


def by_type(evs, kind):
    return [e for e in evs if e.type == kind]


def test_protest_by_students_against_the_government(parse_es):
    (e,) = by_type(events(parse_es, "Miles de estudiantes colombianos protestaron el martes contra el Gobierno."),
                   "PROTEST")
    assert e.source.name == "Colombia estudiante" or "estudiante" in e.source.name.lower()
    assert e.source.country == "COL" and e.polarity == "asserted" and e.modality == "actual"
    assert e.quad_class == 4 and e.cameo.startswith("14")


def test_passive_with_por_names_the_doer(parse_es):
    (e,) = [e for e in events(parse_es, "Los manifestantes fueron dispersados por la policía en Caracas.")
            if e.cameo == "175"]  # repression: CAMEO 175, PLOVER type as cameo.tsv has it
    assert "policía" in e.source.name and e.target is not None and "manifestantes" in e.target.name
    assert e.source.country == "VEN" and e.location.country == "VEN"  # placed where it happened


def test_denial_negates_the_talks_and_is_a_rejection(parse_es):
    evs = events(parse_es, "Díaz-Canel negó que Cuba mantenga negociaciones con Estados Unidos.")
    talks = [e for e in evs if e.type == "CONSULT"]
    assert talks and all(t.polarity == "negated" and t.modality == "claimed" for t in talks)
    assert {t.target.country for t in talks} == {"USA"}
    (rej,) = by_type(evs, "REJECT")
    assert rej.source.name == "Miguel Díaz-Canel" and rej.polarity == "asserted"


def test_threat_to_cut_oil_is_one_threaten_event(parse_es):
    evs = events(parse_es, "Trump amenazó con cortar el petróleo a Cuba.")
    (e,) = by_type(evs, "THREATEN")
    assert e.source.code == "USAGOV"


def test_conditional_is_hypothetical_and_no_negates(parse_es):
    (e,) = by_type(events(parse_es, "Estados Unidos podría atacar Venezuela."), "ASSAULT")
    assert e.modality == "hypothetical"
    (n,) = by_type(events(parse_es, "El Gobierno no atacó a los rebeldes."), "ASSAULT")
    assert n.polarity == "negated"


def test_future_attack_is_a_threat(parse_es):
    (e,) = events(parse_es, "Rusia atacará Ucrania.")
    assert e.type == "THREATEN" and e.modality == "threatened" and e.source.code == "RUS" and e.target.code == "UKR"


def test_event_noun_with_its_doer_and_patient(parse_es):
    evs = events(parse_es, "La captura de Nicolás Maduro por Estados Unidos sorprendió a la región.")
    (e,) = by_type(evs, "COERCE")
    assert e.target.name == "Nicolás Maduro" and e.target.code == "VENGOV"


def test_no_event_without_a_doer(parse_es):
    assert by_type(events(parse_es, "Hubo protestas."), "PROTEST") == []


@pytest.mark.parametrize("text, cameo", [
    ("La oposición venezolana se querelló contra el ministro.", "115"),  # "querellar+se": a lawsuit
    ("El Gobierno cubano rehusó la propuesta de Estados Unidos.", "120"),
    ("El presidente derogó el decreto.", "081"),
])
def test_verbs_of_the_english_list_have_their_spanish(parse_es, text, cameo):
    """The Spanish verbs added beside the English list's (same CAMEO codes): each makes its event."""
    assert cameo in {e.cameo for e in events(parse_es, text)}


def test_ceasefire_noun_of_several_words(parse_es):
    evs = events(parse_es, "El ELN anunció un alto el fuego con el Gobierno colombiano.")
    assert "0871" in {e.cameo for e in evs}


def test_our_event_noun_wins_over_the_dictionarys_verb_pattern(parse_es):
    evs = events(parse_es, "Los maestros realizaron una marcha en Bogotá.")
    (e,) = by_type(evs, "PROTEST")
    assert "maestros" in e.source.name and e.trigger.text == "marcha"
    assert not by_type(evs, "THREATEN")  # UniversalPetrarch's "realizar marcha" pattern codes 130


def test_police_operation_without_a_doer_is_the_authorities_of_the_place(parse_es):
    evs = events(parse_es, "Un fuerte operativo policial custodió la marcha de los estudiantes en Caracas.")
    shows = by_type(evs, "MOBILIZE")
    assert shows and all(e.source.country == "VEN" for e in shows)
    assert by_type(evs, "PROTEST")  # the march watched is its own event


def test_a_noun_of_several_words_is_not_its_own_doer(parse_es):
    evs = events(parse_es, "Un preso político inició una huelga de hambre en la prisión de Canaleta.")
    strikes = by_type(evs, "PROTEST")
    assert strikes and all("hambre" not in (e.source.name or "") for e in strikes)


def test_a_thing_acted_upon_is_no_target_but_a_clause_subject_is(parse_es):
    (e,) = [e for e in events(parse_es, "El presidente derogó el decreto.") if e.cameo == "081"]
    assert e.target is None  # a decree is no actor
    (acc,) = by_type(events(parse_es, "Vox criticó que el Gobierno español utilice la ayuda como propaganda."),
                     "ACCUSE")
    assert acc.target is not None and acc.target.code == "ESPGOV"


def test_a_datelines_month_is_no_doer(parse_es):
    evs = events(parse_es, "WASHINGTON, 6 mar (EFE).- El secretario de Estado exigió al Gobierno de Venezuela "
                           "que acepte los vuelos.")
    assert evs and all(e.source.name.lower() != "mar" for e in evs)


@pytest.mark.parametrize("text, kind, modality", [
    ("El canciller viajó a Caracas para reunirse con Maduro.", "CONSULT", "actual"),  # "reunirse": clitic attached
    ("Ambos gobiernos firmaron un acuerdo de cooperación.", "AGREE", "actual"),  # the codebook's AGREE, not 057's SUPPORT
    ("Estados Unidos sancionó a tres jueces nicaragüenses.", "SANCTION", "actual"),
    ("El Ejército desplegará 3.000 soldados en la frontera.", "MOBILIZE", "intended"),  # a deployment to come
    ("Los presidentes se reunirán el martes en Brasilia.", "CONSULT", "intended"),  # not AGREE (030)
])
def test_types_and_moods_as_the_whole_article_codebook_reads_them(parse_es, text, kind, modality):
    evs = by_type(events(parse_es, text), kind)
    assert evs and evs[0].modality == modality


def test_criticising_a_thing_acts_on_its_owner(parse_es):
    (e,) = by_type(events(parse_es, "El Gobierno cubano calificó de «ilegales» las sanciones de Washington."),
                   "ACCUSE")
    assert e.target is not None and e.target.code == "USAGOV"


def test_the_act_asked_for_threatened_or_refused_is_recorded_too(parse_es):
    evs = events(parse_es, "Foro Penal exigió al Gobierno venezolano la liberación de Camacaro.")
    (asked,) = [e for e in evs if e.modality == "requested"]
    assert asked.type == "CONCEDE" and asked.source.code == "VENGOV" and by_type(evs, "REQUEST")
    evs = events(parse_es, "Trump amenazó con atacar Venezuela.")
    assert {(e.type, e.modality) for e in evs} >= {("THREATEN", "actual"), ("ASSAULT", "threatened")}
    evs = events(parse_es, "Boluarte se negó a renunciar.")  # a refusal, not a denial of a fact
    assert {(e.type, e.polarity, e.modality) for e in evs} >= {("REJECT", "asserted", "actual"),
                                                               ("CONCEDE", "negated", "actual")}
