//! The crate's shape: small source files, no two modules importing each other, and no code
//! shared with the client crate (the sandbox stands in for the server).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const MAX_LINES: usize = 600;

/// Every library source file (not the binary's `main.rs`) with its module path
/// (`crate`, `state`, `state::payments`, …).
fn modules() -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}::"), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match (prefix, name.as_str()) {
                    ("", "lib") => "crate".to_string(),
                    ("", "main") => continue,
                    (p, "mod") => p.trim_end_matches("::").to_string(),
                    (p, n) => format!("{p}{n}"),
                };
                out.insert(module, path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new(SRC), "", &mut out);
    out
}

/// The code of a file without comments and without its `#[cfg(test)]` unit tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands `use a::{b, c::{d, e}};` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |e| format!("{prefix}{e}")))
        .collect()
}

/// The modules `module` refers to: through `crate::…`, `super::…`, and its own children.
fn imports(module: &str, code: &str, all: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let parent = |m: &str| match m.rfind("::") {
        Some(i) => m[..i].to_string(),
        None => "crate".to_string(),
    };
    let mut paths: Vec<String> = Vec::new();
    // `use` trees (possibly grouped, possibly over several lines), then every other path.
    let mut rest = String::new();
    let mut stmt: Option<String> = None;
    for line in code.lines() {
        let t = line.trim_start();
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        match (&mut stmt, t.strip_prefix("use ")) {
            (None, Some(u)) => stmt = Some(u.to_string()),
            (Some(s), _) => s.push_str(line),
            (None, None) => {
                rest.push_str(line);
                rest.push('\n');
            }
        }
        if let Some(s) = stmt.take_if(|s| s.trim_end().ends_with(';')) {
            paths.extend(expand(s.trim_end().trim_end_matches(';')));
        }
    }
    let bytes = rest.as_bytes();
    for (i, _) in rest.match_indices("::") {
        // The path this `::` belongs to, from its first segment.
        let start = rest[..i]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |s| s + 1);
        if start == i || (start > 0 && bytes[start - 1] == b':') {
            continue;
        }
        let end = rest[i..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(rest.len(), |e| i + e);
        paths.push(rest[start..end].to_string());
    }
    let children: BTreeSet<String> = all
        .keys()
        .filter(|m| m.as_str() != module && parent(m) == module)
        .cloned()
        .collect();
    let mut out = BTreeSet::new();
    for p in paths {
        let segs: Vec<&str> = p.split("::").filter(|s| !s.is_empty()).collect();
        let (base, rest): (String, &[&str]) = match segs.first() {
            Some(&"crate") => ("crate".into(), &segs[1..]),
            Some(&"super") => (parent(module), &segs[1..]),
            Some(&"self") => (module.to_string(), &segs[1..]),
            Some(first) => {
                let child = if module == "crate" {
                    first.to_string()
                } else {
                    format!("{module}::{first}")
                };
                if !children.contains(&child) {
                    continue; // an external crate or a local item
                }
                (child, &segs[1..])
            }
            None => continue,
        };
        // The longest prefix that is a module.
        let mut target = base.clone();
        let mut cur = if base == "crate" { String::new() } else { base };
        for s in rest {
            let next = if cur.is_empty() {
                s.to_string()
            } else {
                format!("{cur}::{s}")
            };
            if all.contains_key(&next) {
                target = next.clone();
                cur = next;
            } else {
                break;
            }
        }
        if target != module {
            out.insert(target);
        }
    }
    out
}

#[test]
fn source_files_stay_under_600_lines() {
    let long: Vec<String> = modules()
        .values()
        .filter_map(|p| {
            let n = std::fs::read_to_string(p).unwrap().lines().count();
            (n >= MAX_LINES).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "too long: {long:?}");
}

#[test]
fn no_two_modules_import_each_other() {
    let all = modules();
    let graph: BTreeMap<String, BTreeSet<String>> = all
        .iter()
        .map(|(m, p)| (m.clone(), imports(m, &code(p), &all)))
        .collect();
    // The scan sees real imports (or this test proves nothing).
    assert!(graph["persist"].contains("state"), "{:?}", graph["persist"]);
    assert!(graph["state::payments"].contains("state::record"));
    assert!(graph["routes"].contains("routes::lightning"));
    let cycles = circles(&graph);
    assert!(
        cycles.is_empty(),
        "modules importing each other: {cycles:?}"
    );
}

/// Pairs that import each other, seen at the level where they part: `a::x` using `b::y` counts
/// as `a` using `b` (so `persist` and the whole `state` tree may not import each other), and a
/// child using its parent counts as itself using the parent.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    fn segs(m: &str) -> Vec<&str> {
        if m == "crate" {
            Vec::new()
        } else {
            m.split("::").collect()
        }
    }
    let mut edges = BTreeSet::new();
    for (a, outs) in graph {
        for b in outs {
            let (sa, sb) = (segs(a), segs(b));
            let common = sa.iter().zip(&sb).take_while(|(x, y)| x == y).count();
            let level = |s: &[&str]| match s[..(common + 1).min(s.len())].join("::") {
                root if root.is_empty() => "crate".to_string(),
                m => m,
            };
            let (la, lb) = (level(&sa), level(&sb));
            if la != lb {
                edges.insert((la, lb));
            }
        }
    }
    edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect()
}

#[test]
fn the_scan_finds_a_circle() {
    let all: BTreeMap<String, PathBuf> = ["crate", "a", "a::b", "c"]
        .iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let a = imports(
        "a",
        "pub use crate::c::{\n    X,\n    Y,\n};\nfn f() { b::g() } // \"because use x::y;\"",
        &all,
    );
    assert_eq!(a, ["a::b", "c"].iter().map(|s| s.to_string()).collect());
    let b = imports("a::b", "use super::Z;", &all);
    assert_eq!(b, ["a".to_string()].into_iter().collect());
    let c = imports("c", "#[serde(with = \"crate::a::b::x\")] struct S;", &all);
    assert_eq!(c, ["a::b".to_string()].into_iter().collect());
    let graph = [("a", a), ("a::b", b), ("c", c)]
        .into_iter()
        .map(|(m, i)| (m.to_string(), i))
        .collect();
    // a uses c, and c uses something inside a: that is a circle; a and its child, another.
    assert_eq!(circles(&graph), ["a <-> a::b", "a <-> c"]);
}

#[test]
fn the_sandbox_shares_no_code_with_the_client() {
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    assert!(
        !manifest
            .lines()
            .any(|l| l.trim_start().starts_with("ninjapay ")
                || l.trim_start().starts_with("ninjapay.")
                || l.trim_start().starts_with("ninjapay=")),
        "the sandbox must not depend on the client crate"
    );
    for (m, p) in modules() {
        assert!(
            !code(&p).contains("ninjapay::"),
            "{m} uses the client crate"
        );
    }
}
