//! Actors and agreements, and the relations between them.

use super::{Entity, Lexicon, Relation};
use crate::diag::Diagnostics;
use crate::document::Document;

pub fn extract(doc: &Document, lexicon: &Lexicon, diags: &mut Diagnostics) -> (Vec<Entity>, Vec<Relation>) {
    let _ = (doc, lexicon, diags);
    (Vec::new(), Vec::new())
}
