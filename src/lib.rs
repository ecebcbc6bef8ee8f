//! policykg
pub mod diag;
pub mod document;
pub mod error;
pub mod span;
pub mod notes;
