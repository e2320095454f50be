//! Telling what kind of document a text is: a law, a policy, a UN report or something else,
//! from its title block, UN document symbols and structure.

use std::sync::OnceLock;

use regex::Regex;

use super::model::DocKind;
use super::segment::Provision;

/// How much of the start of a document counts as its title block.
const TITLE_BLOCK: usize = 3000;

struct Patterns {
    un_symbol: Regex,
    not_un_symbol: Regex,
    not_un: Regex,
    un_heading: Regex,
    policy_title: Regex,
    law_title: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // CRC/C/OPSC/SVN/CO/1, CRC/C/SVN/CO/3-4, A/HRC/28/15 (a working-group report),
        // A/HRC/WG.6/20/SVN/2 (the UN compilation), ACERWC, and the review documents that are
        // not UN findings: the national report (…/1) and the stakeholders' summary (…/3).
        un_symbol: Regex::new(
            r"\b(?:CRC/C/(?:OPSC/|OPAC/)?[A-Z]{3}/CO/\d|A/HRC/\d{1,2}/\d{1,3}\b|A/HRC/WG\.6/\d{1,2}/[A-Z]{3}/[123]\b|CEDAW/C/[A-Z]{3}/CO|CCPR/C/[A-Z]{3}/CO|ACERWC)",
        )
        .expect("UN symbol regex"),
        not_un_symbol: Regex::new(r"^A/HRC/WG\.6/\d{1,2}/[A-Z]{3}/[13]$").expect("not-UN symbol regex"),
        not_un: Regex::new(r"(?i)national report submitted|summary of stakeholders").expect("not-UN regex"),
        // Title lines wrap anywhere, so any run of white space may stand for a space.
        un_heading: Regex::new(
            &r"(?i)report of the working group on the universal periodic review|concluding observations|observations finales|observaciones finales|observações finais|abschließende bemerkungen|compilation (?:of|on)|rapport du groupe de travail sur l.examen p[ée]riodique universel|informe del grupo de trabajo sobre el examen peri[óo]dico universal"
                .replace(' ', r"\s+"),
        )
        .expect("UN heading regex"),
        policy_title: Regex::new(
            r"(?i)national (?:plan of action|action plan|strategy|policy|framework)|action plan|plan d.action|strat[ée]gie nationale|politique nationale|plan nacional|estrategia nacional|pol[íi]tica nacional|protocolo de (?:actuaci[óo]n|atenci[óo]n)|hoja de ruta|plano nacional|estrat[ée]gia nacional|nationaler? (?:aktionsplan|strategie)|aktionsplan",
        )
        .expect("policy regex"),
        law_title: Regex::new(
            r"(?i)\b(?:act|code|law|statute|decree|ordinance|bill|loi|code p[ée]nal|d[ée]cret|ordonnance|ley|c[óo]digo|decreto|estatuto|lei|gesetz|gesetzbuch|verordnung|convention|protocol|convenio|conven[çc][ãa]o|protocole|protocolo|u\.?s\.?c\.?|§)\b",
        )
        .expect("law regex"),
    })
}

/// Detects the kind of a document from its text and its provisions (see `segment`).
pub fn detect(text: &str, provisions: &[Provision]) -> DocKind {
    let p = patterns();
    let mut end = text.len().min(TITLE_BLOCK);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // The first symbol in the title block is the document's own; later ones are references
    // (a working-group report lists the national report …/1 it was based on).
    if let Some(symbol) = p.un_symbol.find(head) {
        return if p.not_un_symbol.is_match(symbol.as_str()) { DocKind::Other } else { DocKind::UnReport };
    }
    // Without a symbol, whichever comes first decides: a UN heading, or words presenting the
    // text as a State's report or a summary of stakeholders' submissions.
    let heading = p.un_heading.find(head).map(|m| m.start());
    let state = p.not_un.find(head).map(|m| m.start());
    match (heading, state) {
        (Some(h), Some(s)) if s < h => return DocKind::Other,
        (Some(_), _) => return DocKind::UnReport,
        (None, Some(_)) => return DocKind::Other,
        (None, None) => {}
    }
    let numbered = provisions.iter().filter(|pr| pr.numbered && !pr.label.starts_with("para.")).count();
    if p.policy_title.is_match(head) && numbered < 5 {
        return DocKind::Policy;
    }
    if numbered >= 2 || (numbered >= 1 && p.law_title.is_match(head)) {
        return DocKind::Law;
    }
    if p.policy_title.is_match(head) {
        return DocKind::Policy;
    }
    DocKind::Other
}

#[cfg(test)]
mod tests {
    use super::super::segment::segment;
    use super::*;

    fn kind(text: &str) -> DocKind {
        // Segment as a law first, as the checker does before it knows the kind.
        detect(text, &segment(text, DocKind::Law))
    }

    #[test]
    fn working_group_report_citing_the_national_report_is_a_un_report() {
        let text = "A/HRC/21/11\nReport of the Working Group on the Universal Periodic\nReview\nX\n\
                    3. The following documents were issued: (a) A national report submitted in \
                    accordance with paragraph 15 (a) (A/HRC/WG.6/13/XXX/1);";
        assert_eq!(kind(text), DocKind::UnReport);
        let wrapped = "Report of the Working Group on the Universal Periodic\nReview\nX\n";
        assert_eq!(kind(wrapped), DocKind::UnReport);
        let summary = "A/HRC/WG.6/13/XXX/3\nSummary prepared by the Office of the High Commissioner, \
                       referring to the compilation A/HRC/WG.6/13/XXX/2";
        assert_eq!(kind(summary), DocKind::Other);
    }

    #[test]
    fn tells_kinds_apart() {
        assert_eq!(kind("A/HRC/WG.6/20/SVN/2\nCompilation prepared by the Office…\n1. Intro"), DocKind::UnReport);
        assert_eq!(
            kind("A/HRC/28/15\nReport of the Working Group on the Universal Periodic Review\nSlovenia"),
            DocKind::UnReport
        );
        assert_ne!(
            kind("A/HRC/WG.6/20/SVN/1\nNational report submitted in accordance with…\n1. Intro"),
            DocKind::UnReport
        );
        assert_eq!(
            kind("Committee on the Rights of the Child\nConcluding observations on the report of X"),
            DocKind::UnReport
        );
        assert_eq!(
            kind("National Plan of Action against the Sexual Exploitation of Children 2024-2028\n1. Aims"),
            DocKind::Policy
        );
        assert_eq!(kind("Children Act 2024\nSection 1. Title\nSection 2. Interpretation\n"), DocKind::Law);
        assert_eq!(kind("Code pénal\nArticle 227-23\nLe fait…\nArticle 227-24\nLe fait…"), DocKind::Law);
        assert_eq!(kind("Police found a laptop. The trial opens on Monday."), DocKind::Other);
    }
}
