//! A small harness that starts the real app through tauri-driver and drives it like a user.
//!
//! Requirements (installed by `make setup`): the app built (`make app-debug`), `tauri-driver`
//! on PATH (or `TAURI_DRIVER`), `WebKitWebDriver`, and a display (run under `xvfb-run -a`).
//! The app binary is taken from `SECRETARIAT_APP`, else `<target>/debug/secretariat`.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("SECRETARIAT_APP") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/secretariat")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

/// tauri-driver, started in its own process group so that killing the group also stops the
/// WebKitWebDriver it spawns (otherwise it lingers and holds the test's output open).
pub struct Driver {
    child: Child,
    pub port: u16,
    native_port: u16,
}

impl Driver {
    pub fn start() -> Res<Self> {
        let port = free_port();
        let native = free_port();
        let program = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let child = Command::new(program)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver (cargo install tauri-driver --locked): {e}"))?;
        let driver = Self { child, port, native_port: native };
        driver.wait_listening()?;
        eprintln!("[e2e] tauri-driver listening on {port}");
        Ok(driver)
    }

    /// Both tauri-driver and the WebKitWebDriver behind it must accept connections before a
    /// session is requested; a request sent earlier can hang.
    fn wait_listening(&self) -> Res<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        for port in [self.port, self.native_port] {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                if Instant::now() > deadline {
                    return Err(format!("tauri-driver did not listen on port {port}").into());
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        Ok(())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = self.child.id() as i32;
        // Signal the whole group (tauri-driver and its WebKitWebDriver), then reap our child.
        let _ = Command::new("kill").args(["-s", "KILL", "--", &format!("-{pgid}")]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One run of the app window.
pub struct App {
    pub client: Client,
}

impl App {
    pub async fn launch(driver: &Driver, data_dir: &Path) -> Res<Self> {
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": {
                "application": app_binary().display().to_string(),
                "args": ["--data-dir", data_dir.display().to_string()],
            }
        });
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{}", driver.port);
        eprintln!("[e2e] requesting a session from {url}");
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps);
        let connect = builder.connect(&url);
        match tokio::time::timeout(Duration::from_secs(60), connect).await {
            Ok(Ok(client)) => Ok(Self { client }),
            Ok(Err(e)) => Err(format!("no WebDriver session: {e}").into()),
            Err(_) => Err("no WebDriver session within 60 s".into()),
        }
    }

    pub async fn close(self) -> Res<()> {
        self.client.close().await?;
        Ok(())
    }

    pub async fn find(&self, css: &str) -> Res<Element> {
        Ok(self.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await?)
    }

    pub async fn find_all(&self, css: &str) -> Res<Vec<Element>> {
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    pub async fn click(&self, css: &str) -> Res<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    pub async fn type_into(&self, css: &str, text: &str) -> Res<()> {
        let e = self.find(css).await?;
        e.clear().await?;
        e.send_keys(text).await?;
        Ok(())
    }

    pub async fn text(&self, css: &str) -> Res<String> {
        Ok(self.find(css).await?.text().await?)
    }

    /// Texts of every element matching `css`, in page order.
    pub async fn texts(&self, css: &str) -> Res<Vec<String>> {
        let mut out = Vec::new();
        for e in self.find_all(css).await? {
            out.push(e.text().await?);
        }
        Ok(out)
    }

    /// Waits until `check` holds for the text of `css` (all matches joined by newlines).
    pub async fn wait_text(&self, css: &str, what: &str, check: impl Fn(&str) -> bool) -> Res<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(texts) = self.texts(css).await {
                last = texts.join("\n");
                if check(&last) {
                    return Ok(last);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("timed out waiting for {css} to {what}; last text: {last:?}").into())
    }

    /// Waits until exactly `n` elements match `css` (a list refreshed after a dialog closes,
    /// as a person waits for it), and returns them.
    pub async fn wait_count(&self, css: &str, n: usize) -> Res<Vec<Element>> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = 0;
        while Instant::now() < deadline {
            let found = self.find_all(css).await?;
            if found.len() == n {
                return Ok(found);
            }
            last = found.len();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("expected {n} of {css}, found {last}").into())
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> Res<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.find_all(css).await?.is_empty() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{css} is still shown").into())
    }

    /// Saves a screenshot under `tests/artifacts/` for a person to look at.
    pub async fn screenshot(&self, name: &str) -> Res<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }
}

/// The text of the issued document numbered `number` in `data_dir`, as its stored PDF reads back
/// through pdftotext (an independent reader), words joined by single spaces.
pub fn issued_pdf_text(data_dir: &Path, number: &str) -> Res<String> {
    let cli = |args: &[&str]| Command::new(app_binary()).arg("--data-dir").arg(data_dir).args(args).output();
    let out = cli(&["document", "list", "--json"])?;
    let list: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let items = list.as_array().or_else(|| list["items"].as_array()).ok_or("document list")?;
    let doc = items.iter().find(|d| d["number_symbol"] == number).ok_or_else(|| format!("no document {number}"))?;
    let pdf = data_dir.join(format!("{}.pdf", number.replace('/', "-")));
    let rendered = cli(&["document", "render", doc["id"].as_str().ok_or("id")?, "--out", pdf.to_str().ok_or("path")?])?;
    if !rendered.status.success() {
        return Err(format!("render {number}: {}", String::from_utf8_lossy(&rendered.stderr)).into());
    }
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output()?;
    Ok(String::from_utf8(out.stdout)?.split_whitespace().collect::<Vec<_>>().join(" "))
}
