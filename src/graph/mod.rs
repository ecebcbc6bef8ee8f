//! The knowledge graph: nodes and edges with stable ids, built from a document's stages, and the
//! merge of several documents' graphs into one corpus graph.
//!
//! Takes: a [`Document`], its [`Claim`]s and its [`Notes`]. Gives: a [`KnowledgeGraph`] whose nodes
//! and edges carry their kind, a label and a flat map of attributes (the contract's fields), in
//! a deterministic order. Node and edge positions never leave this module.

mod attrs;
mod build;
mod drivers;
mod entities;
mod kind;
mod model;
mod value;

pub use attrs::{Attrs, Key};
pub use build::{build, short, Input};
pub use kind::{EdgeKind, NodeKind, Schema};
pub(crate) use model::evidence_to_v1;
pub use model::{Edge, KnowledgeGraph, Node};
pub use value::{Str, Value};
