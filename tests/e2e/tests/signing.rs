//! Ký số in the window: an issued Thông báo signed with a SoftHSM2 token (made by the test,
//! its driver set in the settings), the PIN typed in the dialog, the signature listed with its
//! state; the stored PDF then checked by pdfsig.

use secretariat_core::signing::testkit::{nss_db, seal_png, signature_png, tool, CertSpec, SoftHsm, TestCa};
use secretariat_e2e::{app_binary, App, Driver, Res};
use std::path::Path;
use std::process::Command;

fn cli(data: &Path, args: &[&str]) -> Res<String> {
    let out = Command::new(app_binary()).arg("--data-dir").arg(data).args(args).output()?;
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8(out.stdout)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_an_issued_document_with_a_token_in_the_window() -> Res<()> {
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("data");
    let ca = TestCa::new(&tmp.path().join("ca"));
    // Sets SOFTHSM2_CONF, which reaches the app through tauri-driver.
    let hsm = SoftHsm::new(&tmp.path().join("hsm"), "Token", "246810");
    let person = ca.issue("person", &CertSpec::signing("Võ Trọng Phú"));
    hsm.import("Token", "246810", &person, "01");

    // Set-up from the command line: the document issued, the images, driver and anchor.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json");
    let doc: serde_json::Value =
        serde_json::from_str(&cli(&data, &["--json", "document", "import", example.to_str().ok_or("path")?])?)?;
    let id = doc["id"].as_str().ok_or("id")?.to_string();
    cli(&data, &["document", "issue", &id, "--date", "05/01/2025", "--yes"])?;
    let p: serde_json::Value =
        serde_json::from_str(&cli(&data, &["--json", "person", "add", "--name", "Võ Trọng Phú"])?)?;
    let png = tmp.path().join("sig.png");
    std::fs::write(&png, signature_png())?;
    cli(
        &data,
        &["document", "signature-image", "--person", p["id"].as_str().ok_or("person id")?, png.to_str().ok_or("p")?],
    )?;
    let seal = tmp.path().join("seal.png");
    std::fs::write(&seal, seal_png())?;
    let shown: serde_json::Value = serde_json::from_str(&cli(&data, &["--json", "document", "show", &id])?)?;
    let authority = shown["content"]["authority_id"].as_str().ok_or("authority")?.to_string();
    cli(&data, &["document", "seal-image", "--authority", &authority, seal.to_str().ok_or("p")?])?;
    cli(&data, &["document", "token-driver", hsm.module.to_str().ok_or("p")?])?;
    cli(&data, &["document", "trust-import", ca.ca_pem().to_str().ok_or("p")?])?;

    let driver = Driver::start()?;
    let app = App::launch(&driver, &data).await?;
    app.click("[data-testid=nav-documents]").await?;
    app.wait_text("[data-testid=document-row]", "list the document", |t| t.contains("TB-TCT")).await?;
    app.click("[data-testid=open-document]").await?;
    app.find("[data-testid=signatures]").await?;
    // A wrong PIN: the token's message, nothing signed.
    app.click("[data-testid=sign-document]").await?;
    app.find("[data-testid=sign-dialog]").await?;
    app.wait_text("[data-testid=sign-certificate]", "list the token's certificates", |t| t.contains("Võ Trọng Phú"))
        .await?;
    app.type_into("[data-testid=sign-pin]", "000000").await?;
    app.click("[data-testid=sign-dialog] [data-testid=dialog-submit]").await?;
    let err = app.wait_text("[data-testid=dialog-error]", "refuse the PIN", |t| !t.is_empty()).await?;
    assert!(err.starts_with("Mã PIN không đúng"), "{err}");
    app.type_into("[data-testid=sign-pin]", "246810").await?;
    app.click("[data-testid=sign-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=sign-dialog]").await?;
    let list = app.wait_text("[data-testid=signature-list]", "list the signature", |t| t.contains("Hợp lệ")).await?;
    assert!(list.contains("Võ Trọng Phú") && list.contains("+07:00"), "{list}");
    app.screenshot("40-document-signed").await?;
    app.close().await?;

    // The stored PDF carries one signature that pdfsig finds valid and trusted.
    let pdf = tmp.path().join("signed.pdf");
    cli(&data, &["document", "render", &id, "--out", pdf.to_str().ok_or("p")?])?;
    let nss = nss_db(&tmp.path().join("nss"), &ca.ca_pem());
    let (_, report) = tool("pdfsig", &["-nssdir", &nss, pdf.to_str().ok_or("p")?]);
    assert!(report.contains("Signature is Valid.") && report.contains("Certificate is Trusted."), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    Ok(())
}
