//! Actor and agreement nodes; `mentions`, `co_mention`, `relation` and `party_to` edges.

use super::build::Input;
use super::model::KnowledgeGraph;
use crate::claims::Claim;
use crate::document::Document;
use crate::extract::Extraction;

pub fn add(g: &mut KnowledgeGraph, input: &Input, doc: &Document, claims: &[Claim], ex: &Extraction) {
    let _ = (g, input, doc, claims, ex);
}
