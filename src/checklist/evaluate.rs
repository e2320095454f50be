//! Evaluating the checklist on one document: cue hits (one Aho-Corasick automaton over every
//! cue of every item), ages, provisions; facets per provision; item status from expressions.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::ages;
use super::kind;
use super::model::{Cue, DocKind, Item, Status};
use super::segment::{self, Provision};
use crate::engine::Scan;
use crate::extract::Document;
use crate::text::script::is_word_char;

/// Most pieces of evidence kept per item and document.
const MAX_EVIDENCE: usize = 5;
/// Longest excerpt, in characters.
const EXCERPT_CHARS: usize = 240;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueRef {
    Phrase(u32),
    AgeEq(u32),
    AgeLt(u32),
}

#[derive(Debug, Clone)]
struct CompiledSet {
    all: Vec<Vec<CueRef>>,
    none: Vec<CueRef>,
    in_titles: bool,
}

/// Evidence that an item is (partly) met: where, under which provision, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// The provision as the document numbers it, with sub-paragraphs ("s. 1(1)(b)").
    pub section: String,
    pub excerpt: String,
}

/// The result of one item on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemResult {
    pub id: String,
    pub status: Status,
    pub evidence: Vec<Evidence>,
}

/// The checklist results of one document.
#[derive(Debug, Clone)]
pub struct DocumentResult {
    pub kind: DocKind,
    pub provisions: Vec<Provision>,
    pub items: Vec<ItemResult>,
}

/// The cue automaton, built on first use: a contiguous NFA (quick to build) until a process has
/// searched a few megabytes, then a DFA (quicker to search).
#[derive(Debug, Default)]
struct CueAutomaton {
    nfa: OnceLock<Option<AhoCorasick>>,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
}

impl Clone for CueAutomaton {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// Bytes searched before the DFA pays for its building.
const CUE_DFA_AFTER: usize = 8 * 1024 * 1024;

impl CueAutomaton {
    fn get(&self, phrases: &[(String, bool)], len: usize) -> Option<&AhoCorasick> {
        let total = self.searched.fetch_add(len, Ordering::Relaxed) + len;
        let (cell, kind) = if total > CUE_DFA_AFTER {
            (&self.dfa, AhoCorasickKind::DFA)
        } else {
            (&self.nfa, AhoCorasickKind::ContiguousNFA)
        };
        cell.get_or_init(|| {
            if phrases.is_empty() {
                return None;
            }
            let texts: Vec<&str> = phrases.iter().map(|(t, _)| t.as_str()).collect();
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(kind))
                .build(&texts)
                .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&texts))
                .ok()
        })
        .as_ref()
    }
}

/// Compiled checklist: items and the cue automaton.
#[derive(Debug, Clone)]
pub struct Evaluator {
    pub items: Vec<Item>,
    phrases: Vec<(String, bool)>,
    automaton: CueAutomaton,
    /// item → facet → compiled cue sets (one per language).
    compiled: Vec<Vec<Vec<CompiledSet>>>,
}

/// Phrase ids are small integers: hash them as themselves.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<V> = HashMap<u32, V, std::hash::BuildHasherDefault<IdHasher>>;

/// What was found in one provision.
#[derive(Default)]
struct ProvisionCues {
    /// Phrase id → hit ranges (normalised), outside official names.
    phrases: IdMap<Vec<Range<usize>>>,
    /// The same, inside official names.
    title_phrases: IdMap<Vec<Range<usize>>>,
    ages: Vec<(Range<usize>, u32)>,
}

impl ProvisionCues {
    /// Every hit of `cue` in the provision.
    fn hits(&self, cue: CueRef, in_titles: bool, out: &mut Vec<Range<usize>>) {
        let phrases = if in_titles { &self.title_phrases } else { &self.phrases };
        match cue {
            CueRef::Phrase(id) => out.extend(phrases.get(&id).into_iter().flatten().cloned()),
            CueRef::AgeEq(v) => out.extend(self.ages.iter().filter(|(_, a)| *a == v).map(|(r, _)| r.clone())),
            // Ages of 10 and more: "under 2 years" is about infants, not an age limit.
            CueRef::AgeLt(v) => {
                out.extend(self.ages.iter().filter(|(_, a)| *a < v && *a >= 10).map(|(r, _)| r.clone()))
            }
        }
    }

    /// Whether `cue` occurs in the provision at all (cheaper than collecting its hits).
    fn has(&self, cue: CueRef, in_titles: bool) -> bool {
        let phrases = if in_titles { &self.title_phrases } else { &self.phrases };
        match cue {
            CueRef::Phrase(id) => phrases.contains_key(&id),
            CueRef::AgeEq(v) => self.ages.iter().any(|(_, a)| *a == v),
            CueRef::AgeLt(v) => self.ages.iter().any(|(_, a)| *a < v && *a >= 10),
        }
    }

    fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.title_phrases.is_empty() && self.ages.is_empty()
    }
}

/// How close (in bytes) the cues of a facet must be to each other inside a provision: long
/// provisions (a whole US Code section) hold many clauses, and a verb in one clause with an
/// object in another is not the offence.
const COOCCURRENCE_WINDOW: usize = 1200;
/// How close a negative cue must be to the facet's cues to cancel it.
const NEGATIVE_WINDOW: usize = 300;
/// Most anchor hits tried per facet and provision.
const MAX_ANCHORS: usize = 32;

impl Evaluator {
    pub fn new(items: Vec<Item>) -> Self {
        let mut index: HashMap<(String, bool), u32> = HashMap::new();
        let mut phrases: Vec<(String, bool)> = Vec::new();
        let mut intern = |cue: &Cue| -> CueRef {
            match cue {
                Cue::Phrase { text, prefix } => {
                    let key = (text.clone(), *prefix);
                    let id = *index.entry(key.clone()).or_insert_with(|| {
                        phrases.push(key);
                        (phrases.len() - 1) as u32
                    });
                    CueRef::Phrase(id)
                }
                Cue::AgeUnderEq(v) => CueRef::AgeEq(*v),
                Cue::AgeUnderLt(v) => CueRef::AgeLt(*v),
            }
        };
        let compiled = items
            .iter()
            .map(|item| {
                item.facets
                    .iter()
                    .map(|f| {
                        f.languages
                            .values()
                            .map(|set| CompiledSet {
                                all: set.all.iter().map(|g| g.iter().map(&mut intern).collect()).collect(),
                                none: set.none.iter().map(&mut intern).collect(),
                                in_titles: set.in_titles,
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let automaton = CueAutomaton::default();
        Self { items, phrases, automaton, compiled }
    }

    /// Evaluates every item on a scanned document. `kind` overrides detection.
    pub fn evaluate(&self, doc: &Document, scan: &Scan, kind: Option<DocKind>) -> DocumentResult {
        let text = &doc.text;
        let mut provisions = segment::segment(text, DocKind::Law);
        let kind = kind.unwrap_or_else(|| kind::detect(text, &provisions));
        if kind != DocKind::Law {
            provisions = segment::segment(text, kind);
        }
        let cues = self.cues_by_provision(scan, &provisions);
        // Laws with numbered provisions: unnumbered units (editorial notes, amendment history)
        // are not the law's text.
        let skip_unnumbered = kind == DocKind::Law && provisions.iter().any(|p| p.numbered);
        let mut items = Vec::with_capacity(self.items.len());
        for (ii, item) in self.items.iter().enumerate() {
            if !item.applies_to(kind) {
                items.push(ItemResult { id: item.id.clone(), status: Status::NotApplicable, evidence: Vec::new() });
                continue;
            }
            // Facet → provisions where it holds, with the span of its cues there and where its
            // anchor cue starts.
            let mut present: Vec<Vec<FacetHit>> = vec![Vec::new(); item.facets.len()];
            for (pi, pc) in cues.iter().enumerate() {
                if pc.is_empty() || (skip_unnumbered && !provisions[pi].numbered) {
                    continue;
                }
                for (fi, sets) in self.compiled[ii].iter().enumerate() {
                    if let Some((span, anchor)) = sets.iter().find_map(|set| facet_span(set, pc)) {
                        present[fi].push((pi, span, anchor));
                    }
                }
            }
            let holds = |f: usize| !present[f].is_empty();
            let (status, expr) = if item.met.eval(&holds) {
                (Status::Met, Some(&item.met))
            } else if let Some(p) = item.partial.as_ref().filter(|p| p.eval(&holds)) {
                (Status::Partial, Some(p))
            } else {
                (Status::Absent, None)
            };
            let mut evidence = Vec::new();
            if let Some(expr) = expr {
                let mut facets = Vec::new();
                expr.positive_facets(&mut facets);
                let mut spans: Vec<FacetHit> =
                    facets.iter().filter(|&&f| holds(f)).flat_map(|&f| present[f].iter().cloned()).collect();
                spans.sort_by_key(|(p, r, _)| (*p, r.start));
                spans.dedup_by_key(|(p, _, _)| *p);
                for (pi, nr, anchor) in spans.into_iter().take(MAX_EVIDENCE) {
                    let range = scan.normalized.source_range(nr);
                    // Cited where the anchor cue (the conduct) is: other cues may sit in a
                    // neighbouring sub-paragraph.
                    let at = scan.normalized.source_range(anchor).start;
                    evidence.push(Evidence {
                        section: segment::cite(text, &provisions[pi], at),
                        excerpt: excerpt(text, &range),
                        range,
                    });
                }
            }
            items.push(ItemResult { id: item.id.clone(), status, evidence });
        }
        DocumentResult { kind, provisions, items }
    }

    /// Cue hits and ages, grouped by provision.
    fn cues_by_provision(&self, scan: &Scan, provisions: &[Provision]) -> Vec<ProvisionCues> {
        let norm = &scan.normalized;
        let text = &norm.text;
        let starts: Vec<usize> = provisions.iter().map(|p| norm.map.out_offset_of(p.range.start)).collect();
        let provision_of = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);
        let mut out: Vec<ProvisionCues> = provisions.iter().map(|_| ProvisionCues::default()).collect();
        if let Some(ac) = self.automaton.get(&self.phrases, text.len()) {
            let titles = &scan.titles;
            for m in ac.find_overlapping_iter(text.as_str()) {
                let id = m.pattern().as_usize() as u32;
                let (s, e) = (m.start(), m.end());
                let prefix = self.phrases[id as usize].1;
                if text[..s].chars().next_back().is_some_and(is_word_char)
                    || (!prefix && text[e..].chars().next().is_some_and(is_word_char))
                {
                    continue;
                }
                let in_title = titles.iter().any(|t| t.start <= s && e <= t.end);
                let pc = &mut out[provision_of(s)];
                let map = if in_title { &mut pc.title_phrases } else { &mut pc.phrases };
                map.entry(id).or_default().push(s..e);
            }
        }
        for (r, v) in ages::under_ages(text) {
            out[provision_of(r.start)].ages.push((r, v));
        }
        out
    }
}

/// Where a facet holds: provision index, span of its cues, span of its anchor cue.
type FacetHit = (usize, Range<usize>, Range<usize>);

/// The span of a facet's cues in a provision, and its anchor: each hit of the first group is
/// tried as an anchor; every other group needs a hit within [`COOCCURRENCE_WINDOW`] of it (the
/// nearest is taken), and no `none` cue may lie within [`NEGATIVE_WINDOW`] of the resulting span.
fn facet_span(set: &CompiledSet, pc: &ProvisionCues) -> Option<(Range<usize>, Range<usize>)> {
    // Most facets fail in most provisions: find a missing group before collecting anything.
    if !set.all.iter().all(|group| group.iter().any(|&c| pc.has(c, set.in_titles))) {
        return None;
    }
    let mut groups: Vec<Vec<Range<usize>>> = Vec::with_capacity(set.all.len());
    for group in &set.all {
        let mut hits = Vec::new();
        for &c in group {
            pc.hits(c, set.in_titles, &mut hits);
        }
        if hits.is_empty() {
            return None;
        }
        hits.sort_by_key(|r| r.start);
        groups.push(hits);
    }
    let mut negatives = Vec::new();
    for &c in &set.none {
        pc.hits(c, false, &mut negatives);
    }
    let (first, rest) = groups.split_first()?;
    'anchor: for anchor in first.iter().take(MAX_ANCHORS) {
        let mut span = anchor.clone();
        for hits in rest {
            let nearest = hits.iter().min_by_key(|h| h.start.abs_diff(anchor.start))?;
            if nearest.start.abs_diff(anchor.start) > COOCCURRENCE_WINDOW {
                continue 'anchor;
            }
            span = span.start.min(nearest.start)..span.end.max(nearest.end);
        }
        let vetoed =
            negatives.iter().any(|n| n.end + NEGATIVE_WINDOW >= span.start && n.start <= span.end + NEGATIVE_WINDOW);
        if !vetoed {
            return Some((span, anchor.clone()));
        }
    }
    None
}

/// A short excerpt around `range`: the sentence (or line) holding its start, cut to
/// [`EXCERPT_CHARS`] characters around the range, whitespace collapsed.
fn excerpt(text: &str, range: &Range<usize>) -> String {
    let before = &text[..range.start];
    let sentence_start =
        before.rfind(['\n', '.', ';']).map(|i| i + 1).filter(|&i| range.start - i <= EXCERPT_CHARS * 2).unwrap_or_else(
            || {
                let mut s = range.start.saturating_sub(EXCERPT_CHARS / 2);
                while !text.is_char_boundary(s) {
                    s += 1;
                }
                s
            },
        );
    let after_end = text[range.end..].find(['\n', ';']).map_or(text.len(), |i| range.end + i);
    let raw = &text[sentence_start..after_end.max(range.end)];
    let collapsed: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_start_matches(['.', ' ', '-', '*', '#', '(', ')']);
    if trimmed.chars().count() <= EXCERPT_CHARS {
        return trimmed.to_string();
    }
    let mut cut: String = trimmed.chars().take(EXCERPT_CHARS).collect();
    cut.push('…');
    cut
}
