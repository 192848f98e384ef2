-- 0008: the audit trail (nhật ký). One row per change: when, who (the workstation's user),
-- what (action, table, record) and the values before and after. Rows are written by triggers
-- that `audit::install_triggers` generates from every audited table's columns after each
-- migration, so no code path can change a record without leaving a row, and by the app for
-- acts that change no row (export, print, backup, restore). The log cannot be changed.

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,   -- increasing: the order things happened in
    at         TEXT NOT NULL,         -- RFC 3339, UTC, milliseconds
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,         -- create | update | delete | issue | recall | export | print | backup | restore
    entity     TEXT NOT NULL,         -- the table (person, document, …) or 'data' for the whole record set
    entity_id  TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    before     TEXT,                  -- JSON object of the audited columns, NULL on create
    after      TEXT                   -- JSON object of the audited columns, NULL on delete
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE INDEX audit_log_user ON audit_log(user, at);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Nhật ký không sửa được.'); END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Nhật ký không xóa được.'); END;

-- Who is writing: set by the app at the start of each write transaction, read by the triggers.
CREATE TABLE audit_session (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    user  TEXT NOT NULL
);
INSERT INTO audit_session (id, user) VALUES (1, '');
