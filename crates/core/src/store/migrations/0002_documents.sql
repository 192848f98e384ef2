-- 0002: settings, documents with their revisions, numbering.

-- Small typed settings stored as JSON values (issuer, numbering mode, margins).
CREATE TABLE setting (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A document: a draft (editable), then issued (numbered, PDF stored, frozen), possibly recalled.
CREATE TABLE document (
    id              TEXT PRIMARY KEY NOT NULL,
    doc_type        TEXT NOT NULL CHECK (doc_type IN ('announcement', 'minutes', 'invitation', 'report', 'plan',
                                                      'programme', 'submission', 'decision', 'official_letter')),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'recalled')),
    content         TEXT NOT NULL,          -- DocumentContent as JSON
    subject         TEXT NOT NULL,          -- copied from content, for lists and search
    issuer          TEXT,                   -- Issuer as JSON, frozen at issue
    issuer_symbol   TEXT,                   -- e.g. BCĐCĐS
    series          TEXT,                   -- 'all' or the type code, per the numbering setting
    year            INTEGER,
    number          INTEGER,
    number_symbol   TEXT,                   -- "05/TB-BCĐCĐS"
    issued_on       TEXT,                   -- the document's date
    issued_at       TEXT,                   -- when it was issued in the app
    pdf             BLOB,
    pdf_sha256      TEXT,
    page_count      INTEGER,
    recalled_at     TEXT,
    recall_reason   TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (status = 'draft' OR (number IS NOT NULL AND pdf IS NOT NULL AND pdf_sha256 IS NOT NULL))
);
-- A number is given once per issuer, series and year; the printed number + symbol is unique too.
CREATE UNIQUE INDEX document_number ON document(issuer_symbol, series, year, number) WHERE number IS NOT NULL;
CREATE UNIQUE INDEX document_number_symbol ON document(issuer_symbol, year, number_symbol) WHERE number_symbol IS NOT NULL;
CREATE INDEX document_listing ON document(status, year, doc_type);

-- Earlier versions of a draft's content. Saves within a few minutes of each other update the
-- newest revision instead of adding one, so typing does not flood the history.
CREATE TABLE document_revision (
    id           TEXT PRIMARY KEY NOT NULL,
    document_id  TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    content      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX document_revision_document ON document_revision(document_id, created_at);
