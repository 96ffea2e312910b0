"""scripts/written_es.py: the project's written Spanish articles become checkable gold with exact offsets."""
import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "written_es.py"
spec = importlib.util.spec_from_file_location("written_es", SCRIPT)
W = importlib.util.module_from_spec(spec)
spec.loader.exec_module(W)

ARTICLE = {
    "id": "es-test-01", "outlet": "EFE", "published": "2025-03-12",
    "headline": "Cuba niega conversaciones con Estados Unidos",
    "paragraphs": [["LA HABANA, 12 mar (EFE).- El canciller cubano negó este miércoles que existan conversaciones "
                    "con Washington.", "La reunión será el martes."], ["«No hay diálogo», insistió."]],
    "events": [{"s": 2, "context": "El canciller cubano negó este miércoles", "trigger": "negó", "type": "REJECT",
                "source": {"text": "El canciller cubano", "name": "Bruno Rodríguez Parrilla"},
                "target": {"text": "Washington", "name": "Gobierno de Estados Unidos"},
                "polarity": "asserted", "modality": "actual"}],
    "actors": [{"name": "Bruno Rodríguez Parrilla", "kind": "person", "country": "CUB", "sector": "GOV",
                "forms": ["El canciller cubano"]},
               {"name": "Gobierno de Estados Unidos", "kind": "organization", "country": "USA", "sector": "GOV",
                "forms": ["Washington"]}],
}


def test_every_span_cuts_its_own_text():
    problems = []
    g = W.convert(ARTICLE, problems)
    assert problems == []
    text = g["text"]
    assert [s["text"] for s in g["sentences"]][0] == ARTICLE["headline"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in g["sentences"]) and len(g["sentences"]) == 4
    (ev,) = g["events"]
    a, b = ev["trigger_span"]
    assert text[a:b] == "negó" and ev["source"]["text"] == "El canciller cubano"
    assert text[slice(*ev["target"]["span"])] == "Washington"
    assert all(text[x:y] == f for act in g["actors"] for (x, y), f in zip(act["form_spans"], act["forms"]))


def test_what_does_not_fit_is_said():
    bad = json.loads(json.dumps(ARTICLE))
    bad["events"][0]["trigger"] = "rechazó"
    bad["events"][0]["type"] = "DENY"
    bad["actors"][1]["forms"] = ["Caracas"]
    problems = []
    W.convert(bad, problems)
    assert any("trigger 'rechazó'" in p for p in problems)
    assert any("form 'Caracas'" in p for p in problems)


def test_the_repositorys_written_articles_check_clean_and_keep_dev_writers_apart():
    rows = W.gold()
    assert len(rows) >= 300
    assert {r["split"] for r in rows} == {"train", "dev"}
    dev_writers = {r["group"].split(":")[1] for r in rows if r["split"] == "dev"}
    assert dev_writers == W.DEV_WRITERS
    for path in W.writer_files():
        problems = []
        for r in W.read(path):
            W.convert(r, problems)
        assert problems == [], (path.name, problems[:3])
