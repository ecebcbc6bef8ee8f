//! Helpers shared by the integration tests: a fresh temporary folder and the binary run in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `policykg ARGS` in `dir`.
pub fn policykg(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// An empty temporary folder, unique to this test process and `name`.
pub fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policykg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
