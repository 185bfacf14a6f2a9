//! Events declared in a contract crate's `sol!` blocks.
//!
//! stylus-sdk 0.9's export-abi prints functions and errors but no events, so
//! the generated interface would miss them. We parse the crate's Rust sources
//! with `syn`, take every `sol! { ... }` invocation (outside `#[cfg(test)]`
//! modules), parse its tokens as Solidity with `syn-solidity`, and render each
//! top-level `event` item as a Solidity declaration. Events nested inside a
//! `contract`/`interface` item of a `sol!` block describe *other* contracts and
//! are skipped; so are events declared in dependencies (e.g. OpenZeppelin).

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use anyhow::{bail, Context, Result};
use syn::visit::Visit;
use syn_solidity::{File as SolFile, Item, ItemEvent, Type};

/// Solidity declarations (`event Name(type indexed name, ...);`) of every
/// event found in the `.rs` files under `dir`, sorted by name then text,
/// without duplicates.
pub fn events_in_dir(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    collect_rs_files(dir, &mut files)?;
    files.sort();
    let mut items = Vec::new();
    for file in &files {
        let src = fs::read_to_string(file)
            .with_context(|| format!("failed to read {}", file.display()))?;
        items.extend(sol_items(&src).with_context(|| format!("in {}", file.display()))?);
    }
    render_events(&items)
}

/// The code of every `.rs` file under `dir` without its `//` comments (doc
/// comments included), concatenated in path order.
pub fn code_text(dir: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_rs_files(dir, &mut files)?;
    files.sort();
    let mut text = String::new();
    for file in &files {
        let src = fs::read_to_string(file)
            .with_context(|| format!("failed to read {}", file.display()))?;
        text.push_str(&strip_line_comments(&src));
    }
    Ok(text)
}

/// `src` with everything from `//` to the end of each line removed.
fn strip_line_comments(src: &str) -> String {
    src.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Events of a single Rust source text (see [`events_in_dir`]).
#[cfg(test)]
pub fn events_in_source(src: &str) -> Result<Vec<String>> {
    render_events(&sol_items(src)?)
}

/// Top-level items of every `sol!` invocation in `src`.
fn sol_items(src: &str) -> Result<Vec<Item>> {
    let file = syn::parse_file(src).context("failed to parse Rust source")?;
    let mut finder = SolFinder::default();
    finder.visit_file(&file);
    if let Some(err) = finder.error {
        return Err(err);
    }
    Ok(finder.items)
}

#[derive(Default)]
struct SolFinder {
    items: Vec<Item>,
    error: Option<anyhow::Error>,
}

impl<'ast> Visit<'ast> for SolFinder {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if !is_cfg_test(&module.attrs) {
            syn::visit::visit_item_mod(self, module);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let is_sol = mac.path.segments.last().is_some_and(|s| s.ident == "sol");
        if !is_sol || self.error.is_some() {
            return;
        }
        match syn::parse2::<SolFile>(mac.tokens.clone()) {
            Ok(file) => self.items.extend(file.items),
            Err(e) => self.error = Some(anyhow::anyhow!("cannot parse a sol! block: {e}")),
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

fn render_events(items: &[Item]) -> Result<Vec<String>> {
    // Custom types an event may use: sol! enums encode as uint8, user-defined
    // value types as their underlying type.
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    for item in items {
        match item {
            Item::Enum(e) => {
                aliases.insert(e.name.to_string(), "uint8".into());
            }
            Item::Udt(u) => {
                aliases.insert(u.name.to_string(), u.ty.to_string());
            }
            _ => {}
        }
    }
    let mut events: Vec<(String, String)> = Vec::new();
    for item in items {
        if let Item::Event(event) = item {
            events.push((event.name.to_string(), render_event(event, &aliases)?));
        }
    }
    events.sort();
    events.dedup();
    Ok(events.into_iter().map(|(_, text)| text).collect())
}

fn render_event(event: &ItemEvent, aliases: &BTreeMap<String, String>) -> Result<String> {
    let mut params = Vec::new();
    for param in &event.parameters {
        let mut text =
            render_type(&param.ty, aliases).with_context(|| format!("in event {}", event.name))?;
        if param.is_indexed() {
            text.push_str(" indexed");
        }
        if let Some(name) = &param.name {
            text.push(' ');
            text.push_str(&name.to_string());
        }
        params.push(text);
    }
    let anonymous = if event.is_anonymous() {
        " anonymous"
    } else {
        ""
    };
    Ok(format!(
        "event {}({}){anonymous};",
        event.name,
        params.join(", ")
    ))
}

fn render_type(ty: &Type, aliases: &BTreeMap<String, String>) -> Result<String> {
    match ty {
        Type::Custom(path) => {
            let name = path.to_string();
            match aliases.get(&name) {
                Some(alias) => Ok(alias.clone()),
                None => bail!(
                    "parameter type `{name}` is not an elementary type, a sol! enum or a \
                     user-defined value type; `cargo xtask abi` cannot declare it in the interface"
                ),
            }
        }
        Type::Array(array) => {
            let inner = render_type(&array.ty, aliases)?;
            let size = array.size().map(|n| n.to_string()).unwrap_or_default();
            Ok(format!("{inner}[{size}]"))
        }
        Type::Tuple(_) | Type::Function(_) | Type::Mapping(_) => {
            bail!("parameter type `{ty}` cannot appear in an event declaration")
        }
        other => Ok(other.to_string()),
    }
}

fn collect_rs_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("failed to read {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_text_drops_comments() {
        assert_eq!(
            strip_line_comments("/// Paused docs\nuse a::Paused; // note\n//! top"),
            "\nuse a::Paused; \n"
        );
    }

    #[test]
    fn extracts_events_and_skips_other_items() {
        let src = r#"
            use alloy_sol_types::sol;
            sol! {
                /// Emitted when data is added.
                event ContributionSubmitted(
                    uint256 indexed datanetId,
                    uint256 indexed contributionId,
                    address indexed contributor,
                    bytes32 contentHash,
                    string uri
                );
                error NotOwner(address caller);
                enum Status { Pending, Approved }
                type Bps is uint16;
                event StatusChanged(uint64 indexed id, Status status, Bps rate, bytes32[] hashes) anonymous;
            }
            mod inner {
                fn f() {
                    alloy_sol_types::sol! { event Inner(address a); }
                }
            }
            #[cfg(test)]
            mod tests {
                sol! { event OnlyInTests(uint256 x); }
            }
        "#;
        assert_eq!(
            events_in_source(src).unwrap(),
            vec![
                "event ContributionSubmitted(uint256 indexed datanetId, uint256 indexed \
                 contributionId, address indexed contributor, bytes32 contentHash, string uri);",
                "event Inner(address a);",
                "event StatusChanged(uint64 indexed id, uint8 status, uint16 rate, \
                 bytes32[] hashes) anonymous;",
            ]
        );
    }

    #[test]
    fn ignores_events_of_other_contracts_and_duplicates() {
        let src = r#"
            sol! { interface IErc20 { event Transfer(address indexed from, address indexed to, uint256 value); } }
            sol! { event Paid(address indexed payer, uint256 amount); }
            sol! { event Paid(address indexed payer, uint256 amount); }
        "#;
        assert_eq!(
            events_in_source(src).unwrap(),
            vec!["event Paid(address indexed payer, uint256 amount);"]
        );
    }

    #[test]
    fn rejects_struct_parameters_clearly() {
        let src = "sol! { struct S { uint256 a; } event E(S s); }";
        let err = format!("{:#}", events_in_source(src).unwrap_err());
        assert!(err.contains("in event E"), "{err}");
        assert!(err.contains("`S`"), "{err}");
    }
}
