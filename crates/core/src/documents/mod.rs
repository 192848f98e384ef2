//! Documents: the typed model, Decree 30 PDF rendering, and (to come) drafting, numbering,
//! issuing and the outgoing register.

pub mod authority;
pub mod bench;
pub mod checks;
pub mod docx;
mod issue;
pub mod model;
pub mod pdf;
mod register;
pub(crate) mod store;
pub mod validate;
pub mod words;

pub use authority::*;
pub use issue::*;
pub use model::*;
pub use register::*;
pub use store::*;
pub use validate::validate_content;

#[cfg(test)]
mod concurrency_tests;
#[cfg(test)]
pub(crate) mod tests;
