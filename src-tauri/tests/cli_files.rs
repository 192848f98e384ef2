//! Files the command line reads and writes for the user: a document file to import must be a
//! regular file of at most 10 MB (refused at once otherwise), and a PDF written over an
//! existing one on a full disk leaves the old one intact.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_secretariat")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("SECRETARIAT_DATA_DIR")
        .output()
        .expect("the binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail with exit code 1");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

/// A full disk, simulated with a file size limit (RLIMIT_FSIZE, in KB): writes past it fail
/// with EFBIG instead of the process being killed, because SIGXFSZ is ignored.
fn run_limited(dir: &Path, limit_kb: u64, args: &[&str]) -> Output {
    let mut script = format!("trap '' XFSZ; ulimit -f {limit_kb}; exec '{}' --data-dir '{}'", bin(), dir.display());
    for a in args {
        script.push_str(&format!(" '{a}'"));
    }
    Command::new("bash").args(["-c", &script]).env_remove("SECRETARIAT_DATA_DIR").output().expect("bash runs")
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples").join(name)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    names.sort();
    names
}

#[test]
fn a_failed_export_on_a_full_disk_keeps_the_old_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = tmp.path().join("xuat");
    std::fs::create_dir_all(&out).unwrap();
    let id = ok(&data, &["document", "import", example("bien-ban.json").to_str().unwrap()]).trim().to_string();
    ok(&data, &["document", "issue", &id, "--date", "15/01/2025"]);
    // A good PDF already at the target: another document's.
    let other = ok(&data, &["document", "import", example("cong-van.json").to_str().unwrap()]).trim().to_string();
    let target = out.join("van-ban.pdf");
    let t = target.to_str().unwrap();
    ok(&data, &["document", "render", &other, "--out", t]);
    let good = std::fs::read(&target).unwrap();
    assert!(good.starts_with(b"%PDF-"));
    ok(&data, &["document", "render", &id, "--out", out.join("du-kien.pdf").to_str().unwrap()]);
    let new_size = std::fs::metadata(out.join("du-kien.pdf")).unwrap().len();
    std::fs::remove_file(out.join("du-kien.pdf")).unwrap();
    // Below both PDFs, above what opening the database needs (its 32 KB shared-memory file).
    let limit_kb = new_size.min(good.len() as u64) / 1024 - 4;
    assert!(limit_kb >= 36, "PDFs of {new_size} and {} bytes", good.len());

    let res = run_limited(&data, limit_kb, &["document", "render", &id, "--out", t]);
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with(&format!("Lỗi: Không ghi được tệp {t}: ổ đĩa đã đầy. Tệp cũ (nếu có) vẫn giữ nguyên.")),
        "{err}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), good, "the old PDF is unchanged, byte for byte");
    assert_eq!(names_in(&out), ["van-ban.pdf"], "no half-written or temporary file is left");
    // With room on the disk, the same export replaces it.
    ok(&data, &["document", "render", &id, "--out", t]);
    let replaced = std::fs::read(&target).unwrap();
    assert_eq!(replaced.len() as u64, new_size);
    assert_ne!(replaced, good);
}

#[cfg(unix)]
#[test]
fn only_a_regular_document_file_is_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let fifo = tmp.path().join("ong-dan.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let big = tmp.path().join("lon.json");
    std::fs::File::create(&big).unwrap().set_len(10 * 1024 * 1024 + 1).unwrap();
    let started = Instant::now();
    for (file, expected) in [
        (fifo.as_path(), "không phải là một tệp thông thường"),
        (Path::new("/dev/zero"), "không phải là một tệp thông thường"),
        (tmp.path(), "là một thư mục"),
        (big.as_path(), "lớn hơn giới hạn 10 MB"),
    ] {
        let f = file.to_str().unwrap();
        for action in ["import", "render-file"] {
            let mut args = vec!["document", action, f];
            let pdf = tmp.path().join("x.pdf");
            if action == "render-file" {
                args.extend(["--out", pdf.to_str().unwrap()]);
            }
            let err = fails(&data, &args);
            assert!(err.starts_with("Lỗi: ") && err.contains(f) && err.contains(expected), "{action} {f}: {err}");
            assert!(!pdf.exists());
        }
    }
    assert!(started.elapsed() < Duration::from_secs(20), "refused at once: {:?}", started.elapsed());
    assert_eq!(ok(&data, &["document", "list"]).trim(), "", "nothing was imported");
}
