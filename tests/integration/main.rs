//! The integration test binary: one module per kind of test.

mod cases;
mod cli;
mod golden;
mod props;
mod snapshots;
mod tools;
