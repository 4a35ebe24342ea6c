//! Matching what people type against the catalogue: accents, case, punctuation and small typos
//! must not stand between a citizen and "Ecografia dell'addome completo".

use unicode_normalization::UnicodeNormalization;

/// Lowercase, accent-free words separated by single spaces ("Visita Oculìstica!" → "visita
/// oculistica"). Dots inside catalogue codes are kept so "89.7a.3" stays one word.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = c.to_lowercase().next().unwrap_or(c);
        if c.is_alphanumeric() || (c == '.' && !pending_space && !out.is_empty()) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out.trim_end_matches('.').to_owned()
}

fn is_combining_mark(c: char) -> bool {
    // The combining diacritical marks block covers the accents of every Latin script in use.
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// How well one indexed text (already folded) matches a folded query; None if it does not.
/// Every query word must match some word of the text: as a prefix ("ecog" → "ecografia"),
/// or within one typo for words of five letters or more ("dermatolgica").
pub fn score(query: &str, text: &str) -> Option<u32> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut total = 0;
    let mut any = false;
    for q in query.split(' ').filter(|q| !q.is_empty()) {
        any = true;
        let best = words.iter().filter_map(|w| word_score(q, w)).max()?;
        total += best;
    }
    any.then_some(total)
}

fn word_score(query: &str, word: &str) -> Option<u32> {
    if word == query {
        return Some(4);
    }
    if word.starts_with(query) {
        return Some(3);
    }
    let q_len = query.chars().count();
    if q_len >= 5 {
        // A typo in what was typed so far: compare with the same length of the word too.
        let prefix: String = word.chars().take(q_len).collect();
        if strsim::osa_distance(query, word) <= 1 || strsim::osa_distance(query, &prefix) <= 1 {
            return Some(1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_case_and_punctuation() {
        assert_eq!(
            fold("Ecografia dell'Addome  COMPLETO"),
            "ecografia dell addome completo"
        );
        assert_eq!(fold("Perché è così?"), "perche e cosi");
        assert_eq!(
            fold("Prima visita (incluso ECG) 89.7A.3"),
            "prima visita incluso ecg 89.7a.3"
        );
    }

    #[test]
    fn every_word_of_the_query_must_match() {
        let text = fold("Prima visita cardiologica cuore cardiologo");
        assert!(score("visita card", &text).is_some());
        assert!(score("visita oculistica", &text).is_none());
        assert!(score("", &text).is_none());
    }

    #[test]
    fn small_typos_are_forgiven_in_longer_words_only() {
        let text = fold("Prima visita dermatologica nei");
        assert!(score("dermatolgica", &text).is_some());
        assert!(score("dermatoligica", &text).is_some());
        assert!(score("nie", &text).is_none());
    }

    #[test]
    fn exact_words_score_higher_than_typos() {
        let text = fold("ecografia addome completo");
        let exact = score("ecografia", &text).expect("matches");
        let typo = score("ecogafia", &text).expect("matches");
        assert!(exact > typo);
    }

    #[test]
    fn catalogue_codes_match_with_or_without_case() {
        let text = fold("89.7A.3 Prima visita cardiologica");
        assert!(score(&fold("89.7a.3"), &text).is_some());
        assert!(score(&fold("89.7A"), &text).is_some());
    }
}
