-- 0006: a meeting's form (phiên họp, cuộc họp, hội nghị, buổi làm việc) kept apart from its
-- subject, so that documents compose "Phiên họp Ban Chỉ đạo …" / "tại cuộc họp Tổ Công tác …"
-- without doubled words; conclusions' deadlines as written (a date, a period's end, a
-- recurring report, or "thường xuyên").

ALTER TABLE meeting ADD COLUMN form TEXT NOT NULL DEFAULT 'meeting'
    CHECK (form IN ('session', 'meeting', 'conference', 'working_session'));
-- What the meeting is, without the form word. `title` stays, written as form + subject, for
-- lists and searches.
ALTER TABLE meeting ADD COLUMN subject TEXT NOT NULL DEFAULT '';

-- Existing rows: the form and subject derived from the title. Titles are stored NFC and
-- trimmed; LIKE ignores the case of the first (ASCII) letter. Lengths are in characters.
UPDATE meeting SET
    form = CASE
        WHEN title LIKE 'Phiên họp %' THEN 'session'
        WHEN title LIKE 'Hội nghị %' THEN 'conference'
        WHEN title LIKE 'Buổi làm việc %' THEN 'working_session'
        ELSE 'meeting'
    END,
    subject = CASE
        WHEN title LIKE 'Phiên họp %' THEN substr(title, 11)
        WHEN title LIKE 'Hội nghị %' THEN substr(title, 10)
        WHEN title LIKE 'Buổi làm việc %' THEN substr(title, 15)
        WHEN title LIKE 'Cuộc họp %' THEN substr(title, 10)
        WHEN title LIKE 'Họp %' THEN substr(title, 5)
        ELSE title
    END;
UPDATE meeting SET title = CASE form
        WHEN 'session' THEN 'Phiên họp '
        WHEN 'conference' THEN 'Hội nghị '
        WHEN 'working_session' THEN 'Buổi làm việc '
        ELSE 'Cuộc họp '
    END || subject
    WHERE length(trim(subject)) > 0;

-- The deadline as written, JSON of `deadline::Deadline`, e.g.
-- {"kind":"period","period":{"unit":"quarter","year":2024,"quarter":4}}; NULL: none written.
-- The old columns stay, kept in step for queries: `deadline` is the date a one-off deadline
-- stands for (a period's last day), `recurrence` how often a recurring report is due.
ALTER TABLE conclusion ADD COLUMN deadline_spec TEXT CHECK (deadline_spec IS NULL OR json_valid(deadline_spec));
UPDATE conclusion SET deadline_spec = CASE
        WHEN recurrence IS NOT NULL THEN json_object('kind', 'recurring', 'every', recurrence)
        WHEN deadline IS NOT NULL THEN json_object('kind', 'date', 'date', deadline)
        ELSE NULL
    END;
