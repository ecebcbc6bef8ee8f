//! Files in and out: finding documents, reading them as UTF-8 text, naming and writing outputs
//! atomically (a temporary file in the output folder, renamed into place).

use crate::error::{Error, Result};
use foldhash::{HashMap, HashMapExt};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// File name endings read as documents.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "pdf", "html", "htm", "docx"];

/// Default limit on a document's size.
pub const MAX_SIZE: u64 = 256 * 1024 * 1024;

/// What [`discover`] found: the documents, and the folders and files it could not read, which
/// are reported and skipped like any document that fails.
#[derive(Debug, Default)]
pub struct Found {
    pub paths: Vec<PathBuf>,
    pub unreadable: Vec<Error>,
}

/// The documents named by `inputs`: files as given, folders read recursively in sorted order.
/// A folder without documents is an error; an input that does not exist, and a folder or file
/// that cannot be read, are listed in [`Found::unreadable`], to be reported and skipped.
pub fn discover(inputs: &[PathBuf]) -> Result<Found> {
    discover_except(inputs, None)
}

/// [`discover`], not looking inside the folder `out` (the output folder): a build of `.` into
/// `./graphs` does not read the `NAME.txt` it wrote there last time as a document.
pub fn discover_except(inputs: &[PathBuf], out: Option<&Path>) -> Result<Found> {
    let skip = out.and_then(|o| fs::canonicalize(o).ok());
    let mut found = Found::default();
    for input in inputs {
        let meta = match fs::metadata(input) {
            Ok(m) => m,
            Err(source) => {
                found.unreadable.push(Error::Io {
                    path: input.clone(),
                    source,
                });
                continue;
            }
        };
        if meta.is_dir() {
            let before = (found.paths.len(), found.unreadable.len());
            walk(input, skip.as_deref(), &mut found);
            if (found.paths.len(), found.unreadable.len()) == before {
                return Err(Error::NoDocuments { path: input.clone() });
            }
        } else {
            found.paths.push(input.clone());
        }
    }
    Ok(found)
}

fn walk(dir: &Path, skip: Option<&Path>, found: &mut Found) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            found.unreadable.push(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    // sorted by name, which is the paths' order (they differ only in it), and typed as the
    // folder lists them: a path compared component by component, and a call to the system for
    // each entry's type, were half of a 10,000-document corpus's start (a link is followed)
    let mut entries: Vec<(std::ffi::OsString, PathBuf, Option<fs::FileType>)> = entries
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name(), e.path(), e.file_type().ok()))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, p, kind) in entries {
        let dir = match kind {
            Some(k) if !k.is_symlink() => k.is_dir(),
            _ => p.is_dir(),
        };
        if dir {
            if skip.is_some_and(|s| fs::canonicalize(&p).is_ok_and(|c| c == s)) {
                continue;
            }
            walk(&p, skip, found);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            // `~$report.docx` is the lock file Word keeps beside a document it has open
            && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("~$"))
            && !own_page(&p)
        {
            found.paths.push(p);
        }
    }
}

/// Whether `path` is a page policykg wrote (the viewer says so in `<meta name="generator"
/// content="policykg">`): a folder that holds earlier outputs is not read back as documents.
fn own_page(path: &Path) -> bool {
    use std::io::Read;
    let html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if !html {
        return false;
    }
    let mut head = [0u8; 1024];
    let n = fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    String::from_utf8_lossy(head.get(..n).unwrap_or_default()).contains(r#"<meta name="generator" content="policykg">"#)
}

/// A document's text, and the encoding it was decoded from when that was not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub decoded_from: Option<&'static str>,
}

/// Looks up an encoding by its WHATWG label (`windows-1252`, `latin1`, `utf-16le`, …).
pub fn encoding(label: &str) -> Result<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| Error::UnknownEncoding(label.to_string()))
}

/// Reads a document as UTF-8 text (a BOM dropped). Binary files are errors, and so is invalid
/// UTF-8 unless `fallback` names the encoding to decode it from; a decoded read says so.
pub fn read(path: &Path, max: u64, fallback: Option<&'static encoding_rs::Encoding>) -> Result<Text> {
    decode(path, read_bytes(path, max)?, fallback)
}

/// Reads a file's bytes, refusing one over `max` bytes.
pub fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(io)?.len();
    if size > max {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: max,
        });
    }
    fs::read(path).map_err(io)
}

/// A text document's bytes as text (see [`read`]).
pub fn decode(path: &Path, bytes: Vec<u8>, fallback: Option<&'static encoding_rs::Encoding>) -> Result<Text> {
    // UTF-16 with a BOM is text, whatever NULs it holds
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, _, _) = enc.decode(&bytes);
            return Ok(Text {
                text: text.into_owned(),
                decoded_from: Some(enc.name()),
            });
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Text {
            text: match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            },
            decoded_from: None,
        }),
        Err(e) => match fallback {
            Some(enc) => {
                let (text, _) = enc.decode_without_bom_handling(e.as_bytes());
                Ok(Text {
                    text: text.into_owned(),
                    decoded_from: Some(enc.name()),
                })
            }
            None => Err(Error::NotUtf8 {
                path: path.to_path_buf(),
                offset: e.utf8_error().valid_up_to(),
            }),
        },
    }
}

/// Whether the file is a PDF, as [`Format::sniff`](crate::read::Format::sniff) tells by its
/// first kilobyte (and its name). A file that cannot be read is not.
pub fn is_pdf(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    let read = fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    read.is_ok() && crate::read::Format::sniff(path, &head) == crate::read::Format::Pdf
}

/// A path as recorded in outputs: as given, with `/` as separator on every machine.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Output names for the inputs: the file stem, made safe (letters, digits, `-`, `_`, `.`), and
/// where two inputs share a stem, the extension added to tell them apart (`a-md`, `a-txt`).
pub fn names(paths: &[PathBuf]) -> Vec<String> {
    let stems: Vec<String> = paths
        .iter()
        .map(|p| sanitise(&p.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default()))
        .collect();
    // (hashed, not ordered: nothing is read from the maps in their order)
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &stems {
        *count.entry(s.as_str()).or_default() += 1;
    }
    let mut out: Vec<String> = paths
        .iter()
        .zip(&stems)
        .map(|(p, s)| {
            if count.get(s.as_str()).copied().unwrap_or(0) > 1 {
                let ext = p
                    .extension()
                    .map(|e| sanitise(&e.to_string_lossy()))
                    .unwrap_or_default();
                format!("{s}-{ext}")
            } else {
                s.clone()
            }
        })
        .collect();
    // still equal (same stem and extension in two folders): number them in input order
    let mut seen: HashMap<String, usize> = HashMap::new();
    for name in &mut out {
        let n = seen.entry(name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            name.push_str(&format!("-{n}"));
        }
    }
    out
}

/// A file-name-safe id: no separators, no `..`, never empty.
pub fn sanitise(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    let mut out = out.trim_matches(['.', '-']).to_string();
    // `x.drivers` would write `x.drivers.dot`, which is the drivers view of `x`
    for reserved in [".drivers", ".sources", ".neo4j"] {
        if let Some(stem) = out.strip_suffix(reserved) {
            out = format!("{stem}-{}", reserved.trim_start_matches('.'));
        }
    }
    if out.is_empty() || out == "corpus" {
        format!("doc-{out}").trim_end_matches('-').to_string()
    } else {
        out
    }
}

/// Removes the temporary files that a build killed mid-way left in `dir` and the folders in it
/// (`.NAME.json.tmp-PID-N`, see [`Staged`]): those of processes that are no longer running, or,
/// where that cannot be told, older than an hour. Returns how many it removed.
pub fn sweep(dir: &Path) -> usize {
    let mut removed = 0;
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    for e in entries.flatten() {
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            removed += sweep_files(&path);
        }
    }
    removed + sweep_files(dir)
}

fn sweep_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(pid) = temporary_pid(&name) else { continue };
        let dead = if Path::new("/proc/self").exists() {
            !Path::new(&format!("/proc/{pid}")).exists()
        } else {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if dead
            && pid != std::process::id()
            && e.file_type().is_ok_and(|t| t.is_file())
            && fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// The process id in a temporary file's name, `.NAME.tmp-PID-N`.
fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".tmp-")?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = Staged::create(path)?;
    f.write_all(bytes).map_err(|e| f.error(e))?;
    f.commit()
}

/// An output file written beside its final path and renamed into place by [`Staged::commit`],
/// so that readers never see half a file; dropped uncommitted, it is removed and the old file
/// stays. Outputs are streamed into it rather than rendered in memory first: a graph's JSON can
/// be several times the size of the document.
pub struct Staged {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl Staged {
    pub fn create(path: &Path) -> Result<Staged> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        // unique per file, so two outputs that land on one path never write into one temporary
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // (the process's id asked of the system once, not for every file)
        static PID: std::sync::LazyLock<u32> = std::sync::LazyLock::new(std::process::id);
        let tmp = dir.join(format!(".{name}.tmp-{}-{n}", *PID));
        let file = fs::File::create(&tmp).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Staged {
            path: path.to_path_buf(),
            tmp,
            // (a few write calls for a graph's files rather than one per 8 KiB; under the
            // allocator's threshold for mapping memory, so a small file costs no extra call)
            file: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// The error of writing this file.
    pub fn error(&self, source: std::io::Error) -> Error {
        Error::Write {
            path: self.path.clone(),
            source,
        }
    }

    /// Writes out what is buffered, so that [`Staged::commit`] has only the rename left: a
    /// set of files is flushed first, then renamed, and a full disk leaves none of them in place.
    pub fn flush_out(&mut self) -> Result<()> {
        let result = self.file.as_mut().map_or(Ok(()), Write::flush);
        result.map_err(|e| self.error(e))
    }

    /// Writes out what is buffered and renames the file into place. No fsync: the rename is
    /// what keeps readers from ever seeing half a file, and a sync per output file halves the
    /// speed of a corpus build.
    pub fn commit(mut self) -> Result<()> {
        let result = match self.file.take() {
            Some(f) => f.into_inner().map_err(std::io::IntoInnerError::into_error).map(drop),
            None => Ok(()),
        }
        .and_then(|()| fs::rename(&self.tmp, &self.path));
        if result.is_ok() {
            self.tmp = PathBuf::new();
        }
        result.map_err(|e| self.error(e))
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // a file not committed (or committed in vain) leaves no temporary behind
        self.file.take();
        if !self.tmp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_are_told_by_name() {
        assert_eq!(temporary_pid(".a.json.tmp-123-4"), Some(123));
        assert_eq!(temporary_pid(".a.tmp-x-4"), None);
        assert_eq!(temporary_pid("a.json.tmp-123-4"), None);
        assert_eq!(temporary_pid(".a.json"), None);
    }

    #[test]
    fn names_are_safe_and_distinct() {
        let paths: Vec<PathBuf> = ["x/a.md", "y/a.txt", "../b c.md", "z/..md", "corpus.md", "r.drivers.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(
            names(&paths),
            vec!["a-md", "a-txt", "b-c", "doc", "doc-corpus", "r-drivers"]
        );
    }
}
