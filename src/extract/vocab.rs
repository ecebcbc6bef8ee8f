//! The typed vocabulary of extraction: entity types and relation families, serialised to the
//! contract's strings (`state`, `treaty`, `sanction`, …).

use std::fmt;

/// The `type` of an actor or agreement node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    // actors
    State,
    Person,
    Organization,
    Group,
    Company,
    // agreements
    Treaty,
    Law,
    Regulation,
    Regime,
    Framework,
    FoundationalAgreement,
    Agreement,
    Partnership,
    Dialogue,
    Initiative,
    Policy,
    Strategy,
    Designation,
    Exercise,
    Operation,
    Deal,
}

impl EntityType {
    pub const ALL: &'static [EntityType] = &[
        EntityType::State,
        EntityType::Person,
        EntityType::Organization,
        EntityType::Group,
        EntityType::Company,
        EntityType::Treaty,
        EntityType::Law,
        EntityType::Regulation,
        EntityType::Regime,
        EntityType::Framework,
        EntityType::FoundationalAgreement,
        EntityType::Agreement,
        EntityType::Partnership,
        EntityType::Dialogue,
        EntityType::Initiative,
        EntityType::Policy,
        EntityType::Strategy,
        EntityType::Designation,
        EntityType::Exercise,
        EntityType::Operation,
        EntityType::Deal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::State => "state",
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Group => "group",
            EntityType::Company => "company",
            EntityType::Treaty => "treaty",
            EntityType::Law => "law",
            EntityType::Regulation => "regulation",
            EntityType::Regime => "regime",
            EntityType::Framework => "framework",
            EntityType::FoundationalAgreement => "foundational-agreement",
            EntityType::Agreement => "agreement",
            EntityType::Partnership => "partnership",
            EntityType::Dialogue => "dialogue",
            EntityType::Initiative => "initiative",
            EntityType::Policy => "policy",
            EntityType::Strategy => "strategy",
            EntityType::Designation => "designation",
            EntityType::Exercise => "exercise",
            EntityType::Operation => "operation",
            EntityType::Deal => "deal",
        }
    }

    /// The type a string names (the lexicon's `type` column).
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// Whether an actor has this type (else an agreement does).
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            EntityType::State | EntityType::Person | EntityType::Organization | EntityType::Group | EntityType::Company
        )
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a relation's predicate, exported as the edge's `family`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// sanctions, bans, designations as a target: `sanctioned`, `blacklisted`.
    Sanction,
    /// signing, joining, ratifying, negotiating an agreement: `signed`, `concluded`.
    Agreement,
    /// forces and arms: `deployed`, `armed`, `trained`, `co-produces`.
    Military,
    /// visits, meetings, ties, recognition: `met`, `visited`, `hosted`.
    Diplomacy,
    /// goods, tariffs, purchases: `imposed tariffs on`, `imported`, `bought`.
    Trade,
    /// force against another: `invaded`, `attacked`, `struck`.
    Conflict,
    /// help given: `funded`, `supported`, `provided assistance to`.
    Aid,
    /// belonging: `member of`, `joined`, `withdrew from`.
    Membership,
    /// what one said of another: `criticized`, `praised`, `urged`, `warned`.
    Statement,
    /// office, votes, parties: `elected`, `ruled`, `ousted`.
    Politics,
    /// courts, laws, investigations: `charged`, `indicted`, `voided`.
    Legal,
    /// a predicate the verb table does not class.
    Other,
}

impl Family {
    pub const ALL: &'static [Family] = &[
        Family::Sanction,
        Family::Agreement,
        Family::Military,
        Family::Diplomacy,
        Family::Trade,
        Family::Conflict,
        Family::Aid,
        Family::Membership,
        Family::Statement,
        Family::Politics,
        Family::Legal,
        Family::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Sanction => "sanction",
            Family::Agreement => "agreement",
            Family::Military => "military",
            Family::Diplomacy => "diplomacy",
            Family::Trade => "trade",
            Family::Conflict => "conflict",
            Family::Aid => "aid",
            Family::Membership => "membership",
            Family::Statement => "statement",
            Family::Politics => "politics",
            Family::Legal => "legal",
            Family::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(EntityType::parse(t.as_str()), Some(*t));
        }
        for f in Family::ALL {
            assert_eq!(Family::parse(f.as_str()), Some(*f));
        }
    }
}
