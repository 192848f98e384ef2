//! Hostile input through the real command line: every case is either refused (exit code 1, a
//! Vietnamese message containing a given phrase, records unchanged) or stored and read back in
//! exactly the expected form (NFC, without invisible characters). After every case the file
//! passes `PRAGMA integrity_check`.
//!
//! The cases are a table run by a few test functions; each prints a summary line and fails
//! listing every failing case by name, so one failure does not hide the others.

use rusqlite::{Connection, OpenFlags};
use secretariat_core::backup::dump_records;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("SECRETARIAT_DATA_DIR")
        .output()
        .expect("the binary runs")
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Runs a command that must succeed (the setup of a group).
fn ok(dir: &Path, list: &[&str]) -> String {
    let out = run(dir, &args(list));
    assert!(out.status.success(), "{list:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn ok_json(dir: &Path, list: &[&str]) -> Value {
    let mut all = list.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(dir, &all)).unwrap()
}

fn db(dir: &Path) -> Connection {
    Connection::open_with_flags(dir.join("secretariat.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn records(dir: &Path) -> String {
    secretariat_core::store::Readers::new(0).read(&dir.join("secretariat.db"), 0, dump_records).unwrap()
}

/// The records without the search index's FTS5 shadow tables, whose bookkeeping rows change
/// on every insert: what must stay when a case adds a record.
fn records_but_index(dump: &str) -> Vec<&str> {
    let mut keep = true;
    let mut out = Vec::new();
    for line in dump.lines() {
        if let Some(table) = line.strip_prefix("== ") {
            keep = !table.starts_with("search_index");
        }
        if keep {
            out.push(line);
        }
    }
    out
}

fn integrity(dir: &Path) -> String {
    db(dir).query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap()
}

/// How a value is read back after a case stored it: from the command's output (an id, or the
/// JSON record) and the data folder.
type Reader = Box<dyn Fn(&Path, &str) -> Result<String, String>>;

enum Expect {
    /// Exit code 1, stderr "Lỗi: …" containing the phrase, nothing on stdout, records unchanged.
    Refused(String),
    /// Exit code 0 and the value read back is exactly this; the records made before remain
    /// (but the rows naming the id given, which the command is meant to change).
    Stored(Reader, String, Option<String>),
    /// Exit code 0, stdout contains the phrase, records unchanged (a search, a listing).
    Answered(String),
}

struct Case {
    name: &'static str,
    args: Vec<String>,
    expect: Expect,
}

fn refused(name: &'static str, a: Vec<String>, phrase: &str) -> Case {
    Case { name, args: a, expect: Expect::Refused(phrase.to_string()) }
}

fn answered(name: &'static str, a: Vec<String>, phrase: &str) -> Case {
    Case { name, args: a, expect: Expect::Answered(phrase.to_string()) }
}

fn stored(name: &'static str, a: Vec<String>, read: Reader, expected: &str) -> Case {
    Case { name, args: a, expect: Expect::Stored(read, expected.to_string(), None) }
}

fn updated(name: &'static str, a: Vec<String>, read: Reader, expected: &str, id: &str) -> Case {
    Case { name, args: a, expect: Expect::Stored(read, expected.to_string(), Some(id.to_string())) }
}

/// The `field` of the record whose id the command printed as JSON, as `list` gives it back.
fn listed(list: &'static [&'static str], field: &'static str) -> Reader {
    Box::new(move |dir, stdout| {
        let made: Value = serde_json::from_str(stdout).map_err(|e| format!("output is not JSON: {e}"))?;
        let id = made["id"].as_str().ok_or("no id in the output")?;
        let out = run(dir, &args(&[list, &["--json"]].concat()));
        let all: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("list is not JSON: {e}"))?;
        let one = all.as_array().and_then(|a| a.iter().find(|r| r["id"] == id)).ok_or("not in the list")?;
        one[field].as_str().map(str::to_string).ok_or_else(|| format!("no {field}"))
    })
}

fn person_field(field: &'static str) -> Reader {
    listed(&["person", "list"], field)
}

fn agency_field(field: &'static str) -> Reader {
    listed(&["agency", "list"], field)
}

/// The end date and reason of a membership, as stored.
fn membership_end(id: &str) -> Reader {
    let id = id.to_string();
    Box::new(move |dir, _| {
        db(dir)
            .query_row("SELECT end_date || ' ' || end_reason FROM membership WHERE id = ?1", [&id], |r| r.get(0))
            .map_err(|e| e.to_string())
    })
}

/// A field of the stored content of the document whose id the command printed.
fn doc_field(pointer: &'static str) -> Reader {
    Box::new(move |dir, stdout| {
        let id = stdout.trim();
        let content: String = db(dir)
            .query_row("SELECT content FROM document WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|e| format!("document {id:?} not stored: {e}"))?;
        let v: Value = serde_json::from_str(&content).map_err(|e| e.to_string())?;
        v.pointer(pointer).and_then(Value::as_str).map(str::to_string).ok_or_else(|| format!("no {pointer}"))
    })
}

#[derive(Default)]
struct Tally {
    refused: usize,
    stored: usize,
    answered: usize,
    failures: Vec<String>,
}

impl Tally {
    fn total(&self) -> usize {
        self.refused + self.stored + self.answered
    }

    fn finish(self, what: &str) {
        println!(
            "hostile input ({what}): {} cases, {} refused, {} stored exactly, {} answered",
            self.total(),
            self.refused,
            self.stored,
            self.answered
        );
        assert!(self.failures.is_empty(), "{} failing case(s):\n{}", self.failures.len(), self.failures.join("\n"));
    }
}

/// Whether a message is Vietnamese: each line NFC without invisible characters (what
/// `text::clean` leaves unchanged, up to spacing), with at least one Vietnamese letter.
fn vietnamese(s: &str) -> bool {
    let nfc = s.lines().all(|l| secretariat_core::text::clean(l) == l.split_whitespace().collect::<Vec<_>>().join(" "));
    nfc && s.chars().any(|c| "ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửữựỳỷỹýĐ".contains(c))
}

fn check(dir: &Path, case: &Case) -> Result<(), String> {
    let before = records(dir);
    let out = run(dir, &case.args);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    match &case.expect {
        Expect::Refused(phrase) => {
            if out.status.code() != Some(1) {
                return Err(format!("exit code {:?}, expected 1; stdout {stdout:.200}", out.status.code()));
            }
            if !stdout.is_empty() {
                return Err(format!("printed on stdout: {stdout:.200}"));
            }
            if !stderr.starts_with("Lỗi: ") || !stderr.contains(phrase.as_str()) || !vietnamese(&stderr) {
                return Err(format!("message {stderr:.400} does not contain {phrase:?}"));
            }
            if records(dir) != before {
                return Err("the records changed although the command was refused".into());
            }
        }
        Expect::Answered(phrase) => {
            if !out.status.success() {
                return Err(format!("failed: {stderr:.300}"));
            }
            if !stdout.contains(phrase.as_str()) {
                return Err(format!("output {stdout:.300} does not contain {phrase:?}"));
            }
            if records(dir) != before {
                return Err("the records changed on a read".into());
            }
        }
        Expect::Stored(read, expected, changed) => {
            if !out.status.success() {
                return Err(format!("failed: {stderr:.300}"));
            }
            let got = read(dir, &stdout)?;
            if &got != expected {
                let show = |s: &str| s.chars().take(120).collect::<String>();
                return Err(format!(
                    "read back {:?} ({} chars), expected {:?} ({} chars)",
                    show(&got),
                    got.chars().count(),
                    show(expected),
                    expected.chars().count()
                ));
            }
            let after = records(dir);
            let mut remaining = records_but_index(&after);
            for line in records_but_index(&before) {
                if changed.as_deref().is_some_and(|id| line.contains(id)) {
                    continue;
                }
                match remaining.iter().position(|l| *l == line) {
                    Some(i) => {
                        remaining.swap_remove(i);
                    }
                    None => return Err(format!("a record made before changed: {line:.200}")),
                }
            }
        }
    }
    let check = integrity(dir);
    if check != "ok" {
        return Err(format!("integrity_check: {check}"));
    }
    Ok(())
}

fn run_cases(dir: &Path, cases: &[Case], tally: &mut Tally) {
    let mut names = std::collections::HashSet::new();
    for case in cases {
        assert!(names.insert(case.name), "two cases named {}", case.name);
        match check(dir, case) {
            Ok(()) => match case.expect {
                Expect::Refused(_) => tally.refused += 1,
                Expect::Stored(..) => tally.stored += 1,
                Expect::Answered(_) => tally.answered += 1,
            },
            Err(e) => tally.failures.push(format!("- {}: {e}", case.name)),
        }
    }
}

/// Strings used by several cases.
const NFD_NAME: &str = "Nguye\u{0302}\u{0303}n Thi\u{0323} Ha\u{0300}";
const INVISIBLES: &str = "\u{FEFF}Lê\u{200B} Văn\u{200D} Tâm\u{200F}\u{00AD}\u{202E}";

#[test]
fn hostile_roster_input() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    // Two agencies, one merged into the other from 01/03/2025.
    ok(dir, &["agency", "add", "--name", "Ban Quản lý Hợp nhất", "--short", "BQLHN", "--kind", "board"]);
    ok(dir, &["agency", "add", "--name", "Ban Quản lý Tiếp nhận", "--short", "BQLTN", "--kind", "board"]);
    ok(dir, &["agency", "merge", "BQLHN", "--into", "BQLTN", "--on", "01/03/2025"]);
    let roster = ok_json(dir, &["roster", "list", "--as-of", "2024-09-05"]);
    let seat = roster["groups"][2]["entries"][3]["membership_id"].as_str().unwrap().to_string();
    ok(dir, &["membership", "end", &seat, "--on", "01/10/2024", "--reason", "Nghỉ hưu"]);
    let people = ok_json(dir, &["person", "list"]);
    let person_id = people[0]["id"].as_str().unwrap().to_string();
    let agencies = ok_json(dir, &["agency", "list"]);
    let agency_id = agencies[0]["id"].as_str().unwrap().to_string();
    let bodies = ok_json(dir, &["roster", "bodies"]);
    let body_id = bodies[0]["id"].as_str().unwrap().to_string();
    let missing = "01900000-0000-7000-8000-000000000000".to_string();
    let s = |v: &str| v.to_string();

    let person = |name: &str| args(&["person", "add", "--name", name, "--json"]);
    let agency = |name: &str| args(&["agency", "add", "--name", name, "--json"]);
    let five_thousand = "Nguyễn ".repeat(715).trim_end().to_string(); // 5,004 characters
    let cases = vec![
        // Text that is stored, read back exactly in its cleaned form.
        stored("nfd_person_name", person(NFD_NAME), person_field("full_name"), "Nguyễn Thị Hà"),
        stored(
            "html_person_name",
            person("<script>alert(\"x\")</script>"),
            person_field("full_name"),
            "<script>alert(\"x\")</script>",
        ),
        stored(
            "script_agency_name",
            agency("<script>alert(1)</script>"),
            agency_field("full_name"),
            "<script>alert(1)</script>",
        ),
        stored(
            "img_onerror_agency_name",
            agency("<img src=x onerror=alert(1)>"),
            agency_field("full_name"),
            "<img src=x onerror=alert(1)>",
        ),
        stored(
            "sql_quote_person_name",
            person("Robert'); DROP TABLE person;--"),
            person_field("full_name"),
            "Robert'); DROP TABLE person;--",
        ),
        stored("name_of_5000_chars", person(&five_thousand), person_field("full_name"), &five_thousand),
        stored("emoji_person_name", person("Trần Văn 😀👍🏽"), person_field("full_name"), "Trần Văn 😀👍🏽"),
        stored("invisible_marks_removed", person(INVISIBLES), person_field("full_name"), "Lê Văn Tâm"),
        stored("bel_and_esc_removed", person("Hồ\u{7} Văn\u{1b}[H Nam"), person_field("full_name"), "Hồ Văn[H Nam"),
        stored("c1_controls_removed", person("Đinh\u{85} Thị\u{9b} Lan"), person_field("full_name"), "Đinh Thị Lan"),
        stored("tabs_and_newlines_collapsed", person("Lò\tVăn\n\nPáo"), person_field("full_name"), "Lò Văn Páo"),
        stored("dot_dot_slash_agency", agency("../../etc/passwd"), agency_field("full_name"), "../../etc/passwd"),
        stored("absolute_path_agency", agency("/etc/shadow"), agency_field("full_name"), "/etc/shadow"),
        stored("windows_con_agency", agency("CON"), agency_field("full_name"), "CON"),
        stored("windows_nul_agency", agency("NUL"), agency_field("full_name"), "NUL"),
        stored("windows_com1_agency", agency("COM1.txt"), agency_field("full_name"), "COM1.txt"),
        stored(
            "html_in_post",
            args(&["person", "add", "--name", "Mạc Thị Bưởi", "--post", "<b onmouseover=x>Trưởng</b>", "--json"]),
            person_field("post"),
            "<b onmouseover=x>Trưởng</b>",
        ),
        // Text that is refused.
        refused(
            "only_invisible_person_name",
            person("\u{FEFF}\u{200D}\u{200B} \u{7}"),
            "Họ và tên không được để trống.",
        ),
        refused("only_invisible_agency_name", agency("\u{200B}\u{202E}"), "Tên cơ quan không được để trống."),
        refused("html_email", args(&["person", "add", "--name", "Lê Mai", "--email", "<script>@x"]), "không hợp lệ"),
        refused(
            "emoji_phone",
            args(&["person", "add", "--name", "Lê Mai", "--phone", "0912 ☎"]),
            "chỉ được gồm chữ số",
        ),
        refused("html_honorific", args(&["person", "add", "--name", "Lê Mai", "--honorific", "<b>"]), "Danh xưng"),
        refused("unknown_agency_kind", args(&["agency", "add", "--name", "X Y", "--kind", "'; --"]), "Loại cơ quan"),
        refused("unknown_role", args(&["membership", "add", "--role", "admin", "--from", "01/01/2025"]), "Vai trò"),
        // Duplicates.
        refused("duplicate_agency_lower_case", agency("sở y tế"), "Đã có cơ quan tên \"Sở Y tế\""),
        refused("duplicate_agency_nfd", agency("So\u{31b}\u{309} Y te\u{302}\u{301}"), "Đã có cơ quan tên \"Sở Y tế\""),
        refused("duplicate_agency_zero_width", agency("Sở\u{200B} Y  tế\u{FEFF}"), "Đã có cơ quan tên \"Sở Y tế\""),
        refused(
            "duplicate_short_name",
            args(&["agency", "add", "--name", "Sở Y tế dự phòng", "--short", "syt"]),
            "Tên viết tắt \"SYT\" đã dùng",
        ),
        // Merged agencies and ended seats.
        refused(
            "merged_agency_new_seat",
            args(&["membership", "add", "--role", "member", "--agency", "BQLHN", "--from", "01/04/2025"]),
            "đã sáp nhập vào Ban Quản lý Tiếp nhận",
        ),
        refused(
            "merge_merged_again",
            args(&["agency", "merge", "BQLHN", "--into", "SYT", "--on", "01/05/2025"]),
            "đã được sáp nhập trước đó",
        ),
        refused(
            "merge_into_itself",
            args(&["agency", "merge", "SYT", "--into", "SYT", "--on", "01/05/2025"]),
            "chính nó",
        ),
        // Ending an ended seat again moves its end date (a correction; the decision and the
        // reason stay), as long as nobody holds the seat after it.
        updated(
            "re_end_ended_seat",
            args(&["membership", "end", &seat, "--on", "01/11/2024", "--json"]),
            membership_end(&seat),
            "2024-11-01 Nghỉ hưu",
            &seat,
        ),
        // Impossible dates.
        refused(
            "date_31_02",
            args(&["roster", "list", "--as-of", "31/02/2024"]),
            "không hợp lệ; hãy viết theo dạng dd/mm/yyyy",
        ),
        refused("date_29_02_non_leap", args(&["roster", "list", "--as-of", "29/02/2023"]), "không hợp lệ"),
        refused("date_day_zero", args(&["roster", "list", "--as-of", "00/01/2024"]), "không hợp lệ"),
        refused("date_year_zero", args(&["roster", "list", "--as-of", "01/01/0000"]), "không hợp lệ"),
        refused("date_negative_year", args(&["roster", "list", "--as-of=-2024-01-01"]), "không hợp lệ"),
        refused("date_1899", args(&["roster", "list", "--as-of", "31/12/1899"]), "không hợp lệ"),
        refused("date_2101", args(&["roster", "list", "--as-of", "01/01/2101"]), "không hợp lệ"),
        refused("date_month_13", args(&["roster", "list", "--as-of", "2024-13-01"]), "không hợp lệ"),
        refused("date_five_digit_year", args(&["roster", "list", "--as-of", "01/01/20244"]), "không hợp lệ"),
        refused("date_words", args(&["roster", "list", "--as-of", "hôm qua"]), "không hợp lệ"),
        refused(
            "membership_from_31_02",
            args(&["membership", "add", "--role", "member", "--agency", "SYT", "--from", "31/02/2025"]),
            "Ngày \"31/02/2025\" không hợp lệ",
        ),
        // Ids that do not exist or are of another kind.
        refused(
            "end_missing_membership",
            args(&["membership", "end", &missing, "--on", "01/01/2025"]),
            "Không tìm thấy vị trí",
        ),
        refused(
            "end_person_id_as_membership",
            vec![s("membership"), s("end"), person_id.clone(), s("--on"), s("01/01/2025")],
            "Không tìm thấy vị trí",
        ),
        refused(
            "replace_agency_id_as_membership",
            vec![
                s("membership"),
                s("replace"),
                agency_id.clone(),
                s("--agency"),
                s("SYT"),
                s("--on"),
                s("01/01/2025"),
                s("--decision"),
                s("1/QĐ"),
            ],
            "Không tìm thấy vị trí",
        ),
        refused(
            "move_body_id_as_membership",
            vec![s("membership"), s("move"), body_id.clone(), s("--up")],
            "Không tìm thấy vị trí",
        ),
        refused(
            "person_id_as_agency",
            vec![
                s("membership"),
                s("add"),
                s("--role"),
                s("member"),
                s("--agency"),
                person_id.clone(),
                s("--from"),
                s("01/01/2025"),
            ],
            "Không tìm thấy cơ quan",
        ),
        refused(
            "agency_id_as_person",
            vec![
                s("membership"),
                s("add"),
                s("--role"),
                s("member"),
                s("--person"),
                agency_id.clone(),
                s("--from"),
                s("01/01/2025"),
            ],
            "Không tìm thấy người",
        ),
        refused(
            "agency_id_as_person_history",
            vec![s("person"), s("history"), agency_id.clone()],
            "Không tìm thấy người",
        ),
        refused(
            "person_id_as_agency_delete",
            vec![s("agency"), s("delete"), person_id.clone()],
            "Không tìm thấy cơ quan",
        ),
        refused(
            "person_id_as_body",
            vec![s("roster"), s("list"), s("--body"), person_id.clone()],
            "Không tìm thấy tổ chức",
        ),
        // Searches: answered, never an FTS5 syntax error.
        refused("search_201_chars", args(&["search", &"a".repeat(201)]), "Nội dung tìm kiếm quá dài"),
        refused(
            "search_17_words",
            args(&["search", &(1..=17).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")]),
            "quá nhiều từ",
        ),
        answered("search_lone_quote", args(&["search", "\""]), "Không tìm thấy kết quả"),
        answered("search_star", args(&["search", "*"]), "Không tìm thấy kết quả"),
        answered("search_near", args(&["search", "NEAR("]), "Không tìm thấy kết quả"),
        answered("search_or_minus", args(&["search", "so OR y -te"]), "Không tìm thấy kết quả"),
        answered("search_column_filter", args(&["search", "full_name:phu"]), "Không tìm thấy kết quả"),
        answered("search_punctuation_only", args(&["search", "!!! ... )( ^ :"]), "Không tìm thấy kết quả"),
        answered("search_quoted_phrase", args(&["search", "\"so y te\""]), "Sở Y tế"),
        answered("search_unbalanced_quote_and_star", args(&["search", "so* y te\""]), "Sở Y tế"),
        answered("search_caret_prefix", args(&["search", "^vo"]), "Võ Trọng Phú"),
        answered("search_nfd", args(&["search", "Vo\u{303} Tro\u{323}ng"]), "Võ Trọng Phú"),
        answered("search_zero_width", args(&["search", "Võ\u{200B}Trọng"]), "Võ Trọng Phú"),
    ];
    let mut tally = Tally::default();
    run_cases(dir, &cases, &mut tally);
    tally.finish("roster and search");
}

fn example(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Writes one JSON file for `document import`.
struct Files(tempfile::TempDir);

impl Files {
    fn bytes(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    }

    /// The report example with `change` applied.
    fn report(&self, name: &str, change: impl FnOnce(&mut Value)) -> String {
        let mut v = example("bao-cao.json");
        change(&mut v);
        self.bytes(name, v.to_string().as_bytes())
    }
}

fn import(file: String) -> Vec<String> {
    vec!["document".into(), "import".into(), file]
}

#[test]
fn hostile_document_input() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = Files(tempfile::tempdir().unwrap());
    let person = ok_json(dir, &["person", "add", "--name", "Lê Văn Tám"]);
    let person_id = person["id"].as_str().unwrap().to_string();
    let good = files.report("good.json", |_| {});
    let issued = ok(dir, &["document", "import", &good]).trim().to_string();
    assert_eq!(ok(dir, &["document", "issue", &issued, "--date", "15/01/2025"]).trim(), "01/BC-TCT");
    let draft = ok(dir, &["document", "import", &good]).trim().to_string();
    // A draft changed by another program to hold a character the PDF font cannot draw.
    let tampered = ok(dir, &["document", "import", &good]).trim().to_string();
    {
        let conn = Connection::open(dir.join("secretariat.db")).unwrap();
        let content: String =
            conn.query_row("SELECT content FROM document WHERE id = ?1", [&tampered], |r| r.get(0)).unwrap();
        let mut v: Value = serde_json::from_str(&content).unwrap();
        v["subject"] = json!("Kết quả tháng 12 🎉");
        conn.execute("UPDATE document SET content = ?2 WHERE id = ?1", [&tampered, &v.to_string()]).unwrap();
    }
    // The change made outside the app is queued for the search index (a trigger) and indexed
    // the next time the app opens the data; open it once so that the cases start from there.
    ok(dir, &["document", "list"]);
    let s = |v: &str| v.to_string();
    let set = |pointer: &'static str, value: Value| move |v: &mut Value| *v.pointer_mut(pointer).unwrap() = value;
    let table = |widths: Value| {
        move |v: &mut Value| {
            v["body"].as_array_mut().unwrap().push(json!({
                "kind": "table", "header": ["TT", "Nội dung"], "rows": [["1", "Số hóa"]], "widths": widths
            }))
        }
    };
    let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    let mut words_5000: String = "chuyển đổi số ".repeat(400).chars().take(4999).collect();
    words_5000.push('x');
    assert_eq!(words_5000.chars().count(), 5000);
    let words_5001 = words_5000.clone() + "a";
    let mut garbage_json = example("bao-cao.json").to_string();
    let half = (0..=garbage_json.len() / 2).rev().find(|i| garbage_json.is_char_boundary(*i)).unwrap();
    garbage_json.truncate(half);
    let not_found = "Không tìm thấy văn bản";
    // Unknown fields are ignored (a file from a newer version still imports), at any depth
    // under serde_json's recursion limit.
    let shallow = {
        let text = example("bao-cao.json").to_string();
        format!("{},\"extra\":{}}}", &text[..text.len() - 1], nested(100))
    };
    let bad_json = "không đúng mẫu văn bản (JSON)";
    let cases = vec![
        // Malformed, wrong-typed and deeply nested JSON.
        refused("json_cut_in_half", import(files.bytes("half.json", garbage_json.as_bytes())), bad_json),
        refused("json_empty_file", import(files.bytes("empty.json", b"")), bad_json),
        refused("json_top_level_array", import(files.bytes("array.json", b"[1, 2, 3]")), bad_json),
        refused("json_not_utf8", import(files.bytes("latin1.json", b"{\"subject\": \"B\xe1o c\xe1o\"}")), "Không đọc được tệp"),
        refused("json_100000_nested_arrays", import(files.bytes("nested.json", nested(100_000).as_bytes())), bad_json),
        refused(
            "json_100000_nested_objects",
            import(files.bytes("objects.json", ("{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000)).as_bytes())),
            bad_json,
        ),
        // serde_json skips an unknown value without recursing: no stack overflow either.
        stored(
            "json_100000_nested_in_unknown_field",
            import(files.bytes("unknown-field.json", {
                let text = example("bao-cao.json").to_string();
                format!("{},\"extra\":{}}}", &text[..text.len() - 1], nested(100_000)).into_bytes()
            }.as_slice())),
            doc_field("/doc_type"),
            "report",
        ),
        refused(
            "json_nested_in_a_table_cell",
            import(files.bytes(
                "cell.json",
                format!(
                    r#"{{"doc_type":"report","subject":"x","body":[{{"kind":"table","header":[],"rows":[{}],"widths":[]}}]}}"#,
                    nested(50_000)
                )
                .as_bytes(),
            )),
            bad_json,
        ),
        stored("json_nested_100_in_unknown_field", import(files.bytes("shallow.json", shallow.as_bytes())), doc_field("/doc_type"), "report"),
        refused("unknown_doc_type", import(files.report("memo.json", set("/doc_type", json!("memo")))), "unknown variant `memo`"),
        refused(
            "unknown_block_kind",
            import(files.report("block.json", |v| v["body"][0]["kind"] = json!("script"))),
            "unknown variant `script`",
        ),
        refused("unknown_urgency", import(files.report("urgency.json", |v| v["urgency"] = json!("super"))), bad_json),
        refused(
            "unknown_signing_authority",
            import(files.report("authority.json", |v| v["signers"][0]["authority"] = json!("boss"))),
            bad_json,
        ),
        refused("number_as_subject", import(files.report("subject-number.json", set("/subject", json!(5)))), "expected a string"),
        refused("numbers_as_recipients", import(files.report("recipients.json", |v| v["recipients"] = json!([1, 2]))), bad_json),
        refused("string_as_number", import(files.report("number-string.json", set("/number", json!("45")))), bad_json),
        refused("negative_number", import(files.report("number-negative.json", set("/number", json!(-1)))), bad_json),
        refused("number_over_u32", import(files.report("number-huge.json", set("/number", json!(1e20)))), bad_json),
        refused("date_31_02_in_json", import(files.report("date.json", set("/date", json!("2024-02-31")))), bad_json),
        refused("null_subject", import(files.report("null.json", set("/subject", Value::Null))), bad_json),
        refused(
            "nan_width",
            import(files.bytes("nan.json", br#"{"doc_type":"report","subject":"x","body":[{"kind":"table","header":["a"],"rows":[],"widths":[NaN]}]}"#)),
            bad_json,
        ),
        // Tables the layout cannot place.
        refused("table_widths_zero", import(files.report("w0.json", table(json!([0, 0])))), "độ rộng cột phải là số dương"),
        refused("table_widths_negative", import(files.report("wneg.json", table(json!([-1, 2])))), "độ rộng cột phải là số dương"),
        refused("table_width_infinite", import(files.report("winf.json", table(json!([1e39, 1])))), "độ rộng cột phải là số dương"),
        // Long texts.
        refused(
            "subject_of_1_mb",
            import(files.report("1mb.json", set("/subject", json!("số ".repeat(350_000))))),
            "quá mức cho phép (5.000 ký tự)",
        ),
        refused("subject_of_5001_chars", import(files.report("5001.json", set("/subject", json!(words_5001)))), "dài 5.001 ký tự"),
        stored("subject_of_5000_chars", import(files.report("5000.json", set("/subject", json!(words_5000)))), doc_field("/subject"), &words_5000),
        refused(
            "unbroken_300_chars",
            import(files.report("unbroken.json", set("/subject", json!("Chuyểnđổisố".repeat(30))))),
            "ký tự liền nhau không có dấu cách",
        ),
        // Characters.
        refused(
            "emoji_in_subject",
            import(files.report("emoji.json", set("/subject", json!("Báo cáo 😀 tháng 12")))),
            "Trích yếu: có ký tự \"😀\" (U+1F600) không in được",
        ),
        refused(
            "emoji_in_paragraph",
            import(files.report("emoji-body.json", |v| v["body"][0]["runs"][0]["text"] = json!("Hoàn thành 👍"))),
            "Khối nội dung thứ 1 (đoạn văn): có ký tự \"👍\" (U+1F44D)",
        ),
        refused(
            "emoji_in_a_stored_draft_is_not_issued",
            vec![s("document"), s("issue"), tampered.clone(), s("--date"), s("16/01/2025")],
            "có ký tự \"🎉\" (U+1F389) không in được",
        ),
        stored("nfd_subject", import(files.report("nfd.json", set("/subject", json!(NFD_NAME)))), doc_field("/subject"), "Nguyễn Thị Hà"),
        stored(
            "html_subject",
            import(files.report("html.json", set("/subject", json!("<script>alert(1)</script> <img src=x onerror=alert(1)>")))),
            doc_field("/subject"),
            "<script>alert(1)</script> <img src=x onerror=alert(1)>",
        ),
        stored(
            "invisible_marks_in_subject",
            import(files.report("invisible.json", set("/subject", json!(format!("Báo cáo {INVISIBLES}"))))),
            doc_field("/subject"),
            "Báo cáo Lê Văn Tâm",
        ),
        stored(
            "c0_controls_in_subject",
            import(files.report("c0.json", set("/subject", json!("Báo\u{0} cáo\u{7} \u{1b}[Htháng")))),
            doc_field("/subject"),
            "Báo cáo [Htháng",
        ),
        stored(
            "c1_controls_in_recipient",
            import(files.report("c1.json", |v| v["recipients"] = json!(["Sở\u{85} Y\u{9b} tế"]))),
            doc_field("/recipients/0"),
            "Sở Y tế",
        ),
        stored(
            "controls_in_a_run",
            import(files.report("run.json", |v| v["body"][0]["runs"] = json!([{"text": "Đã\u{1b}[2J triển\u{200B} khai\u{0}"}]))),
            doc_field("/body/0/runs/0/text"),
            "Đã[2J triển khai",
        ),
        stored(
            "path_as_recipient",
            import(files.report("path.json", |v| v["recipients"] = json!(["../../etc/passwd", "C:\\Windows\\CON"]))),
            doc_field("/recipients/1"),
            "C:\\Windows\\CON",
        ),
        // Ids that do not exist or are of another kind; wrong states.
        refused("issue_missing_document", args(&["document", "issue", "01900000-0000-7000-8000-000000000000"]), not_found),
        refused("issue_person_id", vec![s("document"), s("issue"), person_id.clone()], not_found),
        refused("render_person_id", vec![s("document"), s("render"), person_id.clone(), s("--out"), s("/tmp/x.pdf")], not_found),
        refused("issue_twice", vec![s("document"), s("issue"), issued.clone(), s("--date"), s("16/01/2025")], "đã ban hành"),
        refused("recall_a_draft", vec![s("document"), s("recall"), draft.clone(), s("--reason"), s("Nhầm")], "Chỉ thu hồi được văn bản đã ban hành."),
        refused(
            "recall_reason_invisible",
            vec![s("document"), s("recall"), issued.clone(), s("--reason"), s("\u{200B}\u{FEFF} \u{7}")],
            "Hãy ghi lý do thu hồi",
        ),
        // Dates at issue.
        refused("issue_on_31_02", vec![s("document"), s("issue"), draft.clone(), s("--date"), s("31/02/2025")], "không hợp lệ"),
        refused("issue_in_year_0", vec![s("document"), s("issue"), draft.clone(), s("--date"), s("01/01/0000")], "không hợp lệ"),
        refused("issue_in_1899", vec![s("document"), s("issue"), draft.clone(), s("--date"), s("31/12/1899")], "không hợp lệ"),
        refused("issue_in_2101", vec![s("document"), s("issue"), draft.clone(), s("--date"), s("01/01/2101")], "không hợp lệ"),
        refused("issue_negative_year", vec![s("document"), s("issue"), draft.clone(), s("--date=-2025-01-01")], "không hợp lệ"),
        // Paths and names.
        refused("render_into_missing_folder", vec![s("document"), s("render"), draft.clone(), s("--out"), s("/nonexistent/../x.pdf")], "Không ghi được tệp"),
        refused("render_onto_a_folder", vec![s("document"), s("render"), draft.clone(), s("--out"), s("/tmp")], "Không ghi được tệp"),
        refused("import_a_folder", args(&["document", "import", "/tmp"]), "là một thư mục, không phải một tệp"),
        refused("import_missing_file", args(&["document", "import", "../../nonexistent/CON.json"]), "Không tìm thấy tệp"),
        refused("list_unknown_type", args(&["document", "list", "--type", "<script>"]), "Loại văn bản \"<script>\" không hợp lệ"),
        refused("list_sql_status", args(&["document", "list", "--status", "'; DROP TABLE document; --"]), "Trạng thái"),
        refused("register_from_31_02", args(&["register", "print", "--year", "2025", "--from", "31/02/2025", "--out", "/tmp/r.pdf"]), "không hợp lệ"),
    ];
    let mut tally = Tally::default();
    run_cases(dir, &cases, &mut tally);
    // The refused issues used no number: the next one is 02.
    let next = ok(dir, &["document", "issue", &draft, "--date", "16/01/2025"]);
    if next.trim() != "02/BC-TCT" {
        tally.failures.push(format!("- next_number_unused: the next number is {next:?}, expected 02/BC-TCT"));
    }
    tally.finish("documents");
}

/// Dates in an imported draft outside 1900–2100 are refused at the domain's entry point.
#[test]
fn draft_dates_outside_the_years_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = Files(tempfile::tempdir().unwrap());
    let mut tally = Tally::default();
    let cases = vec![
        refused(
            "draft_in_year_0",
            import(files.report("y0.json", |v| v["date"] = json!("0000-01-01"))),
            "năm phải từ 1900 đến 2100",
        ),
        refused(
            "draft_in_1899",
            import(files.report("y1899.json", |v| v["date"] = json!("1899-12-31"))),
            "năm phải từ 1900 đến 2100",
        ),
        refused(
            "draft_negative_year",
            import(files.report("yneg.json", |v| v["date"] = json!("-0001-01-01"))),
            "năm phải từ 1900 đến 2100",
        ),
    ];
    ok(dir, &["db", "info"]);
    run_cases(dir, &cases, &mut tally);
    tally.finish("draft dates");
}

/// A database file that is not one of ours, or is damaged: exit code 1, a Vietnamese message,
/// the file byte for byte unchanged and nothing created beside it.
#[test]
fn hostile_database_files() {
    let real = tempfile::tempdir().unwrap();
    ok(real.path(), &["example-data", "load"]);
    let real_bytes = std::fs::read(real.path().join("secretariat.db")).unwrap();
    let newer = {
        let t = tempfile::tempdir().unwrap();
        let c = Connection::open(t.path().join("x.db")).unwrap();
        c.execute_batch("CREATE TABLE agency (id TEXT); PRAGMA user_version = 42;").unwrap();
        drop(c);
        std::fs::read(t.path().join("x.db")).unwrap()
    };
    let other_app = |version: i64| {
        let t = tempfile::tempdir().unwrap();
        let c = Connection::open(t.path().join("x.db")).unwrap();
        c.execute_batch(&format!(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://x'); PRAGMA user_version = {version};"
        ))
        .unwrap();
        drop(c);
        std::fs::read(t.path().join("x.db")).unwrap()
    };
    let mut garbage = vec![0u8; 8192];
    for (i, b) in garbage.iter_mut().enumerate() {
        *b = (i * 7919 % 251) as u8;
    }
    let damaged = "không đọc được như một cơ sở dữ liệu";
    let foreign = "không phải cơ sở dữ liệu của Thư ký Tổ Công tác";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("db_garbage", garbage, damaged),
        ("db_truncated_to_100_bytes", real_bytes[..100].to_vec(), damaged),
        ("db_truncated_to_half", real_bytes[..real_bytes.len() / 2].to_vec(), "hỏng"),
        ("db_sqlite_header_then_zeros", [b"SQLite format 3\0".as_slice(), &[0u8; 4080]].concat(), damaged),
        ("db_from_a_newer_version", newer, "phiên bản mới hơn"),
        ("db_of_another_app", other_app(7), foreign),
        ("db_of_another_app_version_0", other_app(0), foreign),
    ];
    let mut tally = Tally::default();
    for (name, bytes, phrase) in cases {
        for command in [&["db", "info"][..], &["person", "add", "--name", "Lê Văn Tám"][..]] {
            let t = tempfile::tempdir().unwrap();
            let file = t.path().join("secretariat.db");
            std::fs::write(&file, &bytes).unwrap();
            let out = run(t.path(), &args(command));
            let stderr = String::from_utf8_lossy(&out.stderr).to_string();
            let mut problems = Vec::new();
            if out.status.code() != Some(1) {
                problems.push(format!("exit code {:?}", out.status.code()));
            }
            if !stderr.starts_with("Lỗi: ") || !stderr.contains(phrase) || !vietnamese(&stderr) {
                problems.push(format!("message {stderr:.300} does not contain {phrase:?}"));
            }
            if std::fs::read(&file).unwrap() != bytes {
                problems.push("the file changed".into());
            }
            let beside: Vec<_> = std::fs::read_dir(t.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            if beside.len() != 1 {
                problems.push(format!("files created beside it: {beside:?}"));
            }
            if problems.is_empty() {
                tally.refused += 1;
            } else {
                tally.failures.push(format!("- {name} ({}): {}", command.join(" "), problems.join("; ")));
            }
        }
    }
    // A folder where the file should be.
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("secretariat.db")).unwrap();
    let out = run(t.path(), &args(&["db", "info"]));
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    if out.status.code() == Some(1) && stderr.contains("Không đọc/ghi được cơ sở dữ liệu") {
        tally.refused += 1;
    } else {
        tally.failures.push(format!("- db_is_a_folder: {:?} {stderr:.300}", out.status.code()));
    }
    tally.finish("database files");
}
