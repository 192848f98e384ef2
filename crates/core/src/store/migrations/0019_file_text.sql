-- 0019: the text inside attached files, for search (see search/files.rs).
--
-- One row per stored file whose text is to be read: PDFs (their text layer) and DOCX files
-- attached to a received document, an agenda item or a progress report (issued PDFs are not:
-- their text is the document's own content, indexed already). Extraction runs in the
-- background: a row is 'pending' until a worker reads the file, then 'done' (with its text,
-- possibly empty: a scan has no text layer) or 'failed' (with why). The text is indexed under
-- the records that refer to the file.
CREATE TABLE file_text (
    sha256      TEXT PRIMARY KEY NOT NULL REFERENCES stored_file(sha256) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('pdf', 'docx')),
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    text        TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
CREATE INDEX file_text_pending ON file_text(sha256) WHERE status = 'pending';

-- Files already attached wait for their first reading.
INSERT INTO file_text (sha256, kind, status, updated_at)
SELECT f.sha256, f.kind, 'pending', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM stored_file f
WHERE f.kind IN ('pdf', 'docx')
  AND (f.sha256 IN (SELECT file_sha256 FROM incoming_document WHERE file_sha256 IS NOT NULL)
       OR f.sha256 IN (SELECT sha256 FROM agenda_file)
       OR f.sha256 IN (SELECT sha256 FROM task_progress WHERE sha256 IS NOT NULL));
