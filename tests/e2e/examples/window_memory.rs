//! Memory of the window with a whole archive loaded (issue 11's target: under 300 MB): starts
//! the app on a data folder (`bench generate`), opens the documents list and pages through
//! it, searches, opens the incoming register and the task list, then prints the resident
//! memory (VmRSS) of the app process and of every process it started (WebKit's web and
//! network processes), and their sum. Run by `scripts/bench-window-memory.sh`.
//!
//! Usage: window_memory DATA_DIR  (SECRETARIAT_APP: the app binary; a display: xvfb-run -a)

use secretariat_e2e::{app_binary, App, Driver, Res};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()
}

/// A field of `/proc/PID/smaps_rollup` in kB: `Pss:` counts shared pages (the WebKit and GTK
/// libraries every process maps) once across processes, `Anonymous:` the process's own memory.
fn rollup_kb(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    s.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()
}

fn name_of(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// Every process: pid → parent pid.
fn parents() -> HashMap<u32, u32> {
    let mut out = HashMap::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // "pid (comm) state ppid …": the name may hold spaces, so read after the last ')'.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { continue };
        if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            out.insert(pid, ppid);
        }
    }
    out
}

/// The app's process: the one running the app binary with this data folder.
fn app_pid(data_dir: &Path) -> Option<u32> {
    let exe = std::fs::canonicalize(app_binary()).ok()?;
    let dir = data_dir.display().to_string();
    parents().keys().copied().find(|pid| {
        std::fs::read_link(format!("/proc/{pid}/exe")).ok().as_deref() == Some(exe.as_path())
            && std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| String::from_utf8_lossy(&c).contains(&dir))
    })
}

fn descendants(root: u32) -> Vec<u32> {
    let p = parents();
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let me = out[i];
        out.extend(p.iter().filter(|(_, pp)| **pp == me).map(|(c, _)| *c));
        i += 1;
    }
    out
}

/// One step of the drive: logged, and a failure reported without ending the run (the memory
/// is measured whatever the window managed to show).
async fn step(name: &str, f: impl std::future::Future<Output = Res<()>>) {
    let start = std::time::Instant::now();
    match f.await {
        Ok(()) => eprintln!("[memory] {name}: {:.1} s", start.elapsed().as_secs_f64()),
        Err(e) => eprintln!("[memory] {name}: FAILED ({e})"),
    }
}

async fn drive(app: &App) {
    step("documents list", async {
        app.click("[data-testid=nav-documents]").await?;
        app.find("[data-testid=document-row]").await?;
        // "Xem thêm" five times: up to 600 rows of the newest documents in the window.
        for _ in 0..5 {
            if app.find_all("[data-testid=document-more]").await?.is_empty() {
                break;
            }
            app.click("[data-testid=document-more]").await?;
            tokio::time::sleep(Duration::from_millis(700)).await;
        }
        eprintln!("[memory] {} rows drawn", app.find_all("[data-testid=document-row]").await?.len());
        Ok(())
    })
    .await;
    step("search", async {
        app.click("[data-testid=nav-search]").await?;
        app.type_into("[data-testid=search-input]", "ke hoach chuyen doi so 2025").await?;
        app.wait_text("[data-testid=search-hit]", "find the plan", |t| t.contains("Kế hoạch chuyển đổi số năm 2025"))
            .await?;
        app.type_into("[data-testid=search-input]", "ho so suc khoe dien tu").await?;
        app.wait_text("[data-testid=search-hit]", "find the health records", |t| !t.is_empty()).await?;
        Ok(())
    })
    .await;
    step("incoming register", async {
        app.click("[data-testid=nav-incoming]").await?;
        app.find("[data-testid=incoming-table]").await?;
        Ok(())
    })
    .await;
    step("task list", async {
        app.click("[data-testid=nav-tasks]").await?;
        app.find("[data-testid=task-row]").await?;
        Ok(())
    })
    .await;
    step("meetings, then documents again", async {
        app.click("[data-testid=nav-meetings]").await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        app.click("[data-testid=nav-documents]").await?;
        app.find("[data-testid=document-row]").await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        Ok(())
    })
    .await;
}

#[tokio::main]
async fn main() -> Res<()> {
    let data_dir = std::env::args().nth(1).ok_or("usage: window_memory DATA_DIR")?;
    let data_dir = std::fs::canonicalize(data_dir)?;
    let driver = Driver::start()?;
    let app = App::launch(&driver, &data_dir).await?;
    drive(&app).await;
    let pid = app_pid(&data_dir).ok_or("the app's process was not found")?;
    let (mut total, mut peak, mut pss, mut anon) = (0, 0, 0, 0);
    let mb = |kb: u64| kb as f64 / 1024.0;
    for p in descendants(pid) {
        let rss = status_kb(p, "VmRSS:").unwrap_or(0);
        let hwm = status_kb(p, "VmHWM:").unwrap_or(0);
        let ps = rollup_kb(p, "Pss:").unwrap_or(0);
        let an = rollup_kb(p, "Anonymous:").unwrap_or(0);
        println!(
            "{p}\t{}\tVmRSS {:.1} MB\tVmHWM {:.1} MB\tPss {:.1} MB\tAnonymous {:.1} MB",
            name_of(p),
            mb(rss),
            mb(hwm),
            mb(ps),
            mb(an)
        );
        total += rss;
        peak += hwm;
        pss += ps;
        anon += an;
    }
    println!("TOTAL_RSS_MB {:.1}", mb(total));
    println!("TOTAL_PEAK_MB {:.1}", mb(peak));
    println!("TOTAL_PSS_MB {:.1}", mb(pss));
    println!("TOTAL_ANON_MB {:.1}", mb(anon));
    app.close().await?;
    Ok(())
}
