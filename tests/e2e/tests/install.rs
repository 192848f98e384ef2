//! Fitting the office: the first start of an installed app (also run by
//! `scripts/test-package.sh` on the binary extracted from the .deb), the "Giới thiệu" dialog,
//! printing with a copies count (through a stand-in for `lp` that records what it got), and
//! one app per data folder (a second launch hands over to the first and exits).

use secretariat_e2e::{app_binary, App, Driver, Res};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn log_file(data: &Path) -> PathBuf {
    data.join("logs/secretariat.log")
}

fn read_log(data: &Path) -> String {
    std::fs::read_to_string(log_file(data)).unwrap_or_default()
}

/// A fresh start shows the roster page with the offer of example data, creates the database
/// and the log in the data folder, and "Giới thiệu" names the version, the data folder and the
/// fonts' licence.
#[tokio::test(flavor = "multi_thread")]
async fn first_start_and_about() -> Res<()> {
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("du lieu");
    let driver = Driver::start()?;
    let app = App::launch(&driver, &data_dir).await?;
    assert_eq!(app.text("[data-testid=page-title]").await?, "Danh sách thành viên");
    app.find("[data-testid=load-example]").await?;
    app.screenshot("office-01-first-start").await?;
    assert!(data_dir.join(secretariat_core::store::DB_FILE).is_file(), "the database is created");
    let log = read_log(&data_dir);
    assert!(log.contains(&format!("mở thư mục dữ liệu {}", data_dir.display())), "{log}");

    app.click("[data-testid=nav-about]").await?;
    let version = app.text("[data-testid=about-version]").await?;
    assert_eq!(version, env!("CARGO_PKG_VERSION"), "the workspace's version");
    assert_eq!(app.text("[data-testid=about-data-dir]").await?, data_dir.display().to_string());
    assert_eq!(app.text("[data-testid=about-log-dir]").await?, data_dir.join("logs").display().to_string());
    let font = app.text("[data-testid=about-font]").await?;
    assert!(font.contains("Liberation Serif") && font.contains("SIL Open Font License 1.1"), "{font}");
    app.find("[data-testid=about-dialog] [data-testid=open-log-folder]").await?;
    app.screenshot("office-02-about").await?;
    app.click("[data-testid=about-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=about-dialog]").await?;
    app.close().await?;
    Ok(())
}

fn cli(data: &Path, args: &[&str]) -> Res<String> {
    let out = Command::new(app_binary()).arg("--data-dir").arg(data).args(args).output()?;
    if !out.status.success() {
        return Err(format!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

/// Ctrl+P on an issued document, 3 copies: the stand-in for `lp` gets `-n 3` and the
/// document's PDF, whose text (read back with pdftotext) is the document's.
#[tokio::test(flavor = "multi_thread")]
async fn print_with_a_copies_count() -> Res<()> {
    let data = tempfile::tempdir()?;
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/cong-van.json");
    let id = cli(data.path(), &["document", "import", example.to_str().ok_or("path")?])?;
    let number = cli(data.path(), &["document", "issue", &id, "--date", "2025-01-08", "--yes"])?;
    let number = number.lines().last().unwrap_or_default().split_whitespace().last().unwrap_or_default().to_string();
    assert!(number.starts_with("01/"), "{number}");

    let spool = tempfile::tempdir()?;
    let stub = spool.path().join("lp");
    std::fs::write(
        &stub,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}/args'\nfor f; do :; done\ncp \"$f\" '{0}/printed.pdf'\n",
            spool.path().display()
        ),
    )?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755))?;
    // The variable reaches the app through tauri-driver.
    std::env::set_var("SECRETARIAT_PRINT_COMMAND", &stub);
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    app.click("[data-testid=nav-documents]").await?;
    app.click("[data-testid=open-document]").await?;
    app.wait_text("[data-testid=document-number]", "show the number", |t| t.contains(&number)).await?;
    // Ctrl+P opens the copies dialog.
    app.client.active_element().await?.send_keys("\u{E009}p").await?;
    app.find("[data-testid=print-dialog]").await?;
    app.type_into("[data-testid=print-copies]", "3").await?;
    app.screenshot("office-03-print").await?;
    app.click("[data-testid=print-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=print-dialog]").await?;
    let notice = app.wait_text("[data-testid=document-notice]", "say it was sent", |t| t.contains("Đã gửi")).await?;
    assert_eq!(notice, "Đã gửi 3 bản tới máy in mặc định.");
    std::env::remove_var("SECRETARIAT_PRINT_COMMAND");

    let args = std::fs::read_to_string(spool.path().join("args"))?;
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(&args[..5], ["-n", "3", "-t", number.as_str(), "--"], "{args:?}");
    assert!(args[5].starts_with(&data.path().join("print").display().to_string()), "{args:?}");
    let out =
        Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(spool.path().join("printed.pdf")).arg("-").output()?;
    let text = String::from_utf8(out.stdout)?;
    assert!(text.contains(&number), "the printed PDF is the document: {text}");
    app.close().await?;
    Ok(())
}

/// A private D-Bus session bus (the single-instance check finds the running app through it).
struct SessionBus {
    child: Child,
    address: String,
}

impl SessionBus {
    fn start() -> Res<Self> {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("dbus-daemon (package dbus-daemon): {e}"))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().ok_or("stdout")?).read_line(&mut line)?;
        let address = line.trim().to_string();
        if address.is_empty() {
            let _ = child.kill();
            return Err("dbus-daemon printed no address".into());
        }
        Ok(Self { child, address })
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_exit(child: &mut Child, within: Duration) -> Res<Option<std::process::ExitStatus>> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(None)
}

/// Starting the app again on the same data folder hands over to the open window (which logs
/// that it was brought to the front) and exits at once; on another data folder a second app
/// runs side by side.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_on_the_same_data_hands_over() -> Res<()> {
    let bus = SessionBus::start()?;
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    app.find("[data-testid=nav-roster]").await?;

    let mut second = Command::new(app_binary()).arg("--data-dir").arg(data.path()).stderr(Stdio::piped()).spawn()?;
    let status = wait_exit(&mut second, Duration::from_secs(20))?;
    let Some(status) = status else {
        let _ = second.kill();
        return Err("the second launch on the same data folder is still running".into());
    };
    assert!(status.success(), "{status}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !read_log(data.path()).contains("mở lần nữa") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = read_log(data.path());
    assert!(log.contains("Ứng dụng được mở lần nữa trên cùng thư mục dữ liệu"), "{log}");
    assert_eq!(log.matches("mở thư mục dữ liệu").count(), 1, "the second never started: {log}");
    // The first window still answers.
    app.click("[data-testid=nav-documents]").await?;
    assert_eq!(app.text("[data-testid=page-title]").await?, "Văn bản");

    // Another data folder: a second app of its own.
    let other = tempfile::tempdir()?;
    let mut third = Command::new(app_binary()).arg("--data-dir").arg(other.path()).stderr(Stdio::null()).spawn()?;
    let exited = wait_exit(&mut third, Duration::from_secs(5))?;
    let _ = third.kill();
    let _ = third.wait();
    assert!(exited.is_none(), "the app on another data folder ran: {exited:?}");
    assert!(read_log(other.path()).contains("mở thư mục dữ liệu"), "it started on its own data");
    std::env::remove_var("DBUS_SESSION_BUS_ADDRESS");
    app.close().await?;
    Ok(())
}
