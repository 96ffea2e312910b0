"""Spanish actors resolve to the canonical actors and codes the English stage gives (hand-built sentences)."""
import pytest

pytestmark = pytest.mark.spanish


def actors(parse_es, text, **kw):
    doc = parse_es(text, **kw)
    return {a.name: a for a in doc._.actors}, doc


def test_title_and_country_name_the_office_holder(parse_es):
    found, doc = actors(parse_es, "El presidente cubano negó el lunes las acusaciones de Washington.")
    assert "Miguel Díaz-Canel" in found
    diaz = found["Miguel Díaz-Canel"]
    assert diaz.code == "CUBGOV" and diaz.kind == "person"
    s, e = diaz.mentions[0]
    assert doc.text[s:e].startswith("presidente cubano")
    assert found["U.S. government"].code == "USAGOV"  # Washington as a doer


def test_spanish_country_names_and_demonyms(parse_es):
    found, _ = actors(parse_es, "Estados Unidos y Venezuela rompieron relaciones; el Gobierno venezolano protestó.")
    assert found["United States"].code == "USA" and found["United States"].kind == "country"
    assert found["Venezuela"].code == "VEN"
    assert found["Venezuelan government"].code == "VENGOV"


def test_named_person_with_title_and_a_later_surname(parse_es):
    found, doc = actors(parse_es, "El secretario de Estado, Marco Rubio, viajó a Panamá. Rubio se reunió con el "
                                  "presidente panameño.")
    rubio = found["Marco Rubio"]
    assert rubio.code == "USAGOV" and rubio.title == "Secretary of State"
    texts = {doc.text[s:e] for s, e in rubio.mentions}
    assert {"Marco Rubio", "Rubio"} <= texts


def test_the_same_title_another_year_is_another_person(parse_es):
    from datetime import date

    found, _ = actors(parse_es, "El presidente cubano habló en La Habana.", published=date(2015, 6, 1))
    assert "Raúl Castro" in found and "Miguel Díaz-Canel" not in found


def test_role_words_without_a_country_are_groups(parse_es):
    found, _ = actors(parse_es, "Los manifestantes se enfrentaron a la policía.")
    assert found["manifestantes"].sector == "CVL" and found["manifestantes"].country is None
    assert found["policía"].sector == "COP"


def test_every_mention_cuts_its_own_text(parse_es):
    _, doc = actors(parse_es, "«No hay conversaciones», afirmó Díaz-Canel, presidente de Cuba, en La Habana.")
    for a in doc._.actors:
        for s, e in a.mentions:
            assert 0 <= s < e <= len(doc.text)


def test_national_bodies_take_the_datelines_country_among_several(parse_es):
    text = ("BUENOS AIRES, 3 may (EFE).- El Congreso aprobó la ley pese a las críticas de Chile y de Brasil. "
            "Las Fuerzas Armadas guardaron silencio.")
    found, _ = actors(parse_es, text)
    congress = next(a for a in found.values() if a.sector == "LEG")
    assert congress.country == "ARG"  # several countries named: the dateline's
    assert any(a.sector == "MIL" and a.country == "ARG" for a in found.values())


def test_no_dateline_and_several_countries_leave_the_body_uncoded(parse_es):
    found, _ = actors(parse_es, "El Congreso aprobó la ley pese a las críticas de Chile y de Brasil.")
    congress = next(a for a in found.values() if a.sector == "LEG")
    assert congress.country is None


def test_bodies_the_model_does_not_tag_are_found_by_our_lists(parse_es):
    found, doc = actors(parse_es, "El Departamento de Estado condenó la detención. La CIDH pidió su liberación.")
    assert found["U.S. government"].code == "USAGOV"
    cidh = found["Inter-American Commission on Human Rights"]
    assert cidh.country == "IGO" and cidh.sector == "IGO"
    assert [doc.text[s:e] for s, e in cidh.mentions] in (["CIDH"], ["La CIDH"])  # the model may tag it


def test_spanish_parties_are_not_english_namesakes(parse_es):
    found, _ = actors(parse_es, "Vox y el Partido Popular criticaron a la Moncloa.")
    assert (found["Vox (Spanish party)"].country, found["Vox (Spanish party)"].sector) == ("ESP", "PTY")
    assert found["People's Party (Spain)"].code == "ESPPTY"
    assert found["Spanish government"].code == "ESPGOV"  # the seat stands for the government


def test_countries_and_parties_the_model_tags_as_people_and_no_dateline_actor(parse_es):
    found, doc = actors(parse_es, "MADRID, 3 may (EFE).- España y México rechazaron la medida. El PP y Morena "
                                  "criticaron al Gobierno de México. La Unión Europea pidió calma.")
    assert found["Spain"].kind == "country" and found["Mexico"].code == "MEX"
    assert found["Morena"].code == "MEXPTY" and found["People's Party (Spain)"].code == "ESPPTY"
    assert (found["European Union"].country, found["European Union"].sector) == ("IGO", "IGO")
    assert all(doc.text[s:e] != "MADRID" for a in found.values() for s, e in a.mentions)  # where it was filed


def test_a_word_opening_a_sentence_is_not_an_acronym_of_our_lists(parse_es):
    found, doc = actors(parse_es, "Más de 20 millones de personas vieron el debate. El MAS convocó una marcha en La Paz.")
    (mas,) = [a for a in found.values() if a.code == "BOLPTY"]
    assert [doc.text[s:e] for s, e in mas.mentions] == ["MAS"]  # "MAS" is the party, "Más" is no one
    _, doc = actors(parse_es, "Más de 20 millones de personas vieron el debate.")
    assert not doc._.actors or all(a.code != "BOLPTY" for a in doc._.actors)
