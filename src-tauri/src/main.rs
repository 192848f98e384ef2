// A release build on Windows opens no console window for the GUI.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

use clap::Parser;
use secretariat_cli::Cli;
use secretariat_core::store::paths::resolve_data_dir;

fn main() {
    let cli = Cli::parse();
    let data_dir = resolve_data_dir(cli.data_dir.clone());
    let code = match cli.command {
        Some(command) => secretariat_cli::run(command, &data_dir, cli.json),
        None => secretariat_app::app::run(data_dir),
    };
    std::process::exit(code);
}
