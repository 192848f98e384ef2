//! Printing a PDF on the system's default printer, with a number of copies, and opening it
//! in the system's PDF viewer instead when there is no printer or the printer refuses it.
//!
//! Every route goes through one [`PrintBackend`], chosen once by [`system_backend`]:
//! - Linux (and other Unix systems with CUPS): the default printer from `lpstat -d` (or the
//!   `LPDEST` / `PRINTER` variables that `lp` itself honours), then `lp -d <printer> -n <copies>
//!   -t <title> -- <file>`.
//! - Windows ([`WindowsShellPrint`], compiled there, not tried on Windows): the default printer
//!   from `Get-CimInstance Win32_Printer`, then the shell's "Print" verb of the PDF reader
//!   registered for `.pdf`, once per copy (the verb has no copies count).
//! - Tests: `SECRETARIAT_PRINT_COMMAND` names a program used in place of `lp`; it receives the
//!   same arguments (`-n <copies> -t <title> -- <file>`, no `-d`: "the default printer") and
//!   its failure (a non-zero exit) counts as the printer refusing the job.

use secretariat_core::{AppError, Result};
use serde::Serialize;
use specta::Type;
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

pub const PRINT_COMMAND_ENV: &str = "SECRETARIAT_PRINT_COMMAND";
/// The most copies one print action sends.
pub const MAX_COPIES: u32 = 99;

/// Where a print job would go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// No printer is set up: the viewer is opened instead.
    NoPrinter,
    /// The system's default printer, whose name is not known here.
    Default,
    /// The default printer, by name.
    Named(String),
}

/// What one print action did.
#[derive(Debug, Clone, Serialize, Type)]
pub struct PrintResult {
    /// The job went to a printer; false: the PDF was opened in the system's viewer instead.
    pub printed: bool,
    /// The printer's name, when known.
    pub printer: Option<String>,
    pub copies: u32,
    /// The PDF that was printed or opened.
    pub file: String,
    /// Why the viewer was opened instead of printing (in Vietnamese), when it was.
    pub reason: Option<String>,
}

/// One way to reach a printer and a viewer.
pub trait PrintBackend {
    fn destination(&self) -> Destination;
    /// Sends `copies` copies of the PDF; `Err`: what the system said, as it said it.
    fn print(
        &self,
        destination: &Destination,
        file: &Path,
        copies: u32,
        title: &str,
    ) -> std::result::Result<(), String>;
    /// Opens the PDF in the system's viewer, whose Print command prints it as it is.
    fn open_viewer(&self, file: &Path) -> std::result::Result<(), String> {
        open::that_detached(file).map_err(|e| e.to_string())
    }
}

/// CUPS through its command line (`lp`, `lpstat`), or a stand-in for `lp` in tests.
pub struct Cups {
    pub lp: OsString,
    /// `None`: do not ask for the default printer, let `lp` use it (the test stand-in).
    pub lpstat: Option<OsString>,
}

impl PrintBackend for Cups {
    fn destination(&self) -> Destination {
        let Some(lpstat) = &self.lpstat else { return Destination::Default };
        for var in ["LPDEST", "PRINTER"] {
            if let Some(name) = std::env::var(var).ok().filter(|v| !v.trim().is_empty()) {
                return Destination::Named(name.trim().to_string());
            }
        }
        // No lpstat (CUPS not installed) or no default destination: no printer.
        let Ok(out) = Command::new(lpstat).arg("-d").env("LC_ALL", "C").output() else {
            return Destination::NoPrinter;
        };
        parse_lpstat_default(&String::from_utf8_lossy(&out.stdout))
            .map(Destination::Named)
            .unwrap_or(Destination::NoPrinter)
    }

    fn print(
        &self,
        destination: &Destination,
        file: &Path,
        copies: u32,
        title: &str,
    ) -> std::result::Result<(), String> {
        let mut command = Command::new(&self.lp);
        if let Destination::Named(name) = destination {
            command.args(["-d", name]);
        }
        command.args(["-n", &copies.to_string(), "-t", title, "--"]).arg(file).env("LC_ALL", "C");
        let out = command.output().map_err(|e| format!("không chạy được lệnh in {:?}: {e}", self.lp))?;
        if out.status.success() {
            return Ok(());
        }
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(if said.is_empty() { format!("lệnh in kết thúc với {}", out.status) } else { said })
    }
}

/// The name in `lpstat -d`'s answer ("system default destination: NAME"), if any.
pub fn parse_lpstat_default(output: &str) -> Option<String> {
    output.lines().find_map(|line| {
        let (_, name) = line.split_once("system default destination:")?;
        Some(name.trim().to_string()).filter(|n| !n.is_empty())
    })
}

/// Windows: the default printer and the shell's "Print" verb. Kept here, compiled on
/// Windows only; not tried (see README, "Windows").
#[cfg(windows)]
pub struct WindowsShellPrint;

#[cfg(windows)]
impl PrintBackend for WindowsShellPrint {
    fn destination(&self) -> Destination {
        let script = "(Get-CimInstance Win32_Printer -Filter 'Default=True').Name";
        match Command::new("powershell").args(["-NoProfile", "-NonInteractive", "-Command", script]).output() {
            Ok(out) if out.status.success() => {
                let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if name.is_empty() {
                    Destination::NoPrinter
                } else {
                    Destination::Named(name)
                }
            }
            _ => Destination::NoPrinter,
        }
    }

    fn print(
        &self,
        _destination: &Destination,
        file: &Path,
        copies: u32,
        _title: &str,
    ) -> std::result::Result<(), String> {
        let quoted = file.display().to_string().replace('\'', "''");
        let script = format!("Start-Process -FilePath '{quoted}' -Verb Print -Wait");
        for _ in 0..copies {
            let out = Command::new("powershell")
                .args(["-NoProfile", "-NonInteractive", "-Command", &script])
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
            }
        }
        Ok(())
    }
}

/// The backend of this system: the test stand-in when `SECRETARIAT_PRINT_COMMAND` is set,
/// else CUPS (Unix) or the shell (Windows).
pub fn system_backend() -> Box<dyn PrintBackend> {
    backend_for(std::env::var_os(PRINT_COMMAND_ENV).filter(|v| !v.is_empty()))
}

fn backend_for(stand_in: Option<OsString>) -> Box<dyn PrintBackend> {
    if let Some(lp) = stand_in {
        return Box::new(Cups { lp, lpstat: None });
    }
    #[cfg(windows)]
    {
        Box::new(WindowsShellPrint)
    }
    #[cfg(not(windows))]
    {
        Box::new(Cups { lp: "lp".into(), lpstat: Some("lpstat".into()) })
    }
}

pub fn check_copies(copies: u32) -> Result<()> {
    if (1..=MAX_COPIES).contains(&copies) {
        Ok(())
    } else {
        Err(AppError::validation(format!("Số bản in phải từ 1 đến {MAX_COPIES}.")))
    }
}

/// Prints `copies` copies of the PDF at `file` on the default printer; with no printer, or
/// when the printer refuses the job, opens it in the viewer and says why.
pub fn print_pdf(backend: &dyn PrintBackend, file: &Path, copies: u32, title: &str) -> Result<PrintResult> {
    check_copies(copies)?;
    let destination = backend.destination();
    let printer = match &destination {
        Destination::Named(name) => Some(name.clone()),
        _ => None,
    };
    let reason = match &destination {
        Destination::NoPrinter => "Máy này chưa có máy in mặc định.".to_string(),
        _ => match backend.print(&destination, file, copies, title) {
            Ok(()) => {
                log::info!(
                    "Đã gửi {copies} bản {} tới máy in {}",
                    file.display(),
                    printer.as_deref().unwrap_or("mặc định")
                );
                return Ok(PrintResult {
                    printed: true,
                    printer,
                    copies,
                    file: file.display().to_string(),
                    reason: None,
                });
            }
            Err(said) => format!(
                "Máy in {} không nhận lệnh in ({said}).",
                printer.as_deref().map(|p| format!("“{p}”")).unwrap_or_else(|| "mặc định".into())
            ),
        },
    };
    log::warn!("Không in trực tiếp được {}: {reason} Mở trình xem PDF.", file.display());
    backend.open_viewer(file).map_err(|e| {
        AppError::storage(format!(
            "{reason} Cũng không mở được trình xem PDF của máy ({e}). Tệp đã được lưu tại {}.",
            file.display()
        ))
    })?;
    Ok(PrintResult { printed: false, printer, copies, file: file.display().to_string(), reason: Some(reason) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A backend that records what it was asked.
    struct Fake {
        destination: Destination,
        refuse: Option<&'static str>,
        viewer_fails: bool,
        calls: RefCell<Vec<String>>,
    }

    impl Fake {
        fn new(destination: Destination) -> Self {
            Self { destination, refuse: None, viewer_fails: false, calls: RefCell::new(Vec::new()) }
        }
    }

    impl PrintBackend for Fake {
        fn destination(&self) -> Destination {
            self.destination.clone()
        }
        fn print(&self, d: &Destination, file: &Path, copies: u32, title: &str) -> std::result::Result<(), String> {
            self.calls.borrow_mut().push(format!("print {d:?} {} {copies} {title}", file.display()));
            self.refuse.map_or(Ok(()), |r| Err(r.to_string()))
        }
        fn open_viewer(&self, file: &Path) -> std::result::Result<(), String> {
            self.calls.borrow_mut().push(format!("view {}", file.display()));
            if self.viewer_fails {
                Err("không có trình xem".into())
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn prints_on_the_default_printer_or_opens_the_viewer() {
        let file = Path::new("/tmp/01-TB-TCT.pdf");
        let fake = Fake::new(Destination::Named("HP-Phong-1".into()));
        let done = print_pdf(&fake, file, 3, "01/TB-TCT").unwrap();
        assert!(done.printed);
        assert_eq!((done.printer.as_deref(), done.copies, done.reason), (Some("HP-Phong-1"), 3, None));
        assert_eq!(*fake.calls.borrow(), [r#"print Named("HP-Phong-1") /tmp/01-TB-TCT.pdf 3 01/TB-TCT"#]);

        let fake = Fake::new(Destination::NoPrinter);
        let done = print_pdf(&fake, file, 2, "x").unwrap();
        assert!(!done.printed);
        assert_eq!(done.reason.as_deref(), Some("Máy này chưa có máy in mặc định."));
        assert_eq!(*fake.calls.borrow(), ["view /tmp/01-TB-TCT.pdf"], "nothing is sent to a printer");

        let mut fake = Fake::new(Destination::Named("HP".into()));
        fake.refuse = Some("lp: Error - The printer or class does not exist.");
        let done = print_pdf(&fake, file, 1, "x").unwrap();
        assert!(!done.printed);
        assert!(done.reason.as_deref().unwrap().contains("“HP” không nhận lệnh in (lp: Error"), "{done:?}");
        assert_eq!(fake.calls.borrow().len(), 2, "printed, then viewed");

        fake.viewer_fails = true;
        let err = print_pdf(&fake, file, 1, "x").unwrap_err();
        assert!(err.message.contains("Cũng không mở được trình xem PDF"), "{}", err.message);
        assert!(err.message.contains("Tệp đã được lưu tại /tmp/01-TB-TCT.pdf"), "{}", err.message);
    }

    #[test]
    fn copies_are_counted_from_one_to_ninety_nine() {
        let fake = Fake::new(Destination::Default);
        for bad in [0, 100, 5000] {
            let err = print_pdf(&fake, Path::new("/tmp/a.pdf"), bad, "x").unwrap_err();
            assert_eq!(err.message, "Số bản in phải từ 1 đến 99.");
        }
        assert!(fake.calls.borrow().is_empty());
        assert!(print_pdf(&fake, Path::new("/tmp/a.pdf"), 99, "x").unwrap().printed);
    }

    #[test]
    fn reads_the_default_printer_from_lpstat() {
        assert_eq!(parse_lpstat_default("system default destination: PDF\n"), Some("PDF".into()));
        assert_eq!(parse_lpstat_default("no system default destination\n"), None);
        assert_eq!(parse_lpstat_default(""), None);
    }

    /// The stand-in for `lp` (what the end-to-end test uses too) gets lp's arguments and
    /// the file; a failing one means the printer refused.
    #[cfg(unix)]
    #[test]
    fn the_print_command_gets_lp_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let stub = dir.path().join("lp-thu.sh");
        let record = dir.path().join("ghi");
        std::fs::write(
            &stub,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}/args'\nfor last; do :; done\ncp \"$last\" '{0}/printed.pdf'\n",
                record.display()
            ),
        )
        .unwrap();
        std::fs::create_dir(&record).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        let pdf = dir.path().join("văn bản.pdf");
        std::fs::write(&pdf, b"%PDF-1.7 thu").unwrap();

        let backend = backend_for(Some(stub.clone().into()));
        let done = print_pdf(&*backend, &pdf, 2, "01/TB-TCT").unwrap();
        assert!(done.printed && done.printer.is_none(), "{done:?}");
        let args = std::fs::read_to_string(record.join("args")).unwrap();
        assert_eq!(args, format!("-n\n2\n-t\n01/TB-TCT\n--\n{}\n", pdf.display()));
        assert_eq!(std::fs::read(record.join("printed.pdf")).unwrap(), b"%PDF-1.7 thu");

        // A named printer is passed with -d.
        let cups = Cups { lp: stub.into(), lpstat: None };
        cups.print(&Destination::Named("HP".into()), &pdf, 1, "t").unwrap();
        let args = std::fs::read_to_string(record.join("args")).unwrap();
        assert!(args.starts_with("-d\nHP\n-n\n1\n"), "{args}");

        let failing = Cups { lp: "false".into(), lpstat: None };
        assert!(failing.print(&Destination::Default, &pdf, 1, "t").unwrap_err().contains("kết thúc với"));
        let missing = Cups { lp: dir.path().join("khong-co").into(), lpstat: Some(dir.path().join("khong-co").into()) };
        assert_eq!(missing.destination(), Destination::NoPrinter, "no CUPS: no printer");
    }
}
