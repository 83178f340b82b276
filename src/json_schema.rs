//! `cvc schema`: JSON Schemas (draft 2020-12) of `cv.toml` and of layout files, for
//! editors (Taplo, Even Better TOML) to complete keys and flag mistakes as they are
//! typed.
//!
//! Both schemas are made from what the reading code asks for ([`crate::reader::probe`]),
//! so a key added to a reader is in the schema with no second list to keep; each
//! key's description is its row in `docs/schema.md` or `docs/layouts.md`, so the
//! editor shows what the documentation says. A schema is looser than cvc where JSON
//! Schema cannot say a rule (a contact item holds one kind, an end is not before its
//! start, a `phone` has three digits): `cvc check` still reports those.

use serde_json::{json, Map, Value};

use crate::reader::{Described, Num, Shape};
use crate::{layouts, schema};

/// Which file a schema is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Cv,
    Layout,
}

/// The documentation pages whose key tables describe the keys.
const CV_DOCS: &str = include_str!("../docs/schema.md");
const LAYOUT_DOCS: &str = include_str!("../docs/layouts.md");

/// The schema of `of`'s files.
pub fn json_schema(of: Of) -> Value {
    let (nodes, docs, title) = match of {
        Of::Cv => (schema::probe(), CV_DOCS, "cv.toml"),
        Of::Layout => (layouts::probe(), LAYOUT_DOCS, "a cvc layout file"),
    };
    let docs = Docs::read(docs);
    let mut root = Writer {
        nodes: &nodes,
        docs: &docs,
    }
    .node(0, "");
    if let Value::Object(map) = &mut root {
        let head = [
            (
                "$schema",
                json!("https://json-schema.org/draft/2020-12/schema"),
            ),
            ("title", json!(title)),
            (
                "description",
                json!(format!(
                    "The keys of {title}, as cvc {} reads them (made by `cvc schema`).",
                    env!("CARGO_PKG_VERSION")
                )),
            ),
        ];
        let rest = std::mem::take(map);
        map.extend(head.map(|(k, v)| (k.to_string(), v)));
        map.extend(rest);
    }
    root
}

/// Turns probe nodes into schemas, describing each key from the docs.
struct Writer<'a> {
    nodes: &'a [Described],
    docs: &'a Docs,
}

impl Writer<'_> {
    /// The schema of node `id`, whose keys are documented under `path`.
    fn node(&self, id: usize, path: &str) -> Value {
        let Some(node) = self.nodes.get(id) else {
            return json!({});
        };
        let mut shapes: Vec<Value> = node
            .shapes
            .iter()
            .map(|shape| self.shape(node, shape, path))
            .chain(node.variants.iter().map(|&v| self.node(v, path)))
            .collect();
        match shapes.len() {
            1 => shapes.remove(0),
            0 => json!({}),
            _ => json!({ "anyOf": shapes }),
        }
    }

    fn shape(&self, node: &Described, shape: &Shape, path: &str) -> Value {
        match shape {
            Shape::Text => json!({ "type": "string" }),
            Shape::Bool => json!({ "type": "boolean" }),
            Shape::Number(num) => number(num),
            Shape::Integer(min, max) => {
                json!({ "type": "integer", "minimum": min, "maximum": max })
            }
            Shape::Words(words) => words_schema(words, ""),
            Shape::Language(codes) => words_schema(codes, REGION),
            // TOML's unquoted dates reach a JSON validator as strings.
            Shape::Date => json!({ "anyOf": [
                { "type": "string", "pattern": DATE },
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
            ] }),
            Shape::Numbers(num, len) => json!({
                "type": "array", "items": number(num), "minItems": len, "maxItems": len
            }),
            Shape::List => match node.item {
                Some(item) => json!({ "type": "array", "items": self.node(item, path) }),
                None => json!({ "type": "array" }),
            },
            Shape::Table => self.table(node, path),
        }
    }

    fn table(&self, node: &Described, path: &str) -> Value {
        let mut properties = Map::new();
        for &(key, id) in &node.keys {
            let inner = if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            };
            let mut schema = self.node(id, &inner);
            if let (Value::Object(map), Some(text)) = (&mut schema, self.docs.describe(path, key)) {
                map.insert("description".into(), json!(text));
            }
            properties.insert(key.to_string(), schema);
        }
        let mut table = json!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
        if !node.required.is_empty() {
            table["required"] = json!(node.required);
        }
        table
    }
}

fn number(num: &Num) -> Value {
    json!({ "type": "number", "minimum": decimal(num.min), "maximum": decimal(num.max) })
}

/// A bound as it is written (`0.1`), not as the `f32` it is read into
/// (0.10000000149011612), which would refuse `0.1` itself.
fn decimal(v: f32) -> f64 {
    v.to_string().parse().unwrap_or(f64::from(v))
}

/// A date as `dates` reads it: `"2019"`, `"2019-09"`, `"2019-09-01"`, `"present"`.
const DATE: &str = r"^\s*(\d{4}(-\d{2}(-\d{2})?)?|[pP][rR][eE][sS][eE][nN][tT])\s*$";

/// The region a language code may carry (`pt-BR`, `fr_CA`).
const REGION: &str = r"([-_][A-Za-z0-9]{2,3})?";

/// One of `words`, as `Reader::choice` matches them: whatever the case, with
/// spaces around, and `suffix` after. The list comes first, for editors to offer.
fn words_schema(words: &[&str], suffix: &str) -> Value {
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    c if c.is_ascii_alphabetic() => {
                        format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                    }
                    c if "\\^$.|?*+()[]{}".contains(c) => format!("\\{c}"),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect();
    let pattern = format!(r"^\s*({}){suffix}\s*$", alternatives.join("|"));
    json!({ "type": "string", "anyOf": [{ "enum": words }, { "pattern": pattern }] })
}

/// The key tables of a documentation page: for each table path (`section.entry`,
/// `page`, `` for the top level), its keys and their descriptions.
pub struct Docs {
    pub rows: Vec<(String, String, String)>,
    /// The tables the page has a heading for, each with the first paragraph
    /// under its heading, which describes the table's own key (`page`).
    pub tables: Vec<(String, String)>,
}

impl Docs {
    /// The rows of every table whose first column is `key`, under a heading that
    /// names the table (`` ## `[page]` ``, `` ### `[[section.entry]]`: … ``) or one
    /// of [`HEADINGS`].
    pub fn read(page: &str) -> Docs {
        let mut rows = Vec::new();
        let mut tables: Vec<(String, String)> = Vec::new();
        let mut path: Option<String> = None;
        let mut header: Vec<String> = Vec::new();
        // Whether the lines read are the first paragraph under a table's heading.
        let mut opening = false;
        for line in page.lines() {
            if line.starts_with('#') {
                let heading = line.trim_start_matches('#').trim();
                path = heading_path(heading);
                header.clear();
                opening = path.is_some();
                if let Some(path) = &path {
                    tables.push((path.clone(), format!("{}.", plain(heading))));
                }
                continue;
            }
            // The paragraph right under the heading, if one comes before the table.
            let prose = !line.trim().is_empty() && !line.starts_with(['|', '`', ' ']);
            match tables.last_mut() {
                Some((_, text)) if opening && prose => {
                    text.push(' ');
                    text.push_str(&plain(line.trim()));
                }
                _ => opening &= line.trim().is_empty(),
            }
            let Some(cells) = cells(line) else {
                header.clear();
                continue;
            };
            if cells.is_empty() {
                continue;
            }
            if header.is_empty() {
                header = cells;
                continue;
            }
            let (Some(path), Some("key")) = (&path, header.first().map(String::as_str)) else {
                continue;
            };
            let text = describe_row(&header, &cells);
            for key in cells.first().map(|k| codes(k)).unwrap_or_default() {
                rows.push((path.clone(), key.to_string(), text.clone()));
            }
        }
        Docs { rows, tables }
    }

    /// The description of `key` in the table `path`. Groups hold what sections
    /// hold, the header's `extra` lines are items, and a layout's `sections`
    /// entries take `[select]`'s rules, so those are described where the docs
    /// describe them.
    pub fn describe(&self, path: &str, key: &str) -> Option<&str> {
        let find = |path: &str| {
            self.rows
                .iter()
                .find(|(p, k, _)| p == path && k == key)
                .map(|(_, _, d)| d.as_str())
        };
        let table = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        find(path)
            .or_else(|| find(&path.replace("section.group", "section")))
            .or_else(|| {
                (path == "person.extra")
                    .then(|| find("section.item"))
                    .flatten()
            })
            .or_else(|| (path == "sections").then(|| find("select")).flatten())
            .or_else(|| {
                let (_, text) = self.tables.iter().find(|(p, _)| *p == table)?;
                Some(text.as_str())
            })
    }
}

/// Headings that name their table in words rather than as `[table]`.
const HEADINGS: &[(&str, &str)] = &[
    ("Top-level keys", ""),
    ("Contact items", "person.contact"),
    ("`bibtex`", "section.bibtex"),
];

/// The table a heading describes, if any.
fn heading_path(heading: &str) -> Option<String> {
    if let Some((_, path)) = HEADINGS.iter().find(|(h, _)| heading.starts_with(h)) {
        return Some(path.to_string());
    }
    let start = heading.find("`[")?;
    let rest = &heading[start + 1..];
    let end = rest.find('`')?;
    Some(rest[..end].trim_matches(['[', ']']).to_string())
}

/// The cells of a table row (none for the `|---|` rule under its header), or
/// `None` for a line that is not one.
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    let rule = cells
        .iter()
        .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'));
    Some(if rule { Vec::new() } else { cells })
}

/// The keys a row's first cell names, each as code: `` `start`, `end` ``,
/// `` `organisation` (or `organization`) ``.
fn codes(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// A row as one description: its meaning, then its other columns by their headers
/// ("the heading (type: text, required)", "hyphenate running text (default: true)").
fn describe_row(header: &[String], cells: &[String]) -> String {
    let mut meaning = String::new();
    let mut rest = Vec::new();
    for (name, cell) in header.iter().zip(cells).skip(1) {
        let cell = plain(cell);
        if cell.is_empty() {
            continue;
        }
        if matches!(name.as_str(), "meaning" | "used for") {
            meaning = cell;
        } else {
            rest.push(format!("{name}: {cell}"));
        }
    }
    match (meaning.is_empty(), rest.is_empty()) {
        (_, true) => meaning,
        (true, false) => rest.join("; "),
        (false, false) => format!("{meaning} ({})", rest.join("; ")),
    }
}

/// Markdown as an editor's tooltip shows it: links as their text (a link to
/// another part of the page says it is in the docs), no bold marks.
fn plain(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after
            .find("](")
            .and_then(|mid| Some((mid, after[mid + 2..].find(')')?)));
        let Some((mid, close)) = link else {
            out.push_str(&rest[..=open]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..open]);
        out.push_str(&after[..mid]);
        if after[mid + 2..].starts_with('#') {
            out.push_str(" (in the docs)");
        }
        rest = &after[mid + 2 + close + 1..];
    }
    out.push_str(rest);
    out.replace("**", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The object schemas at `path` (`section.entry`), through lists and
    /// alternatives.
    fn objects<'a>(schema: &'a Value, path: &str) -> Vec<&'a Map<String, Value>> {
        fn expand<'a>(v: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
            if let Some(items) = v.get("items") {
                expand(items, out);
            }
            for alt in v
                .get("anyOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                expand(alt, out);
            }
            if let Some(Value::Object(p)) = v.get("properties") {
                out.push(p);
            }
        }
        let mut here = Vec::new();
        expand(schema, &mut here);
        for key in path.split('.').filter(|k| !k.is_empty()) {
            let mut next = Vec::new();
            for v in here.iter().filter_map(|p| p.get(key)) {
                expand(v, &mut next);
            }
            here = next;
        }
        here
    }

    /// Every key the docs describe is one the readers ask for, and every key of a
    /// table the docs describe has its description: the docs and the code cannot
    /// drift apart.
    #[test]
    fn the_docs_and_the_readers_name_the_same_keys() {
        for (of, page) in [(Of::Cv, CV_DOCS), (Of::Layout, LAYOUT_DOCS)] {
            let schema = json_schema(of);
            let docs = Docs::read(page);
            assert!(docs.rows.len() > 40, "{of:?}: {} rows", docs.rows.len());
            let mut missing = Vec::new();
            let mut undescribed = Vec::new();
            for (path, key, _) in &docs.rows {
                let tables = objects(&schema, path);
                if !tables.iter().any(|t| t.contains_key(key)) {
                    missing.push(format!("{path}.{key}"));
                }
                for (k, v) in tables.iter().flat_map(|t| t.iter()) {
                    if v.get("description").is_none() {
                        undescribed.push(format!("{path}.{k}"));
                    }
                }
            }
            undescribed.sort();
            undescribed.dedup();
            assert_eq!(
                missing,
                Vec::<String>::new(),
                "{of:?}: documented, not read"
            );
            assert_eq!(
                undescribed,
                Vec::<String>::new(),
                "{of:?}: read, not documented"
            );
        }
    }

    #[test]
    fn a_row_reads_as_its_meaning_and_its_other_columns() {
        let docs = Docs::read(
            "## `[page]`\n\n| key | default | meaning |\n|---|---|---|\n| `size` | `\"a4\"` | the [paper](https://x) size, **named**; [more](#x) |\n| `x` | | |\n\n| name | what |\n|---|---|\n| `full` | not a key |\n",
        );
        assert_eq!(
            docs.rows,
            [
                (
                    "page".to_string(),
                    "size".to_string(),
                    "the paper size, named; more (in the docs) (default: `\"a4\"`)".to_string()
                ),
                ("page".to_string(), "x".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn headings_name_their_tables() {
        assert_eq!(
            heading_path("`[[section.entry]]`: a job").as_deref(),
            Some("section.entry")
        );
        assert_eq!(heading_path("`[sizes]` (points)").as_deref(), Some("sizes"));
        assert_eq!(
            heading_path("Contact items").as_deref(),
            Some("person.contact")
        );
        assert_eq!(heading_path("An annotated example"), None);
    }
}
