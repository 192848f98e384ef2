//! `secretariat-cli`: the same commands as `secretariat SUBCOMMAND`, in a binary that does not
//! link the window's GUI libraries, for scripts and automation.

use clap::Parser;
use secretariat_cli::Cli;
use secretariat_core::store::paths::resolve_data_dir;

fn main() {
    let cli = Cli::parse();
    let data_dir = resolve_data_dir(cli.data_dir.clone());
    let code = match cli.command {
        Some(command) => secretariat_cli::run(command, &data_dir, cli.json),
        None => {
            eprintln!("Hãy chọn một lệnh (xem --help). Để mở cửa sổ ứng dụng, chạy `secretariat` không kèm lệnh.");
            2
        }
    };
    std::process::exit(code);
}
