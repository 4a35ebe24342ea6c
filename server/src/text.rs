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
    }
}
