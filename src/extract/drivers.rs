//! Drivers of convergence and divergence, from tables and from section structure.

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub label: String,
    pub polarity: &'static str,
    pub level: &'static str,
    pub origin: Vec<&'static str>,
    pub description: String,
    pub aliases: Vec<String>,
    pub span: Span,
    /// Blocks whose claims support it (its section) and whose text it involves.
    pub blocks: Vec<usize>,
}

pub fn extract(doc: &Document, diags: &mut Diagnostics) -> Vec<Driver> {
    let _ = (doc, diags);
    Vec::new()
}
