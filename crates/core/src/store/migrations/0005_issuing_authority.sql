-- 0005: which body issued a document, and whether its number was given by another register.

-- The issuing body's id in the document settings (IssuingAuthority::id); NULL for documents
-- issued before bodies were recorded (their issuer JSON and issuer_symbol say who issued them).
ALTER TABLE document ADD COLUMN authority_id TEXT;
-- 1: the number was typed in at issue from another body's register (e.g. the host
-- department's văn thư); such a number sits in its own series 'external:<number_symbol>' and
-- the unique index on (issuer_symbol, year, number_symbol) still refuses a duplicate.
ALTER TABLE document ADD COLUMN external INTEGER NOT NULL DEFAULT 0;
