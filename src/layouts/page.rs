//! `[page]`: the paper and its margins.

use super::MM;
use crate::diag::{Code, Diagnostic};
use crate::reader::{Fields, Node, Num, Reader, Shape, Unit, Value};

/// Margins, millimetres.
const MARGIN: Num = Num::new(0.0, 200.0, Unit::Mm);
/// Every margin when the layout sets none, mm.
const DEFAULT_MARGIN: f32 = 20.0;

/// The page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
}

impl Page {
    /// Every margin times `factor` (for `--fit`).
    pub(super) fn scale_margins(&mut self, factor: f32) {
        for v in [
            &mut self.margin_top,
            &mut self.margin_bottom,
            &mut self.margin_left,
            &mut self.margin_right,
        ] {
            *v *= factor;
        }
    }
}

/// The page sizes a layout may name, in points.
const PAGE_SIZES: [(&str, (f32, f32)); 4] = [
    ("a4", (210.0 * MM, 297.0 * MM)),
    ("letter", (8.5 * 72.0, 11.0 * 72.0)),
    ("a5", (148.0 * MM, 210.0 * MM)),
    ("legal", (8.5 * 72.0, 14.0 * 72.0)),
];

/// `[page]`: `size` and `margins` (top, bottom, left, right).
pub(super) fn read(f: &mut Fields) -> Page {
    let r = f.r;
    let (size, margins) = match f.table("page", "{ size = \"a4\" }") {
        None => (PAGE_SIZES[0].1, [DEFAULT_MARGIN; 4]),
        Some(mut t) => {
            let size = t
                .get("size")
                .and_then(|n| page_size(r, n))
                .unwrap_or(PAGE_SIZES[0].1);
            let margins = match t.table(
                "margins",
                "{ top = 20, bottom = 20, left = 20, right = 20 }",
            ) {
                Some(mut m) => {
                    let v = ["top", "bottom", "left", "right"]
                        .map(|k| m.number(k, MARGIN, DEFAULT_MARGIN));
                    m.done();
                    v
                }
                None => [DEFAULT_MARGIN; 4],
            };
            t.done();
            (size, margins)
        }
    };
    Page {
        width: size.0,
        height: size.1,
        margin_top: margins[0] * MM,
        margin_bottom: margins[1] * MM,
        margin_left: margins[2] * MM,
        margin_right: margins[3] * MM,
    }
}

/// A named page size or `[width, height]` in millimetres; in points.
fn page_size(r: &Reader, node: &Node) -> Option<(f32, f32)> {
    let expected = "`a4`, `letter`, `a5`, `legal` or `[width, height]` in mm";
    let side = Num::new(50.0, 2000.0, Unit::Mm);
    if r.is_probe(node) {
        r.describe(
            node,
            Shape::Words(PAGE_SIZES.iter().map(|(n, _)| *n).collect()),
        );
        r.describe(node, Shape::Numbers(side, 2));
        return None;
    }
    match &node.value {
        Value::String(_) => r.choice("size", node, &PAGE_SIZES),
        Value::Array(items) if items.len() == 2 => {
            let w = r.number("size", &items[0], side, 210.0);
            let h = r.number("size", &items[1], side, 297.0);
            Some((w? * MM, h? * MM))
        }
        other => {
            r.report(Diagnostic::error(
                Code::WrongType,
                format!("`size` must be {expected}, like `size = \"a4\"` or `size = [210, 297]`, not {}", match other {
                    Value::Array(items) if items.len() == 1 => "a list of one value".to_string(),
                    Value::Array(items) => format!("a list of {} values", items.len()),
                    v => v.describe().to_string(),
                }),
                Some(node.at),
            ));
            None
        }
    }
}
