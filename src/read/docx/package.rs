//! The zip package of a DOCX: its parts by name, unpacked under limits, and the relationships
//! that name them.
//!
//! A zip says how big its entries are, but a zip bomb lies: the limits here are counted on the
//! bytes actually inflated, and the number of entries is checked before the archive's directory
//! is read (the zip crate sizes its table by the count the archive claims).

use super::super::Problem;
use super::xml::{self, Ns};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// What a package may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries (a long report with its images has a few hundred).
    pub entries: u64,
    /// Most bytes the parts read may unpack to, all together.
    pub unpacked: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            entries: 10_000,
            unpacked: 128 * 1024 * 1024,
        }
    }
}

/// An open package.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Part name in lower case (part names are case-insensitive) → entry index.
    names: HashMap<String, usize>,
    /// Bytes that may still be unpacked.
    budget: u64,
    limits: Limits,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Package<'a>, Problem> {
        if let Some(n) = claimed_entries(bytes).filter(|&n| n > limits.entries) {
            return Err(too_many(n, limits));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Problem::new(format!("the zip archive is truncated or malformed ({e})")))?;
        if zip.len() as u64 > limits.entries {
            return Err(too_many(zip.len() as u64, limits));
        }
        let names = zip
            .file_names()
            .filter_map(|name| {
                let index = zip.index_for_name(name)?;
                Some((name.trim_start_matches('/').to_lowercase(), index))
            })
            .collect();
        Ok(Package {
            zip,
            names,
            budget: limits.unpacked,
            limits,
        })
    }

    /// The bytes of the part `name` (`word/document.xml`), or None when there is no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Problem> {
        let Some(&index) = self.names.get(&name.trim_start_matches('/').to_lowercase()) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| Problem::new(format!("cannot unpack {name} ({e})")))?;
        let mut out = Vec::new();
        entry
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| Problem::new(format!("cannot unpack {name} ({e})")))?;
        let used = out.len() as u64;
        if used > self.budget {
            return Err(Problem::new(format!(
                "refused as a zip bomb: its parts unpack to more than {} (at {name})",
                size(self.limits.unpacked)
            )));
        }
        self.budget -= used;
        Ok(Some(out))
    }

    /// The relationships of the part `name` (from `DIR/_rels/NAME.rels`); none when it has none.
    pub fn rels(&mut self, name: &str) -> Result<Rels, Problem> {
        let (dir, file) = match name.rsplit_once('/') {
            Some((d, f)) => (d.to_string(), f),
            None => (String::new(), name),
        };
        let path = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        match self.part(&path)? {
            Some(bytes) => Rels::parse(&bytes, &dir, &path),
            None => Ok(Rels::default()),
        }
    }
}

fn too_many(n: u64, limits: Limits) -> Problem {
    Problem::new(format!(
        "the zip archive holds {n} entries, more than the {} a document may have",
        limits.entries
    ))
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// The largest entry count any end-of-central-directory record near the end of `bytes` claims
/// (the zip64 one where the record points to it), so that a lying count is refused before the
/// zip crate sizes a table by it.
fn claimed_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const LOCATOR: &[u8] = b"PK\x06\x07";
    const EOCD64: &[u8] = b"PK\x06\x06";
    // the record is 22 bytes and a comment of up to 65,535 follows it
    let from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(from..)?;
    let mut most: Option<u64> = None;
    for (i, w) in tail.windows(4).enumerate() {
        if w != EOCD {
            continue;
        }
        let at = from + i;
        let Some(count) = le(bytes, at + 10, 2) else { continue };
        let comment = le(bytes, at + 20, 2).unwrap_or(0);
        if at as u64 + 22 + comment > bytes.len() as u64 {
            continue;
        }
        let mut n = count;
        if at >= 20 && bytes.get(at - 20..at - 16) == Some(LOCATOR) {
            if let Some(z) = le(bytes, at - 20 + 8, 8).and_then(|o| usize::try_from(o).ok()) {
                if bytes.get(z..z.saturating_add(4)) == Some(EOCD64) {
                    n = n.max(le(bytes, z + 32, 8).unwrap_or(0));
                }
            }
        }
        most = Some(most.map_or(n, |m| m.max(n)));
    }
    most
}

/// The little-endian number of `len` bytes at `at`.
fn le(bytes: &[u8], at: usize, len: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(len)?)?;
    Some(b.iter().rev().fold(0u64, |acc, &x| (acc << 8) | u64::from(x)))
}

/// One relationship: where it points and whether that is outside the package.
#[derive(Debug, Clone)]
pub struct Rel {
    /// The last segment of its type (`officeDocument`, `styles`, `footnotes`, `hyperlink`).
    pub kind: String,
    /// A part name resolved against the source's folder, or the external target as written.
    pub target: String,
    pub external: bool,
}

/// The relationships of one part, by id.
#[derive(Debug, Default)]
pub struct Rels {
    by_id: HashMap<String, Rel>,
    /// In document order, for look-ups by type.
    order: Vec<String>,
}

impl Rels {
    fn parse(bytes: &[u8], dir: &str, part: &str) -> Result<Rels, Problem> {
        let mut rels = Rels::default();
        xml::each_start(bytes, part, |ns, local, e| {
            if ns != Ns::Rels || local != b"Relationship" {
                return;
            }
            let (Some(id), Some(kind), Some(target)) =
                (xml::attr(e, b"Id"), xml::attr(e, b"Type"), xml::attr(e, b"Target"))
            else {
                return;
            };
            let external = xml::attr(e, b"TargetMode").is_some_and(|m| m == "External");
            let kind = kind.rsplit('/').next().unwrap_or("").to_string();
            let target = if external { target } else { resolve(dir, &target) };
            if !rels.by_id.contains_key(&id) {
                rels.order.push(id.clone());
            }
            rels.by_id.insert(id, Rel { kind, target, external });
        })?;
        Ok(rels)
    }

    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.by_id.get(id)
    }

    /// The first part of this kind (`styles`, `footnotes`).
    pub fn part_of(&self, kind: &str) -> Option<&str> {
        self.order
            .iter()
            .filter_map(|id| self.by_id.get(id))
            .find(|r| !r.external && r.kind == kind)
            .map(|r| r.target.as_str())
    }
}

/// A relationship's target as a part name: `/word/x.xml` as it is, `x.xml` and `../x.xml`
/// against the source's folder.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word/sub", "../media/a.png"), "word/media/a.png");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn a_claimed_entry_count_is_read_from_the_end_record() {
        let mut z = vec![0u8; 10];
        z.extend_from_slice(b"PK\x05\x06\0\0\0\0\x10\x27\x10\x27\0\0\0\0\0\0\0\0\0\0");
        assert_eq!(claimed_entries(&z), Some(10_000));
        assert_eq!(claimed_entries(b"no record here"), None);
    }
}
