-- 0010: follow-up (theo dõi, đôn đốc nhiệm vụ): tasks with their source, lead and coordinating
-- agencies, deadline as written, extensions, progress reports, the chasing letters that named
-- them, and the items of an annual work plan that become tasks when the plan is issued.
-- A task's status is never stored: it is derived from dates and progress as of a date.

CREATE TABLE task (
    id                       TEXT PRIMARY KEY NOT NULL,
    -- 'conclusion': a meeting's conclusion, from its issued Thông báo kết luận;
    -- 'document': an item of a directive or plan document; 'manual': typed by hand.
    source_kind              TEXT NOT NULL CHECK (source_kind IN ('conclusion', 'document', 'manual')),
    source_document_id       TEXT REFERENCES document(id) ON DELETE RESTRICT,
    meeting_id               TEXT REFERENCES meeting(id) ON DELETE SET NULL,
    conclusion_id            TEXT REFERENCES conclusion(id) ON DELETE SET NULL,
    plan_item_id             TEXT,
    -- The source as cited: "05/TB-BCĐCĐS", its date, who directed, what it is.
    source_number            TEXT NOT NULL DEFAULT '',
    source_date              TEXT,
    source_directed_by       TEXT NOT NULL DEFAULT '',
    source_title             TEXT NOT NULL DEFAULT '',
    position                 INTEGER NOT NULL DEFAULT 0,
    content                  TEXT NOT NULL CHECK (length(trim(content)) > 0),
    -- Exactly one lead; NULL only for a conclusion that named none.
    lead_agency_id           TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    coordinating_agency_ids  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(coordinating_agency_ids)),
    -- The deadline as first given (JSON of deadline::Deadline); NULL: none written.
    deadline_spec            TEXT CHECK (deadline_spec IS NULL OR json_valid(deadline_spec)),
    -- The date the deadline in force stands for (after the latest extension), for filters.
    due_date                 TEXT,
    priority                 TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high', 'urgent')),
    -- The day the task was given (the source's date): as of an earlier day it does not exist.
    assigned_on              TEXT NOT NULL,
    -- Folded (no diacritics, lower case) content, source and agency names for the text filter.
    search_text              TEXT NOT NULL DEFAULT '',
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
-- One task per conclusion and per plan item, however often its document is issued again.
-- (NULLs are distinct in a UNIQUE index: tasks from elsewhere have none.)
CREATE UNIQUE INDEX task_conclusion ON task(conclusion_id);
CREATE UNIQUE INDEX task_plan_item ON task(plan_item_id) WHERE plan_item_id IS NOT NULL;
CREATE INDEX task_lead_agency ON task(lead_agency_id, due_date);
CREATE INDEX task_source_document ON task(source_document_id, position);
CREATE INDEX task_meeting ON task(meeting_id, position);
CREATE INDEX task_source_kind ON task(source_kind, due_date);
CREATE INDEX task_due ON task(due_date);
CREATE INDEX task_assigned ON task(assigned_on);

-- Extensions (gia hạn): the original deadline stays on the task; each extension names the
-- decision that granted it.
CREATE TABLE task_extension (
    id             TEXT PRIMARY KEY NOT NULL,
    task_id        TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    deadline_spec  TEXT NOT NULL CHECK (json_valid(deadline_spec)),
    due_date       TEXT,
    decided_on     TEXT NOT NULL,
    decision       TEXT NOT NULL DEFAULT '',   -- "125/UBND-KT", the document that extended it
    reason         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX task_extension_task ON task_extension(task_id, decided_on);

-- What the agency reported, and whether it completes the task (or, for a recurring report,
-- the period due on `occurrence_due`).
CREATE TABLE task_progress (
    id              TEXT PRIMARY KEY NOT NULL,
    task_id         TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    reported_on     TEXT NOT NULL,
    text            TEXT NOT NULL DEFAULT '',
    report_number   TEXT NOT NULL DEFAULT '',
    completes       INTEGER NOT NULL DEFAULT 0 CHECK (completes IN (0, 1)),
    occurrence_due  TEXT,
    file_name       TEXT,
    stored_path     TEXT,
    size            INTEGER,
    sha256          TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX task_progress_task ON task_progress(task_id, reported_on);

-- The chasing letters (công văn đôn đốc) that named a task; number and date are the letter's
-- once issued.
CREATE TABLE task_letter (
    task_id      TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    document_id  TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, document_id)
);
CREATE INDEX task_letter_document ON task_letter(document_id);

-- Items of an annual work plan (Kế hoạch công tác năm) drafted as a Kế hoạch: each becomes a
-- task when the plan is issued.
CREATE TABLE plan_item (
    id                       TEXT PRIMARY KEY NOT NULL,
    document_id              TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    position                 INTEGER NOT NULL,
    content                  TEXT NOT NULL CHECK (length(trim(content)) > 0),
    lead_agency_id           TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    coordinating_agency_ids  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(coordinating_agency_ids)),
    deadline_spec            TEXT CHECK (deadline_spec IS NULL OR json_valid(deadline_spec)),
    created_at               TEXT NOT NULL
);
CREATE INDEX plan_item_document ON plan_item(document_id, position);
CREATE INDEX plan_item_lead_agency ON plan_item(lead_agency_id);
