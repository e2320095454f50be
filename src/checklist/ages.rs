//! Reading "under N years" ages from normalised text, with N in digits or words, in English,
//! French, Spanish, Portuguese and German: "under the age of eighteen", "moins de dix-huit ans",
//! "menor de dieciocho (18) años", "menores de 18 anos", "unter achtzehn Jahren",
//! "das achtzehnte Lebensjahr noch nicht vollendet".

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// Number words up to 21 (normalised: lowercase, no accents, hyphens as spaces).
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("twenty one", 21),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("dix sept", 17),
    ("dix huit", 18),
    ("dix neuf", 19),
    ("vingt", 20),
    ("vingt et un", 21),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
    ("quince", 15),
    ("dieciseis", 16),
    ("diecisiete", 17),
    ("dieciocho", 18),
    ("diecinueve", 19),
    ("veinte", 20),
    ("veintiuno", 21),
    ("diez y seis", 16),
    ("diez y siete", 17),
    ("diez y ocho", 18),
    ("dois", 2),
    ("duas", 3),
    ("sete", 7),
    ("oito", 8),
    ("nove", 9),
    ("dez", 10),
    ("doze", 12),
    ("treze", 13),
    ("quatorze", 14),
    ("dezesseis", 16),
    ("dezasseis", 16),
    ("dezessete", 17),
    ("dezassete", 17),
    ("dezoito", 18),
    ("dezenove", 19),
    ("dezanove", 19),
    ("vinte", 20),
    ("vinte e um", 21),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("funf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwolf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("funfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
    ("neunzehn", 19),
    ("zwanzig", 20),
    ("einundzwanzig", 21),
];

/// German ordinals used with "Lebensjahr".
const ORDINALS: &[(&str, u32)] = &[
    ("zwolfte", 12),
    ("dreizehnte", 13),
    ("vierzehnte", 14),
    ("funfzehnte", 15),
    ("sechzehnte", 16),
    ("siebzehnte", 17),
    ("achtzehnte", 18),
    ("einundzwanzigste", 21),
];

/// "The age of" and its equivalents, allowed between the "under" word and the number.
const AGE_FILLER: &str = r"(?: (?:the|l'|la|a|de|of|edad|idade|age|l'age|dem|alter|von|lebensalter)){0,4}";

fn regexes() -> &'static (Regex, Regex) {
    static RE: OnceLock<(Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        let mut words: Vec<&str> = NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
        // Longest first, so "dix huit" wins over "dix".
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alternatives = words.join("|");
        let number = |name: &str| format!(r"(?P<{name}>\d{{1,2}}|{alternatives})");
        let (n1, n2) = (number("n"), number("m"));
        let under = r"(?:under|below|less than|younger than|not (?:yet )?attained|has not attained|not reached|moins de|mineure?s? de|inferieure? a|n'a pas atteint|n'ayant pas atteint|menore?s? de|menos de|inferior a|no (?:haya|hubiera|hubiese) cumplido|nao (?:tenha |tiver )?completado|abaixo de|unter|junger als)";
        let years = r"(?:years?|yrs?|ans?|anos|jahren?|lebensjahr(?:es)?)";
        // "under eighteen years", "menor de dieciocho (18) años", "under the age of 18".
        // "under the age of 16 commits": with an age word before the number, no year word is
        // needed after it; otherwise one is (or the clause ends), so "under section 18" and
        // "under 18 U.S.C." are not ages.
        let forward = format!(
            r"\b{under}(?:{AGE_FILLER} (?:age|edad|idade|l'age|alter|lebensalter)(?: (?:of|de|von))? {n1}\b|{AGE_FILLER} {n2}(?: ?\(\d{{1,2}}\))?(?: {years}| ?[,;)]|\.(?: |$)|$))"
        );
        let mut ords: Vec<&str> = ORDINALS.iter().map(|(w, _)| *w).collect();
        ords.sort_by_key(|w| std::cmp::Reverse(w.len()));
        // "das 18. Lebensjahr noch nicht vollendet", "das achtzehnte Lebensjahr noch nicht vollendet".
        let german = format!(
            r"\b(?P<n>\d{{1,2}}\.?|{}n?) lebensjahr(?:es)? (?:noch )?nicht vollendet",
            ords.join("|")
        );
        (Regex::new(&forward).expect("age regex"), Regex::new(&german).expect("german age regex"))
    })
}

fn value_of(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.');
    if let Ok(v) = t.parse() {
        return Some(v);
    }
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == t)
        .or_else(|| ORDINALS.iter().find(|(w, _)| *w == t || format!("{w}n") == t))
        .map(|(_, v)| *v)
}

/// Every "under N" age in `text` (normalised), with its byte range.
pub fn under_ages(text: &str) -> Vec<(Range<usize>, u32)> {
    let (forward, german) = regexes();
    let mut out = Vec::new();
    for re in [forward, german] {
        for caps in re.captures_iter(text) {
            let (Some(all), Some(n)) = (caps.get(0), caps.name("n").or(caps.name("m"))) else { continue };
            // "not less than 15 years" (a prison term), "pas moins de", "no menos de": not an age limit.
            let before = text[..all.start()].trim_end();
            if ["not", "no", "pas", "nicht", "nao", "non"].iter().any(|w| {
                before.ends_with(w)
                    && !before[..before.len() - w.len()].chars().next_back().is_some_and(char::is_alphanumeric)
            }) {
                continue;
            }
            if let Some(v) = value_of(n.as_str()).filter(|v| (1..=25).contains(v)) {
                out.push((all.range(), v));
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_str;

    fn ages(s: &str) -> Vec<u32> {
        under_ages(&normalize_str(s)).into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn reads_ages_in_five_languages() {
        assert_eq!(ages("a person under the age of 18 years"), [18]);
        assert_eq!(ages("any person under eighteen years of age"), [18]);
        assert_eq!(ages("who has not attained the age of 16"), [16]);
        assert_eq!(ages("un mineur de quinze ans"), [15]);
        assert_eq!(ages("toute personne âgée de moins de dix-huit ans"), [18]);
        assert_eq!(ages("menor de dieciocho (18) años"), [18]);
        assert_eq!(ages("los menores de 13 años"), [13]);
        assert_eq!(ages("criança ou adolescente menor de dezoito anos"), [18]);
        assert_eq!(ages("eine Person unter achtzehn Jahren"), [18]);
        assert_eq!(ages("wer das achtzehnte Lebensjahr noch nicht vollendet hat"), [18]);
        assert_eq!(ages("das 14. Lebensjahr noch nicht vollendet"), [14]);
    }

    #[test]
    fn does_not_read_section_numbers_as_ages() {
        assert!(ages("under section 18 of the Act").is_empty());
        assert!(ages("persons over 18 years").is_empty());
        assert!(ages("an offence under 18 U.S.C. 2251").is_empty());
        assert!(ages("imprisoned for not less than 15 years").is_empty());
        assert!(ages("une peine qui ne peut être pas moins de 10 ans").is_empty());
        assert_eq!(ages("children under 18, and"), [18]);
        assert_eq!(ages("a person under the age of 16 commits an offence"), [16]);
    }
}
