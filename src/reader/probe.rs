//! Probing: the reading code run over no file, to learn what it asks for.
//!
//! `cvc schema` prints a JSON Schema of `cv.toml` and of layout files. Rather than a
//! second description of the keys, which would drift from the code that reads them,
//! the schema is what the readers do: a [`Reader::probing`] reader hands them probe
//! nodes instead of values. A probe is an empty table (so `Fields::of` reads it as
//! one) whose every key is there (so each key asked for is recorded under its
//! table), and each typed read (`text`, `number`, `choice`, `list`, a date) records
//! what it would have accepted and returns nothing. Where the reading code matches a
//! value's shape itself (a bullet is text or a table), it says so with
//! [`Reader::describe`]. The problems a probe causes (a missing font, an empty name)
//! are dropped.

use std::cell::RefCell;
use std::sync::LazyLock;

use super::{Node, Num, Table, Value};
use crate::diag::{FileId, Origin};

/// The file of probe nodes: no file has this many.
const PROBE_FILE: FileId = FileId(u32::MAX);

/// At most this many probe nodes: the layout and the CV together ask for about 500
/// keys, and a reader that looped would stop here instead of growing.
const MAX_PROBES: usize = 4096;

/// The probe nodes, made once: each is an empty table whose place names its index.
static PROBES: LazyLock<Vec<Node>> = LazyLock::new(|| {
    (0..MAX_PROBES)
        .map(|i| Node {
            value: Value::Table(Table::default()),
            at: Origin {
                file: PROBE_FILE,
                offset: i as u32,
                index: 0,
            },
        })
        .collect()
});

/// What a value may be, as a reader accepts it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Text,
    Bool,
    Number(Num),
    Integer(i64, i64),
    /// One of these words (matched whatever the case).
    Words(Vec<&'static str>),
    /// One of these language codes, perhaps with a region (`pt-BR`).
    Language(Vec<&'static str>),
    /// A date: `"2019-09"`, a bare year, an unquoted TOML date.
    Date,
    /// A list of `len` numbers in `Num`'s range.
    Numbers(Num, usize),
    Table,
    List,
}

/// What one probe node was found to be.
#[derive(Debug, Clone, Default)]
pub struct Described {
    /// The shapes the value may take, in the order first asked.
    pub shapes: Vec<Shape>,
    /// A table's keys, in the order asked, with their probe nodes.
    pub keys: Vec<(&'static str, usize)>,
    /// The keys a table must have.
    pub required: Vec<&'static str>,
    /// A list's items.
    pub item: Option<usize>,
    /// Other nodes the value may be instead (two kinds of table).
    pub variants: Vec<usize>,
}

/// The probe nodes handed out so far and what each was found to be; node 0 is the
/// root.
#[derive(Debug)]
pub(super) struct Probe {
    nodes: RefCell<Vec<Described>>,
}

impl Probe {
    pub(super) fn new() -> Probe {
        Probe {
            nodes: RefCell::new(vec![Described::default()]),
        }
    }

    pub(super) fn into_nodes(self) -> Vec<Described> {
        self.nodes.into_inner()
    }

    /// The probe node for `key` of the table `parent`, the same one each time.
    pub(super) fn child(&self, parent: usize, key: &'static str) -> Option<&'static Node> {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(&(_, id)) = nodes.get(parent)?.keys.iter().find(|(k, _)| *k == key) {
            return PROBES.get(id);
        }
        let id = nodes.len();
        let node = PROBES.get(id)?;
        nodes.push(Described::default());
        nodes[parent].keys.push((key, id));
        Some(node)
    }

    /// The probe node for the items of the list `parent`.
    pub(super) fn item(&self, parent: usize) -> Option<&'static Node> {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(id) = nodes.get(parent)?.item {
            return PROBES.get(id);
        }
        let id = nodes.len();
        let node = PROBES.get(id)?;
        nodes.push(Described::default());
        nodes[parent].item = Some(id);
        Some(node)
    }

    /// A new probe node that `parent`'s value may be instead of `parent` itself.
    pub(super) fn variant(&self, parent: usize) -> Option<&'static Node> {
        let mut nodes = self.nodes.borrow_mut();
        let id = nodes.len();
        let node = PROBES.get(id)?;
        nodes.push(Described::default());
        nodes.get_mut(parent)?.variants.push(id);
        Some(node)
    }

    /// That `id`'s value may also be what `other`'s is.
    pub(super) fn also(&self, id: usize, other: usize) {
        if let Some(node) = self.nodes.borrow_mut().get_mut(id) {
            if !node.variants.contains(&other) {
                node.variants.push(other);
            }
        }
    }

    pub(super) fn shape(&self, id: usize, shape: Shape) {
        if let Some(node) = self.nodes.borrow_mut().get_mut(id) {
            if !node.shapes.contains(&shape) {
                node.shapes.push(shape);
            }
        }
    }

    pub(super) fn require(&self, id: usize, key: &'static str) {
        if let Some(node) = self.nodes.borrow_mut().get_mut(id) {
            if !node.required.contains(&key) {
                node.required.push(key);
            }
        }
    }
}

/// The root probe node, to read as a whole file.
pub fn root() -> &'static Node {
    &PROBES[0]
}

/// The probe index of `at`, when it is a probe node's place.
pub(super) fn index(at: Origin) -> Option<usize> {
    (at.file == PROBE_FILE).then_some(at.offset as usize)
}
