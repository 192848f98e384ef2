//! Signing read back by independent verifiers: poppler's `pdfsig` (NSS database holding the
//! test CA), pyHanko's `sign validate`, `qpdf --check`; and by our own verifier.

use super::testkit::*;
use super::*;
use crate::documents::model::{DocumentContent, Issuer};
use crate::documents::pdf::{render, Margins, RenderOptions};
use chrono::TimeZone;
use sha2::Digest as _;
use std::path::{Path, PathBuf};

pub(crate) fn example(name: &str) -> (DocumentContent, Issuer) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples").join(name);
    let doc: DocumentContent = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let issuer = crate::documents::authority::content_authority(&crate::settings::DocumentSettings::default(), &doc)
        .unwrap()
        .issuer();
    (doc, issuer)
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts/signing");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn issued(name: &str) -> (Vec<u8>, SigningBlock) {
    let (doc, issuer) = example(name);
    let pdf =
        render(&doc, &issuer, RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 }).unwrap();
    let block = place::signing_block(&doc, &issuer, Margins::default(), doc.signers.len() - 1).unwrap().unwrap();
    (pdf, block)
}

/// Today at `h:m`, Vietnam time (the test CA is made today, so signatures are made after it).
pub(crate) fn at(h: u32, m: u32) -> chrono::DateTime<Utc> {
    let today = Utc::now().with_timezone(&vietnam()).date_naive();
    vietnam().from_local_datetime(&today.and_hms_opt(h, m, 0).unwrap()).unwrap().with_timezone(&Utc)
        + chrono::Duration::days(1)
}

#[test]
fn a_test_key_signs_and_pdfsig_pyhanko_and_our_verifier_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let ca = TestCa::new(&tmp.path().join("ca"));
    let cert = ca.issue("signer", &CertSpec::signing("Nguyễn Văn Thành"));
    let signer = KeySigner::from_pkcs8(&cert.key_pkcs8_der, vec![cert.cert_der.clone(), ca.ca_der()]).unwrap();
    let (pdf, block) = issued("thong-bao.json");
    let req = SignRequest {
        kind: SignatureKind::Signer,
        block: Some(block),
        image: Some(signature_png()),
        lines: Vec::new(),
        time: at(9, 30),
    };
    let signed = sign_pdf(&pdf, &req, &signer).unwrap();
    assert!(signed.starts_with(&pdf), "the issued bytes stay as they were");
    let path = out_dir().join("thong-bao-signer.pdf");
    std::fs::write(&path, &signed).unwrap();
    let nss = nss_db(&tmp.path().join("nss"), &ca.ca_pem());
    let report = independent_checks(&path, &nss, &ca.ca_pem(), 1);
    assert!(report.contains("Nguyễn Văn Thành"), "{report}");

    let checks = verify_pdf(&signed, &[ca.ca_der()]).unwrap();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].state, VerifyState::Valid, "{:?}", checks[0]);
    assert_eq!(checks[0].signing_time, Some(iso_time(at(9, 30))));
    assert_eq!(checks[0].kind, Some(SignatureKind::Signer));
    assert!(checks[0].covers_whole_document);
    // Without the anchor it still verifies, but untrusted.
    assert_eq!(verify_pdf(&signed, &[]).unwrap()[0].state, VerifyState::Untrusted);
    // A byte changed inside the signed range breaks it.
    let mut tampered = signed.clone();
    let at_text = pdf::find(&tampered, b"/Producer").unwrap() + 2;
    tampered[at_text] ^= 0x01;
    assert_eq!(verify_pdf(&tampered, &[ca.ca_der()]).unwrap()[0].state, VerifyState::Invalid);
}

/// Signer, organisation, copy: three incremental updates, each leaving the earlier valid.
/// (poppler's pdfsig reports "Unknown issue with Certificate" for a second signature by the
/// same certificate in one file, whoever writes it — pyHanko's own included — so the copy is
/// made by another body's certificate, as a copy usually is.)
pub(crate) fn sign_three(
    pdf: &[u8],
    block: SigningBlock,
    person: &dyn Signer,
    office: &dyn Signer,
    copier: &dyn Signer,
) -> Vec<u8> {
    let one = sign_pdf(
        pdf,
        &SignRequest {
            kind: SignatureKind::Signer,
            block: Some(block),
            image: Some(signature_png()),
            lines: Vec::new(),
            time: at(9, 30),
        },
        person,
    )
    .unwrap();
    let two = sign_pdf(
        &one,
        &SignRequest {
            kind: SignatureKind::Organisation,
            block: Some(block),
            image: Some(seal_png()),
            lines: organisation_lines("SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN", at(9, 45)),
            time: at(9, 45),
        },
        office,
    )
    .unwrap();
    assert!(two.starts_with(&one));
    let three = sign_pdf(
        &two,
        &SignRequest {
            kind: SignatureKind::Copy,
            block: None,
            image: None,
            lines: copy_lines("SAO Y", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN", at(10, 5)),
            time: at(10, 5),
        },
        copier,
    )
    .unwrap();
    assert!(three.starts_with(&two));
    three
}

#[test]
fn signer_organisation_and_copy_each_leave_the_earlier_valid() {
    let _ = std::fs::remove_dir_all(out_dir().join("three"));
    let tmp = out_dir().join("three");
    let tmp = tmp.as_path();
    struct P<'a>(&'a Path);
    impl P<'_> {
        fn path(&self) -> &Path {
            self.0
        }
    }
    let tmp = P(tmp);
    let ca = TestCa::new(&tmp.path().join("ca"));
    let person = ca.issue("person", &CertSpec::signing("Võ Trọng Phú"));
    let mut org_spec = CertSpec::signing("SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN");
    org_spec.organisation = "UBND tỉnh Nghệ An";
    let office = ca.issue("office", &org_spec);
    let person = KeySigner::from_pkcs8(&person.key_pkcs8_der, vec![person.cert_der.clone(), ca.ca_der()]).unwrap();
    let office = KeySigner::from_pkcs8(&office.key_pkcs8_der, vec![office.cert_der.clone()]).unwrap();
    let copier = ca.issue("copier", &CertSpec::signing("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ"));
    let copier = KeySigner::from_pkcs8(&copier.key_pkcs8_der, vec![copier.cert_der.clone()]).unwrap();
    let (pdf, block) = issued("thong-bao.json");
    let signed = sign_three(&pdf, block, &person, &office, &copier);
    let path = out_dir().join("thong-bao-three.pdf");
    std::fs::write(&path, &signed).unwrap();
    let nss = nss_db(&tmp.path().join("nss"), &ca.ca_pem());
    let report = independent_checks(&path, &nss, &ca.ca_pem(), 3);
    assert!(
        report.contains("Signature Field Name: CoQuan2") && report.contains("Signature Field Name: BanSao3"),
        "{report}"
    );

    let checks = verify_pdf(&signed, &[ca.ca_der()]).unwrap();
    let states: Vec<_> = checks.iter().map(|c| (c.kind, c.state, c.covers_whole_document)).collect();
    assert_eq!(
        states,
        vec![
            (Some(SignatureKind::Signer), VerifyState::Valid, false),
            (Some(SignatureKind::Organisation), VerifyState::Valid, false),
            (Some(SignatureKind::Copy), VerifyState::Valid, true),
        ]
    );
    assert_eq!(checks[1].signer, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN");

    // The visible text reads back: the organisation's name and time, the copy's three lines.
    let (_, text) = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(text.contains(&iso_time(at(9, 45))), "{text}");
    assert!(text.contains("SAO Y") && text.contains(&iso_time(at(10, 5))), "{text}");
    // The copy stands at the top right of page 1, in 10 pt.
    let (_, bbox) = tool("pdftotext", &["-bbox", "-f", "1", "-l", "1", path.to_str().unwrap(), "-"]);
    let line = bbox.lines().find(|l| l.contains(">Y<")).unwrap();
    let num = |k: &str| -> f32 {
        let s = &line[line.find(&format!("{k}=\"")).unwrap() + k.len() + 2..];
        s[..s.find('"').unwrap()].parse().unwrap()
    };
    assert!(num("xMax") > 480.0 && num("yMax") < 45.0, "{line}");
    assert!((num("yMax") - num("yMin") - 10.0).abs() < 3.0, "{line}");

    // Something changed after the organisation signed (a page's content rewritten and
    // appended as an update) is caught for the earlier signatures.
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let content = doc.get_page_contents(page)[0];
    let mut tampered = signed.clone();
    let body = b"q 1 0 0 RG 0 0 100 100 re S Q".to_vec();
    let mut obj = Vec::new();
    pdf::write_object(&mut obj, &lopdf::Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), body)));
    let prev = pdf::last_startxref(&tampered).unwrap();
    let off = tampered.len();
    tampered.extend_from_slice(format!("{} 0 obj\n", content.0).as_bytes());
    tampered.extend_from_slice(&obj);
    tampered.extend_from_slice(b"\nendobj\n");
    let xref = tampered.len();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    tampered.extend_from_slice(
        format!(
            "xref\n{} 1\n{off:010} 00000 n\r\ntrailer\n<</Size {size}/Root {} 0 R/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
            content.0, root.0
        )
        .as_bytes(),
    );
    let checks = verify_pdf(&tampered, &[ca.ca_der()]).unwrap();
    assert!(checks.iter().all(|c| c.state == VerifyState::Modified), "{checks:?}");
}

/// The real PKCS#11 path: a SoftHSM2 token made by the test holds the signer's and the
/// organisation's keys; the copy is signed from a PKCS#12 file. Then every failure a
/// secretary can meet: wrong PIN, token gone, driver missing, expired certificate,
/// certificate not meant for signing.
#[test]
fn a_softhsm_token_signs_as_signer_and_organisation_and_a_p12_file_as_copier() {
    let _ = std::fs::remove_dir_all(out_dir().join("token"));
    let dir = out_dir().join("token");
    let ca = TestCa::new(&dir.join("ca"));
    let hsm = SoftHsm::new(&dir.join("hsm"), "VGCA Test", "246810");
    let person = ca.issue("person", &CertSpec::signing("Võ Trọng Phú"));
    let office = ca.issue("office", &CertSpec::signing("SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN"));
    let mut expired = CertSpec::signing("Người Hết Hạn");
    expired.start = "20200101000000Z";
    expired.end = "20210101000000Z";
    let expired = ca.issue("expired", &expired);
    let mut no_usage = CertSpec::signing("Chỉ Mã Hóa");
    no_usage.key_usage = "critical,keyEncipherment";
    let no_usage = ca.issue("nousage", &no_usage);
    hsm.import("VGCA Test", "246810", &person, "01");
    hsm.import("VGCA Test", "246810", &office, "02");
    hsm.import("VGCA Test", "246810", &expired, "03");
    hsm.import("VGCA Test", "246810", &no_usage, "04");

    let listed = pkcs11::list_certificates(&hsm.module).unwrap();
    let holders: Vec<&str> = listed.iter().map(|c| c.info.holder.as_str()).collect();
    assert_eq!(holders.len(), 4, "{listed:?}");
    for name in ["Võ Trọng Phú", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN", "Người Hết Hạn", "Chỉ Mã Hóa"]
    {
        assert!(holders.contains(&name), "{holders:?}");
    }
    let slot = listed[0].slot;
    assert!(listed.iter().all(|c| c.token_label == "VGCA Test"));
    let no_usage_listed = listed.iter().find(|c| c.key_id == "04").unwrap();
    assert!(!no_usage_listed.info.signing_usage);

    let p12 = ca.pkcs12(&ca.issue("copier", &CertSpec::signing("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ")), "p12-pass");
    let p12_bytes = std::fs::read(&p12).unwrap();
    let wrong = KeySigner::from_pkcs12(&p12_bytes, "nope").err().unwrap();
    assert!(wrong.message.contains("Mật khẩu"), "{wrong:?}");
    let copier = KeySigner::from_pkcs12(&p12_bytes, "p12-pass").unwrap();
    assert_eq!(copier.chain().len(), 2, "the file's CA comes with the signer's certificate");
    assert_eq!(certificate_info(&copier.chain()[0]).unwrap().holder, "TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ");

    let (pdf, block) = issued("thong-bao.json");
    let (signed, report) = {
        let person = pkcs11::Pkcs11Signer::open(&hsm.module, slot, "01", "246810").unwrap();
        let one = sign_pdf(
            &pdf,
            &SignRequest {
                kind: SignatureKind::Signer,
                block: Some(block),
                image: Some(signature_png()),
                lines: Vec::new(),
                time: at(9, 30),
            },
            &person,
        )
        .unwrap();
        drop(person);
        let office = pkcs11::Pkcs11Signer::open(&hsm.module, slot, "02", "246810").unwrap();
        let signed = sign_three_rest(&one, block, &office, &copier);
        drop(office);
        let path = out_dir().join("thong-bao-token.pdf");
        std::fs::write(&path, &signed).unwrap();
        let nss = nss_db(&dir.join("nss"), &ca.ca_pem());
        (signed.clone(), independent_checks(&path, &nss, &ca.ca_pem(), 3))
    };
    assert!(report.contains("Võ Trọng Phú") && report.contains("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ"), "{report}");
    let checks = verify_pdf(&signed, &[ca.ca_der()]).unwrap();
    assert!(checks.iter().all(|c| c.state == VerifyState::Valid), "{checks:?}");

    // Failures: each a Vietnamese message.
    let err = |r: Result<pkcs11::Pkcs11Signer>| r.err().unwrap().message;
    let m = err(pkcs11::Pkcs11Signer::open(&hsm.module, slot, "01", "000000"));
    assert!(m.contains("Mã PIN không đúng"), "{m}");
    let m = err(pkcs11::Pkcs11Signer::open(&hsm.module, slot + 12345, "01", "246810"));
    assert!(m.contains("Không thấy USB ký số"), "{m}");
    let m = err(pkcs11::Pkcs11Signer::open(Path::new("/nonexistent/libvgca.so"), slot, "01", "246810"));
    assert!(m.contains("Không tìm thấy trình điều khiển"), "{m}");
    let m = pkcs11::list_certificates(Path::new("/etc/hostname")).err().unwrap().message;
    assert!(m.contains("Không nạp được trình điều khiển"), "{m}");
    let req = SignRequest {
        kind: SignatureKind::Signer,
        block: Some(block),
        image: Some(signature_png()),
        lines: Vec::new(),
        time: at(9, 30),
    };
    let old = pkcs11::Pkcs11Signer::open(&hsm.module, slot, "03", "246810").unwrap();
    let m = sign_pdf(&pdf, &req, &old).err().unwrap().message;
    assert!(m.contains("đã hết hạn") && m.contains("Người Hết Hạn"), "{m}");
    drop(old);
    let enc = pkcs11::Pkcs11Signer::open(&hsm.module, slot, "04", "246810").unwrap();
    let m = sign_pdf(&pdf, &req, &enc).err().unwrap().message;
    assert!(m.contains("không dùng để ký"), "{m}");
}

/// The organisation's and the copy's signatures over a PDF the signer has signed.
fn sign_three_rest(one: &[u8], block: SigningBlock, office: &dyn Signer, copier: &dyn Signer) -> Vec<u8> {
    let two = sign_pdf(
        one,
        &SignRequest {
            kind: SignatureKind::Organisation,
            block: Some(block),
            image: Some(seal_png()),
            lines: organisation_lines("SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN", at(9, 45)),
            time: at(9, 45),
        },
        office,
    )
    .unwrap();
    sign_pdf(
        &two,
        &SignRequest {
            kind: SignatureKind::Copy,
            block: None,
            image: None,
            lines: copy_lines("SAO Y", "TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ", at(10, 5)),
            time: at(10, 5),
        },
        copier,
    )
    .unwrap()
}

/// In the store: an issued document is signed as signer, organisation and copy; the stored
/// PDF's hash follows the signed file, the issued one is kept, the signatures are recorded
/// with their states; a failed signing leaves everything as it was.
#[test]
fn signing_a_stored_document_keeps_the_issued_pdf_and_records_the_signatures() {
    use super::store::*;
    use crate::documents::{create_draft, get_document, issue_document};
    let tmp = tempfile::tempdir().unwrap();
    let ca = TestCa::new(&tmp.path().join("ca"));
    let person_cert = ca.issue("person", &CertSpec::signing("Võ Trọng Phú"));
    let office_cert = ca.issue("office", &CertSpec::signing("SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN"));
    let copier_cert = ca.issue("copier", &CertSpec::signing("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ"));
    let key = |c: &TestCert| KeySigner::from_pkcs8(&c.key_pkcs8_der, vec![c.cert_der.clone()]).unwrap();
    let mut store = crate::Store::open_in_memory().unwrap();
    let (content, _) = example("thong-bao.json");
    let draft = create_draft(&mut store, &content).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 5).unwrap();
    let doc = issue_document(&mut store, &draft.id, date, None, true).unwrap();
    let issued_pdf = store.read(|c| crate::documents::document_pdf(c, &doc.id)).unwrap();

    // No image yet: refused, nothing written.
    let e = sign_document(
        &mut store,
        &doc.id,
        SignatureKind::Signer,
        &key(&person_cert),
        at(9, 30),
        &SignOptions::default(),
    )
    .unwrap_err();
    assert!(e.message.contains("Chưa có ảnh chữ ký"), "{e:?}");
    assert_eq!(store.read(|c| crate::documents::document_pdf(c, &doc.id)).unwrap(), issued_pdf);

    let person: crate::roster::Person = crate::roster::create_person(
        &mut store,
        &serde_json::from_value(serde_json::json!({"full_name": "Võ Trọng Phú", "honorific": "ong"})).unwrap(),
    )
    .unwrap();
    // An opaque PNG is refused: the decree asks for a transparent background.
    let opaque = {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, 2, 2);
        enc.set_color(png::ColorType::Rgb);
        enc.write_header().unwrap().write_image_data(&[0; 12]).unwrap();
        out
    };
    assert!(set_person_signature_image(&mut store, &person.id, &opaque).unwrap_err().message.contains("trong suốt"));
    set_person_signature_image(&mut store, &person.id, &signature_png()).unwrap();
    let authority = store
        .read(|c| crate::documents::content_authority(&crate::settings::document_settings(c)?, &doc.content))
        .unwrap();
    set_seal_image(&mut store, &authority.id, &seal_png()).unwrap();

    // An expired certificate: a Vietnamese message, the document as it was.
    let mut old = CertSpec::signing("Người Hết Hạn");
    old.start = "20200101000000Z";
    old.end = "20210101000000Z";
    let old = ca.issue("old", &old);
    let e = sign_document(&mut store, &doc.id, SignatureKind::Signer, &key(&old), at(9, 0), &SignOptions::default())
        .unwrap_err();
    assert!(e.message.contains("đã hết hạn"), "{e:?}");
    assert_eq!(store.read(|c| crate::documents::document_pdf(c, &doc.id)).unwrap(), issued_pdf);
    assert!(store.read(|c| document_signatures(c, &doc.id)).unwrap().is_empty());

    let sigs = sign_document(
        &mut store,
        &doc.id,
        SignatureKind::Signer,
        &key(&person_cert),
        at(9, 30),
        &SignOptions::default(),
    )
    .unwrap();
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0].state, VerifyState::Untrusted, "no trust anchor imported yet");
    import_trust_anchors(&mut store, &std::fs::read(ca.ca_pem()).unwrap()).unwrap();
    assert_eq!(store.read(trust_anchors).unwrap().len(), 1);
    assert_eq!(import_trust_anchors(&mut store, &ca.ca_der()).unwrap().len(), 1, "the same anchor is kept once");
    assert_eq!(verify_document(&mut store, &doc.id).unwrap()[0].state, VerifyState::Valid);
    sign_document(
        &mut store,
        &doc.id,
        SignatureKind::Organisation,
        &key(&office_cert),
        at(9, 45),
        &SignOptions::default(),
    )
    .unwrap();
    let sigs = sign_document(
        &mut store,
        &doc.id,
        SignatureKind::Copy,
        &key(&copier_cert),
        at(10, 5),
        &SignOptions { copy_form: Some("Sao lục".into()), ..Default::default() },
    )
    .unwrap();
    let summary: Vec<_> = sigs.iter().map(|s| (s.kind, s.signer_name.as_str(), s.state)).collect();
    assert_eq!(
        summary,
        vec![
            (Some(SignatureKind::Signer), "Võ Trọng Phú", VerifyState::Valid),
            (Some(SignatureKind::Organisation), "SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN", VerifyState::Valid),
            (Some(SignatureKind::Copy), "TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ", VerifyState::Valid),
        ]
    );
    assert_eq!(sigs[0].signed_at, Some(iso_time(at(9, 30))));
    let signed = store.read(|c| crate::documents::document_pdf(c, &doc.id)).unwrap();
    assert!(signed.starts_with(&issued_pdf));
    let record = store.read(|c| get_document(c, &doc.id)).unwrap();
    assert_eq!(record.pdf_sha256.unwrap(), format!("{:x}", sha2::Sha256::digest(&signed)));
    assert_eq!(store.read(|c| unsigned_pdf(c, &doc.id)).unwrap(), issued_pdf);
    let path = out_dir().join("stored-three.pdf");
    std::fs::write(&path, &signed).unwrap();
    let (_, text) = tool("pdftotext", &["-enc", "UTF-8", "-f", "1", "-l", "1", path.to_str().unwrap(), "-"]);
    assert!(text.contains("SAO LỤC"), "{text}");
    assert!(store.read(|c| signed_summary(c, &doc.id)).unwrap().starts_with("Võ Trọng Phú ("));
    // The register shows who signed when.
    let entries = store.read(|c| crate::documents::register_entries(c, 2025, None, None)).unwrap();
    let notes = &entries.iter().find(|e| e.document_id == doc.id).unwrap().notes;
    assert!(notes.starts_with("Ký số: Võ Trọng Phú (") && notes.contains(&iso_time(at(9, 30))), "{notes}");
}
