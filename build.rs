//! Embeds every checklist item file of `rules/checklists/` in the binary, so adding an item is
//! adding a file (the list is generated, sorted by name).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("rules/checklists");
    println!("cargo::rerun-if-changed=rules/checklists");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("&[\n");
    for n in &names {
        let _ = writeln!(
            code,
            "    (\"rules/checklists/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/checklists/{n}\"))),"
        );
    }
    code.push(']');
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("checklist_files.rs");
    std::fs::write(out, code).expect("write the list of checklist files");
}
