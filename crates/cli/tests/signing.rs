//! Ký số from the command line, end to end through the real PKCS#11 path: a SoftHSM2 token
//! made by the test holds the signer's and the organisation's keys, a .p12 file the copying
//! body's. The stored PDF is then checked by pdfsig and pyHanko.

use secretariat_core::signing::testkit::*;
use std::path::Path;
use std::process::{Command, Output};

fn cli(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_secretariat-cli"));
    c.arg("--data-dir").arg(dir).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn ok(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = cli(dir, args, env);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &a, &[])).unwrap()
}

#[test]
fn issue_then_sign_as_signer_organisation_and_copy_with_a_token() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let ca = TestCa::new(&tmp.path().join("ca"));
    let hsm = SoftHsm::new(&tmp.path().join("hsm"), "Token", "135790");
    let person = ca.issue("person", &CertSpec::signing("Võ Trọng Phú"));
    let office = ca.issue("office", &CertSpec::signing("SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN"));
    hsm.import("Token", "135790", &person, "a1");
    hsm.import("Token", "135790", &office, "b2");
    let p12 = ca.pkcs12(&ca.issue("copier", &CertSpec::signing("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ")), "mật-khẩu");
    let lib = hsm.module.to_str().unwrap();

    ok(&data, &["example-data", "load"], &[]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json");
    let id = json(&data, &["document", "import", example.to_str().unwrap()])["id"].as_str().unwrap().to_string();
    ok(&data, &["document", "issue", &id, "--date", "05/01/2025", "--yes"], &[]);
    let doc = json(&data, &["document", "show", &id]);
    let authority = doc["content"]["authority_id"].as_str().unwrap().to_string();
    let hits = json(&data, &["search", "Võ Trọng Phú"]);
    let person_id =
        hits.as_array().unwrap().iter().find(|h| h["title"].as_str().unwrap().contains("Võ Trọng Phú")).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
    std::fs::write(tmp.path().join("sig.png"), signature_png()).unwrap();
    std::fs::write(tmp.path().join("seal.png"), seal_png()).unwrap();
    let sig_png = tmp.path().join("sig.png");
    let seal = tmp.path().join("seal.png");
    ok(&data, &["document", "signature-image", "--person", &person_id, sig_png.to_str().unwrap()], &[]);
    ok(&data, &["document", "seal-image", "--authority", &authority, seal.to_str().unwrap()], &[]);
    ok(&data, &["document", "token-driver", lib], &[]);

    let certs = ok(&data, &["document", "token-certs"], &[]);
    assert!(certs.contains("Võ Trọng Phú") && certs.contains("--key-id a1"), "{certs}");
    let slot = json(&data, &["document", "token-certs"])[0]["slot"].as_str().unwrap().to_string();
    let issued = tmp.path().join("issued.pdf");
    ok(&data, &["document", "render", &id, "--out", issued.to_str().unwrap()], &[]);

    // Several certificates on the token: the command asks which.
    let many = cli(&data, &["document", "sign", &id, "--kind", "signer", "--pin-env", "PIN"], &[("PIN", "135790")]);
    assert_eq!(many.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&many.stderr).contains("nhiều chứng thư số"));
    // A wrong PIN: a Vietnamese message, the document as it was.
    let wrong = cli(
        &data,
        &["document", "sign", &id, "--kind", "signer", "--pin-env", "PIN", "--slot", &slot, "--key-id", "a1"],
        &[("PIN", "000000")],
    );
    assert_eq!(wrong.status.code(), Some(1));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(err.contains("Mã PIN không đúng") && !err.contains("000000"), "{err}");
    let again = tmp.path().join("again.pdf");
    ok(&data, &["document", "render", &id, "--out", again.to_str().unwrap()], &[]);
    assert_eq!(std::fs::read(&issued).unwrap(), std::fs::read(&again).unwrap());

    let pin = [("PIN", "135790")];
    ok(
        &data,
        &["document", "sign", &id, "--kind", "signer", "--pin-env", "PIN", "--slot", &slot, "--key-id", "a1"],
        &pin,
    );
    ok(
        &data,
        &[
            "document",
            "sign",
            &id,
            "--kind",
            "organisation",
            "--pkcs11",
            lib,
            "--pin-env",
            "PIN",
            "--slot",
            &slot,
            "--key-id",
            "b2",
        ],
        &pin,
    );
    let listed = ok(
        &data,
        &["document", "sign", &id, "--kind", "copy", "--p12", p12.to_str().unwrap(), "--password-env", "P12"],
        &[("P12", "mật-khẩu")],
    );
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(listed.contains("Chưa xác minh được người ký"), "no trust anchor yet: {listed}");

    ok(&data, &["document", "trust-import", ca.ca_pem().to_str().unwrap()], &[]);
    let verified = ok(&data, &["document", "verify", &id], &[]);
    assert_eq!(verified.matches("Hợp lệ").count(), 3, "{verified}");
    assert!(verified.contains("Võ Trọng Phú") && verified.contains("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ"), "{verified}");

    let signed = tmp.path().join("signed.pdf");
    ok(&data, &["document", "render", &id, "--out", signed.to_str().unwrap()], &[]);
    let nss = nss_db(&tmp.path().join("nss"), &ca.ca_pem());
    independent_checks(&signed, &nss, &ca.ca_pem(), 3);
    let unsigned = tmp.path().join("unsigned.pdf");
    ok(&data, &["document", "render-unsigned", &id, "--out", unsigned.to_str().unwrap()], &[]);
    assert_eq!(std::fs::read(&unsigned).unwrap(), std::fs::read(&issued).unwrap());
    let shown = json(&data, &["document", "show", &id]);
    let sha = shown["pdf_sha256"].as_str().unwrap();
    use sha2::Digest;
    assert_eq!(sha, format!("{:x}", sha2::Sha256::digest(std::fs::read(&signed).unwrap())));
}
