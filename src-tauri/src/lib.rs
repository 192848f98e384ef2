//! The desktop shell and the command line over `secretariat-core`.
//!
//! - `commands/`: the Tauri commands (one line each), per feature.
//! - the command line lives in `crates/cli` (this binary runs it for subcommands).
//! - `app.rs`: builds the Tauri app; `state.rs`: the store shared by the commands.

pub mod app;
pub mod commands;
pub mod dialogs;
pub mod files;
pub mod incoming;
pub mod office;
pub mod signing;
pub mod state;
pub mod today;
