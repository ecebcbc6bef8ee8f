//! The kinds of nodes and edges, as types: each is written as the contract's string (`claim`,
//! `co_mention`, …) in every output, and read back from it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a node stands for. The order of the variants is the order of kinds in every output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Document,
    Claim,
    Source,
    Actor,
    Agreement,
    Driver,
    /// A sentence that is the evidence of a relation but not a claim (schema `policykg/2`): its
    /// text is held here once, and the edges it supports point at it by id.
    Sentence,
}

/// What an edge says of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// claim → source, one per note.
    Cites,
    /// claim → actor or agreement.
    Mentions,
    /// actor/agreement → actor/agreement, with a predicate and its evidence.
    Relation,
    /// actor/agreement → actor/agreement, weighted by the sentences naming both.
    CoMention,
    /// actor → agreement.
    PartyTo,
    /// claim → driver.
    Supports,
    /// driver → actor or agreement.
    Involves,
}

impl NodeKind {
    pub const ALL: [NodeKind; 7] = [
        NodeKind::Document,
        NodeKind::Claim,
        NodeKind::Source,
        NodeKind::Actor,
        NodeKind::Agreement,
        NodeKind::Driver,
        NodeKind::Sentence,
    ];

    /// The contract's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Document => "document",
            NodeKind::Claim => "claim",
            NodeKind::Source => "source",
            NodeKind::Actor => "actor",
            NodeKind::Agreement => "agreement",
            NodeKind::Driver => "driver",
            NodeKind::Sentence => "sentence",
        }
    }

    /// The kind of the contract's name.
    pub fn parse(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether nodes of this kind are named things that relations join: actors and agreements.
    pub fn is_entity(self) -> bool {
        matches!(self, NodeKind::Actor | NodeKind::Agreement)
    }
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 7] = [
        EdgeKind::Cites,
        EdgeKind::Mentions,
        EdgeKind::Relation,
        EdgeKind::CoMention,
        EdgeKind::PartyTo,
        EdgeKind::Supports,
        EdgeKind::Involves,
    ];

    /// The contract's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Cites => "cites",
            EdgeKind::Mentions => "mentions",
            EdgeKind::Relation => "relation",
            EdgeKind::CoMention => "co_mention",
            EdgeKind::PartyTo => "party_to",
            EdgeKind::Supports => "supports",
            EdgeKind::Involves => "involves",
        }
    }

    /// The kind of the contract's name.
    pub fn parse(name: &str) -> Option<EdgeKind> {
        EdgeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether the edge states a relationship with its evidence (`relation`, `party_to`).
    pub fn is_relation(self) -> bool {
        matches!(self, EdgeKind::Relation | EdgeKind::PartyTo)
    }
}

/// The version of the JSON a graph is written as (`graph.schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Schema {
    /// `policykg/1`: a `relation` or `party_to` edge repeats its evidence sentence in `evidence`.
    V1,
    /// `policykg/2`: such an edge gives `evidence_span` and `sentence`, the id of the claim or
    /// `sentence` node that holds the sentence's text once. Everything else as in `policykg/1`.
    #[default]
    V2,
}

impl Schema {
    /// The contract's name: `policykg/1`, `policykg/2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Schema::V1 => "policykg/1",
            Schema::V2 => "policykg/2",
        }
    }

    /// The schema named `policykg/N` or `N`.
    pub fn parse(name: &str) -> Option<Schema> {
        match name.trim().trim_start_matches("policykg/") {
            "1" => Some(Schema::V1),
            "2" => Some(Schema::V2),
            _ => None,
        }
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for k in NodeKind::ALL {
            assert_eq!(NodeKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
        }
        for k in EdgeKind::ALL {
            assert_eq!(EdgeKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
        }
        assert_eq!(EdgeKind::CoMention.to_string(), "co_mention");
        assert_eq!(NodeKind::parse("claims"), None);
        for s in [Schema::V1, Schema::V2] {
            assert_eq!(Schema::parse(s.as_str()), Some(s));
        }
        assert_eq!(Schema::parse("1"), Some(Schema::V1));
        assert_eq!(Schema::parse("policykg/3"), None);
    }

    #[test]
    fn node_kinds_sort_in_output_order() {
        let mut ks = NodeKind::ALL;
        ks.reverse();
        ks.sort();
        assert_eq!(ks, NodeKind::ALL);
    }
}
