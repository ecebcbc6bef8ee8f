//! Claims and blocks → entities, relations and drivers.
//!
//! Takes: a [`Document`] (its blocks, sections and tables) and a [`Lexicon`]. Gives: an
//! [`Extraction`]: the actors and agreements the body text names, one entity however it is named,
//! each mention with its block, clean offsets and source span; the typed relations between them
//! with their evidence sentence; and the drivers of convergence and divergence the document names.
//! Notes are never read here: note authors and outlets are sources, not actors.

pub mod drivers;
pub mod entities;
pub mod lexicon;
pub mod relations;

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::span::Span;
pub use drivers::Driver;
pub use lexicon::Lexicon;

/// Actor or agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Actor,
    Agreement,
}

/// One place an entity is named: block index, clean byte range in that block, source span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub surface: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id: the lexicon entry's id, else the normalised canonical name.
    pub id: String,
    pub class: Class,
    /// `state`, `person`, `organization`, `group`, `company`; or for agreements `treaty`, `law`, …
    pub kind: String,
    pub label: String,
    /// Every surface form seen.
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    /// The rule that found it, e.g. `actor/lexicon`, `agreement/acronym`.
    pub rule: &'static str,
}

/// A typed statement between two entities, from one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub subject: usize,
    pub object: usize,
    pub predicate: String,
    /// `party_to` (actor → agreement) rather than `relation`.
    pub party_to: bool,
    pub block: usize,
    pub evidence: String,
    pub span: Span,
    pub rule: &'static str,
}

#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
    pub drivers: Vec<Driver>,
}

/// Runs every extractor.
pub fn extract(doc: &Document, lexicon: &Lexicon, diags: &mut Diagnostics) -> Extraction {
    let (entities, relations) = entities::extract(doc, lexicon, diags);
    let drivers = drivers::extract(doc, diags);
    Extraction {
        entities,
        relations,
        drivers,
    }
}
