//! Dates as notes print them → ISO 8601 (partial allowed).
//!
//! Takes: any text. Gives: the first date expression in it as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`,
//! with its byte range. Recognised: `January 25, 2015`, `Jan. 25, 2015`, `Sept. 5, 2020`,
//! `25 January 2015`, `March 4–5, 2026` (first day), `May/June 2025` and `May–June 2025` (first
//! month), `August 2021`, `Spring 2020` (year only), `2023-06-05`, `2023/06/05`, and a bare year
//! (`(2016)`, `[2016]`) when nothing fuller is present.

use crate::pattern::{worded, Narrowed};
use std::sync::LazyLock;

/// Month names and their usual abbreviations (with or without a period), longest first so
/// that `Sept` wins over `Sep`.
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?";

/// Full or month-precision dates, tried together; the leftmost (then longest) match wins.
/// (read with ASCII's word boundaries where the text allows: see [`worded`])
static FULL: LazyLock<Option<Narrowed>> = LazyLock::new(|| {
    let pattern = format!(
        concat!(
            // 1: ISO / slashed year-month-day
            r"\b(?P<iy>[0-9]{{4}})[-/](?P<im>[0-9]{{1,2}})[-/](?P<id>[0-9]{{1,2}})\b",
            // 2: Month Day[–Day], Year
            r"|\b(?P<am>{m})\s+(?P<ad>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s*[–—-]\s*(?:{m}\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?P<ay>[0-9]{{4}})\b",
            // 3: Day Month Year
            r"|\b(?P<bd>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<bm>{m}),?\s+(?P<by>[0-9]{{4}})\b",
            // APA: Year, Month Day
            r"|\b(?P<ey>[0-9]{{4}}),\s+(?P<em>{m})\s+(?P<ed>[0-9]{{1,2}})\b",
            // 4: Month/Month Year, Month–Month Year, Month Year
            r"|\b(?P<cm>{m})(?:\s*[/–—-]\s*{m})?,?\s+(?P<cy>[0-9]{{4}})\b",
            // 5: Season Year
            r"|\b(?:Spring|Summer|Fall|Autumn|Winter)(?:\s*[/–—-]\s*(?:Spring|Summer|Fall|Autumn|Winter))?,?\s+(?P<sy>[0-9]{{4}})\b",
        ),
        m = MONTH
    );
    worded(&pattern)
});

/// A year standing alone (1600–2099), not part of a longer number.
static YEAR: LazyLock<Option<Narrowed>> = LazyLock::new(|| worded(r"\b(?:1[6-9]|20)[0-9][0-9]\b"));

/// Compiles this module's patterns (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&FULL);
    LazyLock::force(&FORMS);
    LazyLock::force(&YEAR);
}

/// Month number of a month name or abbreviation (`"Sept."` → 9).
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let key = lower.get(..3)?;
    let n = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn iso(year: &str, month: Option<u32>, day: Option<u32>) -> Option<String> {
    let y: u32 = year.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let parts = match (month, day) {
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => [Some(m), Some(d)],
        (Some(m), None) if (1..=12).contains(&m) => [Some(m), None],
        (None, None) => [None, None],
        _ => return None,
    };
    // (`{y:04}-{m:02}-{d:02}` as `format!` writes it, without its machinery: a year has four
    // digits here, a month and a day at most two)
    let mut out = String::with_capacity(10);
    out.push_str(itoa::Buffer::new().format(y));
    for n in parts.into_iter().flatten() {
        out.push('-');
        out.push(char::from_digit(n / 10, 10).unwrap_or('0'));
        out.push(char::from_digit(n % 10, 10).unwrap_or('0'));
    }
    Some(out)
}

/// The place in [`FORMS`] of the ISO form, the one whose month is a number.
const ISO: usize = 0;

/// The groups of [`FULL`] by number, asked once: a group asked by name is looked up in a map
/// at every ask. Each date form's year, month and day, in the order the forms are tried: the
/// ISO form (its month a number), `Month Day, Year`, `Day Month Year`, `Year, Month Day`,
/// `Month Year`, `Season Year`.
static FORMS: LazyLock<Option<[[Option<usize>; 3]; 6]>> = LazyLock::new(|| {
    let re = FULL.as_ref()?;
    let group = |name: &str| -> Option<usize> { re.group((!name.is_empty()).then_some(name)?) };
    Some(
        [
            ["iy", "im", "id"],
            ["ay", "am", "ad"],
            ["by", "bm", "bd"],
            ["ey", "em", "ed"],
            ["cy", "cm", ""],
            ["sy", "", ""],
        ]
        .map(|form| form.map(group)),
    )
});

/// The first full or month-precision date in `s`: `(start, end, iso)`.
pub fn find_full_date(s: &str) -> Option<(usize, usize, String)> {
    let re = FULL.as_ref()?;
    let forms = FORMS.as_ref()?;
    let mut from = 0;
    while let Some(caps) = re.captures_at(s, from) {
        let whole = caps.get(0)?;
        let get = |g: Option<usize>| caps.get(g?);
        let num = |g: Option<usize>| get(g).and_then(|m| m.as_str().parse::<u32>().ok());
        // the form that matched: the first whose year group took part
        let matched = forms
            .iter()
            .enumerate()
            .find_map(|(k, &[y, m, d])| get(y).map(|y| (k, y, m, d)));
        let got = matched.and_then(|(k, y, m, d)| {
            let month = if k == ISO {
                num(m)
            } else {
                get(m).and_then(|m| month_number(m.as_str()))
            };
            iso(y.as_str(), month, num(d))
        });
        // `Resolution No. 1487, September 18, 2020`: a numbered item's number is no year
        let numbered = matched.is_some_and(|(_, y, _, _)| after_number_mark(s, y.start()));
        if let Some(d) = got.filter(|_| !numbered) {
            return Some((whole.start(), whole.end(), d));
        }
        // an impossible date (month 13, day 40): look further
        from = whole.start() + whole.as_str().chars().next().map(char::len_utf8).unwrap_or(1);
    }
    None
}

/// The first bare year in `s` that is not glued to other digits or to a letter: `(start, end, iso)`.
pub fn find_year(s: &str) -> Option<(usize, usize, String)> {
    let re = YEAR.as_ref()?;
    for m in re.find_iter(s) {
        let before = s.get(..m.start()).and_then(|t| t.chars().next_back());
        let after = s.get(m.end()..).and_then(|t| t.chars().next());
        // `2.2019`, `12,2019`, `2019.5`, `No-2019x` are not years; `(2016)`, `2–2021` are
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '@' || c == '_');
        let decimal = |c: Option<char>, next: Option<char>| c == Some('.') && next.is_some_and(|n| n.is_ascii_digit());
        let after2 = s.get(m.end()..).and_then(|t| t.chars().nth(1));
        let before2 = s.get(..m.start()).and_then(|t| t.chars().rev().nth(1));
        let decimal_tail = before == Some('.') && before2.is_some_and(|c| c.is_ascii_digit());
        let hyphen_number = after == Some('-') && after2.is_some_and(|n| n.is_ascii_digit());
        if glued(before)
            || glued(after)
            || decimal(after, after2)
            || hyphen_number
            || decimal_tail
            || after_number_mark(s, m.start())
        {
            continue;
        }
        return Some((m.start(), m.end(), m.as_str().to_string()));
    }
    None
}

/// Whether the number starting at `at` follows a numbering mark (`No.`, `no.`, `Nos.`, `Nr.`,
/// `Number`, `#`, `n°`): `Resolution No. 1487` names an item, not a year.
fn after_number_mark(s: &str, at: usize) -> bool {
    let before = s.get(..at).unwrap_or("");
    if before.ends_with('#') || before.ends_with('°') || before.ends_with('º') {
        return true;
    }
    let word = before
        .trim_end()
        .trim_end_matches(':')
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "no." | "no" | "nos." | "nos" | "nr." | "nr" | "number" | "numbers" | "num." | "núm." | "n°" | "nº" | "#"
    )
}

/// The first date expression in `s` with its range: a full or month-precision date when there is
/// one, else the first bare year.
pub fn find_date(s: &str) -> Option<(usize, usize, String)> {
    find_full_date(s).or_else(|| find_year(s))
}

/// The first date expression in `s` as ISO 8601 (`2015-01-25`, `2025-05`, `2016`).
pub fn parse_date(s: &str) -> Option<String> {
    find_date(s).map(|(_, _, d)| d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn month_day_year() {
        assert_eq!(
            parse_date("posted March 3, 1999, online").as_deref(),
            Some("1999-03-03")
        );
        assert_eq!(parse_date("Sept. 5, 2020").as_deref(), Some("2020-09-05"));
        assert_eq!(parse_date("Oct 21st, 2011").as_deref(), Some("2011-10-21"));
        assert_eq!(parse_date("March 4–5, 2026").as_deref(), Some("2026-03-04"));
    }

    #[test]
    fn day_month_year() {
        assert_eq!(parse_date("issued 7 November 2003.").as_deref(), Some("2003-11-07"));
        assert_eq!(parse_date("2 Feb. 2010").as_deref(), Some("2010-02-02"));
    }

    #[test]
    fn month_year_and_ranges() {
        assert_eq!(parse_date("(July/August 2019)").as_deref(), Some("2019-07"));
        assert_eq!(parse_date("November–December 2001").as_deref(), Some("2001-11"));
        assert_eq!(parse_date("Jan 2021").as_deref(), Some("2021-01"));
        assert_eq!(parse_date("updated April 2018").as_deref(), Some("2018-04"));
    }

    #[test]
    fn seasons_years_iso() {
        assert_eq!(parse_date("Winter 2009").as_deref(), Some("2009"));
        assert_eq!(parse_date("vol. 3 (1998): 4").as_deref(), Some("1998"));
        assert_eq!(parse_date("no. 7 [2004]").as_deref(), Some("2004"));
        assert_eq!(parse_date("on 2019-11-30 at noon").as_deref(), Some("2019-11-30"));
        assert_eq!(parse_date("2019/11/30").as_deref(), Some("2019-11-30"));
    }

    #[test]
    fn apa_year_month_day() {
        assert_eq!(parse_date("(2021, October 4)").as_deref(), Some("2021-10-04"));
        assert_eq!(parse_date("(2021, October)").as_deref(), Some("2021"));
    }

    #[test]
    fn fuller_date_beats_earlier_year() {
        assert_eq!(parse_date("Paper no. 3–2018, October 2018").as_deref(), Some("2018-10"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse_date("no date here"), None);
        assert_eq!(parse_date("page 12345 and item 3.2019"), None);
        assert_eq!(parse_date("Mayhem 2019x"), None);
        assert_eq!(parse_date("2019-13-40"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn numbered_item_is_no_year() {
        assert_eq!(
            parse_date("Government of Ruritania, Resolution No. 1487, September 18, 2020").as_deref(),
            Some("2020-09-18")
        );
        assert_eq!(
            parse_date("Decree no. 1999, 12 March 2004").as_deref(),
            Some("2004-03-12")
        );
        assert_eq!(parse_date("Gesetz Nr. 1875 (2011)").as_deref(), Some("2011"));
        assert_eq!(parse_date("Order #1850"), None);
        assert_eq!(parse_date("Report No. 2019-14, 2021").as_deref(), Some("2021"));
        // a month name ending a word is not a numbering mark
        assert_eq!(parse_date("Casino 1999").as_deref(), Some("1999"));
    }

    #[test]
    fn ranges_point_into_text() {
        let s = "seen on 4 July 1990 twice";
        let (a, b, d) = find_date(s).unwrap();
        assert_eq!(&s[a..b], "4 July 1990");
        assert_eq!(d, "1990-07-04");
    }

    /// Dates beside what the narrow copies cannot read and what stops the regex engine's fast
    /// matcher: curly quotes, dashes, letters and digits beyond ASCII, a no-break space.
    const BESIDE: &str = "“March 3, 2020”—Ä 7 Nov.\u{a0}2003; 2019-13-40, 2019/11/30 ٣ Spring–Summer 2020 \
        Ωctober 2019 (2016)é 2016ä, Sept 31, 2020 and 3 Jun. 2021, 2021, October 4 ×1999 ĳ2000 \
        Résumé August\u{2003}2021 é2021 2021é 12é 2020 May 5ٍ, 2020";

    /// The date patterns, read with ASCII's word boundaries where a text allows, find what their
    /// regexes find, groups and all: on the seed and every case input, each match in turn; on
    /// the seed's notes and [`BESIDE`], from every character on (as [`find_full_date`] looks
    /// again after a date that cannot be); and on [`BESIDE`]'s ASCII part.
    #[test]
    fn date_patterns_are_their_regexes() {
        let mut texts = crate::pattern::case_texts(&[BESIDE]);
        let seed = texts.first().unwrap().clone();
        let notes: String = seed
            .lines()
            .filter(|l| l.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']))
            .collect();
        assert!(notes.len() > 10_000, "the seed's notes: {} bytes", notes.len());
        let ascii: String = BESIDE.chars().filter(char::is_ascii).collect();
        texts.push(ascii.clone());
        for (name, p) in [("the full dates", &FULL), ("the years", &YEAR)] {
            let p = p.as_ref().unwrap();
            p.assert_as_regex(name, &texts, false);
            p.assert_as_regex(name, &[notes.clone(), BESIDE.to_string(), ascii.clone()], true);
        }
    }
}
