//! Importing people from a spreadsheet: a preview that reads every row and says what is wrong
//! with each, then the import of the rows without errors, in one transaction.
//!
//! The first row whose cells name a "Họ và tên" column is the header; other recognised
//! columns are Danh xưng (Ông/Bà), Chức vụ, Cơ quan, Điện thoại, Email, Ghi chú, in any order.
//! The agency must already be in the list of agencies (by its name, short name or a former
//! name).

use crate::error::{AppError, Result};
use crate::roster::{create_person_in, list_agencies, list_people, Honorific, Person, PersonInput};
use crate::store::Db;
use crate::store::Store;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use serde::Serialize;
use specta::Type;
use std::io::Cursor;

/// One data row as read, with what prevents importing it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PersonImportRow {
    /// The row's number as the spreadsheet shows it (1-based).
    pub row: u32,
    pub full_name: String,
    pub honorific: Honorific,
    pub post: String,
    pub agency_id: Option<String>,
    /// The agency as written in the file.
    pub agency_name: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
    /// Vietnamese messages; empty when the row can be imported.
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PersonImportPreview {
    pub rows: Vec<PersonImportRow>,
    pub valid: u32,
    pub invalid: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PersonImportResult {
    pub created: Vec<Person>,
    /// Rows left out because of their errors.
    pub skipped: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Name,
    Honorific,
    Post,
    Agency,
    Phone,
    Email,
    Notes,
}

/// Lower case without diacritics (đ → d), single spaces: how headers and names are matched.
fn fold(s: &str) -> String {
    crate::text::fold(&crate::text::clean(s))
}

fn field_of(header: &str) -> Option<Field> {
    let h = fold(header);
    let h = h.trim_end_matches(['.', ':', '*']).trim();
    Some(match h {
        "ho va ten" | "ho ten" | "ten" | "ho va ten dai bieu" => Field::Name,
        "danh xung" | "ong/ba" | "gioi tinh" => Field::Honorific,
        "chuc vu" | "chuc danh" => Field::Post,
        "co quan" | "don vi" | "co quan, don vi" | "co quan/don vi" | "noi cong tac" => Field::Agency,
        "dien thoai" | "so dien thoai" | "sdt" => Field::Phone,
        "email" | "e-mail" | "thu dien tu" => Field::Email,
        "ghi chu" => Field::Notes,
        _ => return None,
    })
}

/// A cell as text; numbers (phone numbers typed as numbers) without a decimal part.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => crate::text::clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "có" } else { "không" }.to_string(),
        Data::DateTime(dt) => {
            dt.as_datetime().map(|t| crate::text::format_date_vi(t.date())).unwrap_or_else(|| dt.to_string())
        }
    }
}

fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<Data>>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        AppError::validation(format!(
            "Tệp này không phải tệp Excel (.xlsx) đọc được: {e}. Hãy lưu lại dưới dạng .xlsx rồi thử lại."
        ))
    })?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            return Err(AppError::validation(format!("Không đọc được trang tính đầu tiên của tệp Excel: {e}")))
        }
        None => return Err(AppError::validation("Tệp Excel không có trang tính nào.")),
    };
    let first_row = range.start().map_or(0, |(r, _)| r);
    // Keep the spreadsheet's own row numbers: pad the rows above the used range.
    let mut rows: Vec<Vec<Data>> = vec![Vec::new(); first_row as usize];
    rows.extend(range.rows().map(|r| r.to_vec()));
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    if first_col > 0 {
        for r in rows.iter_mut() {
            let mut padded = vec![Data::Empty; first_col];
            padded.append(r);
            *r = padded;
        }
    }
    Ok(rows)
}

fn email_ok(e: &str) -> bool {
    let Some((user, domain)) = e.split_once('@') else { return false };
    !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !e.contains(' ')
}

/// Reads the first sheet of an XLSX file and checks every row against the list of agencies
/// and the people already recorded.
pub fn preview_people_xlsx(conn: &Db, bytes: &[u8]) -> Result<PersonImportPreview> {
    let rows = read_rows(bytes)?;
    let header_at =
        rows.iter().position(|r| r.iter().any(|c| field_of(&cell_text(c)) == Some(Field::Name))).ok_or_else(|| {
            AppError::validation(
                "Không tìm thấy dòng tiêu đề có cột \"Họ và tên\" trong trang tính đầu tiên của tệp Excel.",
            )
        })?;
    let fields: Vec<Option<Field>> = rows[header_at].iter().map(|c| field_of(&cell_text(c))).collect();
    let agencies = list_agencies(conn)?;
    let find_agency = |name: &str| {
        let wanted = fold(name);
        agencies.iter().find(|a| {
            fold(&a.full_name) == wanted
                || (!a.short_name.is_empty() && fold(&a.short_name) == wanted)
                || a.names.iter().any(|n| fold(&n.full_name) == wanted)
        })
    };
    let existing: Vec<(String, Option<String>)> =
        list_people(conn)?.into_iter().map(|p| (fold(&p.full_name), p.agency_id)).collect();
    let mut seen: Vec<(String, Option<String>, u32)> = Vec::new();
    let mut out = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(header_at + 1) {
        let get = |f: Field| {
            fields.iter().position(|x| *x == Some(f)).and_then(|c| cells.get(c)).map(cell_text).unwrap_or_default()
        };
        if cells.iter().all(|c| cell_text(c).is_empty()) {
            continue;
        }
        let row = (i + 1) as u32;
        let mut errors = Vec::new();
        let full_name = get(Field::Name);
        if full_name.is_empty() {
            errors.push("Thiếu họ và tên.".to_string());
        } else if full_name.chars().count() > 200 {
            errors.push("Họ và tên dài quá 200 ký tự.".to_string());
        }
        let mut full_name = full_name;
        let mut honorific_text = get(Field::Honorific);
        // "Ông Võ Trọng Phú" as the roster prints it: the honorific is taken from the name.
        for (word, label) in [("Ông ", "Ông"), ("Bà ", "Bà")] {
            if let Some(rest) = full_name.strip_prefix(word) {
                if honorific_text.is_empty() || fold(&honorific_text) == fold(label) {
                    honorific_text = label.to_string();
                    full_name = rest.trim().to_string();
                }
            }
        }
        let honorific = match fold(&honorific_text).as_str() {
            "" => Honorific::None,
            "ong" | "nam" => Honorific::Ong,
            "ba" | "nu" => Honorific::Ba,
            _ => {
                errors.push(format!("Danh xưng \"{honorific_text}\" không hợp lệ: ghi Ông hoặc Bà, hoặc để trống."));
                Honorific::None
            }
        };
        let agency_name = get(Field::Agency);
        let agency = if agency_name.is_empty() { None } else { find_agency(&agency_name) };
        if !agency_name.is_empty() && agency.is_none() {
            errors.push(format!(
                "Không có cơ quan \"{agency_name}\" trong danh mục cơ quan; hãy thêm cơ quan trước hoặc sửa tên cho đúng."
            ));
        }
        if let Some(a) = agency {
            if a.merged_into_id.is_some() {
                errors.push(format!(
                    "Cơ quan \"{}\" đã sáp nhập vào {}; hãy ghi cơ quan mới.",
                    a.full_name,
                    a.merged_into_name.clone().unwrap_or_default()
                ));
            }
        }
        let email = get(Field::Email);
        if !email.is_empty() && !email_ok(&email) {
            errors.push(format!("Địa chỉ email \"{email}\" không hợp lệ."));
        }
        let agency_id = agency.map(|a| a.id.clone());
        let key = (fold(&full_name), agency_id.clone());
        if !full_name.is_empty() {
            if existing.contains(&key) {
                errors.push("Người này (cùng họ tên và cơ quan) đã có trong danh sách.".to_string());
            } else if let Some((_, _, first)) = seen.iter().find(|(n, a, _)| (n, a) == (&key.0, &key.1)) {
                errors.push(format!("Trùng với dòng {first} trong tệp."));
            } else {
                seen.push((key.0, key.1, row));
            }
        }
        out.push(PersonImportRow {
            row,
            full_name,
            honorific,
            post: get(Field::Post),
            agency_id,
            agency_name,
            phone: get(Field::Phone),
            email,
            notes: get(Field::Notes),
            errors,
        });
    }
    let valid = out.iter().filter(|r| r.errors.is_empty()).count() as u32;
    Ok(PersonImportPreview { valid, invalid: out.len() as u32 - valid, rows: out })
}

/// Imports the rows without errors, all in one transaction (all or none).
pub fn import_people_xlsx(store: &mut Store, bytes: &[u8]) -> Result<PersonImportResult> {
    let preview = store.read(|c| preview_people_xlsx(c, bytes))?;
    let created = store.write(|tx| {
        preview
            .rows
            .iter()
            .filter(|r| r.errors.is_empty())
            .map(|r| {
                create_person_in(
                    tx,
                    &PersonInput {
                        full_name: r.full_name.clone(),
                        honorific: r.honorific,
                        post: r.post.clone(),
                        agency_id: r.agency_id.clone(),
                        phone: r.phone.clone(),
                        email: r.email.clone(),
                        notes: r.notes.clone(),
                    },
                )
            })
            .collect::<Result<Vec<_>>>()
    })?;
    Ok(PersonImportResult { created, skipped: preview.invalid })
}
