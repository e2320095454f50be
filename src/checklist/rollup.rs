//! Per-country roll-up: the best status of each item over a country's documents, with the
//! documents it comes from, and the three Objective 1 indicators with the items behind them.

use std::collections::BTreeMap;

use super::model::{Item, Status};

/// A country's status for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryItem {
    pub id: String,
    pub status: Status,
    /// Documents (paths) where the item reaches that status.
    pub documents: Vec<String>,
}

/// One indicator for a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorResult {
    pub id: &'static str,
    pub items: Vec<String>,
    pub met: usize,
    pub partial: usize,
    pub absent: usize,
    pub not_applicable: usize,
    pub summary: String,
}

/// A country's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryResult {
    pub country: String,
    pub documents: Vec<String>,
    pub items: Vec<CountryItem>,
    pub indicators: Vec<IndicatorResult>,
}

/// One checked document, as the roll-up needs it: its path, country and item statuses (in
/// checklist order).
pub struct Checked<'a> {
    pub path: &'a str,
    pub country: Option<&'a str>,
    pub statuses: &'a [Status],
}

/// Rolls documents up by country (documents without a country are left out), sorted by code.
pub fn rollup(items: &[Item], docs: &[Checked<'_>]) -> Vec<CountryResult> {
    let mut by_country: BTreeMap<&str, Vec<&Checked<'_>>> = BTreeMap::new();
    for d in docs {
        if let Some(c) = d.country {
            by_country.entry(c).or_default().push(d);
        }
    }
    by_country
        .into_iter()
        .map(|(country, docs)| {
            let country_items: Vec<CountryItem> = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let best = docs.iter().map(|d| d.statuses[i]).max().unwrap_or(Status::NotApplicable);
                    let documents = if best > Status::Absent {
                        docs.iter().filter(|d| d.statuses[i] == best).map(|d| d.path.to_string()).collect()
                    } else {
                        Vec::new()
                    };
                    CountryItem { id: item.id.clone(), status: best, documents }
                })
                .collect();
            let indicators =
                super::indicators(items).into_iter().map(|(id, ids)| indicator(id, &ids, &country_items)).collect();
            CountryResult {
                country: country.to_string(),
                documents: docs.iter().map(|d| d.path.to_string()).collect(),
                items: country_items,
                indicators,
            }
        })
        .collect()
}

fn indicator(id: &'static str, ids: &[&str], items: &[CountryItem]) -> IndicatorResult {
    let behind: Vec<&CountryItem> = items.iter().filter(|i| ids.contains(&i.id.as_str())).collect();
    let count = |s: Status| behind.iter().filter(|i| i.status == s).count();
    let (met, partial, absent, na) =
        (count(Status::Met), count(Status::Partial), count(Status::Absent), count(Status::NotApplicable));
    let applicable = met + partial + absent;
    let summary = if applicable == 0 {
        match id {
            "O1.a" => "no law among this country's documents".to_string(),
            "O1.b" => "no policy or law among this country's documents".to_string(),
            _ => "no UN report among this country's documents".to_string(),
        }
    } else if id == "O1.c" {
        match (met, partial) {
            (m, _) if m > 0 => {
                "sexual exploitation of children is discussed in UN documents on this country".to_string()
            }
            (_, p) if p > 0 => "sexual exploitation of children appears only in the names of instruments".to_string(),
            _ => "UN documents on this country do not mention sexual exploitation of children".to_string(),
        }
    } else {
        format!("{met} of {applicable} items met, {partial} partly met, {absent} absent")
    };
    IndicatorResult {
        id,
        items: behind.iter().map(|i| i.id.clone()).collect(),
        met,
        partial,
        absent,
        not_applicable: na,
        summary,
    }
}
