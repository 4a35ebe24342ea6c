//! The shape of the code, checked like behaviour is: no two modules of the server import each
//! other, directly or through others. A cycle means two ideas that cannot be read (or changed)
//! apart; the one that appears must be cut, usually by moving what both need into a third
//! module. A module is a file; an edge is any path naming another module (`use`, or a path in
//! code: `crate::…`, `super::…`, `self::…`, or a child module by name).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

type Module = Vec<String>;

/// Every module file under `src` (the library's; `main.rs` is the binary's own crate).
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
                continue;
            }
            let relative = path
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut module: Module = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            out.insert(module, path);
        }
    }
    out
}

/// Every path the file writes, as segments (use trees flattened).
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.push(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.push(prefix, &r.ident),
            syn::UseTree::Glob(_) => self.0.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    fn push(&mut self, prefix: &[String], last: &syn::Ident) {
        let mut path = prefix.to_vec();
        if last != "self" {
            path.push(last.to_string());
        }
        self.0.push(path);
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.0
            .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }

    // `pub(super)` names a module, but imports nothing from it.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    // Tests live with their module and may reach anywhere.
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        let is_test = module.attrs.iter().any(|a| {
            a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
        });
        if !is_test {
            syn::visit::visit_item_mod(self, module);
        }
    }
}

/// The module a path names, if it names one of ours: the longest prefix that is a module.
fn target(from: &Module, path: &[String], all: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let (mut base, rest): (Module, &[String]) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (from.clone(), &path[1..]),
        "super" => {
            let mut base = from.clone();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        // A child module named directly.
        first => {
            let mut child = from.clone();
            child.push(first.to_owned());
            if !all.contains_key(&child) {
                return None;
            }
            (from.clone(), path)
        }
    };
    let mut found = all.contains_key(&base).then(|| base.clone());
    for segment in rest {
        base.push(segment.clone());
        if all.contains_key(&base) {
            found = Some(base.clone());
        } else {
            break;
        }
    }
    found.filter(|m| m != from)
}

/// The groups of modules that import each other (strongly connected, more than one module).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    // Two modules are in one group when each reaches the other.
    let reach = |start: &Module| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(m) = todo.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Module, BTreeSet<Module>> =
        edges.keys().map(|m| (m, reach(m))).collect();
    let mut grouped = BTreeSet::new();
    let mut groups = Vec::new();
    for (m, from_m) in &reached {
        if grouped.contains(*m) || !from_m.contains(*m) {
            continue;
        }
        let group: Vec<Module> = from_m
            .iter()
            .filter(|other| reached[other].contains(*m))
            .cloned()
            .collect();
        grouped.extend(group.iter().cloned());
        groups.push(group);
    }
    groups
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

#[test]
fn no_two_server_modules_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = modules(&src);
    assert!(all.len() > 50, "found the modules ({})", all.len());
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, file) in &all {
        let text = std::fs::read_to_string(file).expect("read module");
        let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut paths = Paths::default();
        paths.visit_file(&parsed);
        let targets = paths
            .0
            .iter()
            .filter_map(|p| target(module, p, &all))
            .collect();
        edges.insert(module.clone(), targets);
    }
    let found = cycles(&edges);
    let described: Vec<String> = found
        .iter()
        .map(|group| group.iter().map(name).collect::<Vec<_>>().join(" ⇄ "))
        .collect();
    assert!(
        found.is_empty(),
        "{} import cycle(s) between server modules:\n{}",
        found.len(),
        described.join("\n")
    );
}

#[test]
fn the_cycle_check_sees_a_cycle_when_there_is_one() {
    // a → b → c → a, and d alone.
    let m = |s: &str| vec![s.to_owned()];
    let edges = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("c")])),
        (m("c"), BTreeSet::from([m("a"), m("d")])),
        (m("d"), BTreeSet::new()),
    ]);
    assert_eq!(cycles(&edges), vec![vec![m("a"), m("b"), m("c")]]);
    let all: BTreeMap<Module, PathBuf> = [vec![], m("x"), vec!["x".into(), "y".into()]]
        .into_iter()
        .map(|k| (k, PathBuf::new()))
        .collect();
    let y = vec!["x".to_owned(), "y".to_owned()];
    let p = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(target(&y, &p("super::Thing"), &all), Some(m("x")));
    assert_eq!(target(&m("x"), &p("y::thing"), &all), Some(y.clone()));
    assert_eq!(target(&vec![], &p("crate::x::y::Z"), &all), Some(y));
    assert_eq!(target(&m("x"), &p("std::fmt"), &all), None);
}
