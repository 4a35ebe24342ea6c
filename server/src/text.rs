//! What people type into free-text fields (reasons, notes, labels), made safe to keep and to
//! show: one line, no control characters, bounded.

/// Trimmed, every run of whitespace or control characters (line breaks, tabs) made one space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Trimmed, line breaks kept (as `\n`), every other control character (NUL, tabs, escapes)
/// made a space: for texts of several lines (a description, an answer). A NUL would end the
/// text early in SQLite's `length()` and is refused by PostgreSQL.
pub fn lines(text: &str) -> String {
    let kept: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\n' || !c.is_control() { c } else { ' ' })
        .collect();
    kept.trim().to_owned()
}

/// `one_line`, cut to at most `max` characters.
pub fn one_line_cut(text: &str, max: usize) -> String {
    one_line(text).chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_becomes_one_line_of_bounded_length() {
        assert_eq!(one_line("  Guasto\r\n  della   TAC "), "Guasto della TAC");
        assert_eq!(one_line("a\u{0}b\u{7f}c\td"), "a b c d");
        assert_eq!(one_line_cut("abcdef", 3), "abc");
        assert_eq!(one_line(" \n\t "), "");
        assert_eq!(
            lines(" Il modulo\r\nnon si legge\u{0}\t "),
            "Il modulo\nnon si legge"
        );
        assert_eq!(lines("\u{0}"), "");
    }

    proptest::proptest! {
        #[test]
        fn any_text_becomes_one_clean_line(
            text in proptest::prelude::any::<String>(),
            max in 0usize..50,
        ) {
            let line = one_line(&text);
            proptest::prop_assert!(!line.chars().any(|c| c.is_control() || (c.is_whitespace() && c != ' ')));
            proptest::prop_assert!(!line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  "));
            proptest::prop_assert_eq!(one_line(&line), line.clone());
            // Every word of the text is kept, in order.
            let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>(), words);
            let cut = one_line_cut(&text, max);
            proptest::prop_assert!(cut.chars().count() <= max);
            proptest::prop_assert!(line.starts_with(&cut));
        }
    }
}
