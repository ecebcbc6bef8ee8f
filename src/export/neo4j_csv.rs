//! Not written yet.

use crate::graph::KnowledgeGraph;

/// (file name inside `NAME.neo4j/`, bytes)
pub fn files(g: &KnowledgeGraph) -> Vec<(String, Vec<u8>)> {
    let _ = g;
    Vec::new()
}
