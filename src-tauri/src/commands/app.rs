use crate::ipc::{blocking, write};
use crate::state::AppState;
use secretariat_core::{example_data, store, AppError};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub schema_version: i32,
    /// Nothing entered yet: the UI offers the example data.
    pub is_empty: bool,
    /// Why the database could not be opened, if it could not.
    pub store_error: Option<AppError>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(app: AppHandle) -> Result<AppInfo, AppError> {
    blocking(app, |_, state| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: state.data_dir.display().to_string(),
            schema_version: store::SCHEMA_VERSION as i32,
            is_empty: state.read(example_data::is_empty).unwrap_or(false),
            store_error: state.open_error(),
        })
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn example_data_load(app: AppHandle) -> Result<example_data::ExampleSummary, AppError> {
    write(app, |s| example_data::load(s, example_data::DEFAULT_YEAR)).await
}

/// Every option list of the window with its Vietnamese labels; the page asks once at start-up.
#[tauri::command]
#[specta::specta]
pub async fn labels() -> Result<secretariat_core::labels::Labels, AppError> {
    Ok(secretariat_core::labels::labels())
}

/// A font the app embeds in its PDFs, and its licence.
#[derive(Debug, Clone, Serialize, Type)]
pub struct FontLicence {
    pub name: String,
    pub files: Vec<String>,
    pub licence: String,
    pub text: String,
}

/// The "Giới thiệu" dialog: what this app is, where its data and logs are, and the fonts'
/// licences.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AboutInfo {
    pub name: String,
    pub version: String,
    pub data_dir: String,
    pub log_dir: String,
    pub fonts: Vec<FontLicence>,
}

pub fn about(data_dir: &std::path::Path) -> AboutInfo {
    AboutInfo {
        name: "Thư ký Tổ Công tác".into(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: data_dir.display().to_string(),
        log_dir: crate::app::log_dir(data_dir).display().to_string(),
        fonts: vec![FontLicence {
            name: "Liberation Serif 2.1.5".into(),
            files: ["Regular", "Bold", "Italic", "BoldItalic"]
                .iter()
                .map(|f| format!("LiberationSerif-{f}.ttf"))
                .collect(),
            licence: "SIL Open Font License 1.1".into(),
            text: include_str!("../../../assets/fonts/LICENSE-LiberationSerif.txt").to_string(),
        }],
    }
}

#[tauri::command]
#[specta::specta]
pub async fn about_info(state: State<'_, AppState>) -> Result<AboutInfo, AppError> {
    Ok(about(&state.data_dir))
}

/// "Mở thư mục nhật ký": the log folder in the system's file manager.
#[tauri::command]
#[specta::specta]
pub async fn log_folder_open(app: AppHandle) -> Result<(), AppError> {
    blocking(app, |_, state| crate::files::open_folder(&crate::app::log_dir(&state.data_dir))).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn about_names_every_embedded_font_and_its_licence() {
        let about = super::about(std::path::Path::new("/tmp/du-lieu"));
        assert_eq!(about.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(about.log_dir, "/tmp/du-lieu/logs");
        let fonts_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/fonts");
        let mut shipped: Vec<String> = std::fs::read_dir(&fonts_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".ttf"))
            .collect();
        shipped.sort();
        let mut named: Vec<String> = about.fonts.iter().flat_map(|f| f.files.clone()).collect();
        named.sort();
        assert_eq!(named, shipped, "every font in assets/fonts is listed");
        assert!(about.fonts[0].text.contains("SIL OPEN FONT LICENSE Version 1.1"));
        assert!(about.fonts[0].text.contains(&about.fonts[0].name.replace(" 2.1.5", "")));
    }
}
