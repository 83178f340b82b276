//! `cvc schema`: the JSON Schemas editors use must accept every CV and layout that
//! cvc builds (the examples, the starters, the built-in layouts) and refuse what
//! cvc refuses, as a JSON Schema validator reads them.

mod common;

use std::path::{Path, PathBuf};

use common::{cvc, root, scratch, stdout, succeeded};
use serde_json::Value;

/// The schema `cvc schema ARG` prints, compiled.
fn compiled(arg: &str) -> (boon::Schemas, boon::SchemaIndex) {
    let out = cvc(&["schema", arg], &root());
    succeeded(&out);
    let schema: Value = serde_json::from_str(&stdout(&out)).expect("cvc schema prints JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "a draft 2020-12 schema"
    );
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = format!("urn:cvc:{arg}");
    compiler
        .add_resource(&url, schema)
        .expect("the schema is a resource");
    let index = compiler
        .compile(&url, &mut schemas)
        .unwrap_or_else(|e| panic!("the {arg} schema is a valid JSON Schema: {e}"));
    (schemas, index)
}

/// A TOML file as the JSON an editor validates: dates and times as strings.
fn as_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(as_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, as_json(v))).collect())
        }
    }
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    as_json(toml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}")))
}

/// The problems the schema finds in `file`, as the validator words them.
fn problems(schema: &(boon::Schemas, boon::SchemaIndex), file: &Value) -> Option<String> {
    schema
        .0
        .validate(file, schema.1)
        .err()
        .map(|e| format!("{e:#}"))
}

/// Files of `dir`'s subfolders named `name`.
fn in_folders(dir: &str, name: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("the folder is there")
        .filter_map(|e| Some(e.ok()?.path().join(name)))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found
}

#[test]
fn every_cv_cvc_builds_is_valid_by_the_schema() {
    let schema = compiled("cv");
    let mut cvs = in_folders("examples", "cv.toml");
    cvs.push(root().join("cv.toml"));
    cvs.extend(["engineer", "academic"].map(|t| root().join(format!("templates/{t}.toml"))));
    assert!(cvs.len() >= 12, "{cvs:?}");
    for cv in &cvs {
        if let Some(why) = problems(&schema, &read(cv)) {
            panic!("{} is refused by the schema:\n{why}", cv.display());
        }
    }
}

#[test]
fn every_layout_cvc_reads_is_valid_by_the_schema() {
    let schema = compiled("layout");
    let mut layouts = in_folders("examples", "layout.toml");
    let builtins = std::fs::read_dir(root().join("layouts")).expect("layouts/");
    layouts.extend(builtins.filter_map(|e| Some(e.ok()?.path())));
    assert!(layouts.len() >= 10, "{layouts:?}");
    for layout in &layouts {
        if let Some(why) = problems(&schema, &read(layout)) {
            panic!("{} is refused by the schema:\n{why}", layout.display());
        }
    }
}

#[test]
fn the_schema_refuses_what_cvc_refuses() {
    let schema = compiled("cv");
    let cv = |text: &str| as_json(toml::from_str(text).expect("TOML"));
    let good = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Analyst\"\nstart = 2019-09-01\nend = \"present\"\nbullets = [\"x\", { text = \"y\", tags = [\"resume\"] }]\n";
    assert_eq!(problems(&schema, &cv(good)), None);
    for (bad, says) in [
        ("[person]\nnmae = \"Ada\"\n", "nmae"),
        ("[person]\nheadline = \"no name\"\n", "name"),
        ("[person]\nname = 3\n", "string"),
        ("[person]\nname = \"A\"\n[[section]]\ntitle = \"W\"\n[[section.entry]]\ntitle = \"x\"\nbullets = [3]\n", "bullets"),
        ("[person]\nname = \"A\"\n[[section]]\ntitle = \"W\"\n[section.bibtex]\nfile = \"a.bib\"\norder = \"random\"\n", "order"),
    ] {
        let why = problems(&schema, &cv(bad)).unwrap_or_else(|| panic!("passed: {bad}"));
        assert!(why.contains(says), "{bad}\n{why}");
        // … and cvc refuses it too.
        let dir = scratch("schema-refuses");
        common::write(&dir, "cv.toml", bad);
        let out = cvc(&["build", "cv.toml"], &dir);
        assert_eq!(out.status.code(), Some(1), "{bad}");
    }
    let layout = compiled("layout");
    for bad in [
        "[page]\nsize = \"a3\"\n",
        "[sizes]\nbody = 200\n",
        "max_pages = 0\n",
    ] {
        assert!(problems(&layout, &cv(bad)).is_some(), "{bad}");
    }
}

/// Words in any case, language codes with a region, bounds as written: cvc takes
/// them, so an editor must not mark them.
#[test]
fn what_cvc_accepts_the_schema_accepts() {
    let schema = compiled("layout");
    let dir = scratch("schema-accepts");
    common::write(
        &dir,
        "cv.toml",
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\ntext = \"x\"\n",
    );
    for layout in [
        "[page]\nsize = \"A4\"\n",
        "[page]\nsize = [210, 297]\n",
        "language = \"en-GB\"\n",
        "language = \"pt_BR\"\n",
        "[text]\nlanguage = \"en\"\nalign = \"Left\"\n",
        "[fonts]\nbody = \"source sans 3\"\n",
        "[fit]\nmin_margins = 0.1\n",
        "[headings]\nrule = \"Beside\"\n",
    ] {
        let json = as_json(toml::from_str(layout).expect("TOML"));
        assert_eq!(problems(&schema, &json), None, "{layout}");
        common::write(&dir, "layout.toml", layout);
        let out = cvc(&["build", "cv.toml", "--layout", "layout.toml"], &dir);
        assert_eq!(out.status.code(), Some(0), "{layout}");
    }
    let cv = compiled("cv");
    let dated = |start: &str| {
        let text = format!("[person]\nname = \"A\"\n[[section]]\ntitle = \"W\"\n[[section.entry]]\ntitle = \"x\"\nstart = {start}\n");
        problems(&cv, &as_json(toml::from_str(&text).expect("TOML")))
    };
    // One entry written as `[section.entry]` is read as a list of one.
    let single =
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"W\"\n[section.entry]\ntitle = \"x\"\n";
    assert_eq!(
        problems(&cv, &as_json(toml::from_str(single).expect("TOML"))),
        None
    );
    for good in [
        "\"2019\"",
        "\"2019-09\"",
        "2019-09-01",
        "2019",
        "\"Present\"",
    ] {
        assert_eq!(dated(good), None, "{good}");
    }
    for bad in ["\"Sep 2019\"", "\"19-09\"", "20190"] {
        assert!(dated(bad).is_some(), "{bad}");
    }
}

#[test]
fn keys_carry_the_descriptions_of_the_docs() {
    let out = cvc(&["schema"], &root());
    let schema: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // A list of tables is `[[…]]` (or one table): its items are the first choice.
    let items = |v: &Value| v["anyOf"][0]["items"].clone();
    let section = items(&schema["properties"]["section"]);
    let entry = items(&section["properties"]["entry"]);
    let subtitle = entry["properties"]["subtitle"]["description"].as_str();
    assert_eq!(
        subtitle,
        Some("an italic line under the title (type: text)")
    );
    let out = cvc(&["schema", "layout"], &root());
    let schema: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let align = schema["properties"]["text"]["properties"]["align"]["description"].as_str();
    assert!(
        align.is_some_and(|d| d.starts_with("\"justify\" or \"left\"") || d.contains("justify")),
        "{align:?}"
    );
}

#[test]
fn cvc_new_writes_the_schema_its_first_line_names() {
    let dir = scratch("schema-new");
    let out = cvc(&["new", "."], &dir);
    succeeded(&out);
    let cv = std::fs::read_to_string(dir.join("cv.toml")).expect("cv.toml");
    assert_eq!(cv.lines().next(), Some("#:schema ./cv.schema.json"));
    let written: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("cv.schema.json")).expect("cv.schema.json"),
    )
    .expect("JSON");
    let printed: Value = serde_json::from_str(&stdout(&cvc(&["schema"], &root()))).expect("JSON");
    assert_eq!(written, printed);
    // A schema file already there is the user's: kept, and cv.toml still written.
    let again = scratch("schema-new-kept");
    common::write(&again, "cv.schema.json", "{}");
    succeeded(&cvc(&["new", "."], &again));
    assert_eq!(
        std::fs::read_to_string(again.join("cv.schema.json"))
            .ok()
            .as_deref(),
        Some("{}")
    );
    assert!(again.join("cv.toml").is_file());
}

#[test]
fn cvc_new_says_what_it_kept_and_how_to_build_any_folder() {
    let dir = scratch("new-odd");
    common::write(&dir, "afile", "x");
    let out = cvc(&["new", "afile"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("`afile` is not a folder"),
        "{}",
        common::stderr(&out)
    );
    common::write(&dir, "my cv/cv.schema.json", "{}");
    let out = cvc(&["new", "my cv"], &dir);
    succeeded(&out);
    let said = common::stderr(&out);
    assert!(
        said.contains("keeping the cv.schema.json that was there"),
        "{said}"
    );
    assert!(said.contains("`cvc build 'my cv/cv.toml'`"), "{said}");
    let out = cvc(&["new", "--", "-dash"], &dir);
    assert!(
        common::stderr(&out).contains("`cvc build ./-dash/cv.toml`"),
        "{}",
        common::stderr(&out)
    );
}
