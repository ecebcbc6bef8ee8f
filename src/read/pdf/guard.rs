//! Checks before the content streams run, for what the interpreter does not bound itself: a
//! page tree whose parents loop, and drawing forms (XObjects) that draw themselves or each other
//! so many times over that the pages would never finish.
//!
//! Takes: the loaded document. Gives: `Ok` or the problem in words.

use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// The deepest nesting of forms drawn inside forms that is read.
const MAX_DEPTH: usize = 24;
/// The most times forms may be drawn in all, counting the forms drawn inside them.
const MAX_DRAWS: u64 = 1_000_000;

/// Every page's chain of parents ends: the interpreter looks up inherited attributes through it
/// without a limit of its own.
pub fn parents(doc: &Document) -> Result<(), String> {
    for (_, page) in doc.get_pages() {
        chain(doc, page)?;
    }
    Ok(())
}

/// The dictionaries a page inherits from, the page's own first and then its parents', as the
/// interpreter looks an attribute up; an error if the chain loops (or goes over 64).
pub fn chain(doc: &Document, page: ObjectId) -> Result<Vec<&Dictionary>, String> {
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    let mut out = Vec::new();
    let mut at = page;
    loop {
        if !seen.insert(at) || seen.len() > 64 {
            return Err("its page tree loops".into());
        }
        let Ok(d) = doc.get_dictionary(at) else { break };
        out.push(d);
        match d.get(b"Parent") {
            Ok(Object::Reference(p)) => at = *p,
            _ => break,
        }
    }
    Ok(out)
}

/// No form draws itself, forms nest at most [`MAX_DEPTH`] deep, and all the drawing of forms a
/// document asks for stays under [`MAX_DRAWS`].
pub fn forms(doc: &Document) -> Result<(), String> {
    let pages = doc.get_pages();
    // each form → the forms it draws, with how often
    let mut draws: BTreeMap<ObjectId, Vec<(ObjectId, u64)>> = BTreeMap::new();
    let mut roots: BTreeSet<ObjectId> = BTreeSet::new();
    for &page in pages.values() {
        if let Ok(dict) = doc.get_dictionary(page) {
            roots.extend(named_forms(doc, dict).into_values());
        }
    }
    let mut todo: Vec<ObjectId> = roots.iter().copied().collect();
    while let Some(id) = todo.pop() {
        if draws.contains_key(&id) {
            continue;
        }
        let kids = match doc.get_object(id).and_then(Object::as_stream) {
            Ok(s) => {
                let names = named_forms(doc, &s.dict);
                let counts = s.decompressed_content().map(|c| do_counts(&c)).unwrap_or_default();
                counts
                    .into_iter()
                    .filter_map(|(name, n)| names.get(&name).map(|&k| (k, n)))
                    .collect()
            }
            Err(_) => Vec::new(),
        };
        todo.extend(kids.iter().map(|&(k, _)| k));
        draws.insert(id, kids);
        if draws.len() > 100_000 {
            return Err("it holds too many drawing forms".into());
        }
    }
    // how many forms drawing each form draws, itself included: depth first without recursion,
    // where a form met again on its own path is a cycle
    let mut cost: BTreeMap<ObjectId, u64> = BTreeMap::new();
    for &root in &roots {
        let mut stack: Vec<(ObjectId, usize)> = vec![(root, 0)];
        let mut path: Vec<ObjectId> = Vec::new();
        while let Some((id, i)) = stack.pop() {
            if i == 0 {
                if cost.contains_key(&id) {
                    continue;
                }
                if path.contains(&id) {
                    return Err("a drawing form draws itself".into());
                }
                path.push(id);
                if path.len() > MAX_DEPTH {
                    return Err("its drawing forms are nested too deep".into());
                }
            }
            let kids = draws.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            match kids.get(i) {
                Some(&(k, _)) => {
                    stack.push((id, i + 1));
                    if path.contains(&k) {
                        return Err("a drawing form draws itself".into());
                    }
                    if !cost.contains_key(&k) {
                        stack.push((k, 0));
                    }
                }
                None => {
                    path.pop();
                    let total = kids.iter().fold(1u64, |t, &(k, n)| {
                        t.saturating_add(n.saturating_mul(cost.get(&k).copied().unwrap_or(1)))
                    });
                    cost.insert(id, total);
                }
            }
        }
    }
    // forms that draw a few others are the rule (a logo, a chart); where one draws many, count
    // what the pages ask of them
    if cost.values().all(|&c| c <= 64) {
        return Ok(());
    }
    let mut total = 0u64;
    for &page in pages.values() {
        let Ok(dict) = doc.get_dictionary(page) else { continue };
        let names = named_forms(doc, dict);
        let counts = doc.get_page_content(page).map(|c| do_counts(&c)).unwrap_or_default();
        for (name, n) in counts {
            if let Some(id) = names.get(&name) {
                total = total.saturating_add(n.saturating_mul(cost.get(id).copied().unwrap_or(1)));
            }
        }
        if total > MAX_DRAWS {
            return Err("its drawing forms draw each other too many times over".into());
        }
    }
    Ok(())
}

/// The form XObjects a page's or form's resources name (a page's inherited from its parents).
fn named_forms(doc: &Document, dict: &Dictionary) -> BTreeMap<Vec<u8>, ObjectId> {
    let mut out = BTreeMap::new();
    let mut at = Some(dict);
    let mut up = 0;
    let resources = loop {
        let Some(d) = at else { break None };
        match d.get(b"Resources").ok().and_then(|r| deref_dict(doc, r)) {
            Some(r) => break Some(r),
            None if up < 32 => {
                up += 1;
                at = match d.get(b"Parent") {
                    Ok(Object::Reference(p)) => doc.get_dictionary(*p).ok(),
                    _ => None,
                };
            }
            None => break None,
        }
    };
    let Some(xo) = resources
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(|x| deref_dict(doc, x))
    else {
        return out;
    };
    for (name, v) in xo.iter() {
        if let Object::Reference(id) = v {
            let form = doc.get_object(*id).and_then(Object::as_stream).is_ok_and(|s| {
                s.dict
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == b"Form")
            });
            if form {
                out.insert(name.clone(), *id);
            }
        }
    }
    out
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// How often each name is drawn (`/Name Do`) in a content stream, by its tokens; a `Do` inside a
/// string may be counted too, which errs on the side of caution.
fn do_counts(content: &[u8]) -> BTreeMap<Vec<u8>, u64> {
    let mut out: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    let mut last_name: Option<&[u8]> = None;
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    let mut i = 0;
    while let Some(&b) = content.get(i) {
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while content.get(i).is_some_and(|&c| !delimiter(c)) {
            i += 1;
        }
        let token = content.get(start..i).unwrap_or(&[]);
        if let Some(name) = token.strip_prefix(b"/") {
            last_name = Some(name);
        } else if token == b"Do" {
            if let Some(name) = last_name.take() {
                *out.entry(name.to_vec()).or_default() += 1;
            }
        } else if !token.is_empty() {
            last_name = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_counted_by_name() {
        let c = do_counts(b"q 1 0 0 1 0 0 cm /Fm1 Do Q /Fm1 Do\n/Im2 Do BT (x) Tj ET");
        assert_eq!(c.get(b"Fm1".as_slice()), Some(&2));
        assert_eq!(c.get(b"Im2".as_slice()), Some(&1));
    }
}
