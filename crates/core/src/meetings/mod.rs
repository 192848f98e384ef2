//! Meetings: the record, who is invited and who came, the agenda, conclusions, and the
//! documents drafted from a meeting (Giấy mời, Biên bản, Thông báo kết luận).

mod invitees;
mod record;
mod types;

pub use invitees::*;
pub use record::*;
pub use types::*;

#[cfg(test)]
mod tests;
