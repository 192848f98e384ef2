//! The public API of `secretariat-core` names no SQLite type: callers (the window's commands,
//! the command line) speak in domain handles (`Db`, `Tx`), so the store behind them can change.
//!
//! Reads the crate's sources and looks at every public item: `pub fn` signatures (also those
//! spread over several lines), `pub` fields, consts, statics and type aliases, `pub use`
//! re-exports, and the headers of trait impls (`impl … for …`). Crate-private items
//! (`pub(crate)`, `pub(super)`) and test modules are left out: they are not the API.
//! The CLI's and the app's `[dependencies]` not naming rusqlite is the compile-level half.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Words that name a SQLite (rusqlite) type.
const FORBIDDEN: &[&str] =
    &["rusqlite", "Connection", "Transaction", "Row", "Rows", "ToSql", "FromSql", "Statement", "Params"];

/// SQLite errors become `AppError` through the crate-private trait `Sql` (`.sql()?`) and
/// `error::sql_error`; the one impl that names rusqlite is of that crate-private trait, which
/// nothing outside the crate can name or call. (`From<rusqlite::Error> for AppError` is gone.)
const ALLOWED: &[&str] = &["impl<T> Sql<T> for std::result::Result<T, rusqlite::Error>"];

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The forbidden words `text` contains as whole words.
fn forbidden_words(text: &str) -> Vec<&'static str> {
    let words: HashSet<&str> = text.split(|c: char| !is_ident(c)).filter(|w| !w.is_empty()).collect();
    FORBIDDEN.iter().copied().filter(|w| words.contains(w)).collect()
}

/// `src` without comments (line comments, doc comments and block comments), strings kept.
fn strip_comments(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let (mut i, mut in_str) = (0, false);
    while i < b.len() {
        let c = b[i] as char;
        if in_str {
            if c == '\\' && i + 1 < b.len() {
                out.push_str(&src[i..i + 2]);
                i += 2;
                continue;
            }
            if c == '"' {
                in_str = false;
            }
        } else if c == '"' && !(i > 0 && b[i - 1] == b'\'') {
            in_str = true;
        } else if src[i..].starts_with("//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if src[i..].starts_with("/*") {
            i += src[i..].find("*/").map_or(b.len() - i, |e| e + 2);
            continue;
        }
        let ch = src[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// The index just past the brace block opening at `open` (`src[open] == '{'`).
fn block_end(src: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in src[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    src.len()
}

/// `src` without inline `#[cfg(test)] mod … { … }` blocks; the names of `#[cfg(test)] mod x;`
/// declarations (files that are test modules) go to `test_files`.
fn strip_test_modules(src: &str, dir: &Path, test_files: &mut HashSet<PathBuf>) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        let skipped = rest.len() - after.len();
        if let Some(decl) = after.strip_prefix("mod ").or_else(|| after.strip_prefix("pub(crate) mod ")) {
            let name: String = decl.chars().take_while(|c| is_ident(*c)).collect();
            let tail = decl[name.len()..].trim_start();
            if tail.starts_with(';') {
                test_files.insert(dir.join(format!("{name}.rs")));
                test_files.insert(dir.join(&name).join("mod.rs"));
                rest = &rest[skipped..];
                continue;
            }
            if tail.starts_with('{') {
                let open = skipped + (after.len() - tail.len());
                rest = &rest[block_end(rest, open)..];
                continue;
            }
        }
        // Another item under cfg(test) (a fn, a use): skip up to its end.
        let end = after.find(['{', ';']).unwrap_or(after.len());
        let end_abs = skipped + end;
        rest = if rest[end_abs..].starts_with('{') { &rest[block_end(rest, end_abs)..] } else { &rest[end_abs..] };
    }
    out.push_str(rest);
    out
}

/// Every public item of `src` (comments and test modules already removed) that names a
/// forbidden word, as `(line, item text)`.
fn offending_items(src: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let line_of = |at: usize| src[..at].matches('\n').count() + 1;
    let mut push = |at: usize, item: &str| {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if !forbidden_words(&item).is_empty() && !ALLOWED.contains(&item.as_str()) {
            found.push((line_of(at), item));
        }
    };
    let mut from = 0;
    while let Some(rel) = src[from..].find("pub") {
        let at = from + rel;
        from = at + 3;
        let before_ok = at == 0 || !is_ident(src[..at].chars().next_back().unwrap_or(' '));
        let after = &src[at + 3..];
        if !before_ok || !after.starts_with(char::is_whitespace) {
            continue; // `pub(crate)`, `pub(super)`, or part of a longer word
        }
        let head = after.trim_start();
        let end = if head.starts_with("fn ")
            || head.starts_with("const fn ")
            || head.starts_with("async fn ")
            || head.starts_with("unsafe fn ")
            || head.starts_with("use ")
            || head.starts_with("type ")
            || head.starts_with("trait ")
        {
            head.find(['{', ';']).unwrap_or(head.len())
        } else if head.starts_with("mod ") {
            continue;
        } else {
            // A field, a const, a static, a struct or enum header: up to the end of the line
            // (a tuple struct's fields are items of their own when they are `pub`).
            head.find(['{', '(', '\n']).unwrap_or(head.len())
        };
        push(at, &format!("pub {}", &head[..end]));
    }
    // Trait impls: public whenever the trait and the type are (their header names both).
    let mut from = 0;
    while let Some(rel) = src[from..].find("impl") {
        let at = from + rel;
        from = at + 4;
        let line_start = src[..at].rfind('\n').map_or(0, |n| n + 1);
        if !src[line_start..at].trim().is_empty() {
            continue; // not an item (`impl Trait` in a signature, part of a word)
        }
        let head = &src[at..];
        let end = head.find(['{', ';']).unwrap_or(head.len());
        let header = &head[..end];
        if header.contains(" for ") {
            push(at, header);
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every offending public item of the crate rooted at `src_dir`, as `file:line: item`.
fn scan(src_dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(src_dir, &mut files);
    let mut test_files = HashSet::new();
    let mut stripped = Vec::new();
    for path in &files {
        let src = strip_comments(&std::fs::read_to_string(path).unwrap());
        let dir = if path.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs") {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        stripped.push((path.clone(), strip_test_modules(&src, &dir, &mut test_files)));
    }
    let mut found = Vec::new();
    for (path, src) in stripped {
        if test_files.contains(&path) {
            continue;
        }
        for (line, item) in offending_items(&src) {
            found.push(format!("{}:{line}: {item}", path.strip_prefix(src_dir).unwrap().display()));
        }
    }
    found
}

#[test]
fn the_public_api_names_no_sqlite_type() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = scan(&src);
    assert!(found.is_empty(), "public items naming a SQLite type:\n{}", found.join("\n"));
}

/// The scan finds what it is meant to find (so that an empty result means something).
#[test]
fn the_scan_catches_each_kind_of_public_item() {
    let bad = [
        "pub fn f(conn: &rusqlite::Connection) -> Result<()> {}",
        "pub fn g(\n    db: &Db,\n    tx: &Transaction<'_>,\n) -> Result<()> {}",
        "pub struct S {\n    pub conn: Connection,\n}",
        "pub use rusqlite;",
        "pub use rusqlite::{params,\n Row};",
        "impl ToSql for Role {\n}",
        "impl<T> From<T> for rusqlite::Error {}",
        "impl From<rusqlite::Error> for AppError {}",
        "pub fn h() -> rusqlite::Result<Vec<String>> {}",
        "pub type Conn = Connection;",
        "pub struct W(pub Connection);",
    ];
    for src in bad {
        assert_eq!(offending_items(&strip_comments(src)).len(), 1, "{src}");
    }
    let fine = [
        "pub(crate) fn f(conn: &Connection) -> Result<()> {}",
        "pub(super) fn g(tx: &Transaction) {}",
        "fn private(r: &Row) {}",
        "/// Takes a `&Connection`, see rusqlite.\npub fn doc_only(db: &Db) {}",
        "pub fn strings() -> &'static str { \"Connection\" }",
        "pub struct RowCount { pub rows: i64 }",
        "pub struct Db(Connection);",
    ];
    for src in fine {
        assert!(offending_items(&strip_comments(src)).is_empty(), "{src}");
    }
    let mut files = HashSet::new();
    let cleaned = strip_test_modules(
        "pub fn a() {}\n#[cfg(test)]\nmod tests {\n    pub fn t(c: &Connection) {}\n}\n#[cfg(test)]\nmod more;\n",
        Path::new("/x"),
        &mut files,
    );
    assert!(offending_items(&cleaned).is_empty());
    assert!(files.contains(Path::new("/x/more.rs")));
}
