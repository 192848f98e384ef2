//! Documents: the typed model, Decree 30 PDF rendering, and (to come) drafting, numbering,
//! issuing and the outgoing register.

pub mod model;
pub mod pdf;

pub use model::*;

#[cfg(test)]
mod tests;
