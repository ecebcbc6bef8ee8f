//! Escaping for every target syntax, in one place.

/// A value inside a double-quoted DOT string: quotes and backslashes escaped, line breaks as
/// `\n`, control characters dropped. dot-writer writes the quotes and escapes nothing itself.
pub fn dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_hostile() {
        assert_eq!(dot(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(dot("x\ny\u{0}z\t"), "x\\nyz ");
        assert_eq!(dot("<script>&{}$"), "<script>&{}$");
    }
}
