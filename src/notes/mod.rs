//! Notes and sources.
pub mod cite;
