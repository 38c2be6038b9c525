//! The layers of `src/` read bottom-up: text -> model -> wire -> client -> host. A file imports
//! only from its own layer or the ones below, never through `lib.rs`, and no two files import
//! each other, directly or around a loop. Read from the source text, so it holds for every cfg.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: [&str; 5] = ["text", "model", "wire", "client", "host"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/model/validate.rs` -> `["model", "validate"]`; `src/model/mod.rs` -> `["model"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Module paths named in `use` declarations and paths (`crate::a::b`, `super::c`), resolved.
fn imports(module: &[String], is_mod_rs: bool, text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    // `super::` is the parent module; `use child::` in a mod.rs names its own child.
    let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    let this = module.to_vec();
    // `use super::*;` is how a file's inline test module sees the file itself.
    for line in text.lines().map(str::trim).filter(|l| !l.starts_with("//") && *l != "use super::*;") {
        for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                let after = &rest[at + prefix.len()..];
                let path: Vec<String> = after
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or("")
                    .split("::")
                    .take_while(|p| p.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    .map(String::from)
                    .collect();
                let mut target = base.clone();
                target.extend(path);
                found.push(target);
                rest = &after[..];
            }
        }
        // `pub use child::...` in a mod.rs re-exports from its own child modules.
        let used = line.strip_prefix("pub use ").or_else(|| line.strip_prefix("use "));
        if let Some(used) = used.filter(|_| is_mod_rs) {
            let first = used.split("::").next().unwrap_or("");
            if first.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && !["crate", "super", "alloc", "core", "std", "self"].contains(&first) && !first.contains('{') {
                let mut target = this.clone();
                target.push(first.into());
                found.push(target);
            }
        }
    }
    found
}

#[test]
fn layers_import_downward_only_and_files_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let modules: BTreeMap<Vec<String>, PathBuf> = all.iter().map(|f| (module_of(&src, f), f.clone())).collect();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (module, file) in &modules {
        if module == &["lib"] {
            continue; // lib.rs only declares and re-exports
        }
        let is_mod_rs = file.ends_with("mod.rs");
        let text = std::fs::read_to_string(file).unwrap();
        let own = LAYERS.iter().position(|l| *l == module[0]).unwrap_or_else(|| panic!("{} is in no layer", file.display()));
        for target in imports(module, is_mod_rs, &text) {
            let Some(top) = target.first() else { continue };
            let Some(layer) = LAYERS.iter().position(|l| l == top) else {
                // An item of lib.rs (`crate::Error`): reaching up through the crate root.
                wrong.push(format!("{} reaches through lib.rs: crate::{}", file.display(), target.join("::")));
                continue;
            };
            if layer > own {
                wrong.push(format!("{} ({}) imports up from {}", file.display(), LAYERS[own], target.join("::")));
            }
            // The longest module path that is a file.
            let mut resolved = target.clone();
            while !resolved.is_empty() && !modules.contains_key(&resolved) {
                resolved.pop();
            }
            if !resolved.is_empty() && resolved != *module {
                graph.entry(module.clone()).or_default().insert(resolved);
            }
        }
    }
    // A cycle: a module that reaches itself.
    for start in graph.keys() {
        let mut stack: Vec<Vec<String>> = graph[start].iter().cloned().collect();
        let mut seen = BTreeSet::new();
        while let Some(next) = stack.pop() {
            if next == *start {
                wrong.push(format!("{} imports itself around a loop", start.join("::")));
                break;
            }
            if seen.insert(next.clone()) {
                stack.extend(graph.get(&next).into_iter().flatten().cloned());
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(graph.len() > 15, "the checker read the imports ({} modules with imports)", graph.len());
}
