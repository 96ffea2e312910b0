"""Sources: from files, folders, JSONL, CSV and HTML to Articles."""
from chronicler.sources.article import make_article
from chronicler.sources.readers import article_from_bytes, read_path, iter_jsonl

__all__ = ["make_article", "article_from_bytes", "read_path", "iter_jsonl"]
