//! The integration test binary: one module per kind of test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod cases;
mod cli;
mod common;
mod corpus;
mod docx;
mod exports;
mod golden;
mod hostile;
mod html;
mod huge;
mod pdf;
mod props;
mod query;
mod readme;
mod schema;
mod shards;
mod snapshots;
mod tools;
mod viewer;
