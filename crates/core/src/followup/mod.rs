//! Follow-up (theo dõi, đôn đốc nhiệm vụ): every conclusion and directive chased to its end.
//!
//! The founding decision asks the task force to follow and chase how departments carry out
//! the head's conclusions and directives and the work plans, and to report on it. A task
//! (nhiệm vụ) comes from a meeting's conclusion when its Thông báo kết luận is issued, from an
//! issued plan's items, or is typed by hand with its source; it has exactly one lead agency,
//! coordinating agencies, a deadline as written (`deadline::Deadline`), a priority, and the
//! agency's progress reports, extensions and chasing letters.
//!
//! Status is never stored: it is derived from the dates and the reports as of a date given by
//! the caller (`status`), so the window can show today or any past day, and tests fix the day.
//! An agency merged into another hands its open tasks to its successor from the merger's date;
//! the task keeps the agency first given it, and its history shows both names.
//!
//! Generated drafts (edited and issued like any document): the chasing letter to an agency
//! (`letter`), the periodic report with its chart (`report`), the annual work plan (`plan`).

mod drafting;
pub(crate) mod hook;
pub mod letter;
pub mod plan;
pub mod report;
pub mod status;
mod store;
mod types;

pub use letter::*;
pub use plan::*;
pub use report::*;
pub use store::*;
pub use types::*;

#[cfg(test)]
mod tests;
