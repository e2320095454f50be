//! Cheap language identification by counting very common words, for choosing between rules of
//! different languages that match the same words, for rules that only apply in their own
//! language's context, and for the `language` of a checked document.

use crate::text::script::is_unspaced_script;

/// Common words per language (already normalised: lowercase, no Latin accents).
const PROFILES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "which", "shall", "by", "this",
            "are", "was", "be", "any", "or", "who", "has", "not",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "du", "une", "dans", "pour", "par", "qui", "sur",
            "au", "aux", "ou", "sont", "ne", "pas", "il", "ce",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "y", "que", "por", "con", "una", "para", "se", "al", "lo",
            "como", "es", "su", "sus", "sera", "cuando", "este",
        ],
    ),
    (
        "pt",
        &[
            "os", "do", "da", "dos", "das", "em", "que", "para", "com", "uma", "um", "por", "no",
            "na", "ao", "nao", "ou", "sera", "pela", "pelo",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "zu", "im", "ein",
            "eine", "auf", "des", "dem", "sich", "wird", "oder", "fur",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "en", "van", "op", "te", "dat", "voor", "niet", "zijn", "aan", "bij",
            "door", "worden", "wordt", "ook", "naar", "deze", "kan", "als",
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

/// Guesses the language of normalised text; `None` if the evidence is too thin.
pub fn detect(normalized: &str) -> Option<&'static str> {
    let mut unspaced = 0usize;
    let mut letters = 0usize;
    for c in normalized.chars().take(20_000) {
        if c.is_alphabetic() {
            letters += 1;
            if is_unspaced_script(c) {
                unspaced += 1;
            }
        }
    }
    if letters > 0 && unspaced * 3 > letters {
        return Some("th").filter(|_| {
            normalized
                .chars()
                .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
        });
    }
    let mut scores = [0usize; PROFILES.len()];
    for word in normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5_000)
    {
        for (i, (_, words)) in PROFILES.iter().enumerate() {
            if words.contains(&word) {
                scores[i] += 1;
            }
        }
    }
    let (best, &top) = scores
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (*s, usize::MAX - i))?;
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, &s)| s)
        .max()
        .unwrap_or(0);
    (top >= 2 && top * 4 > second * 5).then_some(PROFILES[best].0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_str;

    #[test]
    fn detects_common_languages() {
        let d = |s: &str| detect(&normalize_str(s));
        assert_eq!(
            d("The child was taken to the house of the accused, who is not a relative."),
            Some("en")
        );
        assert_eq!(
            d(
                "L'enfant est placé dans une famille pour la durée de la procédure et il ne sort pas."
            ),
            Some("fr")
        );
        assert_eq!(
            d(
                "El niño fue llevado a la casa de los acusados por la policía y se quedó con su madre."
            ),
            Some("es")
        );
        assert_eq!(
            d(
                "A criança não foi levada para a casa dos acusados pela polícia, e ficou com uma tia."
            ),
            Some("pt")
        );
        assert_eq!(
            d(
                "Das Kind wurde von der Polizei in das Haus gebracht und ist nicht mit den Eltern zu sehen."
            ),
            Some("de")
        );
        assert_eq!(
            d("Ребенок был доставлен в дом и не был найден полицией, как и его мать."),
            Some("ru")
        );
        assert_eq!(d("เด็กถูกนำตัวไปที่บ้านของผู้ต้องหา"), Some("th"));
        assert_eq!(d("x"), None);
    }
}
