//! What fits the office around the app: spreadsheets (XLSX) of the roster, a meeting's
//! attendance and the outgoing register, people imported from a spreadsheet, and the printed
//! attendance sheet to sign. (Word files are in `documents::docx`.)

pub mod attendance;
pub mod exports;
pub mod people;
pub mod sheet;
#[cfg(test)]
mod tests;

pub use attendance::attendance_sheet_pdf;
pub use exports::{attendance_xlsx, register_xlsx, roster_xlsx, tasks_xlsx};
pub use people::{import_people_xlsx, preview_people_xlsx, PersonImportPreview, PersonImportResult, PersonImportRow};
pub use sheet::{write_xlsx, Cell, CellKind, Column, Sheet};
