//! Agreements named by description rather than by a proper name ([`Rule::AgreementDescribed`]).
//!
//! Takes: the document, its sentences and the entities found so far. Gives: one more agreement
//! for each indefinite noun phrase that introduces an agreement with something that sets it apart
//! (a duration, an amount, an ordinal or a topic): `concluded a five-year energy partnership in
//! March 2019`, `a memorandum on port cooperation`, `a ten-day truce`. Such an agreement has no
//! name of its own, so it is named from its parties (the actors of its sentence), its kind and
//! the year the sentence gives: `Chile–Peru energy partnership (2019)`; the phrase as written is
//! its alias. A definite phrase (`the next defense agreement`) refers to an agreement already
//! named and is left alone, as is a bare one (`an agreement`).

use super::entities::normal_id;
use super::{body_sentences, BodySentence, Class, Entity, EntityType, Mention, Rule};
use crate::claims::Sentence;
use crate::document::Document;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Agreement nouns and the type they give.
const NOUNS: &[(&str, EntityType)] = &[
    ("agreement", EntityType::Agreement),
    ("accord", EntityType::Agreement),
    ("compact", EntityType::Agreement),
    ("pact", EntityType::Agreement),
    ("arrangement", EntityType::Agreement),
    ("memorandum", EntityType::Agreement),
    ("communiqué", EntityType::Agreement),
    ("communique", EntityType::Agreement),
    ("declaration", EntityType::Agreement),
    ("partnership", EntityType::Partnership),
    ("roadmap", EntityType::Framework),
    ("framework", EntityType::Framework),
    ("truce", EntityType::Deal),
    ("ceasefire", EntityType::Deal),
    ("cease-fire", EntityType::Deal),
    ("armistice", EntityType::Deal),
    ("deal", EntityType::Deal),
    ("treaty", EntityType::Treaty),
];

/// The nouns of [`NOUNS`] and [`REFORMS`], one of which a sentence holds for either rule to find
/// anything in it.
static CUES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(NOUNS.iter().map(|(n, _)| *n).chain(REFORMS.iter().copied())).ok());

/// Builds the sentence cues (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&CUES);
}

/// Ordinals that set an agreement apart from others of its kind.
const ORDINALS: &[&str] = &["first", "second", "third", "fourth", "fifth"];

/// The characters of [`words`]: letters, digits and `-$.,'’`.
static WORD: LazyLock<super::Chars> =
    LazyLock::new(|| super::Chars::new(|c| c.is_alphanumeric() || matches!(c, '-' | '$' | '.' | ',' | '\'' | '’')));

/// A word of the sentence: its range in the block's text.
#[derive(Debug, Clone, Copy)]
struct W {
    start: usize,
    end: usize,
}

/// Adds the described agreements of the document to `entities` (kept in order of first mention).
pub fn find(doc: &Document, sentences: &[Sentence], entities: &mut Vec<Entity>) {
    let mut found: Vec<Entity> = Vec::new();
    // each body sentence with its words, split once for both rules; only a sentence that holds
    // one of their nouns (most hold none), as both rules start from a word that is one
    let body: Vec<(BodySentence, Vec<W>)> = body_sentences(doc, sentences)
        .filter(|b| CUES.as_ref().is_none_or(|cues| cues.is_match(b.s)))
        .map(|b| {
            let w = words(b.s, b.sent.start);
            (b, w)
        })
        .collect();
    for (b, words) in &body {
        let (si, sent, block, text, s) = (b.index, b.sent, b.block, b.text, b.s);
        let word = |k: usize| words.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
        for k in 0..words.len() {
            let w = word(k);
            let Some(&(_, kind)) = NOUNS.iter().find(|(n, _)| *n == w) else {
                continue;
            };
            let Some((from, set_apart)) = modifiers(&word, k) else {
                continue;
            };
            // `a memorandum on port cooperation`: a topic after `on`
            let mut to = k;
            if word(k + 1) == "on" {
                let mut j = k + 2;
                // a noun phrase, not a clause: `on constructing the pipeline` is no topic
                while j < k + 5
                    && is_lower(word(j))
                    && !word(j).ends_with("ing")
                    && !matches!(
                        word(j),
                        "in" | "with" | "and" | "to" | "the" | "a" | "an" | "of" | "for"
                    )
                {
                    to = j;
                    j += 1;
                }
            }
            if !set_apart && to == k {
                continue;
            }
            let (Some(a), Some(b)) = (words.get(from), words.get(to)) else {
                continue;
            };
            let surface = text.get(a.start..b.end).unwrap_or("");
            // the label: parties, the topic words and the noun, the year
            let topic: Vec<&str> = (from..=to)
                .map(word)
                .filter(|w| !w.is_empty() && !set_apart_word(w) && !w.starts_with('$'))
                .collect();
            let parties = parties(entities, si);
            let year = year_of(s);
            let mut label = String::new();
            if !parties.is_empty() {
                label.push_str(&parties.join("–"));
                label.push(' ');
            }
            label.push_str(&topic.join(" "));
            if let Some(y) = year {
                label.push_str(&format!(" ({y})"));
            }
            let id = normal_id(&label);
            let mention = Mention {
                sentence: si,
                block: sent.block,
                start: a.start,
                end: b.end,
                span: block.inline.span(a.start, b.end),
                surface: surface.to_string(),
            };
            // `a new ten-year defense framework` after the `Framework for the … Defense
            // Partnership` was named: the named agreement of that kind whose name holds every
            // topic word is meant
            let named = entities.iter_mut().find(|e| {
                let name = e.label.to_lowercase();
                e.class == Class::Agreement
                    && e.kind == kind
                    && e.rule != Rule::AgreementDescribed
                    && topic.iter().all(|w| name.contains(&w.to_lowercase()))
            });
            if let Some(e) = named {
                if !e.aliases.contains(&mention.surface) {
                    e.aliases.push(mention.surface.clone());
                }
                e.mentions.push(mention);
                e.mentions.sort_by_key(|m| (m.sentence, m.start));
                continue;
            }
            add(&mut found, id, kind, label, mention);
        }
    }
    reforms(&body, entities, &mut found);
    // a described agreement never takes the id of a named one
    found.retain(|f| !entities.iter().any(|e| e.id == f.id));
    entities.extend(found);
    entities.sort_by_key(|e| e.mentions.first().map(|m| (m.sentence, m.start)));
}

/// Nouns that name a reform of policy by what it reformed: `FDI liberalization`.
const REFORMS: &[&str] = &[
    "liberalization",
    "liberalisation",
    "deregulation",
    "privatization",
    "privatisation",
    "nationalization",
    "nationalisation",
    "reform",
];

/// A dated reform named by what it reformed: `Foreign Direct Investment (FDI) liberalization in
/// 2020 raised the cap` → a policy `Foreign Direct Investment (FDI) liberalization (2020)`, also
/// `the Hukou System reform of 2014`, `GST reform in 2017`. What it reformed is a capitalised
/// name of two words or more, or an acronym (defined or not), right before the lower-case noun;
/// its year right after it (`in 2020`, `of 2014`, `(2017)`): a year elsewhere in the sentence
/// may date anything else it tells. A reform with neither (`economic reform`, `the reform`) is no
/// instrument a reader could point to.
fn reforms(body: &[(BodySentence, Vec<W>)], entities: &[Entity], found: &mut Vec<Entity>) {
    for (b, words) in body {
        let (si, sent, block, text) = (b.index, b.sent, b.block, b.text);
        for &w in words {
            let noun = text.get(w.start..w.end).unwrap_or("");
            if !REFORMS.contains(&noun) {
                continue;
            }
            let Some(year) = year_after(text.get(w.end..sent.end).unwrap_or("")) else {
                continue;
            };
            let Some(from) = reformed(text.get(sent.start..w.start).unwrap_or("")) else {
                continue;
            };
            let start = sent.start + from;
            let surface = text.get(start..w.end).unwrap_or("");
            let name = surface.strip_suffix(noun).unwrap_or(surface).trim_end();
            let known = entities
                .iter()
                .any(|e| e.label == name || e.aliases.iter().any(|a| a == name));
            if known {
                continue;
            }
            let label = format!("{surface} ({year})");
            let mention = Mention {
                sentence: si,
                block: sent.block,
                start,
                end: w.end,
                span: block.inline.span(start, w.end),
                surface: surface.to_string(),
            };
            add(found, normal_id(&label), EntityType::Policy, label, mention);
        }
    }
}

/// A described agreement's mention: to the one found with its id (its surface an alias), or
/// a new one.
fn add(found: &mut Vec<Entity>, id: String, kind: EntityType, label: String, mention: Mention) {
    match found.iter_mut().find(|e| e.id == id) {
        Some(e) => {
            if !e.aliases.contains(&mention.surface) {
                e.aliases.push(mention.surface.clone());
            }
            e.mentions.push(mention);
        }
        None => found.push(Entity {
            id,
            class: Class::Agreement,
            kind,
            label,
            aliases: vec![mention.surface.clone()],
            mentions: vec![mention],
            proxies: Vec::new(),
            rule: Rule::AgreementDescribed,
        }),
    }
}

/// Where the name a reform noun reforms starts in `before` (the text up to the noun): a run
/// of capitalised words (with `of`, `and`, `for` inside) of two words or more, or an acronym,
/// either with its acronym defined after it: `Foreign Direct Investment (FDI) `, `GST `.
fn reformed(before: &str) -> Option<usize> {
    let mut rest = before.strip_suffix(' ')?;
    let mut acronym = false;
    if let Some(inner) = rest.strip_suffix(')') {
        let open = inner.rfind('(')?;
        let acr = inner.get(open + 1..)?;
        if acr.len() < 2 || !acr.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        acronym = true;
        rest = inner.get(..open)?.strip_suffix(' ')?;
    }
    let connector = |w: &str| matches!(w, "of" | "and" | "for");
    let capital = |w: &str| {
        let function = matches!(
            w,
            "The" | "A" | "An" | "In" | "On" | "At" | "By" | "For" | "Of" | "And" | "This" | "That" | "Its" | "Their"
        );
        w.chars().next().is_some_and(char::is_uppercase)
            && !function
            && w.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    // the words of the name, last first: capitalised, with connectors inside but at neither end
    let mut words: Vec<&str> = rest.rsplit(' ').take_while(|w| capital(w) || connector(w)).collect();
    while words.last().is_some_and(|w| connector(w)) {
        words.pop();
    }
    if words.first().is_none_or(|w| connector(w)) {
        return None;
    }
    let caps = words.iter().filter(|w| capital(w)).count();
    let first = *words.last()?;
    let start = rest.len() - (words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1);
    let all_caps = caps == 1 && first.len() > 1 && first.chars().all(|c| c.is_ascii_uppercase());
    (caps >= 2 || acronym || all_caps).then_some(start)
}

/// The start of the noun phrase ending at word `k`, if an indefinite article opens it, and
/// whether a modifier sets it apart (`five-year`, `$285`, `second`, `ten-day`).
fn modifiers<'a>(word: &impl Fn(usize) -> &'a str, k: usize) -> Option<(usize, bool)> {
    let mut j = k;
    let mut set_apart = false;
    while j > 0 && k - j < 6 {
        let w = word(j - 1);
        if matches!(w, "a" | "an" | "A" | "An") {
            return Some((j, set_apart));
        }
        let modifier = is_lower(w) || set_apart_word(w) || w.starts_with('$');
        if !modifier || w.ends_with("ly") || matches!(w, "the" | "its" | "their" | "this" | "that" | "and" | "or") {
            return None;
        }
        set_apart |= set_apart_word(w) || w.starts_with('$');
        j -= 1;
    }
    None
}

/// A duration, an amount or an ordinal: `five-year`, `ten-day`, `285`, `million`, `second`.
fn set_apart_word(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    ORDINALS.contains(&w)
        || w.chars().any(|c| c.is_ascii_digit())
        || matches!(w, "million" | "billion" | "trillion")
        || w.split_once('-').is_some_and(|(n, unit)| {
            matches!(
                unit,
                "year" | "month" | "week" | "day" | "hour" | "point" | "party" | "nation" | "country"
            ) && !n.is_empty()
                && n.chars().all(|c| c.is_alphanumeric())
        })
}

fn is_lower(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-')
}

/// The actors named in sentence `si`, at most two, in order.
fn parties(entities: &[Entity], si: usize) -> Vec<String> {
    let mut named: Vec<(usize, &str)> = entities
        .iter()
        .filter(|e| e.class == Class::Actor && e.kind != EntityType::Person)
        .filter_map(|e| {
            e.mentions
                .iter()
                .find(|m| m.sentence == si)
                .map(|m| (m.start, e.label.as_str()))
        })
        .collect();
    named.sort_unstable();
    named.into_iter().map(|(_, l)| l.to_string()).take(2).collect()
}

/// Whether a run of digits is a year (1800–2099).
fn is_year(digits: &str) -> bool {
    digits.len() == 4 && ["18", "19", "20"].iter().any(|c| digits.starts_with(c))
}

/// The first year the sentence names.
fn year_of(s: &str) -> Option<&str> {
    s.split(|c: char| !c.is_ascii_digit()).find(|w| is_year(w))
}

/// The year `after` a reform noun opens with: ` in 2020`, ` of 2014`, ` (2017)`.
fn year_after(after: &str) -> Option<&str> {
    let rest = [" in ", " of ", " ("].iter().find_map(|p| after.strip_prefix(p))?;
    let year = rest.split(|c: char| !c.is_ascii_digit()).next()?;
    is_year(year).then_some(year)
}

/// The words of `s` (which starts at `base` in its block), commas kept on the word before.
fn words(s: &str, base: usize) -> Vec<W> {
    super::runs(s, &WORD)
        .into_iter()
        .map(|(st, e)| trim(s, base, st, e))
        .collect()
}

/// A word without a trailing full stop, comma or quote.
fn trim(s: &str, base: usize, start: usize, mut end: usize) -> W {
    while let Some(c) = s.get(..end).and_then(|x| x.chars().next_back()) {
        if end > start + 1 && matches!(c, '.' | ',' | '\'' | '’') {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    W {
        start: base + start,
        end: base + end,
    }
}
