//! `[fonts]`: the body and heading families, bundled ones by name or font files
//! by path.

use super::resolve::Context;
use crate::diag::{Code, Diagnostic};
use crate::fonts::{FaceFile, FaceId, Family, FontSet, FAMILY_NAMES};
use crate::reader::{Fields, Node, Reader, Value};

/// The families a layout sets text in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Faces {
    /// Running text, dates, the contact line.
    pub body: Family,
    /// The name and section headings.
    pub headings: Family,
}

/// `[fonts]`: `body` and `headings`.
pub(super) fn read(f: &mut Fields, cx: &mut Context) -> Faces {
    match f.table("fonts", "{ body = \"Source Serif 4\" }") {
        Some(mut t) => {
            let body = family(&mut t, "body", cx);
            let headings = family(&mut t, "headings", cx);
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
    fonts.family(FAMILY_NAMES[0]).unwrap_or(Family {
        regular: FaceId(0),
        italic: FaceId(0),
        bold: FaceId(0),
        bold_italic: FaceId(0),
    })
}

/// A bundled family by name, or font files by path (relative to the layout file that
/// names them).
fn family(t: &mut Fields, key: &'static str, cx: &mut Context) -> Family {
    let r = t.r;
    let default = default_family(cx.fonts);
    let Some(node) = t.get(key) else {
        return default;
    };
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
    let missing = files.table_ref().get("regular").is_none();
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
