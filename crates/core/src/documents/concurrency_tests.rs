//! Issuing renders its PDF before the write transaction: a long rendering never holds the
//! database's write lock, so another writer (a second window, the command line) keeps going.

use super::*;
use crate::store::{now, Store, DB_FILE};
use chrono::NaiveDate;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn long_announcement() -> DocumentContent {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json"),
    )
    .unwrap();
    let mut content: DocumentContent = serde_json::from_str(&text).unwrap();
    for i in 0..400 {
        content.body.push(Block::Clause {
            runs: vec![Run::plain(format!(
                "Nội dung chỉ đạo số {i}: các sở, ban, ngành rà soát, cập nhật dữ liệu chuyên ngành, \
                 bảo đảm kết nối, chia sẻ với Trung tâm dữ liệu tỉnh đúng tiến độ đã đề ra."
            ))],
        });
    }
    content
}

#[test]
fn a_long_rendering_does_not_hold_the_write_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(tmp.path()).unwrap();
    let content = long_announcement();
    let draft = create_draft(&mut store, &content).unwrap();
    // How long this rendering takes here; another writer will wait a quarter of that at most.
    let issuer = store.read(|c| authority::issuer_for(c, &content)).unwrap();
    let start = Instant::now();
    let opts = pdf::RenderOptions { margins: pdf::Margins::default(), created_unix: 0 };
    let (_, pages) = pdf::render_counted(&content, &issuer, opts).unwrap();
    let render = start.elapsed();
    assert!(pages >= 20, "a long document: {pages} pages");
    let patience = (render / 4).max(Duration::from_millis(50));

    let done = Arc::new(AtomicBool::new(false));
    let (writes, refused) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let writer = {
        let (done, writes, refused) = (done.clone(), writes.clone(), refused.clone());
        let path = tmp.path().join(DB_FILE);
        std::thread::spawn(move || {
            let mut conn = rusqlite::Connection::open(path).unwrap();
            conn.busy_timeout(patience).unwrap();
            let mut n = 0;
            while !done.load(Ordering::SeqCst) {
                n += 1;
                let result = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).and_then(|tx| {
                    tx.execute(
                        "INSERT INTO setting (key, value, updated_at) VALUES (?1, '1', ?2)",
                        rusqlite::params![format!("probe-{n}"), now()],
                    )?;
                    tx.commit()
                });
                match result {
                    Ok(()) => writes.fetch_add(1, Ordering::SeqCst),
                    Err(_) => refused.fetch_add(1, Ordering::SeqCst),
                };
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(20));
    let issued = issue_document(&mut store, &draft.id, NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), None, false);
    done.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    let issued = issued.unwrap();
    assert_eq!(issued.status, DocumentStatus::Issued);
    assert!(writes.load(Ordering::SeqCst) > 0);
    assert_eq!(
        refused.load(Ordering::SeqCst),
        0,
        "another writer waited more than {patience:?} while a {render:?} rendering ran"
    );
}
