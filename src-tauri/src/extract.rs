//! The background worker that reads the text of attached files for search
//! (secretariat_core::search::files): started with the app, woken after a file is attached,
//! it takes a few pending files at a time, reads them with no lock held, and saves each chunk
//! in a short transaction of its own, so the window never waits for it. Its progress is kept
//! here for the window to show ("Đang đọc nội dung tệp: 120/450"), read by the command
//! `file_text_progress` (the page polls it: events would need a plugin permission the
//! capability file does not grant).

use crate::state::AppState;
use secretariat_core::search::files::{extract, pending_count, pending_files, save_results};
use serde::Serialize;
use specta::Type;
use std::sync::{Condvar, Mutex};
use std::time::Duration;
use tauri::{AppHandle, Manager};

/// Files read per transaction.
const CHUNK: u32 = 4;

/// The reading in progress, as the window shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
pub struct FileTextStatus {
    /// True while files are being read.
    pub running: bool,
    /// Files read since this run began (failed ones included).
    pub read: u32,
    /// Files of this run: read + still waiting.
    pub total: u32,
    /// Files of this run that could not be read.
    pub failed: u32,
}

struct Worker {
    status: Mutex<(FileTextStatus, bool)>,
    wake: Condvar,
}

static WORKER: Worker = Worker {
    status: Mutex::new((FileTextStatus { running: false, read: 0, total: 0, failed: 0 }, false)),
    wake: Condvar::new(),
};

fn status_lock() -> std::sync::MutexGuard<'static, (FileTextStatus, bool)> {
    WORKER.status.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where the reading is.
pub fn status() -> FileTextStatus {
    status_lock().0
}

/// Asks the worker to look for files to read now (after an import).
pub fn wake() {
    status_lock().1 = true;
    WORKER.wake.notify_all();
}

/// Starts the worker thread (once, at app start); it looks for work at once.
pub fn start(app: AppHandle) {
    wake();
    std::thread::Builder::new()
        .name("file-text".into())
        .spawn(move || loop {
            {
                let guard = status_lock();
                // Also every minute, in case a file came in another way (the command line).
                let (mut guard, _) = WORKER
                    .wake
                    .wait_timeout_while(guard, Duration::from_secs(60), |s| !s.1)
                    .unwrap_or_else(|p| p.into_inner());
                guard.1 = false;
            }
            run(&app);
        })
        .map(|_| ())
        .unwrap_or_else(|e| log::error!("Không khởi động được việc đọc nội dung tệp: {e}"));
}

/// Reads until nothing is pending (or the store cannot be written: a backup being viewed).
fn run(app: &AppHandle) {
    let state = app.state::<AppState>();
    loop {
        // Nothing readable (e.g. the store could not be opened) counts as nothing to do.
        let pending = state.read(pending_count).unwrap_or_default();
        if pending == 0 {
            break;
        }
        {
            let mut s = status_lock();
            if !s.0.running {
                s.0 = FileTextStatus { running: true, read: 0, total: 0, failed: 0 };
            }
            s.0.total = s.0.read + pending;
        }
        let chunk = match state.read(|c| Ok((pending_files(c, CHUNK)?, secretariat_core::filestore::data_dir_of(c)?))) {
            Ok(c) => c,
            Err(e) => {
                log::warn!("Đọc nội dung tệp: {}", e.message);
                break;
            }
        };
        let (files, dir) = chunk;
        // The slow part, with no lock held.
        let results: Vec<_> = files.into_iter().map(|f| (f.clone(), extract(&dir, &f))).collect();
        let failed = results.iter().filter(|(_, r)| r.is_err()).count() as u32;
        if let Err(e) = state.write(|s| s.write(|tx| save_results(tx, &results))) {
            log::warn!("Đọc nội dung tệp: không lưu được kết quả: {}", e.message);
            break;
        }
        {
            let mut s = status_lock();
            s.0.read += results.len() as u32;
            s.0.failed += failed;
        }
        // Let the window's own saves go first.
        std::thread::sleep(Duration::from_millis(15));
    }
    let mut s = status_lock();
    s.0.running = false;
}
