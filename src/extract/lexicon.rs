//! The lexicon of actors and agreements.

/// Known names: compiled in, extended at run time with `--lexicon FILE`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The shipped default lexicon.
    pub fn default_lexicon() -> Lexicon {
        Lexicon {}
    }
}
