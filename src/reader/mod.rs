//! Reading TOML: a tree of values that remember where they were written, and a reader
//! that turns such a tree into typed values while collecting every problem.
//!
//! `cv.toml` and layout files are read the same way. The text is parsed into a
//! [`Node`] tree (every value with its [`Origin`]); then the schema's reading code asks
//! a [`Fields`] for each key it knows, with the type and range it expects. A problem
//! does not stop the reading: it is recorded and the reading goes on, so one run
//! reports every mistake in a file. A key nobody asked for is an unknown key, with the
//! nearest known key suggested, so the list of keys is exactly the code that reads
//! them. Messages say what to write ("`authors` must be a list, like `authors = ["…"]`,
//! not text") and never name a Rust or serde type.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::diag::{nearest, Code, Diagnostic, FileId, Origin, SourceResult};

pub mod probe;

pub use probe::{Described, Shape};

/// A value and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date, time or date-time (unquoted: `start = 2019-09-01`).
    Datetime(toml::value::Datetime),
    Array(Vec<Node>),
    Table(Table),
}

/// A table's keys and values, each key once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table(pub Vec<(Key, Node)>);

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub at: Origin,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.0.iter().find(|(k, _)| k.name == key).map(|(_, n)| n)
    }

    /// Take `key` out of the table.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let i = self.0.iter().position(|(k, _)| k.name == key)?;
        Some(self.0.remove(i).1)
    }

    /// The layers, base first, laid on top of each other: tables merge key by key,
    /// anything else is replaced (and keeps the origin of the layer that wrote it).
    pub fn merged(layers: impl IntoIterator<Item = Table>) -> Table {
        let mut merging = Merging::default();
        for layer in layers {
            merging.add(layer);
        }
        merging.table()
    }
}

/// A table being merged, its keys indexed: a layout of many keys under many layers
/// (a chain of `extends`, a `--set` each) must not cost keys × layers scans.
#[derive(Default)]
struct Merging {
    keys: Vec<(Key, Slot)>,
    index: HashMap<String, usize>,
}

enum Slot {
    Table(Origin, Merging),
    Other(Node),
}

impl Slot {
    fn new(node: Node) -> Slot {
        match node.value {
            Value::Table(t) => {
                let mut inner = Merging::default();
                inner.add(t);
                Slot::Table(node.at, inner)
            }
            value => Slot::Other(Node { value, at: node.at }),
        }
    }

    fn node(self) -> Node {
        match self {
            Slot::Table(at, inner) => Node {
                value: Value::Table(inner.table()),
                at,
            },
            Slot::Other(node) => node,
        }
    }
}

impl Merging {
    fn add(&mut self, over: Table) {
        for (key, node) in over.0 {
            let Some(&i) = self.index.get(&key.name) else {
                self.index.insert(key.name.clone(), self.keys.len());
                self.keys.push((key, Slot::new(node)));
                continue;
            };
            match (&mut self.keys[i].1, node) {
                (
                    Slot::Table(_, base),
                    Node {
                        value: Value::Table(t),
                        ..
                    },
                ) => base.add(t),
                (_, node) => self.keys[i] = (key, Slot::new(node)),
            }
        }
    }

    fn table(self) -> Table {
        Table(self.keys.into_iter().map(|(k, s)| (k, s.node())).collect())
    }
}

/// Tables and lists nested deeper than this are refused: no schema goes past four
/// levels, and the tree is walked by recursion.
const MAX_DEPTH: usize = 64;

/// Parse `text` (the file `file`) into a tree. Every syntax error is reported.
pub fn parse(file: FileId, text: &str) -> SourceResult<Node> {
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                // An error without a place (too deep a nesting) is at the file's start.
                let at = Origin::new(file, e.span().map_or(0, |s| s.start));
                let message = syntax_message(e.message());
                let help = if message.contains("escape") || message.contains("unicode") {
                    "inside double quotes a backslash starts an escape: write `\\\\` for a backslash, or use single quotes ('C:\\path')"
                } else {
                    "see https://toml.io for how TOML is written"
                };
                Diagnostic::error(Code::Syntax, message, Some(at)).with_help(help)
            })
            .collect());
    }
    let mut problems = Vec::new();
    let root = Node {
        value: Value::Table(convert_table(file, table.get_ref(), 0, &mut problems)),
        at: Origin::new(file, 0),
    };
    if problems.is_empty() {
        Ok(root)
    } else {
        Err(problems)
    }
}

/// The TOML parser's message, on one line.
fn syntax_message(message: &str) -> String {
    let message = message.trim().replace('\n', "; ");
    format!("this is not valid TOML: {message}")
}

fn convert_table(
    file: FileId,
    table: &toml::de::DeTable,
    depth: usize,
    problems: &mut Vec<Diagnostic>,
) -> Table {
    let mut out = Vec::with_capacity(table.len());
    for (key, value) in table.iter() {
        let key = Key {
            name: key.get_ref().to_string(),
            at: Origin::new(file, key.span().start),
        };
        if let Some(node) = convert(file, value, depth + 1, problems) {
            out.push((key, node));
        }
    }
    Table(out)
}

fn convert(
    file: FileId,
    value: &toml::Spanned<toml::de::DeValue>,
    depth: usize,
    problems: &mut Vec<Diagnostic>,
) -> Option<Node> {
    use toml::de::DeValue;
    let at = Origin::new(file, value.span().start);
    if depth > MAX_DEPTH {
        problems.push(Diagnostic::error(
            Code::Invalid,
            format!("lists and tables are nested more than {MAX_DEPTH} deep here"),
            Some(at),
        ));
        return None;
    }
    let value = match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(v) => Value::Integer(v),
            Err(_) => {
                problems.push(Diagnostic::error(
                    Code::OutOfRange,
                    format!(
                        "`{}` is too large a number for TOML",
                        crate::diag::clip(&i.to_string())
                    ),
                    Some(at),
                ));
                return None;
            }
        },
        DeValue::Float(f) => Value::Float(float(f.as_str())),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(*d),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .filter_map(|item| convert(file, item, depth + 1, problems))
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(file, t, depth, problems)),
    };
    Some(Node { value, at })
}

/// A TOML float as written (`1e3`, `inf`, `-nan`): the checks of the keys that take
/// numbers say what is wrong with an infinite or undefined one.
fn float(s: &str) -> f64 {
    let s = s.trim_start_matches('+');
    match s {
        "inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" | "-nan" => f64::NAN,
        _ => s.parse().unwrap_or(f64::NAN),
    }
}

impl Value {
    /// What a value is, in a user's words.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::String(_) => "text",
            Value::Integer(_) => "a whole number",
            Value::Float(_) => "a decimal number",
            Value::Bool(true) => "`true`",
            Value::Bool(false) => "`false`",
            Value::Datetime(_) => "an unquoted date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// A string read from a file and where its literal starts. Later stages index into it
/// ([`Origin::advanced`]) to point at one character.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub value: String,
    pub at: Origin,
}

/// Whether `s` would print as nothing: only white space and [invisible]
/// characters.
///
/// [invisible]: is_invisible
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// A name that a CV and a layout both write (a tag, a section's id), in
/// Unicode's composed form (NFC), so that "résumé" typed with a combining accent
/// (as macOS and many pasted texts have it) is the same name as with the
/// composed letter. Names are compared, never printed, so their places in the
/// source need not follow the change.
pub fn identifier(name: String) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if name.is_ascii() || is_nfc_quick(name.chars()) == IsNormalized::Yes {
        name
    } else {
        name.nfc().collect()
    }
}

/// Characters that take no space and are not drawn: Unicode's default-ignorable
/// code points ([`crate::diag::is_default_ignorable`]: zero-width spaces and
/// joiners, the soft hyphen, variation selectors such as the emoji form of ❤️, the
/// marks that steer the direction of text, fillers, tags). Here, at the bottom, so
/// that what the reader calls blank is exactly what the typesetter sets as nothing.
pub fn is_invisible(c: char) -> bool {
    crate::diag::is_default_ignorable(c)
}

/// Collects the problems found while reading.
#[derive(Debug, Default)]
pub struct Reader {
    problems: RefCell<Vec<Diagnostic>>,
    /// When probing ([`Reader::probing`]): what the reading code asked for.
    probe: Option<probe::Probe>,
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// A reader for [`probe::root`]: it records what the reading code asks for,
    /// which [`Reader::into_described`] gives back (see [`probe`]).
    pub fn probing() -> Reader {
        Reader {
            problems: RefCell::default(),
            probe: Some(probe::Probe::new()),
        }
    }

    /// What a probing reader recorded, node 0 the root; nothing for another reader.
    pub fn into_described(self) -> Vec<Described> {
        self.probe.map(probe::Probe::into_nodes).unwrap_or_default()
    }

    /// Whether `node` is a probe node (see [`probe`]).
    pub fn is_probe(&self, node: &Node) -> bool {
        self.probed(node).is_some()
    }

    /// The probe and the index of `node`, when `node` is a probe node.
    fn probed(&self, node: &Node) -> Option<(&probe::Probe, usize)> {
        Some((self.probe.as_ref()?, probe::index(node.at)?))
    }

    /// Record, when `node` is a probe, that its value may be `shape`; whether it is a
    /// probe (then a reader returns without a value). Reading code that matches a
    /// value's shape itself calls this for each shape it takes.
    pub fn describe(&self, node: &Node, shape: Shape) -> bool {
        let Some((probe, id)) = self.probed(node) else {
            return false;
        };
        probe.shape(id, shape);
        true
    }

    /// When `node` is a probe: that it is a list, and the probe of its items.
    pub fn probe_items(&self, node: &Node) -> Option<&'static [Node]> {
        let (probe, id) = self.probed(node)?;
        probe.shape(id, Shape::List);
        probe.item(id).map(std::slice::from_ref)
    }

    /// When `node` is a probe: a probe of another shape it may take instead, for
    /// reading code that tells two kinds of table apart by their keys.
    pub fn probe_variant(&self, node: &Node) -> Option<&'static Node> {
        let (probe, id) = self.probed(node)?;
        probe.variant(id)
    }

    /// When `node` and `other` are probes: that `node`'s value may also be what
    /// `other`'s is (one table where a list of them is usual).
    pub fn probe_also(&self, node: &Node, other: &Node) {
        if let (Some((probe, id)), Some(other)) = (self.probed(node), probe::index(other.at)) {
            probe.also(id, other);
        }
    }

    pub fn report(&self, d: Diagnostic) {
        // A probe's problems are those of values it never had.
        if self.probe.is_none() {
            self.problems.borrow_mut().push(d);
        }
    }

    /// Report that `key`'s value (at `at`) is `found` where `expected` belongs.
    pub fn wrong_type(&self, key: &str, at: Origin, expected: &str, like: &str, found: &Value) {
        self.report(Diagnostic::error(
            Code::WrongType,
            format!(
                "`{key}` must be {expected}, like `{key} = {like}`, not {}",
                found.describe()
            ),
            Some(at),
        ));
    }

    /// Whether anything was reported.
    pub fn failed(&self) -> bool {
        !self.problems.borrow().is_empty()
    }

    pub fn into_problems(self) -> Vec<Diagnostic> {
        self.problems.into_inner()
    }

    /// `value`, or the problems found while making it.
    pub fn result<T>(self, value: Option<T>) -> SourceResult<T> {
        match value {
            Some(v) if !self.failed() => Ok(v),
            _ => Err(self.into_problems()),
        }
    }

    /// The string `node` holds, checked for characters that cannot be printed.
    pub fn text(&self, key: &str, node: &Node) -> Option<Text> {
        if self.describe(node, Shape::Text) {
            return None;
        }
        match &node.value {
            Value::String(s) => {
                self.printable(s, node.at);
                Some(Text {
                    value: s.clone(),
                    at: node.at,
                })
            }
            other => {
                self.wrong_type(key, node.at, "text in quotes", "\"…\"", other);
                None
            }
        }
    }

    /// Report each control character in `s` (the string at `at`): they print as
    /// nothing, or as garbage in the PDF's text layer. Tabs and line breaks are
    /// spaces.
    pub fn printable(&self, s: &str, at: Origin) {
        for (i, c) in s.char_indices() {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                self.report(
                    Diagnostic::error(
                        Code::ControlCharacter,
                        format!(
                            "the control character U+{:04X} cannot be printed",
                            u32::from(c)
                        ),
                        Some(at.advanced(i)),
                    )
                    .with_help("delete it (it is invisible in most editors)"),
                );
            }
        }
    }

    /// A list of strings (tags, ids, keys).
    pub fn strings(&self, key: &str, node: &Node) -> Option<Vec<Text>> {
        if let Some(items) = self.probe_items(node) {
            items
                .iter()
                .for_each(|item| _ = self.describe(item, Shape::Text));
            return None;
        }
        let Value::Array(items) = &node.value else {
            self.wrong_type(key, node.at, "a list", "[\"…\", \"…\"]", &node.value);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::String(_) => out.extend(self.text(key, item)),
                other => self.report(Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "`{key}` is a list of text in quotes, like `{key} = [\"…\", \"…\"]`; this item is {}",
                        other.describe()
                    ),
                    Some(item.at),
                )),
            }
        }
        Some(out)
    }

    pub fn boolean(&self, key: &str, node: &Node) -> Option<bool> {
        if self.describe(node, Shape::Bool) {
            return None;
        }
        match &node.value {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(key, node.at, "`true` or `false`", "true", other);
                None
            }
        }
    }

    /// A number within `num`'s range; whole numbers and decimals are both numbers.
    pub fn number(&self, key: &str, node: &Node, num: Num, like: f32) -> Option<f32> {
        if self.describe(node, Shape::Number(num)) {
            return None;
        }
        let v = match &node.value {
            Value::Integer(i) => *i as f64,
            Value::Float(f) => *f,
            other => {
                self.wrong_type(key, node.at, num.unit.what(), &show(like), other);
                return None;
            }
        };
        // Compared as the f32 it will be, so that `0.1` is within 0.1 to 1.
        if !v.is_finite() || (v as f32) < num.min || (v as f32) > num.max {
            self.report(
                Diagnostic::error(
                    Code::OutOfRange,
                    format!(
                        "`{key}` is {}{}; it must be from {} to {}{}",
                        show_f64(v),
                        if v.is_finite() { num.unit.suffix() } else { "" },
                        show(num.min),
                        show(num.max),
                        num.unit.suffix()
                    ),
                    Some(node.at),
                )
                .with_help(num.unit.help()),
            );
            return None;
        }
        Some(v as f32)
    }

    /// A whole number from `min` to `max`.
    pub fn integer(&self, key: &str, node: &Node, min: i64, max: i64) -> Option<i64> {
        if self.describe(node, Shape::Integer(min, max)) {
            return None;
        }
        match &node.value {
            Value::Integer(i) if (min..=max).contains(i) => Some(*i),
            Value::Integer(i) => {
                self.report(Diagnostic::error(
                    Code::OutOfRange,
                    format!("`{key}` is {i}; it must be from {min} to {max}"),
                    Some(node.at),
                ));
                None
            }
            other => {
                self.wrong_type(
                    key,
                    node.at,
                    "a whole number",
                    &min.max(1).to_string(),
                    other,
                );
                None
            }
        }
    }

    /// One of a fixed set of words (exactly, whatever the case).
    pub fn choice<T: Copy>(
        &self,
        key: &str,
        node: &Node,
        allowed: &[(&'static str, T)],
    ) -> Option<T> {
        if self.is_probe(node) {
            self.describe(
                node,
                Shape::Words(allowed.iter().map(|(n, _)| *n).collect()),
            );
            return None;
        }
        let names = || {
            let quoted: Vec<String> = allowed.iter().map(|(n, _)| format!("`{n}`")).collect();
            match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            }
        };
        let Value::String(s) = &node.value else {
            let like = format!("\"{}\"", allowed.first().map_or("", |(n, _)| *n));
            self.wrong_type(key, node.at, &names(), &like, &node.value);
            return None;
        };
        if let Some((_, v)) = allowed
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s.trim()))
        {
            return Some(*v);
        }
        let mut d = Diagnostic::error(
            Code::Invalid,
            format!(
                "`{}` is not a valid `{key}`: use {}",
                crate::diag::clip(s),
                names()
            ),
            Some(node.at),
        );
        if let Some(near) = nearest(s, allowed.iter().map(|(n, _)| *n)) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        self.report(d);
        None
    }

    /// The items of a list.
    pub fn list<'n>(&self, key: &str, node: &'n Node, like: &str) -> Option<&'n [Node]> {
        if let Some(items) = self.probe_items(node) {
            return Some(items);
        }
        match &node.value {
            Value::Array(items) => Some(items),
            other => {
                self.wrong_type(key, node.at, "a list", like, other);
                None
            }
        }
    }
}

/// A bound as a person writes it: `12`, `9.5`, `0.1` (the shortest form that reads
/// back as the same `f32`).
fn show(v: f32) -> String {
    if v != 0.0 && !(1e-3..1e6).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A value as the user wrote it: `120.0001`, `1e308`, `nan`.
fn show_f64(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.into()
    } else if v != 0.0 && !(1e-3..1e6).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// The range and unit of a number key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub min: f32,
    pub max: f32,
    pub unit: Unit,
}

impl Num {
    pub const fn new(min: f32, max: f32, unit: Unit) -> Num {
        Num { min, max, unit }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Millimetres.
    Mm,
    /// Points (1/72 in).
    Pt,
    /// A multiple of the type size.
    Times,
    /// A fraction of the layout's own value.
    Fraction,
}

impl Unit {
    fn what(self) -> &'static str {
        match self {
            Unit::Mm => "a length in mm",
            Unit::Pt => "a size in points",
            Unit::Times => "a multiple of the type size",
            Unit::Fraction => "a fraction",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Unit::Mm => " mm",
            Unit::Pt => " pt",
            Unit::Times | Unit::Fraction => "",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Unit::Mm => "lengths are millimetres, written as a plain number (`12`, `3.5`)",
            Unit::Pt => "sizes are points (1/72 inch), written as a plain number (`10`, `9.5`)",
            Unit::Times => "a multiple of the type size, written as a plain number (`1.3`)",
            Unit::Fraction => {
                "a fraction of the layout's own value, written as a plain number (`0.8`)"
            }
        }
    }
}

/// A key whose value is one of a few words, read as an enum: its words and their
/// values, in the order an error lists them. Matching is case-insensitive, and a
/// near miss gets a "did you mean".
pub trait Choice: Copy + 'static {
    const WORDS: &'static [(&'static str, Self)];
}

/// The keys of one table, asked for one by one. Whatever is left when [`done`] is
/// called is an unknown key.
///
/// [`done`]: Fields::done
pub struct Fields<'a> {
    pub r: &'a Reader,
    table: &'a Table,
    at: Origin,
    asked: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// The keys of `node`, which must be a table (`like` shows one, for the error).
    pub fn of(r: &'a Reader, key: &str, node: &'a Node, like: &str) -> Option<Fields<'a>> {
        r.describe(node, Shape::Table);
        match &node.value {
            Value::Table(table) => Some(Fields {
                r,
                table,
                at: node.at,
                asked: Vec::new(),
            }),
            other => {
                r.wrong_type(key, node.at, "a table", like, other);
                None
            }
        }
    }

    /// Where the table is written (its `[header]`, or its `{`).
    pub fn at(&self) -> Origin {
        self.at
    }

    /// The table itself, to look at keys without asking for them.
    pub fn table_ref(&self) -> &'a Table {
        self.table
    }

    /// The value of `key`, if the table has it.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Node> {
        self.asked.push(key);
        if let Some(probe) = self.probe() {
            return probe.child(self.at.offset as usize, key);
        }
        self.table.get(key)
    }

    /// The probe this table is a node of, when it is one.
    fn probe(&self) -> Option<&'a probe::Probe> {
        probe::index(self.at).and(self.r.probe.as_ref())
    }

    /// Whether the table has `key`, without asking for it (a probe has every key).
    pub fn has(&self, key: &str) -> bool {
        self.probe().is_some() || self.table.get(key).is_some()
    }

    /// The value of `key`, or an error that says `what` needs it.
    pub fn require(&mut self, key: &'static str, what: &str) -> Option<&'a Node> {
        let node = self.get(key);
        if let Some(probe) = self.probe() {
            probe.require(self.at.offset as usize, key);
        }
        if node.is_none() {
            self.r.report(Diagnostic::error(
                Code::MissingKey,
                format!("missing key `{key}`: {what}"),
                Some(self.at),
            ));
        }
        node
    }

    pub fn text(&mut self, key: &'static str) -> Option<Text> {
        self.get(key).and_then(|n| self.r.text(key, n))
    }

    pub fn strings(&mut self, key: &'static str) -> Vec<Text> {
        self.get(key)
            .and_then(|n| self.r.strings(key, n))
            .unwrap_or_default()
    }

    /// A list of plain words (tags, ids), without their places, each an
    /// [`identifier`].
    pub fn words(&mut self, key: &'static str) -> Option<Vec<String>> {
        self.get(key)
            .and_then(|n| self.r.strings(key, n))
            .map(|v| v.into_iter().map(|t| identifier(t.value)).collect())
    }

    /// A list of names (section ids) with their places, each an [`identifier`].
    pub fn identifiers(&mut self, key: &'static str) -> Vec<Text> {
        let mut names = self.strings(key);
        for name in &mut names {
            name.value = identifier(std::mem::take(&mut name.value));
        }
        names
    }

    pub fn boolean(&mut self, key: &'static str) -> Option<bool> {
        self.get(key).and_then(|n| self.r.boolean(key, n))
    }

    /// A number in `num`'s range, or `default` when the key is not there (or wrong).
    pub fn number(&mut self, key: &'static str, num: Num, default: f32) -> f32 {
        self.get(key)
            .and_then(|n| self.r.number(key, n, num, default))
            .unwrap_or(default)
    }

    /// An optional number in `num`'s range.
    pub fn optional_number(&mut self, key: &'static str, num: Num, like: f32) -> Option<f32> {
        self.get(key).and_then(|n| self.r.number(key, n, num, like))
    }

    pub fn integer(&mut self, key: &'static str, min: i64, max: i64) -> Option<i64> {
        self.get(key).and_then(|n| self.r.integer(key, n, min, max))
    }

    pub fn choice<T: Copy>(
        &mut self,
        key: &'static str,
        allowed: &[(&'static str, T)],
        default: T,
    ) -> T {
        self.get(key)
            .and_then(|n| self.r.choice(key, n, allowed))
            .unwrap_or(default)
    }

    /// The value of `key`, one of `T`'s words, or `default`.
    pub fn pick<T: Choice>(&mut self, key: &'static str, default: T) -> T {
        self.choice(key, T::WORDS, default)
    }

    /// The keys of the sub-table `key`.
    pub fn table(&mut self, key: &'static str, like: &str) -> Option<Fields<'a>> {
        let r = self.r;
        self.get(key).and_then(|n| Fields::of(r, key, n, like))
    }

    /// The items of the list `key` (empty when there is none).
    pub fn list(&mut self, key: &'static str, like: &str) -> &'a [Node] {
        let r = self.r;
        self.get(key)
            .and_then(|n| r.list(key, n, like))
            .unwrap_or(&[])
    }

    /// Report the keys nobody asked for, each with the nearest known key.
    pub fn done(self) {
        self.done_with(&[]);
    }

    /// [`done`](Fields::done), but a key that `hints` name (keys that belong
    /// elsewhere, as `role` belongs to `roles` or to a grant's facts) gets its
    /// hint instead of the nearest key, which would name the wrong thing.
    pub fn done_with(self, hints: &[(&str, &str)]) {
        // The keys asked for, sorted once, when the first unknown key needs them.
        let mut sorted: Option<Vec<&str>> = None;
        for (key, _) in &self.table.0 {
            if self.asked.contains(&key.name.as_str()) {
                continue;
            }
            let known = sorted.get_or_insert_with(|| {
                let mut known = self.asked.clone();
                known.sort_unstable();
                known.dedup();
                known
            });
            let d = Diagnostic::error(
                Code::UnknownKey,
                format!("unknown key `{}`", crate::diag::clip(&key.name)),
                Some(key.at),
            );
            let hint = hints
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&key.name))
                .map(|(_, hint)| hint);
            if let Some(hint) = hint {
                self.r.report(d.with_help(*hint));
                continue;
            }
            self.r
                .report(match nearest(&key.name, known.iter().copied()) {
                    Some(near) => d.with_help(format!("did you mean `{near}`?")),
                    None => d.with_help(format!(
                        "the keys here are {}",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        parse(FileId(0), text).unwrap()
    }

    #[test]
    fn every_problem_of_a_table_is_reported_in_the_users_words() {
        let node = tree(
            "title = 3\nsize = nan\nauthors = \"A. Author\"\nside = \"right_or_left\"\ntitel = \"x\"\n",
        );
        let r = Reader::new();
        let mut f = Fields::of(&r, "", &node, "").unwrap();
        assert_eq!(f.text("title"), None);
        assert_eq!(f.number("size", Num::new(0.0, 10.0, Unit::Mm), 4.0), 4.0);
        assert_eq!(f.list("authors", "[\"A. Author\"]"), &[]);
        assert_eq!(
            f.choice("side", &[("left", 0), ("right", 1)], 0),
            0,
            "a misspelt word is not cut down to a valid one"
        );
        f.done();
        let messages: Vec<String> = r.into_problems().into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            [
                "`title` must be text in quotes, like `title = \"…\"`, not a whole number",
                "`size` is nan; it must be from 0 to 10 mm",
                "`authors` must be a list, like `authors = [\"A. Author\"]`, not text",
                "`right_or_left` is not a valid `side`: use `left` or `right`",
                "unknown key `titel`",
            ]
        );
    }

    #[test]
    fn a_bound_is_within_its_range_and_messages_show_numbers_as_written() {
        let node = tree("a = 0.1\nb = 120.0001\nc = 1e308\n");
        let r = Reader::new();
        let mut f = Fields::of(&r, "", &node, "").unwrap();
        assert_eq!(f.number("a", Num::new(0.1, 1.0, Unit::Fraction), 1.0), 0.1);
        f.number("b", Num::new(5.0, 120.0, Unit::Mm), 29.0);
        f.number("c", Num::new(0.0, 144.0, Unit::Pt), 7.0);
        f.done();
        let messages: Vec<String> = r.into_problems().into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            [
                "`b` is 120.0001 mm; it must be from 5 to 120 mm",
                "`c` is 1e308 pt; it must be from 0 to 144 pt"
            ]
        );
    }

    #[test]
    fn syntax_errors_are_all_reported_with_their_places() {
        let err = parse(FileId(0), "a = \"x\nb = = 3\n").unwrap_err();
        assert!(err.len() >= 2, "{err:?}");
        assert!(err
            .iter()
            .all(|d| d.code == Code::Syntax && d.origin.is_some()));
    }

    #[test]
    fn layers_merge_key_by_key() {
        let base = match tree("[a]\nx = 1\ny = 2\n").value {
            Value::Table(t) => t,
            _ => unreachable!(),
        };
        let over = match parse(FileId(1), "[a]\ny = 3\n").unwrap().value {
            Value::Table(t) => t,
            _ => unreachable!(),
        };
        let base = Table::merged([base, over]);
        let Some(Node {
            value: Value::Table(a),
            ..
        }) = base.get("a")
        else {
            unreachable!()
        };
        assert_eq!(a.get("x").map(|n| n.at.file), Some(FileId(0)));
        assert_eq!(
            a.get("y").map(|n| (&n.value, n.at.file)),
            Some((&Value::Integer(3), FileId(1)))
        );
    }

    #[test]
    fn blank_is_what_prints_as_nothing() {
        // A name of one direction mark passed as written and set no line: a PDF
        // of no pages.
        for s in [
            "",
            " \t",
            "\u{200E}",
            "\u{200F}\u{FE0F}\u{2066}",
            "\u{AD}\u{61C}",
        ] {
            assert!(is_blank(s), "{s:?}");
        }
        for s in ["a", "\u{200E}x", "·"] {
            assert!(!is_blank(s), "{s:?}");
        }
    }

    #[test]
    fn control_characters_are_located() {
        let node = tree("t = \"a\\u0007b\\u0000\"\n");
        let r = Reader::new();
        let mut f = Fields::of(&r, "", &node, "").unwrap();
        f.text("t");
        f.done();
        let problems = r.into_problems();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].origin.map(|o| o.index), Some(1));
        assert_eq!(problems[1].origin.map(|o| o.index), Some(3));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("a = {}1{}\n", "[".repeat(500), "]".repeat(500));
        let err = parse(FileId(0), &text);
        assert!(err.is_err());
    }
}
