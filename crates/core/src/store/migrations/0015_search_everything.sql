-- 0015: one search over everything — people, agencies, bodies, meetings (with their agenda,
-- notes and conclusions), documents (metadata and body text) and follow-up tasks (with what
-- the agencies reported).
--
-- The index gains a `facets` column: indexed tokens that filters match on ("kinddocument",
-- "y2024", "typedecision", "statusissued"), so a filter narrows the full-text match inside
-- FTS5 instead of after it. The table is rebuilt (a virtual table cannot gain a column) and
-- every record is queued to be indexed again.
--
-- `search_index_pending` is the queue of records whose entry is stale. Triggers (installed by
-- the app, see search/index.rs) add a row whenever a document, meeting, agenda item,
-- conclusion, task or its progress changes; the app indexes the queued records inside the
-- same transaction before it commits, so the index never disagrees with what was saved.
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    entity_id UNINDEXED,
    title UNINDEXED,
    subtitle UNINDEXED,
    year UNINDEXED,
    facets,
    title_terms,
    detail_terms,
    tokenize = "unicode61 remove_diacritics 2"
);

-- Which row of the index holds which record. FTS5 cannot index its own UNINDEXED columns, so
-- finding a record's entry by kind and id would read the whole index: at ten years of
-- records every save would cost more. The entry is found by its rowid instead.
CREATE TABLE search_index_key (
    kind       TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    fts_rowid  INTEGER NOT NULL,
    PRIMARY KEY (kind, entity_id)
) WITHOUT ROWID;

CREATE TABLE search_index_pending (
    kind       TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    PRIMARY KEY (kind, entity_id)
) WITHOUT ROWID;

INSERT INTO search_index_pending (kind, entity_id)
    SELECT 'person', id FROM person
    UNION ALL SELECT 'agency', id FROM agency
    UNION ALL SELECT 'body', id FROM body
    UNION ALL SELECT 'meeting', id FROM meeting
    UNION ALL SELECT 'document', id FROM document
    UNION ALL SELECT 'task', id FROM task;
