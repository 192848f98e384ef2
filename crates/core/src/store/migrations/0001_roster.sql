-- 0001: agencies with their name history, people, bodies, memberships, search index.
-- Ids are UUID v7 text; timestamps RFC 3339 UTC; dates ISO yyyy-mm-dd.
-- References use ON DELETE RESTRICT: a record others refer to is never silently deleted.

CREATE TABLE agency (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('department', 'board', 'sector', 'locality', 'other')),
    sort_order      INTEGER NOT NULL DEFAULT 0,
    merged_into_id  TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    merged_on       TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((merged_into_id IS NULL) = (merged_on IS NULL)),
    CHECK (merged_into_id IS NULL OR merged_into_id <> id)
);

-- One row per name an agency has had; the name valid at date D is the row with the greatest
-- valid_from <= D (NULL valid_from = since the beginning).
CREATE TABLE agency_name (
    id          TEXT PRIMARY KEY NOT NULL,
    agency_id   TEXT NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
    full_name   TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    short_name  TEXT NOT NULL DEFAULT '',
    valid_from  TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (agency_id, valid_from)
);
CREATE INDEX agency_name_agency ON agency_name(agency_id, valid_from);

CREATE TABLE person (
    id          TEXT PRIMARY KEY NOT NULL,
    full_name   TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    honorific   TEXT NOT NULL CHECK (honorific IN ('ong', 'ba', 'none')),
    post        TEXT NOT NULL DEFAULT '',
    agency_id   TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX person_agency ON person(agency_id);

CREATE TABLE body (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('steering_committee', 'task_force', 'work_group')),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    short_name      TEXT NOT NULL DEFAULT '',
    parent_id       TEXT REFERENCES body(id) ON DELETE RESTRICT,
    host_agency_id  TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- A seat in a body from start_date (inclusive) to end_date (exclusive: the first day the
-- holder no longer sits). A seat may name a person, only an agency ("chưa cử người"), or
-- neither (a seat the decision created without naming anyone).
CREATE TABLE membership (
    id                   TEXT PRIMARY KEY NOT NULL,
    body_id              TEXT NOT NULL REFERENCES body(id) ON DELETE RESTRICT,
    role                 TEXT NOT NULL CHECK (role IN ('head', 'deputy_head', 'committee_member', 'leader',
                                                       'deputy_leader', 'member', 'group_lead', 'group_member')),
    person_id            TEXT REFERENCES person(id) ON DELETE RESTRICT,
    agency_id            TEXT REFERENCES agency(id) ON DELETE RESTRICT,
    post                 TEXT NOT NULL DEFAULT '',
    start_date           TEXT NOT NULL,
    end_date             TEXT,
    decision_number      TEXT NOT NULL DEFAULT '',
    decision_date        TEXT,
    end_decision_number  TEXT NOT NULL DEFAULT '',
    end_decision_date    TEXT,
    end_reason           TEXT NOT NULL DEFAULT '',
    replaces_id          TEXT REFERENCES membership(id) ON DELETE RESTRICT,
    seat_order           INTEGER NOT NULL DEFAULT 0,
    notes                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (end_date IS NULL OR end_date > start_date)
);
CREATE INDEX membership_body ON membership(body_id, start_date);
CREATE INDEX membership_person ON membership(person_id);
CREATE INDEX membership_agency ON membership(agency_id);

-- Full-text index over folded text (lower case, no diacritics, đ→d) so that "vo trong phu"
-- finds "Võ Trọng Phú". Display columns are stored unindexed beside the terms.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    entity_id UNINDEXED,
    title UNINDEXED,
    subtitle UNINDEXED,
    title_terms,
    detail_terms,
    tokenize = "unicode61 remove_diacritics 2"
);
