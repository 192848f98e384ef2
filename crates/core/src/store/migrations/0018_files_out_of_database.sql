-- 0018: the database holds references, not blobs (see filestore/refs.rs).
--
-- An issued PDF and the PDF as issued before its first signature are kept in the file store
-- (`files/sha256/…`) and named here by their SHA-256 (`pdf_file`, `pdf_unsigned_file`).
-- The BLOB columns `pdf` and `pdf_unsigned` stay, no longer written: `pdf` is named by the
-- CHECK of 0002 (an issued row needs `pdf IS NOT NULL`), which only a rebuild of the whole
-- table could change; so an issued row whose PDF is in the store holds an empty BLOB (X'')
-- there, and `pdf_unsigned` is NULL. A database from before this migration has its BLOBs
-- moved out by the step that runs after the migrations (filestore::refs::move_out), which
-- sets the reference and then empties the BLOB, one document at a time. While a row still
-- holds a non-empty BLOB (the step interrupted), readers use it.
ALTER TABLE document ADD COLUMN pdf_file TEXT REFERENCES stored_file(sha256) ON DELETE RESTRICT;
ALTER TABLE document ADD COLUMN pdf_unsigned_file TEXT REFERENCES stored_file(sha256) ON DELETE RESTRICT;
CREATE INDEX document_pdf_file ON document(pdf_file);
CREATE INDEX document_pdf_unsigned_file ON document(pdf_unsigned_file);
-- The rows the move step still has to do: found without scanning the table at every start.
CREATE INDEX document_pdf_inline ON document(id) WHERE length(pdf) > 0 OR pdf_unsigned IS NOT NULL;

-- Agenda files and progress files also go to the store: their `stored_path` becomes
-- `files/sha256/<ab>/<hash>` (the move step moves older files from files/<meeting>/… and
-- files/tasks/<task>/…). Which records name a stored file:
CREATE INDEX agenda_file_sha256 ON agenda_file(sha256);
CREATE INDEX task_progress_sha256 ON task_progress(sha256) WHERE sha256 IS NOT NULL;
