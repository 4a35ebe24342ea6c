//! The GSM 03.38 7-bit alphabet of SMS: which characters a message can carry in one 160-septet
//! segment, and how Italian text is brought into it (accented capitals and typographic quotes
//! that the basic set lacks become their plain letters, so the message never falls back to
//! UCS-2, where a segment holds only 70 characters).

/// The basic character set (one septet each). The escape code (0x1B) is not a character.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                     ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: an escape and the character, two septets each.
const EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// One segment of a single SMS, in septets.
pub const SEGMENT: usize = 160;

/// The septets a character takes: 1 (basic set), 2 (extension table) or None (not GSM-7).
pub fn septets(c: char) -> Option<usize> {
    if BASIC.contains(c) {
        Some(1)
    } else if EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// The length of `text` in septets, or None when some character is not in GSM-7.
pub fn len(text: &str) -> Option<usize> {
    text.chars().map(septets).sum()
}

/// One segment of a single SMS in UCS-2, in UTF-16 units, and each part of a longer one.
pub const UCS2_SEGMENT: usize = 70;
pub const UCS2_PART: usize = 67;

/// How an SMS travels: GSM-7 (Latin-script text, transliterated) or UCS-2 (any other script,
/// sent as written: transliterating Chinese, Arabic or Cyrillic would leave only `?`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Gsm7,
    Ucs2,
}

/// The coding `text` needs: GSM-7 when transliteration keeps every letter (it has no fallback
/// `?` for a character that was not already one), UCS-2 otherwise.
pub fn coding(text: &str) -> Coding {
    let lost = text
        .chars()
        .filter(|&c| c != '?' && septets(c).is_none())
        .any(|c| transliterate(&c.to_string()) == "?");
    if lost { Coding::Ucs2 } else { Coding::Gsm7 }
}

/// The length that counts against the segment limits of `coding`: septets for GSM-7, UTF-16
/// units for UCS-2.
pub fn coded_len(text: &str, coding: Coding) -> usize {
    match coding {
        Coding::Gsm7 => len(text).unwrap_or(usize::MAX),
        Coding::Ucs2 => text.encode_utf16().count(),
    }
}

/// `text` ready to send: transliterated into GSM-7 when that loses nothing, else as written.
pub fn prepare(text: &str) -> (String, Coding) {
    match coding(text) {
        Coding::Gsm7 => (transliterate(text), Coding::Gsm7),
        Coding::Ucs2 => (text.to_owned(), Coding::Ucs2),
    }
}

/// `text` with every character outside GSM-7 replaced by its nearest GSM-7 spelling
/// (È → E, ó → o, « → ", – → -), and `?` for what has none.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if septets(c).is_some() {
            out.push(c);
            continue;
        }
        let plain = match c {
            'À' | 'Á' | 'Â' | 'Ã' => "A",
            'á' | 'â' | 'ã' => "a",
            'È' | 'Ê' | 'Ë' => "E",
            'ê' | 'ë' => "e",
            'Ì' | 'Í' | 'Î' | 'Ï' => "I",
            'í' | 'î' | 'ï' => "i",
            'Ò' | 'Ó' | 'Ô' | 'Õ' => "O",
            'ó' | 'ô' | 'õ' => "o",
            'Ù' | 'Ú' | 'Û' => "U",
            'ú' | 'û' => "u",
            'ç' => "c",
            // Romanian and Albanian letters the basic set lacks.
            'ă' | 'ǎ' => "a",
            'Ă' => "A",
            'ș' | 'ş' => "s",
            'Ș' | 'Ş' => "S",
            'ț' | 'ţ' => "t",
            'Ț' | 'Ţ' => "T",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            '‘' | '’' | '`' | '´' => "'",
            '“' | '”' | '«' | '»' | '„' => "\"",
            '–' | '—' | '‐' | '‑' => "-",
            '…' => "...",
            '\t' | '\u{a0}' | '\u{202f}' => " ",
            _ => "?",
        };
        out.push_str(plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_languages_stay_gsm7_and_other_scripts_go_ucs2_untouched() {
        for latin in [
            "Programare confirmată: ședința",
            "Takimi u konfirmua: çdo ëndërr",
        ] {
            let (text, coding) = prepare(latin);
            assert_eq!(coding, Coding::Gsm7, "{latin}");
            assert!(len(&text).is_some() && !text.contains('?'), "{text}");
        }
        for other in [
            "预约已确认：12月3日",
            "تم تأكيد الموعد",
            "Запис підтверджено",
        ] {
            let (text, coding) = prepare(other);
            assert_eq!((text.as_str(), coding), (other, Coding::Ucs2));
            assert_eq!(coded_len(&text, coding), other.encode_utf16().count());
        }
    }

    #[test]
    fn the_basic_set_counts_one_septet_and_the_extension_two() {
        assert_eq!(BASIC.chars().count(), 127);
        assert_eq!(len("Prenotazione è confermata"), Some(25));
        assert_eq!(len("€5 [x]"), Some(9));
        assert_eq!(len("città"), Some(5));
        assert_eq!(len("È"), None);
        assert_eq!(len("“ciao”"), None);
    }

    #[test]
    fn italian_text_is_brought_into_gsm7_without_losing_its_letters() {
        let text = transliterate("È l’ora: «Sant’Anna» – più tardi… Perché? Così");
        assert_eq!(text, "E l'ora: \"Sant'Anna\" - più tardi... Perché? Così");
        assert!(len(&text).is_some());
        assert_eq!(transliterate("日"), "?");
    }
}
