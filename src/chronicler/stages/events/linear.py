"""A portable linear text classifier: TF-IDF (word n-grams) -> multinomial logistic regression, as plain JSON.

Trained with scikit-learn (``scripts/train_quadclass.py``) and exported with ``export``; predicted here in
pure Python, so the shipped model neither needs scikit-learn at run time nor breaks when its pickle format
changes. ``predict_proba`` reproduces scikit-learn's ``TfidfVectorizer`` (lowercase, regex tokens, n-grams,
sublinear tf, l2 norm) + ``LogisticRegression`` (softmax) to float precision.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any


class LinearTextModel:
    def __init__(self, data: dict[str, Any]) -> None:
        self.classes_ = list(data["classes"])
        self.vocabulary: dict[str, int] = data["vocabulary"]
        self.idf: list[float] = data["idf"]
        self.coef: list[list[float]] = data["coef"]
        self.intercept: list[float] = data["intercept"]
        self.ngram_range: tuple[int, int] = tuple(data["ngram_range"])
        self.sublinear_tf: bool = data["sublinear_tf"]
        self.lowercase: bool = data["lowercase"]
        self.token = re.compile(data["token_pattern"])
        # per term: its idf and its weight in every class, so that one pass over a text's terms scores all classes
        self._columns: dict[str, tuple[float, tuple[float, ...]]] = {
            term: (self.idf[j], tuple(row[j] for row in self.coef)) for term, j in self.vocabulary.items()}

    @classmethod
    def loads(cls, text: str) -> "LinearTextModel":
        return cls(json.loads(text))

    def predict_proba(self, texts: list[str]) -> list[list[float]]:
        out = []
        columns = self._columns
        lo, hi = self.ngram_range
        for text in texts:
            words = self.token.findall(text.lower() if self.lowercase else text)
            counts: dict[str, int] = {}
            for n in range(lo, hi + 1):
                grams = words if n == 1 else [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
                for g in grams:
                    if g in columns:
                        counts[g] = counts.get(g, 0) + 1
            sums = [0.0] * len(self.intercept)
            if counts:
                found = [(columns[g], (1 + math.log(c) if self.sublinear_tf else c)) for g, c in counts.items()]
                weights = [tf * idf for (idf, _), tf in found]
                norm = math.sqrt(sum(w * w for w in weights))
                for ((_, column), _), w in zip(found, weights):
                    w /= norm
                    for k, coef in enumerate(column):
                        sums[k] += coef * w
            scores = [b + t for b, t in zip(self.intercept, sums)]  # as the reference: intercept + the sum
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            out.append([e / total for e in exp])
        return out


def export(pipeline: Any) -> dict[str, Any]:
    """The JSON form of a fitted scikit-learn ``make_pipeline(TfidfVectorizer, LogisticRegression)``."""
    vectorizer, classifier = pipeline.steps[0][1], pipeline.steps[-1][1]
    if vectorizer.norm != "l2" or not vectorizer.use_idf or vectorizer.analyzer != "word":
        raise ValueError("only word n-gram TF-IDF with idf and l2 norm is supported")
    coef = classifier.coef_
    intercept = classifier.intercept_
    if coef.shape[0] == 1:  # binary: scikit-learn keeps one row; softmax over (-z, z)/... is not the same
        raise ValueError("binary models are not supported")
    return {
        "classes": [int(c) if str(c).lstrip("-").isdigit() else str(c) for c in classifier.classes_],
        "vocabulary": {term: int(i) for term, i in vectorizer.vocabulary_.items()},
        "idf": [round(float(v), 7) for v in vectorizer.idf_],
        "coef": [[round(float(v), 7) for v in row] for row in coef],
        "intercept": [round(float(v), 7) for v in intercept],
        "ngram_range": list(vectorizer.ngram_range),
        "sublinear_tf": bool(vectorizer.sublinear_tf),
        "lowercase": bool(vectorizer.lowercase),
        "token_pattern": vectorizer.token_pattern,
    }
