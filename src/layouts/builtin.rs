//! The layouts built into the binary, from `layouts/`.

use crate::diag::{nearest, Code, Diagnostic, FileId, Origin};
use crate::reader::{self, Node, Value};

/// The built-in layouts: name, file text.
pub const BUILTIN: [(&str, &str); 5] = [
    ("full", include_str!("../../layouts/full.toml")),
    ("onepage", include_str!("../../layouts/onepage.toml")),
    ("classic", include_str!("../../layouts/classic.toml")),
    ("tech", include_str!("../../layouts/tech.toml")),
    ("banner", include_str!("../../layouts/banner.toml")),
];

/// Whether `name` is a built-in layout.
pub fn is_builtin(name: &str) -> bool {
    BUILTIN.iter().any(|(n, _)| *n == name)
}

/// The description line of a built-in layout.
pub fn description(text: &str) -> String {
    let Ok(Node {
        value: Value::Table(t),
        ..
    }) = reader::parse(FileId(0), text)
    else {
        return String::new();
    };
    match t.get("description").map(|n| &n.value) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The error for a built-in layout name that does not exist; `paths` when a path
/// to a layout file would do too.
pub fn unknown_builtin(name: &str, from: Option<Origin>, paths: bool) -> Diagnostic {
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let d = Diagnostic::error(
        Code::UnknownName,
        format!("there is no built-in layout `{}`", crate::diag::clip(name)),
        from,
    );
    match nearest(name, names.iter().copied()) {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => d.with_help(format!(
            "the built-in layouts are {}{}",
            names.join(", "),
            if paths {
                "; or give a path to a layout file"
            } else {
                ""
            }
        )),
    }
}
