//! Signing read back by independent verifiers: poppler's `pdfsig` (NSS database holding the
//! test CA), pyHanko's `sign validate`, `qpdf --check`; and by our own verifier.

use super::testkit::*;
use super::*;
use crate::documents::model::{DocumentContent, Issuer};
use crate::documents::pdf::{render, Margins, RenderOptions};
use chrono::TimeZone;
use std::path::{Path, PathBuf};
use std::process::Command;

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
    let pdf = render(&doc, &issuer, RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 }).unwrap();
    let block = place::signing_block(&doc, &issuer, Margins::default(), doc.signers.len() - 1).unwrap().unwrap();
    (pdf, block)
}

fn at(h: u32, m: u32) -> chrono::DateTime<Utc> {
    vietnam().with_ymd_and_hms(2025, 1, 6, h, m, 0).unwrap().with_timezone(&Utc)
}

/// Runs a tool; gives (success, stdout + stderr).
fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd} is needed: {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// pyHanko's command line, from PYHANKO or the venv scripts/setup.sh --test makes.
pub(crate) fn pyhanko() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PYHANKO") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME")?;
    let p = Path::new(&home).join(".cache/secretariat/pyhanko-venv/bin/pyhanko");
    p.is_file().then_some(p)
}

/// Checks every signature with pdfsig and pyHanko and the file with qpdf; returns pdfsig's
/// report.
pub(crate) fn independent_checks(pdf: &Path, nss: &str, ca_pem: &Path, expected: usize) -> String {
    let (ok, q) = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(ok && q.contains("No syntax or stream encoding errors"), "qpdf: {q}");
    let (_, report) = tool("pdfsig", &["-nssdir", nss, pdf.to_str().unwrap()]);
    assert_eq!(report.matches("Signature Validation: Signature is Valid.").count(), expected, "pdfsig: {report}");
    assert_eq!(report.matches("Certificate Validation: Certificate is Trusted.").count(), expected, "pdfsig: {report}");
    assert!(report.contains("Signature Type: ETSI.CAdES.detached"), "{report}");
    assert!(report.contains("Signing Time:"), "{report}");
    assert_eq!(report.matches("Total document signed").count(), 1, "only the last covers the file: {report}");
    if let Some(py) = pyhanko() {
        let (ok, v) = tool(
            py.to_str().unwrap(),
            &["sign", "validate", "--pretty-print", "--trust", ca_pem.to_str().unwrap(), "--trust-replace", pdf.to_str().unwrap()],
        );
        assert!(ok, "pyHanko: {v}");
        assert_eq!(v.matches("The signature is judged VALID.").count(), expected, "pyHanko: {v}");
        assert_eq!(v.matches("The signature is cryptographically sound.").count(), expected, "pyHanko: {v}");
        assert_eq!(v.matches("Signing time as reported by signer:").count(), expected, "pyHanko: {v}");
        assert_eq!(v.matches("The signature covers the entire file.").count(), 1, "pyHanko: {v}");
    } else {
        eprintln!("pyHanko not found (scripts/setup.sh --test installs it): skipped");
    }
    report
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
    assert!(report.contains("Jan 06 2025") || report.contains("2025"), "{report}");

    let checks = verify_pdf(&signed, &[ca.ca_der()]).unwrap();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].state, VerifyState::Valid, "{:?}", checks[0]);
    assert_eq!(checks[0].signing_time.as_deref(), Some("2025-01-06T09:30:00+07:00"));
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
