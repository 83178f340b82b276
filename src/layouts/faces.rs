//! `[fonts]`: the body and heading families, bundled ones by name or font files
//! by path.

use super::resolve::Context;
use crate::diag::{Code, Diagnostic};
use crate::fonts::{FaceId, Family, FontSet, FAMILY_NAMES};
use crate::reader::{Fields, Value};

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
    let fallback = default_family(cx.fonts);
    let Some(node) = t.get(key) else {
        return fallback;
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
            fallback
        }),
        Value::Table(_) => {
            let Some(mut files) = Fields::of(r, key, node, "") else {
                return fallback;
            };
            let dir = cx.dir(node.at.file);
            let mut path = |k: &'static str| files.text(k).map(|t| (dir.join(&t.value), t.at));
            let regular = path("regular");
            let paths = [regular.clone(), path("italic"), path("bold"), path("bold_italic")];
            let at = files.at();
            files.done();
            if regular.is_none() {
                r.report(Diagnostic::error(
                    Code::MissingKey,
                    "missing key `regular`: a family given as files needs its regular face",
                    Some(at),
                ));
                return fallback;
            }
            match cx.fonts.load_family(&paths, cx.sources) {
                Ok(family) => family,
                Err(problems) => {
                    problems.into_iter().for_each(|d| r.report(d));
                    fallback
                }
            }
        }
        other => {
            r.wrong_type(key, node.at, "a family name or a table of font files", "\"Source Sans 3\"", other);
            fallback
        }
    }
}
