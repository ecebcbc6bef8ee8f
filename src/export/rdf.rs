//! Not written yet.

use crate::graph::KnowledgeGraph;

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let _ = g;
    Vec::new()
}
