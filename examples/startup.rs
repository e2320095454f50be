use std::time::Instant;
fn main() {
    for _ in 0..3 {
        let t = Instant::now();
        let mut n = 0;
        for (_, text) in luxlint::rules::builtin::TERM_FILES {
            let v: toml::Value = toml::from_str(text).unwrap();
            n += v.as_table().map_or(0, |t| t.len());
        }
        let toml_t = t.elapsed();
        let t = Instant::now();
        let rules = luxlint::rules::RuleSet::builtin().unwrap();
        let rules_t = t.elapsed();
        let t = Instant::now();
        let mut phrases = 0;
        for r in &rules.rules {
            for p in &r.phrases {
                for f in luxlint::rules::expand::expand_braces(p, 4096).unwrap() {
                    let _ = luxlint::text::normalize_str(&f);
                    phrases += 1;
                }
            }
        }
        let norm_t = t.elapsed();
        let t = Instant::now();
        for r in &rules.rules {
            for p in &r.patterns {
                let _ = regex::Regex::new(p.regex.as_str()).unwrap();
            }
        }
        let re_t = t.elapsed();
        println!(
            "{n} toml {:?}; RuleSet::builtin {:?}; expand+normalize {phrases} phrases {:?}; regex compile {:?}",
            toml_t, rules_t, norm_t, re_t
        );
    }
}
