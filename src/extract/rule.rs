//! The rules that find entities and relations, each named by an id the graph exports as
//! provenance (`rule` on actor and agreement nodes, `relation` and `party_to` edges).
//!
//! Each variant's doc says what the rule finds, why, and an example; each has a literate case
//! under `tests/cases/extract/` named after its id (`actor-title.md` for `actor/title`), which a
//! test checks exists. The code of a rule is the function of [`super::entities`] or
//! [`super::relations`] that names its variant.

use std::fmt;

/// A rule of entity or relation extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A lexicon actor's name or alias, matched whole-word: `the Kremlin` → Russia. General
    /// knowledge (states, blocs, leaders) is in the lexicon so that any paper finds it.
    ActorLexicon,
    /// A lexicon agreement's name or alias: `CAATSA`, `the Wassenaar Arrangement`.
    AgreementLexicon,
    /// An actor defined with its acronym, classed by its head word: `Defence Research and
    /// Development Organisation (DRDO)`; later `DRDO` alone is the same actor. Papers define the
    /// bodies they discuss this way. One word in parentheses right after a name found is its
    /// short form even when its letters do not spell it (`European Border and Coast Guard Agency
    /// (Frontex)`, `Brazilian Development Bank (BNDES)`). A connector may give a letter (`Department of Justice
    /// (DOJ)`): the shortest name that spells the acronym is meant, not the unit before it,
    /// but with the body's head word and `of` before it (`Department of Veterans Affairs (VA)`).
    ActorAcronym,
    /// An agreement defined with its acronym: `Mongolia Third Neighbor Trade Act (MTNTA)`; or a
    /// name with no head word of its own defined before a lower-case programme noun: `Extended
    /// Benefit (EB) program`, `Lost Wages Assistance (LWA) benefit`.
    AgreementAcronym,
    /// A capitalised name whose head word (at either end) makes it a body: `Ministry of
    /// Defence`, `House Select Committee on Strategic Competition`, `State Great Hural`,
    /// `Movimiento Azul`-style names led by their head word are found the same way; a committee
    /// may list its fields with commas (`Senate Commerce, Science, and Transportation
    /// Committee`, `Committee on Health, Education, Labor, and Pensions`). A possessive
    /// determines a name as `the` does (`Mongolia's Constitutional Court`); a body does not run
    /// on over `in` and a state (`the International Security Assistance Force in Afghanistan`);
    /// a new name before a lower-case `party` is a party (`the HUN party`, later `HUN`).
    ActorHeadWord,
    /// A capitalised name whose head word makes it an agreement, law or programme: `Trade Act of
    /// 1974`, `Consolidated Appropriations Act, 2018` (a law's year after a comma is its title's),
    /// `the For the People Act` (a function word right after `the` opens the title; a name
    /// never runs over `in the` or `to the`: `Expenses in the Rural Roads Program`),
    /// `Framework for the U.S.-India Major Defense Partnership`, `Plan Horizonte`. A law's title
    /// may list its fields with commas (`Commerce, Justice, Science, and Related Agencies
    /// Appropriations Act`), and a run ending in a law's head word is the law whatever body
    /// opens it (`Department of Defense and Full-Year Continuing Appropriations Act`).
    AgreementHeadWord,
    /// A capitalised name followed by a lower-case agreement noun: `NATO Plus arrangement`,
    /// `GE F414 jet engine agreement`, `U.S.-Iran ceasefire`.
    AgreementLowerHead,
    /// A numbered instrument: `Executive Order 14024`, `General License 8L`; `Executive Order
    /// (E.O.) 14254` and `E.O. 14254` are one order, named in full.
    AgreementNumbered,
    /// A named operation or exercise: `Operation Epic Fury`, `exercises such as Northern Viking`,
    /// `the navy's Operation Blue Shield`.
    AgreementOperation,
    /// A person after a title: `Prime Minister Narendra Modi`, `Secretary of Defense Pete
    /// Hegseth`, `General Halvard Eskeland`, `Lieutenant Colonel Paul-Henri Damiba`, `President Omar al-Bashir` (a particle before the
    /// surname). A title is the surest cue a name is a person's.
    ActorTitle,
    /// A person after a lower-case role or before a verb of speech: `energy minister Ana Ruiz`,
    /// `the consul in Lyon, Paul Martin`, `George Marshall argued`, `Omar Haddad, a trade
    /// adviser`, `Marina Silva, Brazil's environment minister`, `Alan Davidson, who led NTIA`,
    /// `Gerald Knaus of the European Stability Initiative`. Papers often name people without a
    /// title; without a role the first word must be a given name (the US Census lists,
    /// `lexicon/given-names.txt`).
    ActorRole,
    /// A company named in apposition, after a company word or with a legal form: `JBS, the
    /// world's largest meatpacker`, `Nayara, one of
    /// India's largest private oil refiners`, `mining company Rio Tinto`, `its subsidiary
    /// Ticketmaster`, `Acme Holdings Ltd`, `Stahlwerk Ost AG`, `Nordic Rail Oyj`, `Vale & Rios
    /// Ltd.`, `D'Amico Naval Ltd.`.
    ActorCompany,
    /// A coined name: one word with a capital inside after lower-case letters, or a
    /// capitalised web domain: `SeatGeek`, `PetroChina`, `OpenAI`, `Tickets.com`. Firms and
    /// brands name themselves this way; people (`McNamara`, `DeSantis`) and places seldom do,
    /// and an acronym with a lower-case letter (`MoCRA`, `EPSCoR`) is no coined name.
    ActorBrand,
    /// An untitled two-word name whose second word then stands alone at least twice: `the MPP's
    /// Gombojav Zandanshatar … Zandanshatar resigned`. Neither word may stand in lower case in
    /// the document (`Extended Benefit … benefit` is a title-cased common noun), and only prose
    /// is read (no bylines, running heads or table headers).
    ActorSurname,
    /// Names listed after a plural class noun: `initiatives like Make in India and Atmanirbhar
    /// Bharat`, `forums such as the DTTI`.
    AgreementListed,
    /// A designation: `designated a Major Non-NATO Ally`, `designation as a “Major Defense
    /// Partner”`.
    AgreementDesignation,
    /// A quoted policy or strategy: `a "third neighbor" policy`, `the "Indo-Pacific strategy"`.
    AgreementQuotedPolicy,
    /// An agreement named by description rather than a proper name: `concluded a five-year
    /// energy partnership in March 2019`, `a memorandum on port cooperation`, `a ten-day truce`.
    /// Named from its parties, kind and year: `Chile–Peru energy partnership (2019)`. Papers
    /// often introduce an agreement this way and never name it. A dated reform named by what it
    /// reformed is a policy the same way: `Foreign Direct Investment (FDI) liberalization in
    /// 2020` → `Foreign Direct Investment (FDI) liberalization (2020)`.
    AgreementDescribed,
    /// An equipment designator in a sentence about a sale: `the S-400`, `GE F414` → a deal.
    AgreementDesignator,

    /// `A <verb group> B` within one clause: the subject is the entity before the verb group
    /// (appositives skipped), the object the one after: `the EU imposed sanctions on Nayara`.
    /// Coordinated subjects and objects give one relation each. The act the clause names after
    /// its one object belongs to the predicate: `thanked Bolivia by calling …` → `thanked … by
    /// calling`, `said Chile was exploiting …` → `said … was exploiting`. A person's pronoun
    /// in the sentence stands for them (`issued a warrant for him`), and `the fund`, `the bloc`
    /// or `the country` for the one actor of that head word or type the paragraph just named
    /// (see `extract::pronouns`).
    RelationVerb,
    /// A passive with its agent: `Ukraine was invaded by Russia` → Russia invaded Ukraine. A
    /// passive whose object is no agent keeps its auxiliary: `the Fund was created by decree
    /// under Lula` → `was created by decree under`, not `created`.
    RelationPassive,
    /// A possessive noun phrase: `India's designation as a Major Defense Partner`, `China's Belt
    /// and Road Initiative`.
    RelationPossessive,
    /// Members listed beside a group: `the Quad (the U.S., Japan, India, and Australia)`.
    RelationMembership,
    /// A reciprocal noun between two parties: `the conflict between the United States and
    /// Iran`, `a meeting between Putin and Xi`, `the Russia-Ukraine war`. Papers state many
    /// relations as nouns rather than verbs.
    RelationReciprocal,
    /// Coordinated subjects of a joint act: `The MPP, the DP, and the HUN party formed a
    /// coalition government` relates each party to the others.
    RelationJoint,
    /// `both countries signed X`: the two states last named are the parties.
    RelationBothCountries,
    /// A fronted participle: `By participating in BRICS and the SCO, New Delhi …`.
    RelationFronted,
    /// A copula with a noun and its preposition: `Mongolia was a satellite state of the Soviet
    /// Union`, `Chile is a member of the WTO` → `satellite state of`, `member of`. Papers state
    /// status (member, ally, colony, partner) this way, with no verb of action.
    RelationCopular,
    /// A participial clause shares its main clause's subject: `Chile signed the accord, while
    /// pursuing a "Pacific first" policy` → Chile pursuing the policy.
    RelationParticiple,
    /// An object relative clause: `the Dalai Lama, whom China's government blames` → China
    /// blames the Dalai Lama; `the accord, which Peru signed in 1990`. The name after the pronoun
    /// did the act to the one before it.
    RelationRelative,
    /// A nominalised act with its agent: `a visit to Chile by Lula` → Lula visited Chile; `the
    /// invasion of Kuwait by Iraq` → Iraq invaded Kuwait. The noun is mapped to its verb
    /// (`lexicon/nominal.tsv`).
    RelationNominal,
    /// An agreement whose name leads with its parties: `the U.S.-Mongolia Agreement on
    /// Transparency`, `a Chile-Peru Energy Accord` → each named actor is party to it.
    RelationNamedParties,
    /// An actor right before an agreement it owns or leads: `the US "Indo-Pacific strategy"`,
    /// `the UK-led Northern Viking`; or before a body it leads: `the NATO-led International
    /// Security Assistance Force`.
    RelationAdjacent,
}

impl Rule {
    /// Every rule, in declaration order.
    pub const ALL: &'static [Rule] = &[
        Rule::ActorLexicon,
        Rule::AgreementLexicon,
        Rule::ActorAcronym,
        Rule::AgreementAcronym,
        Rule::ActorHeadWord,
        Rule::AgreementHeadWord,
        Rule::AgreementLowerHead,
        Rule::AgreementNumbered,
        Rule::AgreementOperation,
        Rule::ActorTitle,
        Rule::ActorRole,
        Rule::ActorCompany,
        Rule::ActorBrand,
        Rule::ActorSurname,
        Rule::AgreementListed,
        Rule::AgreementDesignation,
        Rule::AgreementQuotedPolicy,
        Rule::AgreementDescribed,
        Rule::AgreementDesignator,
        Rule::RelationVerb,
        Rule::RelationPassive,
        Rule::RelationPossessive,
        Rule::RelationMembership,
        Rule::RelationReciprocal,
        Rule::RelationJoint,
        Rule::RelationBothCountries,
        Rule::RelationFronted,
        Rule::RelationAdjacent,
        Rule::RelationCopular,
        Rule::RelationParticiple,
        Rule::RelationRelative,
        Rule::RelationNominal,
        Rule::RelationNamedParties,
    ];

    /// The id exported as provenance: `actor/title`, `relation/verb`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::ActorLexicon => "actor/lexicon",
            Rule::AgreementLexicon => "agreement/lexicon",
            Rule::ActorAcronym => "actor/acronym",
            Rule::AgreementAcronym => "agreement/acronym",
            Rule::ActorHeadWord => "actor/head-word",
            Rule::AgreementHeadWord => "agreement/head-word",
            Rule::AgreementLowerHead => "agreement/lower-head",
            Rule::AgreementNumbered => "agreement/numbered",
            Rule::AgreementOperation => "agreement/operation",
            Rule::ActorTitle => "actor/title",
            Rule::ActorRole => "actor/role",
            Rule::ActorCompany => "actor/company",
            Rule::ActorBrand => "actor/brand",
            Rule::ActorSurname => "actor/surname",
            Rule::AgreementListed => "agreement/listed",
            Rule::AgreementDesignation => "agreement/designation",
            Rule::AgreementQuotedPolicy => "agreement/quoted-policy",
            Rule::AgreementDescribed => "agreement/described",
            Rule::AgreementDesignator => "agreement/designator",
            Rule::RelationVerb => "relation/verb",
            Rule::RelationPassive => "relation/passive",
            Rule::RelationPossessive => "relation/possessive",
            Rule::RelationMembership => "relation/membership",
            Rule::RelationReciprocal => "relation/reciprocal",
            Rule::RelationJoint => "relation/joint",
            Rule::RelationBothCountries => "relation/both-countries",
            Rule::RelationFronted => "relation/fronted",
            Rule::RelationAdjacent => "relation/adjacent",
            Rule::RelationCopular => "relation/copular",
            Rule::RelationParticiple => "relation/participle",
            Rule::RelationRelative => "relation/relative",
            Rule::RelationNominal => "relation/nominal",
            Rule::RelationNamedParties => "relation/named-parties",
        }
    }

    /// The rule's case file under `tests/cases/extract/`: its id with `/` as `-`.
    pub fn case_file(self) -> String {
        format!("{}.md", self.id().replace('/', "-"))
    }

    /// The rule for a class of entity found by an actor rule or its agreement twin.
    pub fn of_class(class: super::Class, actor: Rule, agreement: Rule) -> Rule {
        match class {
            super::Class::Actor => actor,
            super::Class::Agreement => agreement,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_unique_and_every_rule_listed() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert_eq!(n, Rule::ALL.len());
    }

    #[test]
    fn every_rule_has_a_case() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/extract");
        for r in Rule::ALL {
            assert!(dir.join(r.case_file()).is_file(), "no case {} for {r}", r.case_file());
        }
    }
}
