//! `[fonts]`: the body and heading families, bundled ones by name or font files
//! by path, and the fallback fonts tried for characters those lack.

use super::resolve::Context;
use crate::diag::{Code, Diagnostic};
use crate::fonts::{FaceFile, FaceId, Family, FontSet, FAMILY_NAMES};
use crate::reader::{Fields, Node, Reader, Shape, Value};

/// The families a layout sets text in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Faces {
    /// Running text, dates, the contact line.
    pub body: Family,
    /// The name and section headings.
    pub headings: Family,
}

/// The most fallback fonts a layout may list: each is searched for every character
/// the text's own face lacks, and each file may be large.
const MOST_FALLBACKS: usize = 16;

/// `[fonts]`: `body`, `headings`, and `fallback` (which goes on `cx.fonts`, where
/// the shaper looks for faces).
pub(super) fn read(f: &mut Fields, cx: &mut Context) -> Faces {
    match f.table("fonts", "{ body = \"Source Serif 4\" }") {
        Some(mut t) => {
            let body = family(&mut t, "body", cx);
            let headings = family(&mut t, "headings", cx);
            let fallbacks = fallbacks(&mut t, cx);
            cx.fonts.set_fallbacks(fallbacks);
            t.done();
            Faces { body, headings }
        }
        None => {
            let serif = default_family(cx.fonts);
            Faces {
                body: serif,
                headings: serif,
            }
        }
    }
}

fn default_family(fonts: &FontSet) -> Family {
    fonts
        .family(FAMILY_NAMES[0])
        .unwrap_or(Family::single(FaceId(0)))
}

/// A bundled family by name, or font files by path (relative to the layout file that
/// names them).
fn family(t: &mut Fields, key: &'static str, cx: &mut Context) -> Family {
    let r = t.r;
    let default = default_family(cx.fonts);
    let Some(node) = t.get(key) else {
        return default;
    };
    if r.is_probe(node) {
        r.describe(node, Shape::Words(FAMILY_NAMES.to_vec()));
    }
    match &node.value {
        Value::String(n) => cx.fonts.family(n).unwrap_or_else(|| {
            let names: Vec<&str> = cx.fonts.family_names().collect();
            r.report(
                Diagnostic::error(Code::UnknownName, format!("unknown font family `{}`", crate::diag::clip(n)), Some(node.at))
                    .with_help(format!(
                        "the bundled families are {}; or give font files: {{ regular = \"MyFont-Regular.ttf\", bold = \"MyFont-Bold.ttf\" }}",
                        names.join(", ")
                    )),
            );
            default
        }),
        Value::Table(_) => family_files(r, key, node, cx).unwrap_or(default),
        other => {
            r.wrong_type(key, node.at, "a family name or a table of font files", "\"Source Sans 3\"", other);
            default
        }
    }
}

/// A family given as font files, `{ regular = …, italic = …, bold = …,
/// bold_italic = … }`, each a face (see [`face_file`]); `None` when it cannot be
/// used (the problems are reported).
fn family_files(r: &Reader, key: &str, node: &Node, cx: &mut Context) -> Option<Family> {
    let mut files = Fields::of(r, key, node, "")?;
    let mut readable = true;
    let mut face = |k: &'static str| {
        let node = files.get(k)?;
        let file = face_file(r, k, node, cx);
        readable &= file.is_some();
        file
    };
    let given = [
        face("regular"),
        face("italic"),
        face("bold"),
        face("bold_italic"),
    ];
    let missing = !files.has("regular");
    let at = files.at();
    files.done();
    if missing {
        r.report(Diagnostic::error(
            Code::MissingKey,
            "missing key `regular`: a family given as files needs its regular face",
            Some(at),
        ));
    }
    if missing || !readable {
        return None;
    }
    cx.fonts
        .load_family(&given, cx.sources)
        .map_err(|problems| problems.into_iter().for_each(|d| r.report(d)))
        .ok()
}

/// One face: a font file's path, or `{ file = "…", index = 2 }` for a face of a
/// collection (`.ttc`, `.otc`), whose faces are numbered from 0. A relative path is
/// relative to the layout file that writes it.
fn face_file(r: &Reader, key: &str, node: &Node, cx: &Context) -> Option<FaceFile> {
    r.describe(node, Shape::Text);
    let (path, index) = match &node.value {
        Value::String(_) => (r.text(key, node)?, None),
        Value::Table(_) => {
            let mut f = Fields::of(r, key, node, "")?;
            let file = f.require("file", "a face given as a table names its font file");
            let index = f.get("index").and_then(|n| {
                let i = r.integer("index", n, 0, i64::from(u16::MAX))?;
                Some((u32::try_from(i).ok()?, n.at))
            });
            f.done();
            (r.text("file", file?)?, index)
        }
        other => {
            r.wrong_type(
                key,
                node.at,
                "a font file, or a table `{ file = …, index = … }` for a face of a collection",
                "\"fonts/MyFont-Regular.otf\"",
                other,
            );
            return None;
        }
    };
    Some(FaceFile {
        path: cx.dir(path.at.file).join(&path.value),
        at: path.at,
        index,
    })
}

/// `fallback`: fonts tried in order for a character the text's own face lacks,
/// before the bundled symbol font. Each is one face for every style (a file, or
/// `{ file, index }`), or a family of files by style.
fn fallbacks(t: &mut Fields, cx: &mut Context) -> Vec<Family> {
    let r = t.r;
    let items = t.list("fallback", "[\"fonts/NotoSansCJK-Regular.ttc\"]");
    if let Some(extra) = items.get(MOST_FALLBACKS) {
        r.report(Diagnostic::error(
            Code::OutOfRange,
            format!(
                "`fallback` lists {} fonts; it may list at most {MOST_FALLBACKS}",
                items.len()
            ),
            Some(extra.at),
        ));
    }
    let mut families = Vec::new();
    for item in items.iter().take(MOST_FALLBACKS) {
        if r.describe(item, Shape::Text) {
            // A probe: the two kinds of table, the family's and the face's.
            if let Some(family) = r.probe_variant(item) {
                family_files(r, "fallback", family, cx);
            }
            if let Some(face) = r.probe_variant(item) {
                face_file(r, "fallback", face, cx);
            }
            continue;
        }
        let family = match &item.value {
            Value::Table(table) if table.get("file").is_none() && table.get("index").is_none() => {
                family_files(r, "fallback", item, cx)
            }
            Value::String(_) | Value::Table(_) => {
                face_file(r, "fallback", item, cx).and_then(|file| {
                    cx.fonts
                        .load_face(&file, cx.sources)
                        .map_err(|d| r.report(d))
                        .ok()
                        .map(Family::single)
                })
            }
            other => {
                r.report(Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "`fallback` is a list of font files or families, like `fallback = [\"fonts/NotoSansCJK-Regular.ttc\"]`; this item is {}",
                        other.describe()
                    ),
                    Some(item.at),
                ));
                None
            }
        };
        families.extend(family);
    }
    families
}

#[cfg(test)]
mod tests {
    use super::super::{load, LayoutSource};
    use crate::diag::Sources;
    use crate::fonts::{Family, FontSet};

    /// A bundled font file by its path in the repository.
    fn file(name: &str) -> String {
        format!("{}/fonts/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    /// A problem as (message, help, offset).
    type Problem = (String, Option<String>, Option<u32>);

    /// The fonts after reading `layout`, or its problems.
    fn fonts_of(layout: &str) -> Result<FontSet, Vec<Problem>> {
        let mut fonts = FontSet::bundled();
        let source = LayoutSource::Text {
            name: "my.toml".into(),
            text: layout.into(),
        };
        match load(&mut Sources::default(), &source, &[], &mut fonts) {
            Ok(_) => Ok(fonts),
            Err(problems) => Err(problems
                .into_iter()
                .map(|d| (d.message, d.help, d.origin.map(|o| o.offset)))
                .collect()),
        }
    }

    #[test]
    fn fallbacks_keep_their_order_and_each_style() {
        let layout = format!(
            "[fonts]\nfallback = [\"{sans}\", {{ regular = \"{serif}\", bold = {{ file = \"{bold}\" }} }}, {{ file = \"{symbols}\", index = 0 }}]\n",
            sans = file("SourceSans3-Regular.ttf"),
            serif = file("SourceSerif4-Regular.ttf"),
            bold = file("SourceSerif4-Bold.ttf"),
            symbols = file("NotoSansSymbols2-Regular.ttf"),
        );
        let fonts = fonts_of(&layout).unwrap();
        let sans = fonts.family("Source Sans 3").unwrap();
        let serif = fonts.family("Source Serif 4").unwrap();
        let serif_files = Family {
            regular: serif.regular,
            italic: serif.regular,
            bold: serif.bold,
            bold_italic: serif.bold,
        };
        assert_eq!(
            fonts.fallbacks(),
            [
                Family::single(sans.regular),
                serif_files,
                Family::single(fonts.symbol())
            ]
        );
        assert!(fonts_of("").unwrap().fallbacks().is_empty());
    }

    #[test]
    fn at_most_sixteen_fallbacks() {
        let one = format!("\"{}\"", file("SourceSans3-Regular.ttf"));
        let list = |n: usize| {
            format!(
                "[fonts]\nfallback = [{}]\n",
                vec![one.as_str(); n].join(", ")
            )
        };
        assert_eq!(fonts_of(&list(16)).unwrap().fallbacks().len(), 16);
        let problems = fonts_of(&list(17)).unwrap_err();
        let seventeenth = "[fonts]\nfallback = [".len() + 16 * (one.len() + 2);
        assert_eq!(
            problems,
            [(
                "`fallback` lists 17 fonts; it may list at most 16".to_string(),
                None,
                Some(seventeenth as u32)
            )]
        );
    }

    #[test]
    fn the_keys_of_a_face_and_of_a_fallback_family_are_checked() {
        let problems =
            fonts_of("[fonts]\nfallback = [{ regular = { file = \"x.ttf\", indx = 1 } }, { regula = \"x.ttf\" }, { index = 1 }, true]\n")
                .unwrap_err();
        let said: Vec<(&str, Option<&str>)> = problems
            .iter()
            .map(|(m, h, _)| (m.as_str(), h.as_deref()))
            .collect();
        assert_eq!(
            said,
            [
                ("unknown key `indx`", Some("did you mean `index`?")),
                ("cannot use font `./x.ttf`: no such file or directory", None),
                ("unknown key `regula`", Some("did you mean `regular`?")),
                ("missing key `regular`: a family given as files needs its regular face", None),
                ("missing key `file`: a face given as a table names its font file", None),
                ("`fallback` is a list of font files or families, like `fallback = [\"fonts/NotoSansCJK-Regular.ttc\"]`; this item is `true`", None),
            ]
        );
    }
}
