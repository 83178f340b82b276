//! The project's structure rules, checked on the source text: modules import only
//! from modules below them in the stage order, and no function is longer than a
//! newcomer can hold in mind. ARCHITECTURE.md explains both rules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The modules of `src/`, bottom first. A module may use the ones before it, never
/// one after it: the table "The stage order" in ARCHITECTURE.md, which explains it.
const STAGES: &[&str] = &[
    "diag",
    "lang",
    "files",
    "reader",
    "dates",
    "markup",
    "schema",
    "bib",
    "fonts",
    "text",
    "hyphenate",
    "linebreak",
    "layouts",
    "select",
    "images",
    "typeset",
    "paginate",
    "pdf",
    "compile",
    "report",
    "json_schema",
    "import",
    "cli",
    "fuzz",
];

/// The longest a function may be, from its `fn` line to its closing brace. Typst's
/// and ripgrep's longest functions sit near this; longer ones mix several jobs.
const LONGEST_FUNCTION: usize = 120;

/// Every `.rs` file below `dir`, sorted so that reports come out in the same order.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The module a file belongs to: its first path component below `src/`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("file is below src/");
    let first = rel.components().next().expect("a file has a name");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The text with comments, string and character literals blanked out (newlines
/// kept), so that braces and `crate::` in them do not count.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, s: &[u8]| {
        out.extend(s.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }))
    };
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (0usize, 0);
            while j < rest.len() {
                if rest[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j]);
            i += j;
        } else if let Some(len) = raw_string(rest) {
            blank(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == b'"' || rest.starts_with(b"b\"") {
            let mut j = if rest[0] == b'"' { 1 } else { 2 };
            while j < rest.len() && rest[j] != b'"' {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == b'\'' {
            let len = char_literal(rest);
            blank(&mut out, &rest[..len]);
            i += len.max(1);
            if len == 0 {
                out.push(b'\'');
            }
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br"…"`) at the start.
fn raw_string(s: &[u8]) -> Option<usize> {
    let start = if s.starts_with(b"br") {
        2
    } else if s.starts_with(b"r") {
        1
    } else {
        return None;
    };
    let hashes = s[start..].iter().take_while(|&&c| c == b'#').count();
    if s.get(start + hashes) != Some(&b'"') {
        return None;
    }
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    let body = start + hashes + 1;
    let end = s[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())?;
    Some(body + end + close.len())
}

/// The length of a character literal at the start, or 0 for a lifetime.
fn char_literal(s: &[u8]) -> usize {
    if s.get(1) == Some(&b'\\') {
        return s[2..].iter().position(|&c| c == b'\'').map_or(0, |p| p + 3);
    }
    // One character (up to four bytes of UTF-8) and a closing quote.
    let width = match s.get(1) {
        Some(&c) if c >= 0xF0 => 4,
        Some(&c) if c >= 0xE0 => 3,
        Some(&c) if c >= 0xC0 => 2,
        Some(_) => 1,
        None => return 0,
    };
    if s.get(1 + width) == Some(&b'\'') {
        2 + width
    } else {
        0
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The modules a file's code names through `crate::` paths, with the line of each.
fn imports(code: &str) -> Vec<(String, usize)> {
    let b = code.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let start = from + at;
        from = start + 7;
        if start > 0 && (is_ident(b[start - 1]) || b[start - 1] == b'$') {
            continue;
        }
        let line = code[..start].matches('\n').count() + 1;
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of a `crate::{a, b::c, d}` group.
            let (mut depth, mut name, mut first) = (0, String::new(), true);
            let take = |name: &mut String, found: &mut Vec<(String, usize)>| {
                if !name.is_empty() && name != "self" {
                    found.push((std::mem::take(name), line));
                }
                name.clear();
            };
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        take(&mut name, &mut found);
                        first = true;
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 && first {
                    if c.is_alphanumeric() || c == '_' {
                        name.push(c);
                    } else if !name.is_empty() {
                        take(&mut name, &mut found);
                        first = false;
                    }
                }
            }
            take(&mut name, &mut found);
        } else {
            let name: String = rest
                .chars()
                .take_while(|&c| c.is_alphanumeric() || c == '_')
                .collect();
            found.push((name, line));
        }
    }
    found
}

/// Every function with a body: its name, first line and length in lines.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let b = code.as_bytes();
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("fn ") {
        let start = from + at;
        from = start + 3;
        if start > 0 && is_ident(b[start - 1]) {
            continue;
        }
        let name: String = code[from..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_')
            .collect();
        if name.is_empty() {
            continue; // a `fn(…)` pointer type
        }
        // The body opens at the first `{` outside parentheses and brackets; a `;`
        // there first means a declaration without a body.
        let (mut depth, mut open) = (0i32, None);
        for (j, &c) in b[from..].iter().enumerate() {
            match c {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b';' if depth == 0 => break,
                b'{' if depth == 0 => {
                    open = Some(from + j);
                    break;
                }
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        let mut depth = 0;
        for (j, &c) in b[open..].iter().enumerate() {
            match c {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        let first = line_of(start);
                        found.push((name.clone(), first, line_of(open + j) - first + 1));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn modules_import_only_from_below() {
    let src = src();
    let rank: BTreeMap<&str, usize> = STAGES.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let mut problems = Vec::new();
    for file in sources(&src) {
        let module = module_of(&src, &file);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(&own) = rank.get(module.as_str()) else {
            problems.push(format!(
                "{}: module `{module}` is not in STAGES",
                file.display()
            ));
            continue;
        };
        let code = code_only(&std::fs::read_to_string(&file).expect("readable"));
        for (used, line) in imports(&code) {
            match rank.get(used.as_str()) {
                Some(&r) if r <= own => {}
                Some(_) => problems.push(format!(
                    "{}:{line}: `{module}` uses `{used}`, which is above it in the stage order",
                    file.display()
                )),
                None => problems.push(format!(
                    "{}:{line}: `{module}` uses `crate::{used}`, not a module in STAGES",
                    file.display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_module_is_in_the_stage_order() {
    let src = src();
    let mut modules: Vec<String> = sources(&src)
        .iter()
        .map(|f| module_of(&src, f))
        .filter(|m| m != "lib" && m != "main")
        .collect();
    modules.dedup();
    for stage in STAGES {
        assert!(
            modules.iter().any(|m| m == stage),
            "STAGES names `{stage}`, which src/ lacks"
        );
    }
}

#[test]
fn functions_are_short() {
    let src = src();
    let mut long = Vec::new();
    for file in sources(&src) {
        let code = code_only(&std::fs::read_to_string(&file).expect("readable"));
        for (name, line, len) in functions(&code) {
            if std::env::var_os("CVC_LIST_FUNCTIONS").is_some() {
                println!("{len:5} {}:{line} {name}", file.display());
            }
            if len > LONGEST_FUNCTION {
                long.push(format!(
                    "{}:{line}: `{name}` is {len} lines",
                    file.display()
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "longer than {LONGEST_FUNCTION} lines:\n{}",
        long.join("\n")
    );
}

/// The scanner itself: a brace in a string, a comment or a character literal is
/// not code, and a lifetime is not a character literal.
#[test]
fn the_scanner_skips_what_is_not_code() {
    let code =
        code_only("fn a<'x>(s: &'x str) { let c = '{'; let d = \"}\"; /* { */ // {\n }\nfn b() {}");
    let fns = functions(&code);
    assert_eq!(fns, vec![("a".into(), 1, 2), ("b".into(), 3, 1)]);
    let code = code_only(
        "use crate::{diag::{Code, x}, files, self};\nlet s = \"crate::cli\"; crate::text::f();",
    );
    let names: Vec<String> = imports(&code).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["diag", "files", "text"]);
    let code = code_only("let r = r#\"fn x() {\"#; fn y() {\n}");
    assert_eq!(functions(&code), vec![("y".into(), 1, 2)]);
}
