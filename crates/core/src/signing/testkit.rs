//! Test material made on the spot: a test CA and certificates (openssl CLI), a SoftHSM2 token,
//! an NSS database for pdfsig, signature and seal PNGs. Used by the core's tests and, through
//! the `testkit` feature, by the command line's.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn openssl(dir: &Path, args: &[&str]) -> String {
    run(Command::new("openssl").current_dir(dir).args(args))
}

/// A test CA in `dir`: `ca.pem`, `ca.key`, and what `openssl ca` needs.
pub struct TestCa {
    pub dir: PathBuf,
}

/// A certificate made by the test CA.
pub struct TestCert {
    pub cert_pem: PathBuf,
    pub key_pem: PathBuf,
    pub cert_der: Vec<u8>,
    pub key_pkcs8_der: Vec<u8>,
}

/// How a test certificate is made.
pub struct CertSpec<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    /// openssl's keyUsage value.
    pub key_usage: &'a str,
    /// `YYYYMMDDHHMMSSZ`
    pub start: &'a str,
    pub end: &'a str,
}

impl<'a> CertSpec<'a> {
    pub fn signing(name: &'a str) -> Self {
        Self {
            name,
            organisation: "Sở Thông tin và Truyền thông Nghệ An",
            key_usage: "critical,digitalSignature,nonRepudiation",
            start: "20240101000000Z",
            end: "20991231000000Z",
        }
    }
}

impl TestCa {
    pub fn new(dir: &Path) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("index.txt"), "").unwrap();
        std::fs::write(dir.join("serial"), "1000\n").unwrap();
        std::fs::write(
            dir.join("ca.cnf"),
            "[ca]\ndefault_ca=d\n[d]\ndir=.\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\npolicy=p\n\
             default_md=sha256\nunique_subject=no\nemail_in_dn=no\n[p]\ncommonName=supplied\norganizationName=optional\n\
             countryName=optional\n",
        )
        .unwrap();
        openssl(
            dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "36500",
                "-utf8",
                "-subj",
                "/C=VN/O=Test CA/CN=Test Root CA Secretariat",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        Self { dir: dir.to_path_buf() }
    }

    pub fn ca_pem(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    pub fn ca_der(&self) -> Vec<u8> {
        let der = self.dir.join("ca.der");
        openssl(&self.dir, &["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"]);
        std::fs::read(der).unwrap()
    }

    /// Issues a certificate (RSA 2048) for `spec`, named `file` in the CA's folder.
    pub fn issue(&self, file: &str, spec: &CertSpec) -> TestCert {
        let d = &self.dir;
        std::fs::write(d.join(format!("{file}.ext")), format!("[e]\nkeyUsage={}\n", spec.key_usage)).unwrap();
        let subj = format!("/C=VN/O={}/CN={}", spec.organisation, spec.name);
        let key = format!("{file}.key");
        let csr = format!("{file}.csr");
        let pem = format!("{file}.pem");
        openssl(d, &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-utf8", "-subj", &subj]);
        openssl(
            d,
            &[
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                &csr,
                "-out",
                &pem,
                "-startdate",
                spec.start,
                "-enddate",
                spec.end,
                "-extfile",
                &format!("{file}.ext"),
                "-extensions",
                "e",
                "-utf8",
                "-notext",
            ],
        );
        openssl(d, &["x509", "-in", &pem, "-outform", "DER", "-out", &format!("{file}.der")]);
        openssl(
            d,
            &["pkcs8", "-topk8", "-nocrypt", "-in", &key, "-outform", "DER", "-out", &format!("{file}.key.der")],
        );
        TestCert {
            cert_pem: d.join(&pem),
            key_pem: d.join(&key),
            cert_der: std::fs::read(d.join(format!("{file}.der"))).unwrap(),
            key_pkcs8_der: std::fs::read(d.join(format!("{file}.key.der"))).unwrap(),
        }
    }

    /// A PKCS#12 file of the certificate, its key and the CA, protected by `password`.
    pub fn pkcs12(&self, cert: &TestCert, password: &str) -> PathBuf {
        let out = cert.cert_pem.with_extension("p12");
        openssl(
            &self.dir,
            &[
                "pkcs12",
                "-export",
                "-inkey",
                cert.key_pem.to_str().unwrap(),
                "-in",
                cert.cert_pem.to_str().unwrap(),
                "-certfile",
                "ca.pem",
                "-passout",
                &format!("pass:{password}"),
                "-out",
                out.to_str().unwrap(),
            ],
        );
        out
    }
}

/// A SoftHSM2 token initialised in its own folder (SOFTHSM2_CONF points the library at it).
pub struct SoftHsm {
    pub conf: PathBuf,
    pub module: PathBuf,
}

/// Where Debian installs SoftHSM2's PKCS#11 module.
pub fn softhsm_module() -> Option<PathBuf> {
    ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

impl SoftHsm {
    /// Initialises a token labelled `label` with user PIN `pin`. Sets SOFTHSM2_CONF for this
    /// process (the module reads it when loaded): call it before any PKCS#11 use.
    pub fn new(dir: &Path, label: &str, pin: &str) -> Self {
        let module = softhsm_module().expect("softhsm2 is needed (apt-get install softhsm2)");
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        let conf = dir.join("softhsm2.conf");
        std::fs::write(&conf, format!("directories.tokendir = {}\nobjectstore.backend = file\n", tokens.display()))
            .unwrap();
        std::env::set_var("SOFTHSM2_CONF", &conf);
        run(Command::new("softhsm2-util").env("SOFTHSM2_CONF", &conf).args([
            "--init-token",
            "--free",
            "--label",
            label,
            "--so-pin",
            "87654321",
            "--pin",
            pin,
        ]));
        Self { conf, module }
    }

    /// Imports a certificate's key and the certificate under `id` (hex) into the token
    /// `label`, and optionally the CA certificate (no id: it cannot sign).
    pub fn import(&self, label: &str, pin: &str, cert: &TestCert, id: &str) {
        let key_pkcs8_pem = cert.key_pem.to_str().unwrap();
        run(Command::new("softhsm2-util").env("SOFTHSM2_CONF", &self.conf).args([
            "--import",
            key_pkcs8_pem,
            "--token",
            label,
            "--label",
            "key",
            "--id",
            id,
            "--pin",
            pin,
        ]));
        // softhsm2-util imports keys only; the certificate goes in through pkcs11-tool when
        // present, else through our own PKCS#11 call.
        import_certificate(&self.module, label, pin, &cert.cert_der, id);
    }
}

fn import_certificate(module: &Path, label: &str, pin: &str, der: &[u8], id: &str) {
    use cryptoki::context::{CInitializeArgs, Pkcs11};
    use cryptoki::object::{Attribute, CertificateType, ObjectClass};
    use cryptoki::session::UserType;
    use cryptoki::types::AuthPin;
    let ctx = Pkcs11::new(module).unwrap();
    let _ = ctx.initialize(CInitializeArgs::OsThreads);
    let slot = ctx
        .get_slots_with_token()
        .unwrap()
        .into_iter()
        .find(|s| ctx.get_token_info(*s).unwrap().label().trim() == label)
        .unwrap();
    let session = ctx.open_rw_session(slot).unwrap();
    session.login(UserType::User, Some(&AuthPin::new(pin.to_string()))).unwrap();
    let cert = x509_cert::Certificate::from_der(der).unwrap();
    use der::{Decode, Encode};
    let id_bytes: Vec<u8> = (0..id.len() / 2).map(|i| u8::from_str_radix(&id[2 * i..2 * i + 2], 16).unwrap()).collect();
    session
        .create_object(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
            Attribute::Token(true),
            Attribute::Private(false),
            Attribute::Value(der.to_vec()),
            Attribute::Id(id_bytes),
            Attribute::Label(b"cert".to_vec()),
            Attribute::Subject(cert.tbs_certificate.subject.to_der().unwrap()),
            Attribute::Issuer(cert.tbs_certificate.issuer.to_der().unwrap()),
            Attribute::SerialNumber(cert.tbs_certificate.serial_number.to_der().unwrap()),
        ])
        .unwrap();
    let _ = session.logout();
}

/// An NSS database in `dir` that trusts the CA (for pdfsig).
pub fn nss_db(dir: &Path, ca_pem: &Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let db = format!("sql:{}", dir.display());
    run(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]));
    run(Command::new("certutil").args([
        "-A",
        "-d",
        &db,
        "-n",
        "testca",
        "-t",
        "CT,C,C",
        "-i",
        ca_pem.to_str().unwrap(),
    ]));
    db
}

fn write_png(w: u32, h: u32, rgba: &[u8], px_per_m: Option<u32>) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        if let Some(ppm) = px_per_m {
            enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
        }
        let mut writer = enc.write_header().unwrap();
        writer.write_image_data(rgba).unwrap();
    }
    out
}

/// A blue handwritten-looking stroke on a transparent background.
pub fn signature_png() -> Vec<u8> {
    let (w, h) = (360u32, 140u32);
    let mut px = vec![0u8; (w * h * 4) as usize];
    for i in 0..2000 {
        let t = i as f32 / 2000.0;
        let x = 20.0 + t * 320.0;
        let y = 70.0 + 40.0 * (t * 18.0).sin() * (1.0 - t * 0.6) + 10.0 * (t * 5.0).cos();
        for dx in -2i32..=2 {
            for dy in -2i32..=2 {
                let (px_, py_) = (x as i32 + dx, y as i32 + dy);
                if px_ >= 0 && py_ >= 0 && (px_ as u32) < w && (py_ as u32) < h {
                    let o = ((py_ as u32 * w + px_ as u32) * 4) as usize;
                    px[o..o + 4].copy_from_slice(&[20, 40, 180, 255]);
                }
            }
        }
    }
    write_png(w, h, &px, None)
}

/// A red seal ring 36 mm across (pHYs says so), transparent outside and inside the ring.
pub fn seal_png() -> Vec<u8> {
    let s = 360u32;
    let mut px = vec![0u8; (s * s * 4) as usize];
    let c = s as f32 / 2.0;
    for y in 0..s {
        for x in 0..s {
            let r = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
            let on = (r > 160.0 && r < 176.0) || (r > 120.0 && r < 126.0) || (r < 20.0);
            if on {
                let o = ((y * s + x) * 4) as usize;
                px[o..o + 4].copy_from_slice(&[220, 20, 30, 230]);
            }
        }
    }
    // 360 px over 36 mm: 10 000 px per metre.
    write_png(s, s, &px, Some(10_000))
}

/// Runs a tool; gives (success, stdout + stderr).
pub fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd} is needed: {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// pyHanko's command line, from PYHANKO or the venv scripts/setup.sh --test makes.
pub fn pyhanko() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PYHANKO") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME")?;
    let p = Path::new(&home).join(".cache/secretariat/pyhanko-venv/bin/pyhanko");
    p.is_file().then_some(p)
}

/// Checks every signature with pdfsig and pyHanko and the file with qpdf; returns pdfsig's
/// report.
pub fn independent_checks(pdf: &Path, nss: &str, ca_pem: &Path, expected: usize) -> String {
    let (ok, q) = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(ok && q.contains("No syntax or stream encoding errors"), "qpdf: {q}");
    let (_, report) = tool("pdfsig", &["-nssdir", nss, pdf.to_str().unwrap()]);
    assert_eq!(report.matches("Signature Validation: Signature is Valid.").count(), expected, "pdfsig: {report}");
    assert_eq!(report.matches("Certificate Validation: Certificate is Trusted.").count(), expected, "pdfsig: {report}");
    assert!(report.contains("Signature Type: ETSI.CAdES.detached"), "{report}");
    assert!(report.contains("Signing Time:"), "{report}");
    assert_eq!(report.matches("Total document signed").count(), 1, "only the last covers the file: {report}");
    if let Some(py) = pyhanko() {
        let (ok, v) = tool(
            py.to_str().unwrap(),
            &[
                "sign",
                "validate",
                "--pretty-print",
                "--trust",
                ca_pem.to_str().unwrap(),
                "--trust-replace",
                pdf.to_str().unwrap(),
            ],
        );
        assert!(ok, "pyHanko: {v}");
        assert_eq!(v.matches("The signature is judged VALID.").count(), expected, "pyHanko: {v}");
        assert_eq!(v.matches("The signature is cryptographically sound.").count(), expected, "pyHanko: {v}");
        assert_eq!(v.matches("Signing time as reported by signer:").count(), expected, "pyHanko: {v}");
        assert_eq!(v.matches("The signature covers the entire file.").count(), 1, "pyHanko: {v}");
    } else {
        eprintln!("pyHanko not found (scripts/setup.sh --test installs it): skipped");
    }
    report
}
