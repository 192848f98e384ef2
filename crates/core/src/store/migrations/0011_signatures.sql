-- 0011: digital signatures (ký số), see crates/core/src/signing.

-- The PDF as issued, kept when the first signature replaces `pdf` (whose SHA-256 then follows
-- the signed file). NULL while the document carries no signature.
ALTER TABLE document ADD COLUMN pdf_unsigned BLOB;

-- The signatures in a document's stored PDF, in file order, as last verified.
CREATE TABLE document_signature (
    id            TEXT PRIMARY KEY NOT NULL,
    document_id   TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    kind          TEXT CHECK (kind IN ('signer', 'organisation', 'copy')),
    signer_name   TEXT NOT NULL,
    signed_at     TEXT,                   -- ISO 8601, Vietnam time (the signature's /M)
    cert_subject  TEXT NOT NULL,
    cert_serial   TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('valid', 'untrusted', 'modified', 'invalid')),
    message       TEXT NOT NULL,
    checked_at    TEXT NOT NULL,
    UNIQUE (document_id, seq)
);

-- A person's signature image (transparent PNG) for the signer's signature.
CREATE TABLE person_signature_image (
    person_id   TEXT PRIMARY KEY NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    png         BLOB NOT NULL,
    updated_at  TEXT NOT NULL
);

-- An issuing body's seal image (red transparent PNG at the seal's real size), by the issuing
-- authority's id in the document settings.
CREATE TABLE seal_image (
    authority_id  TEXT PRIMARY KEY NOT NULL,
    png           BLOB NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Root (or intermediate) CA certificates the office trusts to verify signatures.
CREATE TABLE trust_anchor (
    id          TEXT PRIMARY KEY NOT NULL,
    subject     TEXT NOT NULL,
    name        TEXT NOT NULL,
    not_after   TEXT NOT NULL,
    der         BLOB NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
