-- 0003: meetings — record, invitees and attendance, agenda with files, conclusions, and the
-- documents generated from a meeting.

CREATE TABLE meeting (
    id                   TEXT PRIMARY KEY NOT NULL,
    body_id              TEXT NOT NULL REFERENCES body(id) ON DELETE RESTRICT,
    kind                 TEXT NOT NULL CHECK (kind IN ('regular', 'ad_hoc', 'interim_review', 'final_review')),
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    planned_start        TEXT NOT NULL,          -- local date-time, "2024-09-05T14:00"
    planned_end          TEXT,
    actual_start         TEXT,
    actual_end           TEXT,
    place                TEXT NOT NULL DEFAULT '',
    chair_person_id      TEXT REFERENCES person(id) ON DELETE RESTRICT,
    chair_title          TEXT NOT NULL DEFAULT '', -- e.g. "Tổ trưởng Tổ Công tác"
    secretary_person_id  TEXT REFERENCES person(id) ON DELETE RESTRICT,
    notes                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX meeting_when ON meeting(planned_start);

-- Who is invited: a roster member (person and/or agency seat) or a guest. Name, post and agency
-- are copied at invitation so the record reads as it was on the day.
CREATE TABLE meeting_invitee (
    id               TEXT PRIMARY KEY NOT NULL,
    meeting_id       TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    membership_id    TEXT REFERENCES membership(id) ON DELETE RESTRICT,
    person_id        TEXT REFERENCES person(id) ON DELETE RESTRICT,
    agency_id        TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    name             TEXT NOT NULL DEFAULT '',
    post             TEXT NOT NULL DEFAULT '',
    agency_name      TEXT NOT NULL DEFAULT '',
    guest            INTEGER NOT NULL DEFAULT 0,
    attendance       TEXT NOT NULL DEFAULT 'unknown'
                     CHECK (attendance IN ('unknown', 'present', 'absent_excused', 'absent', 'substitute')),
    absence_reason   TEXT NOT NULL DEFAULT '',
    substitute_name  TEXT NOT NULL DEFAULT '',
    substitute_post  TEXT NOT NULL DEFAULT '',
    sort_order       INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (attendance <> 'substitute' OR length(trim(substitute_name)) > 0),
    UNIQUE (meeting_id, membership_id)
);
CREATE INDEX meeting_invitee_meeting ON meeting_invitee(meeting_id, sort_order);

CREATE TABLE agenda_item (
    id                   TEXT PRIMARY KEY NOT NULL,
    meeting_id           TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    presenter_person_id  TEXT REFERENCES person(id) ON DELETE RESTRICT,
    presenter_agency_id  TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    presenter_text       TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);

-- Files attached to an agenda item, copied into the data folder (files/<meeting id>/…).
CREATE TABLE agenda_file (
    id              TEXT PRIMARY KEY NOT NULL,
    agenda_item_id  TEXT NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    file_name       TEXT NOT NULL,
    stored_path     TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- Conclusions and directives, each its own record so that follow-up can track it.
CREATE TABLE conclusion (
    id                       TEXT PRIMARY KEY NOT NULL,
    meeting_id               TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position                 INTEGER NOT NULL,
    text                     TEXT NOT NULL CHECK (length(trim(text)) > 0),
    lead_agency_id           TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    coordinating_agency_ids  TEXT NOT NULL DEFAULT '[]',
    deadline                 TEXT,
    recurrence               TEXT CHECK (recurrence IS NULL OR recurrence IN ('monthly', 'quarterly', 'yearly')),
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
CREATE INDEX conclusion_meeting ON conclusion(meeting_id, position);

-- The drafts generated from a meeting, with the content as generated, so that regenerating
-- can tell whether the secretary has edited the draft since.
CREATE TABLE meeting_document (
    meeting_id   TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('invitation', 'minutes', 'conclusions')),
    document_id  TEXT NOT NULL REFERENCES document(id) ON DELETE RESTRICT,
    generated    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, role)
);
