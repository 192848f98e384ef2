//! Attaching files: only regular files within the limit, streamed and hashed, stored in the
//! file store under their hash (a name the original name cannot steer).

use super::*;
use crate::error::Sql;
use crate::meetings::tests::setup;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

fn one_item(store: &mut Store, meeting_id: &str) -> String {
    let input = AgendaInput {
        title: "Báo cáo kết quả chuyển đổi số".into(),
        presenter_person_id: None,
        presenter_agency_id: None,
        presenter_text: "Sở Thông tin và Truyền thông".into(),
    };
    add_agenda_item(store, meeting_id, &input).unwrap().remove(0).id
}

/// Every file under the data folder, relative, with the hidden temporary files too.
fn stored_files(data: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(data, data, &mut out);
    out.sort();
    out
}

#[test]
fn a_normal_file_is_copied_with_its_sha256() {
    let (mut store, _, m) = setup();
    let item = one_item(&mut store, &m.id);
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("Báo cáo quý III.pdf");
    let bytes: Vec<u8> = (0..1_300_000u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(&source, &bytes).unwrap();
    let data = dir.path().join("data");
    let items = attach_file(&mut store, &data, &item, &source).unwrap();
    let f = &items[0].files[0];
    assert_eq!(f.file_name, "Báo cáo quý III.pdf");
    assert_eq!(f.size as usize, bytes.len());
    assert_eq!(f.sha256, format!("{:x}", Sha256::digest(&bytes)));
    assert_eq!(std::fs::read(data.join(&f.stored_path)).unwrap(), bytes);
    assert_eq!(stored_files(&data), vec![f.stored_path.as_str()], "no temporary file is left");
    assert_eq!(f.stored_path, format!("files/sha256/{}/{}", &f.sha256[..2], f.sha256));
    // Recorded in the file store's table, so `files verify` checks it.
    let kind: String = store
        .read(|c| c.query_row("SELECT kind FROM stored_file WHERE sha256 = ?1", [&f.sha256], |r| r.get(0)).sql())
        .unwrap();
    assert_eq!(kind, "other", "not a PDF by its bytes, and agenda files may be anything");
}

#[test]
fn hostile_names_are_kept_as_metadata_only() {
    let (mut store, _, m) = setup();
    let item = one_item(&mut store, &m.id);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Names a Linux file may have that would steer a path or break on Windows.
    for name in ["CON.pdf", "..\\..\\x.pdf", "a:b*c?.pdf", ".hidden", " . "] {
        std::fs::write(dir.path().join(name), name.as_bytes()).unwrap();
        attach_file(&mut store, &data, &item, &dir.path().join(name)).unwrap();
    }
    let files = &store.read(|c| list_agenda(c, &m.id)).unwrap()[0].files;
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(names, ["CON.pdf", "..\\..\\x.pdf", "a:b*c?.pdf", ".hidden", " . "], "names kept as metadata");
    for f in files {
        // The stored name is the hash of the bytes, in the store's folder.
        assert_eq!(f.stored_path, format!("files/sha256/{}/{}", &f.sha256[..2], f.sha256));
        let stored = data.join(&f.stored_path);
        assert_eq!(std::fs::read(&stored).unwrap(), f.file_name.as_bytes());
        assert_eq!(f.sha256, format!("{:x}", Sha256::digest(f.file_name.as_bytes())));
    }
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_are_refused_at_once() {
    let (mut store, _, m) = setup();
    let item = one_item(&mut store, &m.id);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fifo = dir.path().join("ong-dan.pdf");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let started = Instant::now();
    for path in [fifo.as_path(), Path::new("/dev/zero"), dir.path()] {
        let err = attach_file(&mut store, &data, &item, path).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Validation);
        assert!(err.message.contains(&path.display().to_string()), "names the file: {}", err.message);
        assert!(
            err.message.contains("không phải là một tệp thông thường") || err.message.contains("là một thư mục"),
            "{}",
            err.message
        );
    }
    assert!(started.elapsed() < Duration::from_secs(3), "refused without waiting: {:?}", started.elapsed());
    assert!(store.read(|c| list_agenda(c, &m.id)).unwrap()[0].files.is_empty());
    assert!(stored_files(&data).is_empty());
}

#[test]
fn an_oversize_file_is_refused_before_it_is_read() {
    let (mut store, _, m) = setup();
    let item = one_item(&mut store, &m.id);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Sparse: no disk space used; reading it would take seconds and fill the data folder.
    let big = dir.path().join("video.mp4");
    std::fs::File::create(&big).unwrap().set_len(MAX_ATTACHMENT_BYTES + 1).unwrap();
    let huge = dir.path().join("huge.iso");
    std::fs::File::create(&huge).unwrap().set_len(25_555_000_000).unwrap();
    let started = Instant::now();
    let err = attach_file(&mut store, &data, &item, &big).unwrap_err();
    assert!(err.message.contains("lớn hơn giới hạn 50 MB"), "{}", err.message);
    assert!(err.message.contains("video.mp4"), "{}", err.message);
    let err = attach_file(&mut store, &data, &item, &huge).unwrap_err();
    assert!(err.message.contains("có dung lượng 23,8 GB, lớn hơn giới hạn 50 MB"), "{}", err.message);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert!(stored_files(&data).is_empty(), "nothing was copied");
    // Exactly at the limit is accepted.
    let edge = dir.path().join("edge.bin");
    std::fs::File::create(&edge).unwrap().set_len(MAX_ATTACHMENT_BYTES).unwrap();
    let items = attach_file(&mut store, &data, &item, &edge).unwrap();
    assert_eq!(items[0].files[0].size as u64, MAX_ATTACHMENT_BYTES);
}

#[test]
fn the_size_limit_comes_from_the_settings() {
    let (mut store, _, m) = setup();
    let item = one_item(&mut store, &m.id);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // 2 MB allowed: a 3 MB file is refused, naming the limit; at 4 MB it is taken.
    crate::settings::save_file_settings(&mut store, &crate::settings::FileSettings { max_attachment_mb: 2 }).unwrap();
    let file = tmp.path().join("bao-cao.pdf");
    std::fs::File::create(&file).unwrap().set_len(3 * 1024 * 1024).unwrap();
    let err = attach_file(&mut store, &data, &item, &file).unwrap_err();
    assert!(err.message.contains("2") && err.message.contains("MB"), "{}", err.message);
    crate::settings::save_file_settings(&mut store, &crate::settings::FileSettings { max_attachment_mb: 4 }).unwrap();
    let items = attach_file(&mut store, &data, &item, &file).unwrap();
    assert_eq!(items[0].files.len(), 1);
    // The setting itself stays within bounds.
    let err = crate::settings::save_file_settings(&mut store, &crate::settings::FileSettings { max_attachment_mb: 0 })
        .unwrap_err();
    assert!(err.message.contains("từ 1 đến 2048 MB"), "{}", err.message);
}
