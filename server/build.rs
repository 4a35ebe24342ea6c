//! Build step: minifies `style/*.css` with Lightning CSS, strips the comment lines of the scripts
//! of `public/`, and lists every file of `public/` for `include_bytes!`, so the release binary
//! carries all of it and runs from any directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

use lightningcss::printer::PrinterOptions;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, StyleSheet};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest_dir
        .parent()
        .expect("server/ sits in the workspace");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));

    let style_dir = root.join("style");
    let public_dir = root.join("public");
    println!("cargo:rerun-if-changed={}", style_dir.display());
    println!("cargo:rerun-if-changed={}", public_dir.display());

    // The stylesheet: style/main.css, minified.
    let source = fs::read_to_string(style_dir.join("main.css")).expect("style/main.css exists");
    let mut sheet = StyleSheet::parse(&source, ParserOptions::default())
        .unwrap_or_else(|e| panic!("style/main.css does not parse: {e}"));
    sheet
        .minify(MinifyOptions::default())
        .unwrap_or_else(|e| panic!("style/main.css does not minify: {e}"));
    let css = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .unwrap_or_else(|e| panic!("style/main.css does not print: {e}"))
        .code;
    let css_path = out_dir.join("style.min.css");
    fs::write(&css_path, &css).expect("OUT_DIR is writable");

    // Public files, each with its URL path.
    let mut files = Vec::new();
    collect(&public_dir, &public_dir, &mut files);
    files.sort();
    let mut code = String::new();
    writeln!(code, "/// Every file of `public/`: (URL path, bytes).").ok();
    writeln!(code, "pub static PUBLIC_FILES: &[(&str, &[u8])] = &[").ok();
    for (url, path) in &files {
        let path = if path.extension().is_some_and(|e| e == "js") {
            // Scripts go out without their comment lines and indentation (a third fewer bytes
            // on a first visit); the sources in public/ keep them for whoever reads the code.
            let script = fs::read_to_string(path).expect("public scripts are UTF-8");
            let stripped = strip_comment_lines(&script);
            let out = out_dir.join(format!("public{}", url.replace('/', "_")));
            fs::write(&out, stripped).expect("OUT_DIR is writable");
            out
        } else {
            path.clone()
        };
        writeln!(code, "    ({url:?}, include_bytes!({:?})),", path.display()).ok();
    }
    writeln!(code, "];").ok();
    writeln!(
        code,
        "/// The minified stylesheet.\npub static STYLE_CSS: &[u8] = include_bytes!({:?});",
        css_path.display()
    )
    .ok();
    fs::write(out_dir.join("embedded_assets.rs"), code).expect("OUT_DIR is writable");
}

/// `script` without its whole-line `//` comments, blank lines and indentation. Only whole lines:
/// a `//` inside a line may be part of a string (a URL), so lines that hold code stay as they are.
fn strip_comment_lines(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    for line in script.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, out);
        } else if let Ok(relative) = path.strip_prefix(base) {
            let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            out.push((url, path));
        }
    }
}
