//! One error type for the whole crate, with a message a user can read and a short stable code
//! the shell can map onto its own `{code, message}`.

use std::path::PathBuf;

/// What went wrong in the ledger.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be created, opened or given its permissions.
    #[error("The ledger file {path} could not be opened: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file was written by a newer version of the app.
    #[error(
        "The ledger file was written by a newer version of Ninjapay Desk (schema {found}; this \
         version knows up to {known}). Update the app to open it; nothing was changed."
    )]
    TooNew {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema this build knows.
        known: i64,
    },
    /// SQLite reported a problem (a full disk, a damaged file, a locked database, …).
    #[error("The ledger database reported a problem: {0}")]
    Database(#[from] rusqlite::Error),
    /// Something handed to the ledger could not be used (a bad date, an unreadable import).
    #[error("{0}")]
    Invalid(String),
    /// A spreadsheet could not be built.
    #[error("The spreadsheet could not be written: {0}")]
    Export(String),
}

impl Error {
    /// A short stable code: `ledger_open`, `ledger_too_new`, `ledger_database`, `validation` or
    /// `export`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Open { .. } => "ledger_open",
            Error::TooNew { .. } => "ledger_too_new",
            Error::Database(_) => "ledger_database",
            Error::Invalid(_) => "validation",
            Error::Export(_) => "export",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid(message.into())
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Error::Export(e.to_string())
    }
}
