-- 0017: files (hồ sơ) of the yearly file list (Danh mục hồ sơ) and what is filed in them.
--
-- `archive_file`: one file of a year's list: its code ("01.TCT", unique in the year), title,
-- retention period, keeper. A closed file (`closed_on`) takes no new items; reopening it
-- clears `closed_on` and keeps the reason (the audit trail records both changes).
-- `handed_over_on`: the day its handover package (nộp lưu) was made.
CREATE TABLE archive_file (
    id                TEXT PRIMARY KEY NOT NULL,
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    code              TEXT NOT NULL CHECK (length(trim(code)) > 0),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    retention         TEXT NOT NULL CHECK (retention IN ('years_5', 'years_10', 'years_20', 'years_30',
                                                         'years_50', 'years_70', 'permanent')),
    -- The keeper (người lập hồ sơ): a person of the roster, or a name typed in; the name is
    -- always kept, as written on the day.
    keeper_person_id  TEXT REFERENCES person(id) ON DELETE RESTRICT,
    keeper_name       TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    closed_on         TEXT,
    reopen_reason     TEXT NOT NULL DEFAULT '',
    handed_over_on    TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX archive_file_code ON archive_file(year, code);
CREATE INDEX archive_file_keeper ON archive_file(keeper_person_id);

-- What is filed: a link to an issued document, an incoming document or a meeting, never a
-- copy. One record may be in several files, once in each (NULLs are distinct in a unique index). The ordinal of an item is not
-- stored: it is its rank in the file by date (see archive/store.rs).
CREATE TABLE archive_item (
    id           TEXT PRIMARY KEY NOT NULL,
    file_id      TEXT NOT NULL REFERENCES archive_file(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('document', 'incoming', 'meeting')),
    document_id  TEXT REFERENCES document(id) ON DELETE RESTRICT,
    incoming_id  TEXT REFERENCES incoming_document(id) ON DELETE RESTRICT,
    meeting_id   TEXT REFERENCES meeting(id) ON DELETE RESTRICT,
    filed_at     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((kind = 'document') = (document_id IS NOT NULL)
       AND (kind = 'incoming') = (incoming_id IS NOT NULL)
       AND (kind = 'meeting') = (meeting_id IS NOT NULL))
);
CREATE UNIQUE INDEX archive_item_document ON archive_item(document_id, file_id);
CREATE UNIQUE INDEX archive_item_incoming ON archive_item(incoming_id, file_id);
CREATE UNIQUE INDEX archive_item_meeting ON archive_item(meeting_id, file_id);
CREATE INDEX archive_item_file ON archive_item(file_id);
