//! Cheap language identification by counting very common words and letters that only some
//! languages use (ñ, ã, ß, …). Used to choose between rules of different languages that match
//! the same words, for rules that only apply in their own language's context, and for the
//! `language` of a checked document. Works on document text (accents intact).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::script::is_unspaced_script;

/// Common words per language, lowercase with their accents.
const PROFILES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "which", "shall", "by", "this", "are", "was", "be",
            "any", "who", "has", "not", "it",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "du", "une", "dans", "pour", "par", "qui", "sur", "au", "aux", "ou",
            "sont", "ne", "pas", "il", "ce", "à", "été", "où", "être",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "y", "que", "por", "con", "una", "para", "se", "al", "lo", "como", "es", "su",
            "sus", "será", "cuando", "este", "está", "más", "según",
        ],
    ),
    (
        "pt",
        &[
            "os", "do", "da", "dos", "das", "em", "que", "para", "com", "uma", "um", "por", "no", "na", "ao", "não",
            "ou", "será", "pela", "pelo", "é", "foi", "às", "também",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "zu", "im", "ein", "eine", "auf", "des",
            "dem", "sich", "wird", "oder", "für", "über", "wurde",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "en", "van", "op", "te", "dat", "voor", "niet", "zijn", "aan", "bij", "door", "worden",
            "wordt", "ook", "naar", "deze", "kan", "als",
        ],
    ),
    (
        "ru",
        &[
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "от",
            "для",
            "к",
            "о",
            "из",
            "или",
            "как",
            "это",
            "за",
            "при",
            "его",
            "так",
            "также",
        ],
    ),
];

/// Letters that point to a language, and how strongly.
fn letter_votes(c: char) -> &'static [(&'static str, usize)] {
    match c {
        'ñ' | '¿' | '¡' => &[("es", 2)],
        'ã' | 'õ' => &[("pt", 2)],
        'ç' => &[("pt", 1), ("fr", 1)],
        'ß' => &[("de", 2)],
        'ä' | 'ö' => &[("de", 1)],
        'è' | 'ê' | 'ù' | 'œ' | 'ë' | 'î' | 'û' => &[("fr", 1)],
        _ => &[],
    }
}

/// Words looked at, at most; enough to decide, bounded for huge documents.
const MAX_WORDS: usize = 2_000;

/// Common word → bit set of the languages (indexes into `PROFILES`) it is common in.
fn word_table() -> &'static HashMap<&'static str, u16> {
    static TABLE: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, u16> = HashMap::new();
        for (i, (_, words)) in PROFILES.iter().enumerate() {
            for w in *words {
                *t.entry(w).or_default() |= 1 << i;
            }
        }
        t
    })
}

/// Guesses the language of `text`; `None` if the evidence is too thin.
pub fn detect(text: &str) -> Option<&'static str> {
    let table = word_table();
    let index = |code: &str| PROFILES.iter().position(|(c, _)| *c == code);
    let mut letters = 0usize;
    let mut thai = 0usize;
    let mut unspaced = 0usize;
    let mut scores = [0usize; PROFILES.len()];
    let mut words = 0usize;
    let mut word = String::new();
    let score_word = |word: &str, scores: &mut [usize]| {
        if let Some(&langs) = table.get(word) {
            for (i, s) in scores.iter_mut().enumerate() {
                if langs & (1 << i) != 0 {
                    *s += 1;
                }
            }
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                letters += 1;
                word.push(c.to_ascii_lowercase());
                continue;
            }
            if c.is_alphabetic() {
                letters += 1;
                if is_unspaced_script(c) {
                    unspaced += 1;
                    if ('\u{0E00}'..='\u{0E7F}').contains(&c) {
                        thai += 1;
                    }
                }
            }
            for l in c.to_lowercase() {
                for (code, votes) in letter_votes(l) {
                    if let Some(i) = index(code) {
                        scores[i] += votes;
                    }
                }
                word.push(l);
            }
        } else if !word.is_empty() {
            score_word(&word, &mut scores);
            word.clear();
            words += 1;
            if words >= MAX_WORDS {
                break;
            }
        }
    }
    score_word(&word, &mut scores);
    if letters > 0 && unspaced * 3 > letters {
        return (thai * 2 > unspaced).then_some("th");
    }
    let (best, &top) = scores.iter().enumerate().max_by_key(|&(i, s)| (*s, usize::MAX - i))?;
    let second = scores.iter().enumerate().filter(|&(i, _)| i != best).map(|(_, &s)| s).max().unwrap_or(0);
    (top >= 2 && top * 4 > second * 5).then_some(PROFILES[best].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_languages() {
        assert_eq!(detect("The child was taken to the house of the accused, who is not a relative."), Some("en"));
        assert_eq!(
            detect("L'enfant est placé dans une famille pour la durée de la procédure et il ne sort pas."),
            Some("fr")
        );
        assert_eq!(
            detect("El niño fue llevado a la casa de los acusados por la policía y se quedó con su madre."),
            Some("es")
        );
        assert_eq!(
            detect("A criança não foi levada para a casa dos acusados pela polícia, e ficou com uma tia."),
            Some("pt")
        );
        assert_eq!(
            detect("Das Kind wurde von der Polizei in das Haus gebracht und ist nicht mit den Eltern zu sehen."),
            Some("de")
        );
        assert_eq!(detect("Ребенок был доставлен в дом и не был найден полицией, как и его мать."), Some("ru"));
        assert_eq!(detect("เด็กถูกนำตัวไปที่บ้านของผู้ต้องหา"), Some("th"));
        assert_eq!(detect("x"), None);
    }

    #[test]
    fn short_portuguese_is_not_spanish() {
        assert_eq!(detect("Polícia prende pedófilo em Belo Horizonte, não há fiança"), Some("pt"));
        assert_eq!(detect("La policía detuvo al pedófilo en España"), Some("es"));
    }
}
