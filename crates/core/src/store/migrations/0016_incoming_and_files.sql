-- 0016: the file store and the incoming register (sổ đăng ký văn bản đến).
--
-- `stored_file`: every file taken into the data folder, kept once under its SHA-256
-- (`files/sha256/<first two hex digits>/<hash>`, see filestore/). The bytes are never
-- changed; the name a file had outside is not part of it: each reference carries its own.
CREATE TABLE stored_file (
    sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size        INTEGER NOT NULL CHECK (size > 0),
    -- 'pdf', 'docx', 'xlsx', 'doc', 'xls', 'png', 'jpeg', 'tiff': what its first bytes are.
    kind        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- One row per received document. `incoming_number` runs from 1 each year (of the day it was
-- received) and is given inside the transaction that saves the row; the unique index makes a
-- duplicate impossible even if two windows save at once.
CREATE TABLE incoming_document (
    id                  TEXT PRIMARY KEY NOT NULL,
    year                INTEGER NOT NULL,
    incoming_number     INTEGER NOT NULL CHECK (incoming_number > 0),
    received_on         TEXT NOT NULL,
    -- The sender: an agency of the roster, or only a name typed in (always kept, as written
    -- on the day, so the register reads the same after a rename).
    sender_agency_id    TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    sender_name         TEXT NOT NULL CHECK (length(trim(sender_name)) > 0),
    number_symbol       TEXT NOT NULL DEFAULT '',
    document_date       TEXT,
    -- The decree's type name as a label ("Công văn", "Quyết định", …).
    type_name           TEXT NOT NULL DEFAULT '',
    subject             TEXT NOT NULL CHECK (length(trim(subject)) > 0),
    urgency             TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'very_urgent', 'flash')),
    handling_agency_id  TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    handler_person_id   TEXT REFERENCES person(id) ON DELETE RESTRICT,
    passed_on           TEXT,
    due_date            TEXT,
    -- The follow-up task its due date created.
    task_id             TEXT REFERENCES task(id) ON DELETE SET NULL,
    file_sha256         TEXT REFERENCES stored_file(sha256) ON DELETE RESTRICT,
    file_name           TEXT,
    notes               TEXT NOT NULL DEFAULT '',
    -- Folded number and symbol + sender, for the duplicate warning.
    duplicate_key       TEXT NOT NULL DEFAULT '',
    -- Folded (no diacritics, lower case) sender, number, type and subject for the text filter.
    search_text         TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((file_sha256 IS NULL) = (file_name IS NULL))
);
CREATE UNIQUE INDEX incoming_number ON incoming_document(year, incoming_number);
-- The last incoming number given in each year, so that the number of a document deleted as
-- registered by mistake is never given to another one.
CREATE TABLE incoming_number_counter (
    year         INTEGER PRIMARY KEY NOT NULL,
    last_number  INTEGER NOT NULL CHECK (last_number > 0)
);
CREATE INDEX incoming_sender ON incoming_document(sender_agency_id, year, incoming_number);
CREATE INDEX incoming_handling_agency ON incoming_document(handling_agency_id);
CREATE INDEX incoming_handler_person ON incoming_document(handler_person_id);
CREATE INDEX incoming_task ON incoming_document(task_id);
CREATE INDEX incoming_file ON incoming_document(file_sha256);
CREATE INDEX incoming_duplicate ON incoming_document(duplicate_key) WHERE duplicate_key <> '';

