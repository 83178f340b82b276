//! The text frame a layout leaves: the page less its margins, the date column and
//! the bullet indent must hold text. When it does not, the error points at the key
//! set last among those that squeeze it (a `--set` over a file over a base).

use super::{Layout, MM};
use crate::diag::{Code, Diagnostic, Origin};
use crate::reader::{Fields, Node, Reader, Value};

/// The narrowest text column a layout may leave, mm: about four words of body text.
const MIN_COLUMN: f32 = 40.0;
/// The shortest text frame a layout may leave, mm: a handful of lines.
const MIN_FRAME_HEIGHT: f32 = 40.0;

/// Where the keys that shape the text frame were written, to point an error at the
/// one most likely to blame: the one set last (a `--set` over a file over a base).
pub(super) struct KeyOrigins(Vec<(&'static str, Origin)>);

impl KeyOrigins {
    pub(super) fn from(f: &Fields) -> KeyOrigins {
        let mut out = Vec::new();
        let mut add = |path: &'static str, node: Option<&Node>| {
            if let Some(n) = node {
                out.push((path, n.at));
            }
        };
        let table = |node: Option<&Node>| match node.map(|n| &n.value) {
            Some(Value::Table(t)) => Some(t.clone()),
            _ => None,
        };
        let root = f.table_ref();
        let page = table(root.get("page"));
        let margins = page.as_ref().and_then(|p| table(p.get("margins")));
        for (key, path) in [
            ("top", "page.margins.top"),
            ("bottom", "page.margins.bottom"),
            ("left", "page.margins.left"),
            ("right", "page.margins.right"),
        ] {
            add(path, margins.as_ref().and_then(|m| m.get(key)));
        }
        add("page.size", page.as_ref().and_then(|p| p.get("size")));
        let dates = table(root.get("dates"));
        add("dates.width", dates.as_ref().and_then(|d| d.get("width")));
        add("dates.gap", dates.as_ref().and_then(|d| d.get("gap")));
        let bullets = table(root.get("bullets"));
        add(
            "bullets.indent",
            bullets.as_ref().and_then(|b| b.get("indent")),
        );
        let header = table(root.get("header"));
        add(
            "header.photo_height",
            header.as_ref().and_then(|h| h.get("photo_height")),
        );
        KeyOrigins(out)
    }

    /// The place of whichever of `keys` was written last.
    fn latest(&self, keys: &[&str]) -> Option<Origin> {
        self.0
            .iter()
            .filter(|(k, _)| keys.contains(k))
            .map(|(_, o)| *o)
            .max_by_key(|o| (o.file, o.offset))
    }
}

/// The text frame the page leaves must hold text: a column for entries at least
/// [`MIN_COLUMN`] wide beside the dates, room for bullet text inside it, and a frame
/// at least [`MIN_FRAME_HEIGHT`] tall that the photo fits in.
pub(super) fn check_frame(r: &Reader, l: &Layout, origins: &KeyOrigins) {
    let mm = |v: f32| {
        let s = format!("{:.1}", v / MM);
        format!("{} mm", s.trim_end_matches(".0"))
    };
    let column = l.entry_column().1 - l.bullets.indent;
    if column < MIN_COLUMN * MM {
        let keys = [
            "page.size",
            "page.margins.left",
            "page.margins.right",
            "dates.width",
            "dates.gap",
            "bullets.indent",
        ];
        let room = if column <= 0.0 {
            "no room for text".to_string()
        } else {
            format!("a text column {} wide", mm(column))
        };
        r.report(
            Diagnostic::error(
                Code::Frame,
                format!(
                    "the margins ({} and {}), the date column ({}), its gap ({}) and the bullet indent ({}) leave {room} on the {} wide page; the text needs at least {MIN_COLUMN:.0} mm",
                    mm(l.page.margin_left),
                    mm(l.page.margin_right),
                    mm(l.dates.width),
                    mm(l.dates.gap),
                    mm(l.bullets.indent),
                    mm(l.page.width),
                ),
                origins.latest(&keys),
            )
            .with_help(format!("make one of these smaller: {}", quoted(&keys[1..]))),
        );
    }
    let height = l.page.height - l.page.margin_top - l.page.margin_bottom;
    if height < MIN_FRAME_HEIGHT * MM || height < l.header.photo_height {
        let keys = [
            "page.size",
            "page.margins.top",
            "page.margins.bottom",
            "header.photo_height",
        ];
        let room = if height <= 0.0 {
            "no room for text".to_string()
        } else {
            format!("a text frame {} tall", mm(height))
        };
        r.report(
            Diagnostic::error(
                Code::Frame,
                format!(
                    "the top and bottom margins ({} and {}) leave {room} on the {} tall page; it needs at least {MIN_FRAME_HEIGHT:.0} mm, and room for the photo ({})",
                    mm(l.page.margin_top),
                    mm(l.page.margin_bottom),
                    mm(l.page.height),
                    mm(l.header.photo_height),
                ),
                origins.latest(&keys),
            )
            .with_help(format!("make one of these smaller: {}", quoted(&keys[1..]))),
        );
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
