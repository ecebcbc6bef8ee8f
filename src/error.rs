//! Fatal errors: what stops one input from being built (I/O, encoding, limits, a bad option).
//!
//! Everything about the document's content is a diagnostic instead (see `diag`).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not UTF-8 at byte {offset} (try --encoding windows-1252)")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks binary (NUL byte at {offset}), not a text document")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: {size} bytes is over the limit of {limit} bytes")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: cannot read this {format} file: {message}")]
    Unreadable {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    #[error("{path}: a policykg graph JSON, not a document (ask it with `policykg query`)")]
    GraphJson { path: PathBuf },
    #[error("{path}: no documents found (looked for .md, .markdown, .txt, .pdf, .html, .htm, .docx)")]
    NoDocuments { path: PathBuf },
    #[error("{path}: cannot write output: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("unknown encoding `{0}` (try utf-8, windows-1252, latin1, utf-16le)")]
    UnknownEncoding(String),
    #[error("{path}: bad lexicon: {message}")]
    Lexicon { path: PathBuf, message: String },
}

pub type Result<T> = std::result::Result<T, Error>;
