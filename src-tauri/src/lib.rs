//! The desktop shell and the command line over `secretariat-core`.
//!
//! - `commands/`: the Tauri commands (one line each), per feature.
//! - `cli/`: the same binary's command-line face for IT staff and automation.
//! - `app.rs`: builds the Tauri app; `state.rs`: the store shared by the commands.

pub mod app;
pub mod cli;
pub mod commands;
pub mod state;
