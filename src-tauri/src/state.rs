//! The store as the window's commands share it.
//!
//! If the database cannot be opened (a newer schema, a locked or unreadable file) the window
//! still opens and shows the Vietnamese message instead of crashing: every command then
//! returns that error.

use secretariat_core::rusqlite::Connection;
use secretariat_core::store::paths::default_data_dir;
use secretariat_core::{AppError, Result, Store};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    pub data_dir: PathBuf,
    store: std::result::Result<Mutex<Store>, AppError>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let store = Store::open_in_dir(&data_dir).map(Mutex::new);
        Self { data_dir, store }
    }

    pub fn open_error(&self) -> Option<AppError> {
        self.store.as_ref().err().cloned()
    }

    pub fn is_release_data_dir(&self) -> bool {
        self.data_dir == default_data_dir()
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Store>> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a half-written change (the transaction
        // rolls back), so a poisoned lock is safe to reuse.
        Ok(store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.lock()?.read(f)
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.lock()?;
        f(&mut guard)
    }
}
