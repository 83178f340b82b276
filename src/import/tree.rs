//! The file being imported as a tree of plain values, read from JSON or YAML with
//! its keys in the order written (sections keep the order of the source), and
//! every scalar's text as written (`2020-09`, `10.10`: YAML's numbers are not
//! rounded through a float).
//!
//! Reading is bounded whatever the input: the file is at most 1 MiB (`files`),
//! values nest at most [`DEPTH`] deep, and YAML aliases may expand the document to
//! at most [`EXPANDED`] units (a value, or a byte of text), so "billion laughs"
//! fails in microseconds instead of filling the memory.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A value of the source file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number, as written (YAML) or as printed (JSON).
    Number(String),
    Str(String),
    List(Vec<Value>),
    /// A mapping, its keys in the order written (a key given twice stays twice).
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The text of a scalar (a string, number or boolean); `None` for the rest.
    pub fn scalar(&self) -> Option<String> {
        match self {
            Value::Str(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// What a value is, in a message: "a list", "text".
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Str(_) => "text",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The keys of a mapping.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Value::Map(fields) => fields.iter().map(|(k, _)| k.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// Every text of the value (strings and numbers) with its path below `path`,
    /// in document order: what a report of an unmapped value must not lose.
    pub fn leaves(&self, path: &str, out: &mut Vec<(String, String)>) {
        match self {
            Value::Null => {}
            Value::Bool(b) => out.push((path.to_string(), b.to_string())),
            Value::Str(s) | Value::Number(s) => out.push((path.to_string(), s.clone())),
            Value::List(items) => {
                for (i, v) in items.iter().enumerate() {
                    v.leaves(&format!("{path}[{i}]"), out);
                }
            }
            Value::Map(fields) => {
                for (k, v) in fields {
                    v.leaves(&join(path, k), out);
                }
            }
        }
    }
}

/// The path of `key` in the value at `path`: `work[0].name`, `cv.sections.Projects`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// How deep values may nest: a CV needs six levels; the limit keeps recursion
/// (the mapping's, serde's) far from the stack's end.
pub const DEPTH: usize = 64;

/// The most a YAML document may expand to through its aliases, in values plus
/// bytes of text: four times the largest input, so that no real file meets it.
pub const EXPANDED: usize = 4 << 20;

/// Why a file could not be read as a tree: the message, and the line and column
/// (from 1) where the problem is.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// JSON text as a tree. serde_json refuses nesting deeper than 128 on its own;
/// the tree's depth is checked again against [`DEPTH`].
pub fn json(text: &str) -> Result<Value, SyntaxError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Value::deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| SyntaxError {
            message: json_message(&e),
            line: e.line().max(1),
            // serde_json counts an error before the first character as column 0.
            column: e.column().max(1),
        })?;
    if depth(&value) > DEPTH {
        return Err(SyntaxError {
            message: format!("values nest more than {DEPTH} levels deep"),
            line: 1,
            column: 1,
        });
    }
    Ok(value)
}

/// serde_json's message without its own " at line L column C" (the caller
/// places the error).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::List(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Map(fields) => 1 + fields.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            fields.push((key, map.next_value()?));
        }
        Ok(Value::Map(fields))
    }
}

/// A collection being read, with the anchor it will be known by and the size of
/// the document when it opened (its own size, for an alias to it, is the growth
/// since).
struct Open {
    items: Vec<Value>,
    /// For a mapping: its keys (an entry of `items` is the value of the key at
    /// the same index); `None` for a sequence.
    keys: Option<Vec<String>>,
    anchor: usize,
    size_at_start: usize,
}

/// The YAML reader's state: the collections open, the anchors seen, and the
/// size of what was read so far, aliases expanded.
#[derive(Default)]
struct Yaml {
    open: Vec<Open>,
    anchors: std::collections::HashMap<usize, (Value, usize)>,
    size: usize,
    root: Option<Value>,
}

/// A YAML document as a tree: the first document of the stream (a second is an
/// error, so that nothing is ignored without a word).
pub fn yaml(text: &str) -> Result<Value, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut state = Yaml::default();
    let mut documents = 0;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| SyntaxError {
            message: e.info().to_string(),
            line: e.marker().line(),
            column: e.marker().col() + 1,
        })?;
        let at = |message: String| SyntaxError {
            message,
            line: mark.line(),
            column: mark.col() + 1,
        };
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(at("a second YAML document: a CV is one document".into()));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(text, style, tag.is_some());
                let size = value_size(&value);
                state.grow(size, &mark)?;
                state.done(value, anchor, size, &mark)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if state.open.len() >= DEPTH {
                    return Err(at(format!("values nest more than {DEPTH} levels deep")));
                }
                let map = matches!(event, Event::MappingStart(..));
                state.grow(1, &mark)?;
                state.open.push(Open {
                    items: Vec::new(),
                    keys: map.then(Vec::new),
                    anchor,
                    size_at_start: state.size - 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => state.close(&mark)?,
            Event::Alias(id) => {
                let Some((value, size)) = state.anchors.get(&id).cloned() else {
                    return Err(at("an alias to an anchor that is not defined".into()));
                };
                state.grow(size, &mark)?;
                state.done(value, 0, size, &mark)?;
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(state.root.unwrap_or(Value::Null))
}

/// A mapping with YAML's merge key resolved (`<<: *job`, which RenderCV's reader,
/// ruamel.yaml, resolves): the keys of the mapping it names (or of each mapping of
/// a list, the first winning) where the mapping does not give them itself. A
/// `<<` of anything else stays, to be reported as not imported.
fn merged(pairs: Vec<(String, Value)>) -> Vec<(String, Value)> {
    if !pairs.iter().any(|(k, _)| k == "<<") {
        return pairs;
    }
    let own: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k != "<<")
        .map(|(k, _)| k.clone())
        .collect();
    let mut out: Vec<(String, Value)> = Vec::new();
    for (key, value) in pairs {
        if key != "<<" {
            out.push((key, value));
            continue;
        }
        let (maps, rest): (Vec<Value>, Vec<Value>) = match value {
            Value::List(items) => items.into_iter().partition(|i| matches!(i, Value::Map(_))),
            Value::Map(_) => (vec![value], Vec::new()),
            other => (Vec::new(), vec![other]),
        };
        for (k, v) in maps.into_iter().flat_map(|m| match m {
            Value::Map(fields) => fields,
            _ => Vec::new(),
        }) {
            if !own.contains(&k) && !out.iter().any(|(o, _)| *o == k) {
                out.push((k, v));
            }
        }
        match rest.len() {
            0 => {}
            1 => out.extend(rest.into_iter().map(|v| (key.clone(), v))),
            _ => out.push((key, Value::List(rest))),
        }
    }
    out
}

/// The size a scalar adds to the document: one, and its bytes.
fn value_size(v: &Value) -> usize {
    1 + v.scalar().map_or(0, |s| s.len())
}

impl Yaml {
    /// Count `n` more units of the document, refusing past [`EXPANDED`].
    fn grow(&mut self, n: usize, mark: &Marker) -> Result<(), SyntaxError> {
        self.size = self.size.saturating_add(n);
        if self.size > EXPANDED {
            return Err(SyntaxError {
                message: format!(
                    "the document's aliases expand it past {} MiB: cvc refuses such a file (a \"billion laughs\")",
                    EXPANDED >> 20
                ),
                line: mark.line(),
                column: mark.col() + 1,
            });
        }
        Ok(())
    }

    /// Close the innermost collection.
    fn close(&mut self, mark: &Marker) -> Result<(), SyntaxError> {
        let Some(open) = self.open.pop() else {
            return Ok(());
        };
        let value = match open.keys {
            Some(keys) => Value::Map(merged(keys.into_iter().zip(open.items).collect())),
            None => Value::List(open.items),
        };
        self.done(value, open.anchor, self.size - open.size_at_start, mark)
    }

    /// A finished value: remembered under its anchor (with its size), and put in
    /// its collection, as a key or a value, or made the document.
    fn done(
        &mut self,
        value: Value,
        anchor: usize,
        size: usize,
        mark: &Marker,
    ) -> Result<(), SyntaxError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
        let Some(top) = self.open.last_mut() else {
            self.root = Some(value);
            return Ok(());
        };
        match &mut top.keys {
            Some(keys) if keys.len() == top.items.len() => match value {
                Value::Null => keys.push(String::new()),
                v => match v.scalar() {
                    Some(k) => keys.push(k),
                    None => {
                        return Err(SyntaxError {
                            message: format!("a key that is {}, not text", v.describe()),
                            line: mark.line(),
                            column: mark.col() + 1,
                        })
                    }
                },
            },
            _ => top.items.push(value),
        }
        Ok(())
    }
}

/// A scalar by YAML 1.2's core schema, as RenderCV's reader takes it: plain
/// `null`, `~` and nothing are null, `true` and `false` booleans, numbers keep
/// their text; anything quoted, tagged or in a block is text.
fn scalar(text: String, style: TScalarStyle, tagged: bool) -> Value {
    if style != TScalarStyle::Plain || tagged {
        return Value::Str(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        t if is_number(t) => Value::Number(text),
        _ => Value::Str(text),
    }
}

/// Whether a plain scalar is a number of the core schema (decimal, `0x`, `0o`,
/// floats with an exponent, `.inf`, `.nan`).
fn is_number(t: &str) -> bool {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = t.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if let Some(oct) = t.strip_prefix("0o") {
        return digits(oct, 8);
    }
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(t, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = (digits(int, 10) || (int.is_empty() && digits(frac, 10)))
        && (frac.is_empty() || digits(frac, 10));
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Value {
        Value::Str(t.into())
    }

    #[test]
    fn json_keeps_key_order_and_places_errors() {
        let v = json(r#"{"b": 1, "a": [true, null, "x"], "b": 2.5}"#).expect("json");
        assert_eq!(v.keys(), ["b", "a", "b"]);
        let e = json("{\n  \"a\": [1,\n}").expect_err("bad");
        assert_eq!((e.line, e.column), (3, 1), "{e:?}");
        assert!(json("[1] 2").is_err());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(json(&deep).is_err());
    }

    #[test]
    fn yaml_scalars_keep_their_text() {
        let v = yaml("a: 2020-09\nb: 10.10\nc: 2020\nd: '2020'\ne:\nf: yes\ng: true\nh: ~\n")
            .expect("yaml");
        let Value::Map(fields) = v else {
            panic!("a mapping")
        };
        let values: Vec<&Value> = fields.iter().map(|(_, v)| v).collect();
        assert_eq!(
            values,
            [
                &s("2020-09"),
                &Value::Number("10.10".into()),
                &Value::Number("2020".into()),
                &s("2020"),
                &Value::Null,
                &s("yes"),
                &Value::Bool(true),
                &Value::Null
            ]
        );
    }

    #[test]
    fn yaml_merge_keys_give_their_keys_where_the_mapping_does_not() {
        let v = yaml(
            "base: &job\n  position: Dev\n  start_date: 2020-01\n  company: ACME\nentry:\n  <<: *job\n  company: ACME2\n",
        )
        .expect("yaml");
        let Value::Map(top) = v else { panic!("a map") };
        assert_eq!(
            top[1].1,
            Value::Map(vec![
                ("position".into(), s("Dev")),
                ("start_date".into(), s("2020-01")),
                ("company".into(), s("ACME2")),
            ])
        );
    }

    #[test]
    fn yaml_aliases_expand_within_a_bound() {
        let v = yaml("a: &x [1, 2]\nb: *x\n").expect("yaml");
        assert_eq!(v, json(r#"{"a": [1, 2], "b": [1, 2]}"#).expect("json"));
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, next) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .windows(2)
            .map(|w| (w[0], w[1]))
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            bomb.push_str(&format!("{next}: &{next} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        let e = yaml(&bomb).expect_err("a bomb");
        assert!(e.message.contains("aliases expand"), "{e:?}");
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn yaml_refuses_deep_nesting_and_odd_keys() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(yaml(&deep).is_err());
        let block: String = (0..100)
            .map(|i| format!("{}- \n", "  ".repeat(i)))
            .collect();
        assert!(yaml(&block).is_err());
        assert!(yaml("? [a]\n: b\n").is_err());
        assert!(yaml("a: 1\n---\nb: 2\n").is_err());
        let e = yaml("a: [1,\nb: 2").expect_err("bad");
        assert!(e.line >= 1, "{e:?}");
    }

    #[test]
    fn numbers_of_the_core_schema() {
        for n in [
            "1", "-2", "3.5", ".5", "1e3", "0x1F", "0o17", ".inf", "-.inf", ".nan",
        ] {
            assert!(is_number(n), "{n}");
        }
        for n in ["2020-09", "1.2.3", "e3", "0x", "+", "1e", "--1", "10.10.10"] {
            assert!(!is_number(n), "{n}");
        }
    }
}
