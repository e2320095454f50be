//! Running headers, footers and page numbers: lines at the top or bottom of pages whose text,
//! digits aside, repeats on most pages, and lone page numbers. They stay in the text but are
//! masked, so that the normaliser reads them as a line break and a phrase (or a hyphenated
//! word) that runs from one page to the next still matches.

use std::collections::HashMap;
use std::ops::Range;

/// Lines looked at from each end of a page.
const EDGE_LINES: usize = 3;

/// Comparison key: case folded, digits as `#`, white space collapsed.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A line that is only a page number: `7`, `- 7 -`, `Page 7`, `7 of 30`, `7/30`, `vii`.
fn is_page_number(key: &str) -> bool {
    let k = key.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ' || c == '|');
    let k = k
        .strip_prefix("page")
        .or_else(|| k.strip_prefix("p."))
        .or_else(|| k.strip_prefix("seite"))
        .or_else(|| k.strip_prefix("página"))
        .unwrap_or(k)
        .trim();
    if k == "#" || k == "# of #" || k == "# / #" || k == "#/#" || k == "# de #" || k == "# sur #" {
        return true;
    }
    is_roman(k)
}

/// A canonical lower-case roman numeral from 1 to 199 (front-matter page numbers).
fn is_roman(k: &str) -> bool {
    if k.is_empty() || k.len() > 8 || !k.chars().all(|c| "ivxlc".contains(c)) {
        return false;
    }
    let value = |c| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        _ => 100,
    };
    let digits: Vec<i32> = k.chars().map(value).collect();
    let mut n = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            n -= d;
        } else {
            n += d;
        }
    }
    (1..200).contains(&n) && to_roman(n) == k
}

fn to_roman(mut n: i32) -> String {
    const TABLE: [(i32, &str); 9] =
        [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Byte ranges (sorted) of the repeated lines. `pages[p]` lists the byte ranges of page p's
/// lines in `text`, in reading order.
pub fn repeated_lines(text: &str, pages: &[Vec<Range<usize>>]) -> Vec<Range<usize>> {
    let with_text = pages.iter().filter(|p| !p.is_empty()).count();
    if with_text < 2 {
        return Vec::new();
    }
    let edges = |lines: &[Range<usize>]| -> Vec<usize> {
        let n = lines.len();
        let mut v: Vec<usize> = (0..n.min(EDGE_LINES)).collect();
        v.extend(n.saturating_sub(EDGE_LINES).max(EDGE_LINES.min(n))..n);
        v
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        let mut seen: Vec<String> = Vec::new();
        for i in edges(lines) {
            let k = key(text.get(lines[i].clone()).unwrap_or(""));
            if !k.is_empty() && !seen.contains(&k) {
                seen.push(k);
            }
        }
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut masks = Vec::new();
    for lines in pages {
        for i in edges(lines) {
            let range = lines[i].clone();
            let k = key(text.get(range.clone()).unwrap_or(""));
            if k.is_empty() {
                continue;
            }
            let n = counts.get(&k).copied().unwrap_or(0);
            if is_page_number(&k) || (n >= 2 && n * 2 >= with_text) {
                masks.push(range);
            }
        }
    }
    masks.sort_by_key(|r| r.start);
    masks.dedup();
    masks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays pages of lines out as the extractor does; returns the text and line ranges.
    fn layout(pages: &[&[&str]]) -> (String, Vec<Vec<Range<usize>>>) {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for (p, lines) in pages.iter().enumerate() {
            if p > 0 {
                text.push_str("\n\n");
            }
            let mut r = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                r.push(text.len()..text.len() + l.len());
                text.push_str(l);
            }
            ranges.push(r);
        }
        (text, ranges)
    }

    fn masked(pages: &[&[&str]]) -> Vec<String> {
        let (text, ranges) = layout(pages);
        repeated_lines(&text, &ranges).into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn headers_with_changing_numbers_repeat() {
        let got = masked(&[
            &["Report of the Working Group", "Body one", "1"],
            &["A/HRC/22/7 page 2", "Body two", "2"],
            &["A/HRC/22/7 page 3", "Body three", "3"],
            &["A/HRC/22/7 page 4", "Body four", "- 4 -"],
        ]);
        assert_eq!(got, vec!["1", "A/HRC/22/7 page 2", "2", "A/HRC/22/7 page 3", "3", "A/HRC/22/7 page 4", "- 4 -"]);
    }

    #[test]
    fn body_text_is_not_masked() {
        let got = masked(&[
            &["Intro", "The same sentence.", "end"],
            &["Other", "Different", "stop"],
            &["Third", "More", "fin"],
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn page_number_shapes() {
        for k in ["#", "- # -", "page #", "page # of #", "#/#", "xii", "— # —"] {
            assert!(is_page_number(k), "{k}");
        }
        for k in ["#.", "article #", "section", "civil", "ic", "vv", "mix"] {
            assert!(!is_page_number(k), "{k}");
        }
        assert_eq!(key("  Page 12  of\t30 "), "page # of #");
    }

    #[test]
    fn single_page_documents_have_no_running_headers() {
        assert!(masked(&[&["1", "text"]]).is_empty());
    }
}
