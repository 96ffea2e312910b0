"""Where a story falls apart: groups of its articles linked by pairwise cosine (single link)."""
from __future__ import annotations

from chronicler.stories.text import cosine


def groups(vectors: list[dict[str, float]], link: float) -> list[set[int]]:
    """Connected components of the articles (by index) under cosine >= ``link``, in order of first member."""
    parent = list(range(len(vectors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i in range(len(vectors)):
        for j in range(i):
            if find(i) != find(j) and cosine(vectors[i], vectors[j]) >= link:
                parent[find(i)] = find(j)
    out: dict[int, set[int]] = {}
    for i in range(len(vectors)):
        out.setdefault(find(i), set()).add(i)
    return sorted(out.values(), key=min)
