//! Crash harness: the real command-line binary is killed with SIGKILL at a random moment while
//! it writes, again and again, and after every kill the data folder must be whole: SQLite's
//! integrity check passes, every write the binary acknowledged (exited 0) is there, document
//! numbers have no gap and no duplicate, and every stored PDF matches its SHA-256.
//!
//! Kinds of write: issuing documents, adding seats, saving a meeting's notes (as autosave
//! does), making backups (a killed backup must leave
//! no folder that verifies as a backup, and the data untouched).
//!
//! Trials per kind of write: `SECRETARIAT_CRASH_TRIALS` (30 by default, as CI runs it; the
//! benchmark runs 300). Each trial prints nothing unless it fails; the summary line says how many
//! kills landed before and after the write was acknowledged.

use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn trials() -> usize {
    std::env::var("SECRETARIAT_CRASH_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(30)
}

fn cli(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_secretariat-cli"));
    c.arg("--data-dir").arg(dir).env_remove("SECRETARIAT_DATA_DIR");
    c
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir).args(args).output().expect("the binary runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8").trim().to_string()
}

/// A small deterministic generator (xorshift), so a failing trial can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Starts `args`, kills it after `delay` unless it finished first; true when it exited 0 on
/// its own (the write was acknowledged).
fn run_and_kill(dir: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child: Child =
        cli(dir).args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("the binary starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.success();
        }
        if start.elapsed() >= delay {
            let _ = child.kill(); // SIGKILL
            let status = child.wait().expect("reaped");
            return status.success();
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// How long one uncontended run of `args` takes, so kills spread over the whole write.
fn duration_of(dir: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    assert!(cli(dir).args(args).stdout(Stdio::null()).status().expect("runs").success(), "{args:?}");
    start.elapsed()
}

/// The records of the database in `dir`, read through the core's own read connection.
fn records(dir: &Path) -> String {
    secretariat_core::store::Readers::new(0)
        .read(&dir.join("secretariat.db"), 0, secretariat_core::backup::dump_records)
        .expect("dump")
}

fn check_whole(dir: &Path) -> Connection {
    let db = Connection::open(dir.join("secretariat.db")).expect("opens");
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(integrity, "ok");
    let fk: i64 = db.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk check");
    assert_eq!(fk, 0, "no dangling reference");
    db
}

fn check_documents(db: &Connection) {
    // Numbers of each series run 1, 2, 3 … without gap or duplicate.
    let mut stmt = db
        .prepare(
            "SELECT issuer_symbol, series, year, number FROM document WHERE number IS NOT NULL ORDER BY 1, 2, 3, 4",
        )
        .expect("prepare");
    let rows: Vec<(String, String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut expected = 1;
    let mut series: Option<(String, String, i64)> = None;
    for (issuer, s, year, n) in rows {
        let key = (issuer, s, year);
        if series.as_ref() != Some(&key) {
            series = Some(key);
            expected = 1;
        }
        assert_eq!(n, expected, "numbers of {series:?} have a gap or a duplicate");
        expected += 1;
    }
    // Every stored PDF (in the file store, named by the record) matches its hash.
    let dir = Path::new(db.path().expect("a file database")).parent().expect("data folder").to_path_buf();
    let mut stmt =
        db.prepare("SELECT id, pdf_file, pdf_sha256 FROM document WHERE status <> 'draft'").expect("prepare");
    let docs: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for (id, file, sha) in docs {
        let pdf = std::fs::read(dir.join("files/sha256").join(&file[..2]).join(&file)).expect("stored PDF");
        assert!(pdf.starts_with(b"%PDF-"), "document {id}: stored PDF is not a PDF");
        assert_eq!(format!("{:x}", Sha256::digest(&pdf)), sha, "document {id}: PDF does not match its hash");
    }
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples").join(name).display().to_string()
}

#[test]
fn killed_while_issuing_documents() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let mut rng = Rng(0x5EC2_E7A1);
    let file = example("thong-bao.json");
    let warm = ok(dir, &["document", "import", &file]);
    let took = duration_of(dir, &["document", "issue", &warm, "--date", "06/01/2025"]);
    let (mut acknowledged, mut killed, mut committed_unacknowledged) = (0, 0, 0);
    for trial in 0..trials() {
        let id = ok(dir, &["document", "import", &file]);
        let delay = Duration::from_micros(rng.below(took.as_micros() as u64 * 3 / 2));
        let done = run_and_kill(dir, &["document", "issue", &id, "--date", "06/01/2025"], delay);
        let db = check_whole(dir);
        check_documents(&db);
        let status: String =
            db.query_row("SELECT status FROM document WHERE id = ?1", [&id], |r| r.get(0)).expect("the draft stays");
        if done {
            acknowledged += 1;
            assert_eq!(status, "issued", "trial {trial}: an acknowledged issue was lost");
        } else {
            killed += 1;
            assert!(status == "draft" || status == "issued", "trial {trial}: {status}");
            committed_unacknowledged += usize::from(status == "issued");
        }
    }
    eprintln!(
        "issuing: {} trials, {killed} killed before acknowledging ({committed_unacknowledged} of them after the \
         commit), {acknowledged} acknowledged",
        trials()
    );
    assert_eq!(acknowledged + killed, trials());
}

#[test]
fn killed_while_changing_memberships() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let mut rng = Rng(0x0B5E_55ED);
    let args = |n: usize| -> Vec<String> {
        ["membership", "add", "--role", "member", "--agency", "SYT", "--post", "Chuyên viên", "--from", "01/06/2024"]
            .iter()
            .map(|s| s.to_string())
            .chain(["--decision".into(), format!("{n}/QĐ-THU"), "--decision-date".into(), "01/06/2024".into()])
            .collect()
    };
    let warm: Vec<String> = args(0);
    let took = duration_of(dir, &warm.iter().map(String::as_str).collect::<Vec<_>>());
    let (mut acknowledged, mut killed, mut committed_unacknowledged) = (0, 0, 0);
    for trial in 1..=trials() {
        let a = args(trial);
        let delay = Duration::from_micros(rng.below(took.as_micros() as u64 * 3 / 2));
        let done = run_and_kill(dir, &a.iter().map(String::as_str).collect::<Vec<_>>(), delay);
        let db = check_whole(dir);
        let n: i64 = db
            .query_row(
                "SELECT count(*) FROM membership WHERE decision_number = ?1",
                [format!("{trial}/QĐ-THU")],
                |r| r.get(0),
            )
            .expect("count");
        if done {
            acknowledged += 1;
            assert_eq!(n, 1, "trial {trial}: an acknowledged seat was lost");
        } else {
            killed += 1;
            assert!(n <= 1, "trial {trial}: a seat was written twice");
            committed_unacknowledged += n as usize;
        }
    }
    eprintln!(
        "memberships: {} trials, {killed} killed before acknowledging ({committed_unacknowledged} of them after the \
         commit), {acknowledged} acknowledged",
        trials()
    );
}

#[test]
fn killed_while_backing_up() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let usb = tmp.path().join("usb");
    ok(&dir, &["example-data", "load"]);
    let id = ok(&dir, &["document", "import", &example("thong-bao.json")]);
    ok(&dir, &["document", "issue", &id, "--date", "06/01/2025"]);
    let before = {
        drop(check_whole(&dir));
        records(&dir)
    };
    let mut rng = Rng(0xBAC0_0B5E);
    let usb_arg = usb.display().to_string();
    let took = duration_of(&dir, &["backup", "create", "--to", &usb_arg]);
    let (mut acknowledged, mut killed) = (1, 0);
    for trial in 0..trials() {
        let delay = Duration::from_micros(rng.below(took.as_micros() as u64 * 3 / 2));
        let done = run_and_kill(&dir, &["backup", "create", "--to", &usb_arg], delay);
        if done {
            acknowledged += 1;
        } else {
            killed += 1;
        }
        // The data is whole and unchanged (the audit trail aside, which notes each backup).
        drop(check_whole(&dir));
        assert_eq!(records(&dir), before, "trial {trial}");
        // Every folder listed as a backup verifies; a killed one is never listed as complete.
        let listed = secretariat_core::backup::list_backups(&usb);
        for b in &listed {
            let check = secretariat_core::backup::verify_backup(Path::new(&b.path));
            assert!(check.ok(), "trial {trial}: {} listed but does not verify: {:?}", b.path, check.problems);
        }
        assert!(listed.len() >= acknowledged, "trial {trial}: an acknowledged backup is missing");
    }
    eprintln!("backups: {} trials, {killed} killed before acknowledging, {} acknowledged", trials(), acknowledged - 1);
}

#[test]
fn killed_while_saving_meeting_notes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let id = ok(
        dir,
        &["meeting", "create", "--subject", "Tổ Công tác quý III năm 2024", "--date", "05/09/2024", "--start", "14:00"],
    );
    // Long notes, as after an afternoon of typing; each version differs throughout.
    let version = |n: usize| format!("Phiên bản {n}: ").repeat(1500);
    let mut rng = Rng(0x0071_E5AF);
    let took = duration_of(dir, &["meeting", "notes", &id, "--text", &version(0)]);
    let mut saved = version(0);
    let (mut acknowledged, mut killed, mut committed_unacknowledged) = (0, 0, 0);
    for trial in 1..=trials() {
        let text = version(trial);
        let delay = Duration::from_micros(rng.below(took.as_micros() as u64 * 3 / 2));
        let done = run_and_kill(dir, &["meeting", "notes", &id, "--text", &text], delay);
        let db = check_whole(dir);
        let notes: String =
            db.query_row("SELECT notes FROM meeting WHERE id = ?1", [&id], |r| r.get(0)).expect("the meeting");
        if done {
            acknowledged += 1;
            assert_eq!(notes, text, "trial {trial}: acknowledged notes were lost");
        } else {
            killed += 1;
            assert!(notes == text || notes == saved, "trial {trial}: notes are neither the old nor the new text");
            committed_unacknowledged += usize::from(notes == text);
        }
        saved = notes;
    }
    eprintln!(
        "notes: {} trials, {killed} killed before acknowledging ({committed_unacknowledged} of them after the \
         commit), {acknowledged} acknowledged",
        trials()
    );
}
