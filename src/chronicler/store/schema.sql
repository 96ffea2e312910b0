-- chronicler store, schema version 1. One row per document; its records in child tables.
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,            -- sha256 of the text
    title VARCHAR, published DATE, source VARCHAR, dateline VARCHAR, language VARCHAR,
    origin VARCHAR,                    -- where it was read from (path, path:line, path#index)
    ingested_at TIMESTAMP,
    text VARCHAR,                      -- the exact text every offset indexes
    result JSON                        -- the full "chronicler/1" contract
);
CREATE TABLE IF NOT EXISTS actors (
    doc_id VARCHAR, id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
    code VARCHAR, title VARCHAR, mentions INTEGER,
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR, id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, kind VARCHAR,
    speaker_actor VARCHAR, speaker_name VARCHAR, cue VARCHAR, date DATE, date_text VARCHAR,
    attribution VARCHAR,               -- speech | question | topic | belief | intent | evidence | stance
    PRIMARY KEY (doc_id, id)
);
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS attribution VARCHAR;  -- stores written before the column
CREATE TABLE IF NOT EXISTS events (
    doc_id VARCHAR, id VARCHAR, type VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE PRECISION,
    polarity VARCHAR, modality VARCHAR,
    source_actor VARCHAR, source_name VARCHAR, source_country VARCHAR, source_code VARCHAR,
    target_actor VARCHAR, target_name VARCHAR, target_country VARCHAR, target_code VARCHAR,
    date DATE, date_text VARCHAR, location VARCHAR, location_country VARCHAR, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    evidence_start INTEGER, evidence_end INTEGER, evidence VARCHAR, quote_id VARCHAR, confidence DOUBLE PRECISION,
    PRIMARY KEY (doc_id, id)
);
-- the confidence the analysis kept events at (NULL: every candidate was kept, or the rules alone ran); queries
-- show the events at or above it unless asked for all
ALTER TABLE events ADD COLUMN IF NOT EXISTS threshold DOUBLE PRECISION;
CREATE TABLE IF NOT EXISTS disputes (
    doc_id VARCHAR, id VARCHAR, claim VARCHAR, counter VARCHAR, summary VARCHAR,
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS failures (
    origin VARCHAR PRIMARY KEY, reason VARCHAR, failed_at TIMESTAMP
);
-- stories (chronicler/stories/): articles of one developing story, placed online at ingest
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, seq INTEGER, title VARCHAR, first_seen DATE, last_seen DATE,
    num_documents INTEGER, merged_into VARCHAR,  -- set when another story absorbed this one (older stores)
    state JSON                                   -- the running term sum the clusterer compares with
);
CREATE TABLE IF NOT EXISTS story_documents (
    doc_id VARCHAR PRIMARY KEY, story_id VARCHAR, record_id VARCHAR, seq INTEGER, score DOUBLE PRECISION,
    vector JSON                        -- the article's term vectors and date: new articles are compared with them
);
CREATE TABLE IF NOT EXISTS story_actors (
    story_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, code VARCHAR,
    aliases VARCHAR, documents INTEGER, mentions INTEGER,
    PRIMARY KEY (story_id, actor_id)
);
-- watch (chronicler watch): feeds followed, items seen once by URL; alerts (chronicler alerts): rules and what fired
CREATE TABLE IF NOT EXISTS feeds (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, checked_at TIMESTAMP,
    status INTEGER, error VARCHAR, items INTEGER
);
CREATE TABLE IF NOT EXISTS feed_items (
    url VARCHAR PRIMARY KEY, feed VARCHAR, doc_id VARCHAR, title VARCHAR, seen_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS alert_rules (
    id VARCHAR PRIMARY KEY, rule JSON, deliver VARCHAR, created_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS alerts (
    rule_id VARCHAR, doc_id VARCHAR, record_id VARCHAR, kind VARCHAR, fired_at TIMESTAMP, alert JSON,
    PRIMARY KEY (rule_id, doc_id, record_id)
);
-- full-text search over articles (the web UI): each document's distinct lower-case words, filled by the store
-- when a search finds documents not yet indexed (Store.index_search), in term order: a term's rows are read
-- from the few row groups that hold it (DuckDB's zone maps; PostgreSQL gets an index on term)
CREATE TABLE IF NOT EXISTS search_terms (term VARCHAR, doc_id VARCHAR);
CREATE TABLE IF NOT EXISTS search_docs (doc_id VARCHAR PRIMARY KEY);
