//! The desktop shell and the command line over `secretariat-core`.
//!
//! - `commands/`: the Tauri commands (one line each), per feature.
//! - the command line lives in `crates/cli` (this binary runs it for subcommands).
//! - `app.rs`: builds the Tauri app (one instance per data folder, the log); `state.rs`: the
//!   store shared by the commands; `print.rs`: printing on the default printer.

pub mod app;
pub mod archive;
pub mod commands;
pub mod dialogs;
pub mod extract;
pub mod files;
pub mod incoming;
pub mod ipc;
pub mod office;
pub mod print;
pub mod signing;
pub mod state;
pub mod today;
