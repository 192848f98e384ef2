-- 0004: the task force's secretaries (role 'secretary', Thư ký).
--
-- SQLite cannot change a CHECK constraint, so `membership` is rebuilt following SQLite's
-- generalized ALTER TABLE procedure (https://www.sqlite.org/lang_altertable.html, "Making Other
-- Kinds Of Table Schema Changes"): the caller (store::migrations::apply) turns foreign keys OFF
-- before this transaction, checks them (PRAGMA foreign_key_check) before it commits, and turns
-- them back ON afterwards. Rows keep their ids, so meeting_invitee.membership_id and
-- membership.replaces_id still point at the same seats. Every index of the table is recreated,
-- plus one on replaces_id (used to find a seat's successor).

CREATE TABLE membership_new (
    id                   TEXT PRIMARY KEY NOT NULL,
    body_id              TEXT NOT NULL REFERENCES body(id) ON DELETE RESTRICT,
    role                 TEXT NOT NULL CHECK (role IN ('head', 'deputy_head', 'committee_member', 'leader',
                                                       'deputy_leader', 'member', 'secretary',
                                                       'group_lead', 'group_member')),
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

INSERT INTO membership_new (id, body_id, role, person_id, agency_id, post, start_date, end_date,
    decision_number, decision_date, end_decision_number, end_decision_date, end_reason,
    replaces_id, seat_order, notes, created_at, updated_at)
SELECT id, body_id, role, person_id, agency_id, post, start_date, end_date,
    decision_number, decision_date, end_decision_number, end_decision_date, end_reason,
    replaces_id, seat_order, notes, created_at, updated_at
FROM membership;

DROP TABLE membership;
ALTER TABLE membership_new RENAME TO membership;

CREATE INDEX membership_body ON membership(body_id, start_date);
CREATE INDEX membership_person ON membership(person_id);
CREATE INDEX membership_agency ON membership(agency_id);
CREATE INDEX membership_replaces ON membership(replaces_id);
