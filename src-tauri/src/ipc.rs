//! What every command shares: its blocking work runs off the async runtime, and bytes cross to
//! the page as they are.
//!
//! Tauri runs a command that is not `async` on the main thread (the window would freeze) and
//! an `async` one on its async runtime, whose few threads must never wait on SQLite, a PDF or a
//! dialog. So each command is `async` and hands its work to [`blocking`], which runs it on the
//! runtime's blocking thread pool and awaits the result.

use crate::state::AppState;
use secretariat_core::Db;
use secretariat_core::{AppError, Result, Store};
use tauri::ipc::{InvokeResponseBody, IpcResponse};
use tauri::{AppHandle, Manager};

/// Runs `f` with the app and its state on the blocking thread pool.
pub async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &AppState) -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app, &app.state::<AppState>()))
        .await
        .map_err(|e| AppError::storage(format!("Thao tác bị dừng giữa chừng do lỗi trong ứng dụng: {e}")))?
}

/// A read ([`AppState::read`]) on the blocking thread pool.
pub async fn read<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&Db) -> Result<T> + Send + 'static,
) -> Result<T> {
    blocking(app, move |_, state| state.read(f)).await
}

/// A write ([`AppState::write`]) on the blocking thread pool.
pub async fn write<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    blocking(app, move |_, state| state.write(f)).await
}

/// Bytes (a PDF) returned to the page as an `ArrayBuffer` ([`tauri::ipc::Response`]) instead
/// of a JSON array of numbers: four times smaller and no parsing.
///
/// tauri-specta cannot type `tauri::ipc::Response` itself (it has no `specta::Type`), so this
/// wrapper tells the bindings what the page receives: `ArrayBuffer`.
pub struct Bytes(tauri::ipc::Response);

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self(tauri::ipc::Response::new(bytes))
    }
}

impl IpcResponse for Bytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        self.0.body()
    }
}

impl specta::Type for Bytes {
    fn definition(_: &mut specta::Types) -> specta::datatype::DataType {
        specta::datatype::DataType::Reference(specta_typescript::define("ArrayBuffer"))
    }
}
