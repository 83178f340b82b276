//! Diagnostics: problems found in a user's files, as values.
//!
//! Every stage reports problems as [`Diagnostic`]s that point into a source file
//! (`cv.toml` or a layout). A position is kept as an [`Origin`]: the byte offset of a
//! TOML string literal plus a byte index into its *decoded* value. Stages that work on
//! decoded text (markup, shaping, line breaking) can therefore say "the 12th byte of
//! this string" without knowing about TOML escapes; only [`Sources::resolve`] walks the
//! literal to turn that into a line and column.

use std::fmt::Write as _;

/// How bad a problem is. Errors stop the build; warnings are printed and the PDF is
/// still written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Which loaded file a position refers to (an index into [`Sources`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FileId(pub u16);

/// A position inside a source file, possibly inside a string literal.
///
/// `offset` is the byte offset of the start of a TOML value in the file. When the value
/// is a string, `index` is a byte index into the decoded string; for anything else it
/// is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Origin {
    pub file: FileId,
    pub offset: u32,
    pub index: u32,
}

impl Origin {
    pub fn new(file: FileId, offset: usize) -> Self {
        Origin {
            file,
            offset: offset as u32,
            index: 0,
        }
    }

    /// The same literal, `delta` bytes further into its decoded value.
    pub fn advanced(self, delta: usize) -> Self {
        Origin {
            index: self.index + delta as u32,
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem this is, stable for tools: `overfull`, `over-budget`,
    /// `missing-glyph`, `bad-link`, … (`docs/check.md` lists them); empty when none.
    pub code: &'static str,
    pub message: String,
    pub origin: Option<Origin>,
    /// A hint printed under the source excerpt ("did you mean `bullets`?").
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, origin: Option<Origin>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: "",
            message: message.into(),
            origin,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>, origin: Option<Origin>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code: "",
            message: message.into(),
            origin,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }
}

/// A file the user gave us, kept whole so that diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name to print (as the user wrote the path, or `<built-in>/full.toml`).
    pub name: String,
    pub text: String,
}

/// All loaded source files.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

/// A resolved position: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: String) -> FileId {
        self.files.push(SourceFile {
            name: name.into(),
            text,
        });
        FileId((self.files.len() - 1) as u16)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The byte offset in the file of the character that `origin` designates.
    pub fn byte_offset(&self, origin: Origin) -> usize {
        let text = &self.get(origin.file).text;
        let start = (origin.offset as usize).min(text.len());
        literal_offset(&text[start..], origin.index as usize) + start
    }

    /// Line and column of `origin`.
    pub fn resolve(&self, origin: Origin) -> LineCol {
        let text = &self.get(origin.file).text;
        let offset = self.byte_offset(origin).min(text.len());
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: before.matches('\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
        }
    }

    /// `cv.toml:12:5: error: message`, the source line, a caret, and the help.
    pub fn render(&self, d: &Diagnostic) -> String {
        self.render_styled(d, false)
    }

    /// [`render`](Self::render), in colour for a terminal when `color` is set.
    pub fn render_styled(&self, d: &Diagnostic, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let (label, tint) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let label = paint(tint, label);
        let mut out = String::new();
        match d.origin {
            Some(origin) => {
                let file = self.get(origin.file);
                let pos = self.resolve(origin);
                let place = paint("1", &format!("{}:{}:{}:", file.name, pos.line, pos.column));
                let _ = writeln!(out, "{place} {label}: {}", d.message);
                if let Some(line) = file.text.lines().nth(pos.line - 1) {
                    let gutter = pos.line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let caret_pad: String = line
                        .chars()
                        .take(pos.column - 1)
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{gutter} | {line}");
                    let _ = writeln!(out, "{pad} | {caret_pad}{}", paint(tint, "^"));
                }
            }
            None => {
                let _ = writeln!(out, "{label}: {}", d.message);
            }
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// Map a byte index in the decoded value of the TOML literal at the start of `src`
/// to a byte offset within `src`.
///
/// Handles the four TOML string forms (basic, literal, and their multi-line variants),
/// escapes, and the newline that directly follows an opening `"""`. For a value that is
/// not a string the offset of the value itself is returned.
fn literal_offset(src: &str, index: usize) -> usize {
    let (quote_len, basic) = if src.starts_with("\"\"\"") {
        (3, true)
    } else if src.starts_with("'''") {
        (3, false)
    } else if src.starts_with('"') {
        (1, true)
    } else if src.starts_with('\'') {
        (1, false)
    } else {
        return 0;
    };
    let bytes = src.as_bytes();
    let mut pos = quote_len;
    if quote_len == 3 {
        // A newline immediately after the opening delimiter is trimmed.
        if src[pos..].starts_with("\r\n") {
            pos += 2;
        } else if src[pos..].starts_with('\n') {
            pos += 1;
        }
    }
    let mut decoded = 0;
    while pos < bytes.len() && decoded < index {
        let c = src[pos..].chars().next().unwrap_or('\0');
        if basic && c == '\\' {
            let next = src[pos + 1..].chars().next().unwrap_or('\0');
            match next {
                'u' => {
                    pos += 6;
                    decoded += decoded_len(&src[pos - 4..pos]);
                }
                'U' => {
                    pos += 10;
                    decoded += decoded_len(&src[pos - 8..pos]);
                }
                '\n' | '\r' | ' ' | '\t' if quote_len == 3 => {
                    // Line-ending backslash: swallow all following whitespace.
                    pos += 1;
                    while pos < bytes.len() && matches!(bytes[pos], b' ' | b'\t' | b'\n' | b'\r') {
                        pos += 1;
                    }
                }
                _ => {
                    pos += 2;
                    decoded += 1;
                }
            }
        } else {
            pos += c.len_utf8();
            decoded += c.len_utf8();
        }
    }
    pos.min(src.len())
}

/// UTF-8 length of the character named by a `\u` escape's hex digits.
fn decoded_len(hex: &str) -> usize {
    u32::from_str_radix(hex, 16)
        .ok()
        .and_then(char::from_u32)
        .map_or(1, char::len_utf8)
}

/// The edit distance between two short strings (keys), for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), c), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_offsets_follow_escapes() {
        assert_eq!(literal_offset("\"abc\"", 1), 2);
        assert_eq!(literal_offset("\"a\\nb\"", 2), 4);
        assert_eq!(literal_offset("'a\\nb'", 2), 3);
        assert_eq!(literal_offset("\"\"\"\nab\"\"\"", 1), 5);
        assert_eq!(literal_offset("\"\\u00e9x\"", 2), 7);
        assert_eq!(literal_offset("\"éx\"", 2), 3);
    }

    #[test]
    fn positions_are_line_and_column() {
        let mut s = Sources::default();
        let f = s.add("cv.toml", "a = 1\nb = \"xyz\"\n".into());
        let o = Origin {
            file: f,
            offset: 10,
            index: 2,
        };
        assert_eq!(s.resolve(o), LineCol { line: 2, column: 8 });
        let text = s.render(&Diagnostic::error("bad", Some(o)).with_help("fix it"));
        assert_eq!(
            text,
            "cv.toml:2:8: error: bad\n  |\n2 | b = \"xyz\"\n  |        ^\n  = help: fix it\n"
        );
    }

    #[test]
    fn nearest_key_is_a_plausible_typo() {
        let keys = ["title", "bullets", "tags"];
        assert_eq!(nearest("bulets", keys), Some("bullets"));
        assert_eq!(nearest("Tags", keys), Some("tags"));
        assert_eq!(nearest("organisation", keys), None);
    }
}
