"""The HTTP API (OpenAPI at /openapi.json): thin routes over the service layer and the store.

POST /v1/analyze returns the "chronicler/1" contract for one article. The query routes read the store
(a DuckDB file) that `chronicler ingest` filled. Article text is untrusted: it is only ever returned as
JSON data; the web page renders it with textContent, never as HTML.
"""
from __future__ import annotations

import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from chronicler import __version__
from chronicler.api.security import Guard
from chronicler.bounds import BoundExceeded, Expired, check_text, deadline, doc_memory_mb, doc_timeout
from chronicler.errors import ChroniclerError
from chronicler.store.base import StoreError

MAX_TEXT = 2_000_000  # characters
STORY_LISTS = ("documents", "events", "quotes", "actors", "disputes", "timeline")
STORY_PREVIEW = 10  # articles and timeline rows the story page shows before "show all"
VIEW_CACHE = 16  # story views and topic lists kept per server process (rebuilt when articles are placed)


class AnalyzeRequest(BaseModel):
    text: str = Field(..., description="the article text (plain text or HTML)", max_length=MAX_TEXT)
    published: date | None = Field(None, description="publication date; resolves relative dates")
    title: str | None = None
    source: str | None = None
    language: str | None = Field(None, description="ISO 639-1 (en, es): given, it wins over identification",
                                 max_length=16)
    all_events: bool | None = Field(None, description="true: every event candidate with its confidence, not only "
                                                       "those at or above the events threshold")


class Services:
    """The analyzer (loaded on first use) and the store, each behind a lock: one request at a time uses them."""

    def __init__(self, db: str | None, model: str | None, writable: bool = False) -> None:
        self.db, self.model, self.writable = db, model, writable
        self._analyzer = None
        self._store = None
        self.analyze_lock = threading.Lock()
        self.timeout, self.memory_mb = doc_timeout(), doc_memory_mb()
        self.store_lock = threading.Lock()
        self._views: dict[tuple, Any] = {}

    def analyzer(self):
        if self._analyzer is None:
            from chronicler.nlp.analyzer import Analyzer

            self._analyzer = Analyzer(self.model)
        return self._analyzer

    def story(self, story_id: str) -> dict[str, Any]:
        """A story's view, built from its documents once per version of the story (404 when none)."""
        with self.store_lock:
            store = self.store()
            row = store.story_row(story_id)
            if row is None:
                raise HTTPException(404, "no such story")

            def build() -> dict[str, Any]:
                from chronicler.stories.view import story_view

                return story_view(row, store.story_documents(row["id"]))
            return self._memo(("story", row["id"], row["num_documents"], str(row["last_seen"])), build)

    def topics(self, **filters: Any) -> list[dict[str, Any]]:
        """The topics, grouped again only after new articles were placed."""
        with self.store_lock:
            store = self.store()
            key = ("topics", store.placed_count(), *sorted((k, str(v)) for k, v in filters.items()))
            return self._memo(key, lambda: store.topics(**filters))

    def _memo(self, key: tuple, build) -> Any:
        """Views kept per server process, the most recently used last (call with store_lock held)."""
        value = self._views.pop(key, None)
        if value is None:
            value = build()
        self._views[key] = value
        while len(self._views) > VIEW_CACHE:
            self._views.pop(next(iter(self._views)))
        return value

    def store(self):
        from chronicler.store import open_store

        if self._store is None:
            is_url = (self.db or "").startswith(("postgresql://", "postgres://"))
            if self.db is None or not (is_url or self.writable or Path(self.db).exists()):
                raise HTTPException(404, "no store: start `chronicler serve --db FILE` after `chronicler ingest`")
            # a DuckDB file is held for writing only while the server writes: the CLI can read it meanwhile
            self._store = open_store(self.db, read_only=not self.writable, shared=self.writable)
        return self._store


def create_app(db: str | None = None, model: str | None = None, *, host: str | None = None,
               token: str | None = None, writable: bool = False) -> FastAPI:
    """The app. ``host``: the address the server binds (writes need a token beyond loopback); ``token``: the
    write token (default ``$CHRONICLER_API_TOKEN``), see ``chronicler.api.security``; ``writable``: the store
    is opened for writing (``POST /v1/documents``, alerts)."""
    app = FastAPI(title="chronicler", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, who did what to whom, when and where — with evidence.")
    services = Services(db, model, writable)
    app.state.services = services
    app.add_middleware(Guard, host=host, token=token)

    @app.exception_handler(ChroniclerError)
    async def chronicler_error(_request: Request, exc: ChroniclerError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_busy(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(BoundExceeded)
    async def over_bounds(_request: Request, exc: BoundExceeded) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "store": services.db}

    @app.post("/v1/analyze")
    def analyze(req: AnalyzeRequest) -> dict[str, Any]:
        from chronicler.sources.readers import article_from_text

        article = article_from_text(req.text, "request", title=req.title, published=req.published,
                                    source=req.source, language=req.language)
        check_text(article.text, "request")
        with services.analyze_lock:
            analyzer = services.analyzer()  # loaded once, outside the bounds of one document
            try:
                with deadline(services.timeout, services.memory_mb):
                    return analyzer.analyze(article, all_events=req.all_events).to_dict()
            except Expired:  # the bound's stop landed just as the analysis ended
                raise BoundExceeded("analysis went past its bounds") from None

    def query(method: str, /, **filters: Any) -> list[dict[str, Any]]:
        with services.store_lock:
            store = services.store()
            return getattr(store, method)(**{k: v for k, v in filters.items() if v is not None})

    @app.get("/v1/events")
    def events(type: str | None = None, actor: str | None = None, country: str | None = None,
               since: date | None = None, until: date | None = None, doc: str | None = None,
               polarity: Literal["asserted", "negated"] | None = None, all_events: bool = False,
               limit: int = Query(100, ge=1, le=10_000)) -> list[dict[str, Any]]:
        """Events; those below the confidence their analysis kept only with ``all_events=true`` (stores ingested
        with --all-events)."""
        return query("events", type=type, actor=actor, country=country, since=since, until=until, doc=doc,
                     polarity=polarity, limit=limit, all_events=all_events or None)

    @app.get("/v1/quotes")
    def quotes(speaker: str | None = None, kind: Literal["direct", "indirect", "mixed"] | None = None,
               attribution: Literal["speech", "question", "topic", "belief", "intent", "evidence", "stance"]
               | None = None,
               since: date | None = None, until: date | None = None, doc: str | None = None,
               limit: int = Query(100, ge=1, le=10_000)) -> list[dict[str, Any]]:
        return query("quotes", speaker=speaker, kind=kind, attribution=attribution, since=since, until=until,
                     doc=doc, limit=limit)

    @app.get("/v1/actors")
    def actors(name: str | None = None, country: str | None = None, sector: str | None = None,
               kind: Literal["person", "organization", "country", "group"] | None = None,
               limit: int = Query(100, ge=1, le=10_000)) -> list[dict[str, Any]]:
        return query("actors", name=name, country=country, sector=sector, kind=kind, limit=limit)

    @app.get("/v1/disputes")
    def disputes(doc: str | None = None, across: bool = False, window: int = Query(14, ge=0, le=3650),
                 limit: int = Query(100, ge=1, le=10_000)) -> list[dict[str, Any]]:
        if across:
            return query("cross_disputes", window_days=window, limit=limit)
        return query("disputes", doc=doc, limit=limit)

    @app.get("/v1/stories")
    def stories(actor: str | None = None, since: date | None = None, until: date | None = None,
                limit: int = Query(100, ge=1, le=10_000)) -> list[dict[str, Any]]:
        return query("stories", actor=actor, since=since, until=until, limit=limit)

    @app.get("/v1/topics")
    def topics(since: date | None = None, until: date | None = None,
               limit: int = Query(100, ge=1, le=10_000)) -> list[dict[str, Any]]:
        """Stories of one subject grouped (a separate view: a story holds one matter)."""
        return services.topics(since=since, until=until, limit=limit)

    @app.get("/v1/stories/{story_id}")
    def story(story_id: str) -> dict[str, Any]:
        """The story: its summary first, then every list in full."""
        return services.story(story_id)

    @app.get("/v1/stories/{story_id}/summary")
    def story_summary(story_id: str) -> dict[str, Any]:
        """What the story page shows first: the summary, the articles, and how long each full list is."""
        s = services.story(story_id)
        return {"id": s["id"], "title": s["title"], "first_seen": s["first_seen"], "last_seen": s["last_seen"],
                "summary": s["summary"], "documents": s["documents"][:STORY_PREVIEW],
                "timeline": s["timeline"][:STORY_PREVIEW], "totals": {k: len(s[k]) for k in STORY_LISTS}}

    @app.get("/v1/stories/{story_id}/{section}")
    def story_list(story_id: str, section: Literal["documents", "events", "quotes", "actors", "disputes", "timeline"],
                   offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(25, ge=1, le=500)
                   ) -> dict[str, Any]:
        """One of the story's full lists, a page at a time."""
        from chronicler.stories.summary import ranked

        rows = ranked(section, services.story(story_id)[section])
        return {"id": story_id, "section": section, "total": len(rows), "offset": offset, "limit": limit,
                "rows": rows[offset:offset + limit]}

    @app.get("/v1/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        with services.store_lock:
            store = services.store()
            result, text = store.document(doc_id), store.text(doc_id)
        if result is None:
            raise HTTPException(404, "no such document")
        return {"text": text, **result}

    static = resources.files("chronicler.api").joinpath("static")
    headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy":
               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'"}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(static.joinpath("index.html").read_text("utf-8"), headers=headers)

    @app.get("/app.js", include_in_schema=False)
    def script() -> Response:
        return Response(static.joinpath("app.js").read_text("utf-8"), media_type="text/javascript",
                        headers=headers)

    from chronicler.api import browse

    browse.mount(app)  # the web UI over the store, and POST /v1/documents
    return app


def serve_environment(db: str, model: str | None, host: str, writable: bool = False) -> dict[str, str]:
    """What ``app_from_environment`` reads in each server process (``chronicler serve --workers N``)."""
    return {"CHRONICLER_SERVE_DB": db, "CHRONICLER_SERVE_HOST": host,
            "CHRONICLER_SERVE_WRITABLE": "1" if writable else "",
            **({"CHRONICLER_MODEL": model} if model else {})}


def app_from_environment() -> FastAPI:
    """The app of one server process among several (uvicorn's factory; see ``serve_environment``)."""
    import os

    app = create_app(db=os.environ.get("CHRONICLER_SERVE_DB"), model=os.environ.get("CHRONICLER_MODEL"),
                     host=os.environ.get("CHRONICLER_SERVE_HOST", "127.0.0.1"),
                     writable=bool(os.environ.get("CHRONICLER_SERVE_WRITABLE")))
    app.state.services.analyzer()  # the pipeline loaded before the first request, in each process
    return app
