//! Meetings: the record, who is invited and who came, the agenda, conclusions, and the
//! documents drafted from a meeting (Giấy mời, Biên bản, Thông báo kết luận).

mod agenda;
pub mod checks;
mod generate;
mod invitees;
pub mod phrases;
pub(crate) mod record;
mod types;

pub use agenda::*;
pub use generate::*;
pub use invitees::*;
pub use record::*;
pub use types::*;

#[cfg(test)]
pub(crate) mod tests;
