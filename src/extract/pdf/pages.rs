//! The page tree, walked without recursion: each node is visited once (a cycle or a node
//! shared twice is read once), depth is capped, and the inheritable attributes (resources,
//! media and crop boxes) are carried down. When the tree leads nowhere, page objects are
//! collected by scanning the document, as viewers do.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::limits::{Budget, Stop};
use super::objects::{as_dict, get_array, get_dict, get_name, rect, resolve};

/// Deepest page tree walked (real trees are a few levels deep; the walk is iterative).
const MAX_TREE_DEPTH: usize = 1024;

#[derive(Debug, Clone)]
pub struct PageRef<'a> {
    pub dict: &'a Dictionary,
    pub resources: Option<&'a Dictionary>,
    /// The page area (media box, else crop box), in default user space.
    pub bbox: Option<[f32; 4]>,
}

#[derive(Clone, Copy, Default)]
struct Inherited<'a> {
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
}

fn inherit<'a>(doc: &'a Document, dict: &'a Dictionary, parent: Inherited<'a>) -> Inherited<'a> {
    Inherited {
        resources: get_dict(doc, dict, b"Resources").or(parent.resources),
        media: dict.get(b"MediaBox").ok().and_then(|o| rect(doc, o)).or(parent.media),
        crop: dict.get(b"CropBox").ok().and_then(|o| rect(doc, o)).or(parent.crop),
    }
}

fn page_ref<'a>(dict: &'a Dictionary, inh: Inherited<'a>) -> PageRef<'a> {
    PageRef {
        dict,
        resources: inh.resources,
        // The media box, as pdftotext reads: text in the margins a crop box hides (printers'
        // slugs) is still there, and repeated lines of it are masked as running headers.
        bbox: inh.media.or(inh.crop),
    }
}

/// The pages of `doc`, in order.
pub fn pages<'a>(doc: &'a Document, budget: &mut Budget) -> Result<Vec<PageRef<'a>>, Stop> {
    let mut out = Vec::new();
    let root = doc.trailer.get(b"Root").ok().and_then(|r| as_dict(doc, r)).and_then(|cat| cat.get(b"Pages").ok());
    if let Some(root) = root {
        walk(doc, root, budget, &mut out)?;
    }
    if out.is_empty() {
        scan_for_pages(doc, budget, &mut out)?;
    }
    Ok(out)
}

fn walk<'a>(doc: &'a Document, root: &'a Object, budget: &mut Budget, out: &mut Vec<PageRef<'a>>) -> Result<(), Stop> {
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<(&'a Object, Inherited<'a>, usize)> = vec![(root, Inherited::default(), 0)];
    while let Some((node, parent, depth)) = stack.pop() {
        budget.tick()?;
        if depth > MAX_TREE_DEPTH || out.len() >= budget.max_objects {
            continue;
        }
        if let Object::Reference(id) = node
            && !visited.insert(*id)
        {
            continue;
        }
        // A page or a tree node is a dictionary (a stream's dictionary is neither).
        let Some(Object::Dictionary(dict)) = resolve(doc, node) else {
            continue;
        };
        let inh = inherit(doc, dict, parent);
        let kids = get_array(doc, dict, b"Kids");
        let is_tree_node = match get_name(doc, dict, b"Type") {
            Some(b"Pages") => true,
            Some(b"Page") => false,
            _ => kids.is_some(),
        };
        if is_tree_node {
            for kid in kids.unwrap_or_default().iter().rev() {
                stack.push((kid, inh, depth + 1));
            }
        } else {
            out.push(page_ref(dict, inh));
        }
    }
    Ok(())
}

/// Every `/Type /Page` object, in object-number order, with attributes from its parents.
fn scan_for_pages<'a>(doc: &'a Document, budget: &mut Budget, out: &mut Vec<PageRef<'a>>) -> Result<(), Stop> {
    for obj in doc.objects.values() {
        budget.tick()?;
        let Object::Dictionary(dict) = obj else {
            continue;
        };
        if get_name(doc, dict, b"Type") != Some(b"Page") {
            continue;
        }
        // Attributes from the nearest ancestors first.
        let mut chain = vec![dict];
        let mut seen = HashSet::new();
        let mut cur = dict;
        while chain.len() < 64 {
            let Some(Object::Reference(pid)) = cur.get(b"Parent").ok() else {
                break;
            };
            if !seen.insert(*pid) {
                break;
            }
            let Some(parent) = super::objects::by_id(doc, *pid).and_then(|o| as_dict(doc, o)) else {
                break;
            };
            chain.push(parent);
            cur = parent;
        }
        let inh = chain.iter().rev().fold(Inherited::default(), |acc, d| inherit(doc, d, acc));
        out.push(page_ref(dict, inh));
        if out.len() >= budget.max_objects {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;
    use lopdf::dictionary;
    use std::time::Instant;

    fn budget() -> Budget {
        Budget::new(&Limits::default(), Instant::now(), 1.0)
    }

    fn doc_with_tree(kids_of_root: Vec<Object>) -> Document {
        let mut doc = Document::new();
        let cat = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => (2, 0)});
        doc.trailer.set("Root", cat);
        doc.objects.insert(
            (2, 0),
            Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids_of_root,
            "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
            "Resources" => dictionary!{"Font" => dictionary!{}}}),
        );
        doc
    }

    #[test]
    fn pages_in_order_with_inheritance() {
        let mut doc = doc_with_tree(vec![(10, 0).into(), (11, 0).into()]);
        doc.objects.insert((10, 0), Object::Dictionary(dictionary! {"Type" => "Page", "N" => 1}));
        doc.objects.insert(
            (11, 0),
            Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![(12, 0).into(), (13, 0).into()]}),
        );
        doc.objects.insert((12, 0), Object::Dictionary(dictionary! {"Type" => "Page", "N" => 2}));
        doc.objects.insert(
            (13, 0),
            Object::Dictionary(dictionary! {"Type" => "Page", "N" => 3,
            "CropBox" => vec![10.into(), 10.into(), 500.into(), 700.into()]}),
        );
        let pages = pages(&doc, &mut budget()).unwrap();
        let n: Vec<i64> = pages.iter().map(|p| p.dict.get(b"N").unwrap().as_i64().unwrap()).collect();
        assert_eq!(n, vec![1, 2, 3]);
        assert!(pages.iter().all(|p| p.resources.is_some()));
        assert_eq!(pages[0].bbox, Some([0.0, 0.0, 600.0, 800.0]));
        assert_eq!(pages[2].bbox, Some([0.0, 0.0, 600.0, 800.0]));
    }

    #[test]
    fn cycles_are_walked_once() {
        let mut doc = doc_with_tree(vec![(10, 0).into(), (2, 0).into(), (10, 0).into()]);
        doc.objects.insert((10, 0), Object::Dictionary(dictionary! {"Type" => "Page"}));
        assert_eq!(pages(&doc, &mut budget()).unwrap().len(), 1);
    }

    #[test]
    fn a_broken_tree_falls_back_to_scanning() {
        let mut doc = doc_with_tree(vec![(99, 0).into()]);
        doc.objects.insert((20, 0), Object::Dictionary(dictionary! {"Type" => "Page", "Parent" => (2, 0)}));
        let p = pages(&doc, &mut budget()).unwrap();
        assert_eq!(p.len(), 1);
        assert!(p[0].resources.is_some());
    }
}
