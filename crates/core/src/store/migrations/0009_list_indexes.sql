-- 0009: lists that stay fast for ten years of records.
--
-- The documents list is filtered by year and shown newest first. Filtering on
-- `coalesce(year, substr(...))` could not use an index, so every list read the whole table.
-- `list_date` is the day a document is listed under, kept by the app on create, save and
-- issue: the date of an issued document (its `issued_on`, whose year is its numbering `year`),
-- else the date written in the draft, else the day the draft was created. One column serves
-- both the year filter (a range `list_date >= 'YYYY-01-01' AND list_date < 'YYYY+1-01-01'`)
-- and the order (newest first) from the same index, so a page of a year is read from the
-- index alone. `year` keeps its single meaning — the year a number was given in — and stays
-- NULL for drafts, so the numbering indexes and checks are not touched.
ALTER TABLE document ADD COLUMN list_date TEXT NOT NULL DEFAULT '';
UPDATE document SET list_date = coalesce(
    issued_on,
    CASE WHEN json_valid(content) THEN
        CASE WHEN json_type(content, '$.date') = 'text'
                  AND json_extract(content, '$.date') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
             THEN json_extract(content, '$.date') END
    END,
    substr(created_at, 1, 10));

-- The list's order (newest first; within a day by number, then by creation) under each
-- filter: all, by status, by type.
CREATE INDEX document_list ON document(list_date, number, created_at);
CREATE INDEX document_list_status ON document(status, list_date, number, created_at);
CREATE INDEX document_list_type ON document(doc_type, list_date, number, created_at);
-- Was a number given to any series of this issuer and year (one series for every type).
CREATE INDEX document_number_any ON document(issuer_symbol, year, number) WHERE number IS NOT NULL;

-- Every foreign key column gets an index: deleting or checking a referenced row looks the
-- references up instead of scanning the referencing table, and the pages that list
-- "everything of this person / agency / meeting" read only their rows.
CREATE INDEX agency_merged_into ON agency(merged_into_id);
CREATE INDEX body_parent ON body(parent_id);
CREATE INDEX body_host_agency ON body(host_agency_id);
CREATE INDEX meeting_body ON meeting(body_id, planned_start);
CREATE INDEX meeting_chair ON meeting(chair_person_id);
CREATE INDEX meeting_secretary ON meeting(secretary_person_id);
CREATE INDEX meeting_invitee_membership ON meeting_invitee(membership_id);
CREATE INDEX meeting_invitee_person ON meeting_invitee(person_id);
CREATE INDEX meeting_invitee_agency ON meeting_invitee(agency_id);
CREATE INDEX agenda_item_presenter_person ON agenda_item(presenter_person_id);
CREATE INDEX agenda_item_presenter_agency ON agenda_item(presenter_agency_id);
CREATE INDEX agenda_file_item ON agenda_file(agenda_item_id);
CREATE INDEX conclusion_lead_agency ON conclusion(lead_agency_id);
CREATE INDEX meeting_document_document ON meeting_document(document_id);
