//! Loading: a layout and everything it `extends`, then each `--set`, as layers of
//! trees merged into one (later keys win, tables merge key by key), each value
//! keeping the place it was written. Resolving the merged tree is `resolve`'s job.

use std::path::{Path, PathBuf};

use super::builtin::{unknown_builtin, BUILTIN};
use crate::diag::{Code, Diagnostic, FileId, Origin, SourceResult, Sources};
use crate::files;
use crate::reader::{self, Node, Reader, Table, Value};

/// Where a layout comes from.
#[derive(Debug, Clone)]
pub enum LayoutSource {
    /// A built-in layout, by name.
    Builtin(String),
    /// A layout file (its directory is where the paths it names are found).
    File(PathBuf),
    /// A layout given as text, named `name` in messages (paths it names are found
    /// from the current directory): for programs that hold a layout in memory.
    Text { name: String, text: String },
}

impl LayoutSource {
    /// The layout's name in messages: the built-in's, or the file's stem.
    pub fn name(&self) -> String {
        match self {
            LayoutSource::Builtin(n) => n.clone(),
            LayoutSource::File(path) => path
                .file_stem()
                .map_or("custom".into(), |s| s.to_string_lossy().to_string()),
            LayoutSource::Text { name, .. } => name.clone(),
        }
    }
}

/// How deep layouts may extend each other.
const MAX_EXTENDS: usize = 32;

/// A merged layout tree, and the directory of each layer's file (font paths are
/// relative to the layout file that names them).
pub(super) struct Merged {
    pub root: Node,
    pub dirs: Vec<(FileId, PathBuf)>,
}

/// Read `source` with what it extends and the `--set` overrides, and merge them.
pub(super) fn merged(
    sources: &mut Sources,
    source: &LayoutSource,
    sets: &[String],
) -> SourceResult<Merged> {
    let mut layers = Vec::new();
    let mut errors = Vec::new();
    read_layers(
        sources,
        source,
        None,
        &mut Vec::new(),
        &mut layers,
        &mut errors,
    );
    for set in sets {
        match set_layer(sources, set) {
            Ok(layer) => layers.push(layer),
            Err(d) => errors.extend(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let dirs: Vec<(FileId, PathBuf)> = layers.iter().map(|l| (l.file, l.dir.clone())).collect();
    let merged = Table::merged(layers.into_iter().map(|l| l.table));
    let root = Node {
        value: Value::Table(merged),
        at: Origin::new(dirs.last().map_or(FileId(0), |d| d.0), 0),
    };
    Ok(Merged { root, dirs })
}

/// One source of layout keys: its file, its directory, its tree.
struct Layer {
    file: FileId,
    dir: PathBuf,
    table: Table,
}

/// Read `source` and, first, what it extends; push the layers base first. `chain`
/// holds the layouts that extend this one, to find cycles.
fn read_layers(
    sources: &mut Sources,
    source: &LayoutSource,
    from: Option<Origin>,
    chain: &mut Vec<String>,
    layers: &mut Vec<Layer>,
    errors: &mut Vec<Diagnostic>,
) {
    let Some((name, key, text, dir)) = layer_text(sources, source, from, errors) else {
        return;
    };
    if chain.contains(&key) {
        errors.push(Diagnostic::error(
            Code::Invalid,
            format!(
                "layout `{name}` extends itself (through {})",
                chain.join(" → ")
            ),
            from,
        ));
        return;
    }
    if chain.len() >= MAX_EXTENDS {
        errors.push(Diagnostic::error(
            Code::Invalid,
            format!("layouts extend each other more than {MAX_EXTENDS} deep here"),
            from,
        ));
        return;
    }
    chain.push(key);
    let file = sources.add(name, text);
    let mut table = match reader::parse(file, &sources.get(file).text) {
        Ok(Node {
            value: Value::Table(t),
            ..
        }) => t,
        Ok(_) => Table::default(),
        Err(e) => {
            errors.extend(e);
            return;
        }
    };
    if let Some(base) = table.remove("extends") {
        let r = Reader::new();
        if let Some(base_name) = r.text("extends", &base) {
            let looks_like_path =
                base_name.value.contains(['/', '\\']) || base_name.value.ends_with(".toml");
            let base_source = if looks_like_path {
                LayoutSource::File(dir.join(&base_name.value))
            } else {
                LayoutSource::Builtin(base_name.value.clone())
            };
            read_layers(sources, &base_source, Some(base.at), chain, layers, errors);
        }
        errors.extend(r.into_problems());
    }
    layers.push(Layer { file, dir, table });
}

/// The text of a layout: its name for messages, the key that identifies it in a
/// chain of `extends`, the text and its directory.
fn layer_text(
    sources: &mut Sources,
    source: &LayoutSource,
    from: Option<Origin>,
    errors: &mut Vec<Diagnostic>,
) -> Option<(String, String, String, PathBuf)> {
    match source {
        LayoutSource::Builtin(n) => match BUILTIN.iter().find(|(b, _)| b == n) {
            Some((_, t)) => Some((
                format!("<built-in>/{n}.toml"),
                format!("<built-in>/{n}"),
                t.to_string(),
                PathBuf::from("."),
            )),
            None => {
                errors.push(unknown_builtin(n, from, true));
                None
            }
        },
        LayoutSource::File(path) => {
            let name = path.display().to_string();
            // Noted before it is read: `cvc watch` watches for a file that is missing.
            sources.note_input(path);
            let bytes = match files::read(path, files::LAYOUT) {
                Ok(b) => b,
                Err(reason) => {
                    errors.push(Diagnostic::error(
                        Code::Io,
                        format!("cannot read layout `{name}`: {reason}"),
                        from,
                    ));
                    return None;
                }
            };
            let text = match files::decode(bytes) {
                Ok(t) => t,
                Err(bad) => {
                    let file = sources.add(name, bad.lossy.clone());
                    errors.push(bad.diagnostic(file));
                    return None;
                }
            };
            let key = std::fs::canonicalize(path)
                .map_or_else(|_| name.clone(), |p| p.display().to_string());
            let dir = path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            Some((name, key, text, dir))
        }
        LayoutSource::Text { name, text } => Some((
            name.clone(),
            format!("<text>/{name}"),
            text.clone(),
            PathBuf::from("."),
        )),
    }
}

/// How `--set` is written.
pub const SET_HELP: &str =
    "write `--set key=value`, with a dotted key such as `page.size` or `sizes.body`";

/// The key and the value of a `--set key=value`, or why it is not one.
pub fn set_parts(set: &str) -> Result<(&str, &str), String> {
    let Some((key, value)) = set.split_once('=') else {
        return Err(format!(
            "--set needs `key=value`, not `{}`",
            crate::diag::clip(set)
        ));
    };
    let key = key.trim();
    let valid_key = !key.is_empty()
        && key.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
    if !valid_key {
        return Err(format!(
            "--set: `{}` is not a layout key",
            crate::diag::clip(key)
        ));
    }
    if key == "extends" {
        return Err("--set: `extends` belongs in a layout file".into());
    }
    let value = value.trim();
    if value.contains(['\n', '\r']) {
        return Err(format!(
            "--set: the value of `{}` runs over more than one line",
            crate::diag::clip(key)
        ));
    }
    Ok((key, value))
}

/// A `--set key=value` as a layer of its own, named `--set` in messages. The value is
/// TOML (`12`, `true`, `["a", "b"]`), or else a string (`letter`).
fn set_layer(sources: &mut Sources, set: &str) -> SourceResult<Layer> {
    let (key, value) = set_parts(set).map_err(|message| {
        vec![Diagnostic::error(Code::Invalid, message, None).with_help(SET_HELP)]
    })?;
    // TOML when it parses as TOML (a number too large is then reported as one).
    let is_toml = toml::de::DeTable::parse(&format!("v = {value}")).is_ok();
    let literal = if is_toml {
        value.to_string()
    } else {
        toml::Value::String(value.to_string()).to_string()
    };
    let text = format!("{key} = {literal}\n");
    let file = sources.add("--set", text);
    match reader::parse(file, &sources.get(file).text)? {
        Node {
            value: Value::Table(table),
            ..
        } => Ok(Layer {
            file,
            dir: PathBuf::from("."),
            table,
        }),
        _ => Ok(Layer {
            file,
            dir: PathBuf::from("."),
            table: Table::default(),
        }),
    }
}
