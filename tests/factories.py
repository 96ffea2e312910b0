"""Hand-built contract results for tests that need no model (store, exports)."""
from chronicler.model import content_hash

TEXT = "“We’re talking with Cuba,” Trump said on Sunday. Diaz-Canel denied it."


def make_result(text=TEXT):
    return {
        "schema": "chronicler/1",
        "document": {"id": content_hash(text), "title": None, "published": "2026-01-05", "source": "t.txt",
                     "dateline": None, "language": "en"},
        "actors": [
            {"id": "A1", "name": "Donald Trump", "kind": "person", "country": "USA", "sector": "GOV",
             "code": "USAGOV", "title": "President", "mentions": [[28, 33]]},
            {"id": "A2", "name": "Miguel Diaz-Canel", "kind": "person", "country": "CUB", "sector": "GOV",
             "code": "CUBGOV", "title": None, "mentions": [[49, 59]]},
        ],
        "quotes": [{"id": "Q1", "start": 0, "end": 26, "text": TEXT[0:26], "kind": "direct", "attribution": "speech",
                    "speaker": {"actor": "A1", "name": "Donald Trump", "mention": [28, 33]},
                    "cue": {"start": 34, "end": 38, "text": "said"}, "date": "2026-01-04", "date_text": "on Sunday"}],
        "events": [
            {"id": "E1", "type": "CONSULT", "cameo": "040", "quad_class": 1, "goldstein": 1.0, "polarity": "asserted",
             "modality": "claimed", "source": {"actor": "A1", "name": "Donald Trump", "country": "USA", "code": "USAGOV"},
             "target": {"actor": None, "name": "Cuba", "country": "CUB", "code": "CUB"}, "date": "2026-01-04",
             "date_text": "on Sunday", "location": None, "evidence": {"start": 0, "end": 48, "text": TEXT[0:48]},
             "quote": "Q1", "confidence": 0.9},
            {"id": "E2", "type": "CONSULT", "cameo": "040", "quad_class": 1, "goldstein": 1.0, "polarity": "negated",
             "modality": "actual", "source": {"actor": "A2", "name": "Miguel Diaz-Canel", "country": "CUB",
                                               "code": "CUBGOV"},
             "target": None, "date": None, "date_text": None,
             "location": {"name": "Havana", "country": "CUB", "lat": 23.1, "lon": -82.4},
             "evidence": {"start": 49, "end": 70, "text": TEXT[49:70]}, "quote": None, "confidence": 0.8},
        ],
        "disputes": [{"id": "D1", "claim": "E1", "counter": "E2", "summary": "Trump says talks; Diaz-Canel denies"}],
    }
