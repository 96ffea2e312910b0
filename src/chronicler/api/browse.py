"""The web UI over the store (/ui: events, actors, search, the article reader, stories, alerts) and its JSON
routes, and ingest over HTTP (POST /v1/documents). Mounted by ``create_app``.

Writes go through the app's guard (``chronicler.api.security``): the token in ``$CHRONICLER_API_TOKEN``
(``Authorization: Bearer TOKEN``) whenever one is set, refused beyond loopback without one. Article text is untrusted: the UI
inserts it with textContent only, under a Content-Security-Policy that allows no inline script.
"""
from __future__ import annotations

import threading
from datetime import date
from importlib import resources
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                                      "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"}
ASSETS = {"ui.js": "text/javascript", "ui.css": "text/css", "charts.js": "text/javascript",
          "reader.js": "text/javascript", "stories.js": "text/javascript"}


class DocumentRequest(BaseModel):
    text: str = Field(..., description="the article text (plain text or HTML)", max_length=2_000_000)
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = Field(None, description="where the article came from (kept as its origin)", max_length=2000)


def mount(app: FastAPI) -> None:
    services = app.state.services
    router = APIRouter()
    static = resources.files("chronicler.api").joinpath("static")

    def read(method: str, *args: Any, **kwargs: Any) -> Any:
        with services.store_lock:
            return getattr(services.store(), method)(*args, **kwargs)

    @router.get("/ui", response_class=HTMLResponse, include_in_schema=False)
    def ui_page() -> HTMLResponse:
        return HTMLResponse(static.joinpath("ui.html").read_text("utf-8"), headers=HEADERS)

    @router.get("/ui/{asset}", include_in_schema=False)
    def ui_asset(asset: str) -> Response:
        if asset not in ASSETS:
            raise HTTPException(404, "no such asset")
        return Response(static.joinpath(asset).read_text("utf-8"), media_type=ASSETS[asset],
                        headers={**HEADERS, "Cache-Control": "max-age=300"})

    @router.get("/v1/ui/overview")
    def overview() -> dict[str, Any]:
        return read("overview")

    @router.get("/v1/ui/events")
    def events_page(type: str | None = None, actor: str | None = None, country: str | None = None,
                    since: date | None = None, until: date | None = None, doc: str | None = None,
                    polarity: Literal["asserted", "negated"] | None = None,
                    quad_class: int | None = Query(None, ge=1, le=4), all_events: bool = False,
                    offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=500)
                    ) -> dict[str, Any]:
        return read("events_page", type=type, actor=actor, country=country, since=since, until=until, doc=doc,
                    polarity=polarity, quad_class=quad_class, all_events=all_events, offset=offset, limit=limit)

    @router.get("/v1/ui/actor")
    def actor(name: str = Query(..., min_length=1, max_length=200),
              limit: int = Query(25, ge=1, le=200)) -> dict[str, Any]:
        return read("actor_profile", name, limit=limit)

    @router.get("/v1/ui/search")
    def search(q: str = Query(..., min_length=1, max_length=200), offset: int = Query(0, ge=0, le=10_000_000),
               limit: int = Query(20, ge=1, le=100)) -> dict[str, Any]:
        return read("search", q, offset=offset, limit=limit)

    @router.get("/v1/ui/alerts")
    def alerts(limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
        with services.store_lock:
            store = services.store()
            try:
                return {"rules": store.rules(), "alerts": store.alerts(limit=limit), "feeds": store.feeds(),
                        "failures": store.failures()[:limit]}
            except Exception:  # noqa: BLE001 - a store written before these tables, opened read-only
                return {"rules": [], "alerts": [], "feeds": [], "failures": store.failures()[:limit]}

    @router.post("/v1/documents", status_code=201)
    def add_document(req: DocumentRequest) -> JSONResponse:
        """Analyse one article and store it (once: the same text is not stored twice); the alert rules run
        on it. 201 when stored, 200 when its text was stored already."""
        if not services.writable:
            raise HTTPException(409, "this server opened its store read-only (started with --read-only)")
        from chronicler.alerts import Deliverer, check_document
        from chronicler.sources.readers import article_from_text

        article = article_from_text(req.text, "request", title=req.title, published=req.published,
                                    source=req.source)
        with services.store_lock:
            if services.store().has_document(article.id):
                return JSONResponse({"doc_id": article.id, "added": False}, status_code=200)
        with services.analyze_lock:
            result = services.analyzer().analyze(article).to_dict()
        with services.store_lock:
            store = services.store()
            with store.writing():  # the document and its alerts in one hold of the file
                added = store.add(result, article.text, req.url or f"api:{article.id[:16]}")
                fired = check_document(store, result, Deliverer(store), req.url) if added else 0
        counts = {k: len(result[k]) for k in ("actors", "quotes", "events", "disputes")}
        return JSONResponse({"doc_id": article.id, "added": added, "alerts": fired, **counts},
                            status_code=201 if added else 200)

    def index_in_background() -> None:
        """Bring the search index up to date when the server starts (a store of 19K articles takes seconds
        to index the first time), so that the first search does not wait for it."""
        def run() -> None:
            with services.store_lock:
                try:
                    services.store().index_search()
                except Exception:  # noqa: BLE001 - no store yet, or read-only: search scans instead
                    pass
        if services.writable:
            threading.Thread(target=run, name="chronicler-search-index", daemon=True).start()

    app.router.on_startup.append(index_in_background)
    app.include_router(router)
