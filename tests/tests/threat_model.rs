//! `docs/THREAT_MODEL.md` names, for each attack, the test that shows the
//! defense holds, as `` `<file>::<test>` `` (a file of `tests/tests/`). This
//! test fails when a named test does not exist, so a rename or a deletion
//! cannot leave the threat model pointing at nothing.

use std::{collections::BTreeSet, fs, path::Path};

/// Every `` `<file>::<test>` `` reference in `text`.
fn references(text: &str) -> BTreeSet<(String, String)> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|code| {
            let (file, test) = code.split_once("::")?;
            let is_ident = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            };
            (is_ident(file) && is_ident(test)).then(|| (file.to_owned(), test.to_owned()))
        })
        .collect()
}

#[test]
fn every_test_the_threat_model_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = fs::read_to_string(root.join("../docs/THREAT_MODEL.md")).expect("threat model");
    let refs = references(&model);
    assert!(refs.len() >= 50, "only {} references found", refs.len());
    let missing: Vec<String> = refs
        .iter()
        .filter(|(file, test)| {
            let source = fs::read_to_string(root.join("tests").join(format!("{file}.rs")))
                .unwrap_or_default();
            !source.contains(&format!("fn {test}("))
        })
        .map(|(file, test)| format!("{file}::{test}"))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/THREAT_MODEL.md names tests that do not exist: {missing:#?}"
    );
}

#[test]
fn references_are_parsed_from_code_spans_only() {
    let text = "a `x_y::z_1` and `A::b` and ``, `plain` and `f::g`";
    let refs: Vec<_> = references(text).into_iter().collect();
    assert_eq!(
        refs,
        vec![
            ("f".to_owned(), "g".to_owned()),
            ("x_y".to_owned(), "z_1".to_owned())
        ]
    );
}
