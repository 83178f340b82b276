//! Diagnostics: problems found in a user's files, as values.
//!
//! Every stage reports problems as [`Diagnostic`]s that point into a source file
//! (`cv.toml` or a layout). A position is kept as an [`Origin`]: the byte offset of a
//! TOML value in the file plus a byte index into its *decoded* value. Stages that work
//! on decoded text (markup, shaping, line breaking) can therefore say "the 12th byte of
//! this string" without knowing about TOML escapes; only [`Sources::resolve`] walks the
//! literal to turn that into a line and column.
//!
//! Each diagnostic has a [`Code`]: a stable name for tools, and the heading under
//! which `docs/errors.md` explains the problem and its fix.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// How bad a problem is. Errors stop the build; warnings are printed and the PDF is
/// still written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The word reports use: `error`, `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What kind of problem a diagnostic reports. `docs/errors.md` has a section for each,
/// with an example and how to fix it; a test keeps the two in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A file is not valid TOML.
    Syntax,
    /// A file is not UTF-8 text.
    Encoding,
    /// A `.bib` file that is not valid BibTeX, or an entry it cannot show.
    Bibtex,
    /// A key the schema or the layout does not have.
    UnknownKey,
    /// A key that must be given is missing.
    MissingKey,
    /// A value of the wrong type (a string where a list belongs).
    WrongType,
    /// A number outside its documented range, or not a number at all (nan, inf).
    OutOfRange,
    /// A value that is not one of the words a key accepts, or is not allowed there.
    Invalid,
    /// A date that does not exist, or a range that runs backwards.
    BadDate,
    /// A character that cannot be printed (a control character).
    ControlCharacter,
    /// A link that is not a safe, followable URL.
    BadLink,
    /// The text frame the page, margins and columns leave is too small.
    Frame,
    /// A layout names a section `cv.toml` does not have, or a layout that does not exist.
    UnknownName,
    /// A file the build needs cannot be read (missing, not a regular file, too large).
    Io,
    /// A font file that cannot be used.
    Font,
    /// A photo that cannot be used.
    Image,
    /// A character no font of the layout has.
    MissingGlyph,
    /// A variation selector or joiner asks for a form no font of the layout
    /// has (an emoji in colour, a glyph variant): the plain form is set.
    PlainForm,
    /// A direction override turns the letters after it around: the page shows
    /// other than the source says.
    DirectionOverride,
    /// A word wider than its column, broken inside the word.
    Overfull,
    /// The CV needs more pages than the layout's budget (`cvc check`).
    OverBudget,
    /// The CV needs more pages than the layout's budget (a warning of `cvc build`).
    PageBudget,
    /// A date after today where the layout forbids it.
    FutureDate,
    /// A page much less than full because keep rules left nothing better.
    ShortPage,
    /// Lines that must stay together are taller than a page and were split.
    KeepBroken,
    /// A layout's selection rules keep nothing of a section.
    EmptySection,
    /// A layout shows no section of the CV (a warning of `cvc build`, an error of
    /// `cvc check`).
    EmptyDocument,
}

impl Code {
    /// Every code, in the order `docs/errors.md` lists them.
    pub const ALL: [Code; 27] = [
        Code::Syntax,
        Code::Encoding,
        Code::Bibtex,
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongType,
        Code::OutOfRange,
        Code::Invalid,
        Code::BadDate,
        Code::ControlCharacter,
        Code::BadLink,
        Code::Frame,
        Code::UnknownName,
        Code::Io,
        Code::Font,
        Code::Image,
        Code::MissingGlyph,
        Code::PlainForm,
        Code::DirectionOverride,
        Code::Overfull,
        Code::OverBudget,
        Code::PageBudget,
        Code::FutureDate,
        Code::ShortPage,
        Code::KeepBroken,
        Code::EmptySection,
        Code::EmptyDocument,
    ];

    /// The stable name tools see (`cvc check --format json`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Encoding => "encoding",
            Code::Bibtex => "bibtex",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::WrongType => "wrong-type",
            Code::OutOfRange => "out-of-range",
            Code::Invalid => "invalid",
            Code::BadDate => "bad-date",
            Code::ControlCharacter => "control-character",
            Code::BadLink => "bad-link",
            Code::Frame => "frame",
            Code::UnknownName => "unknown-name",
            Code::Io => "io",
            Code::Font => "font",
            Code::Image => "image",
            Code::MissingGlyph => "missing-glyph",
            Code::PlainForm => "plain-form",
            Code::DirectionOverride => "direction-override",
            Code::Overfull => "overfull",
            Code::OverBudget => "over-budget",
            Code::PageBudget => "page-budget",
            Code::FutureDate => "future-date",
            Code::ShortPage => "short-page",
            Code::KeepBroken => "keep-broken",
            Code::EmptySection => "empty-section",
            Code::EmptyDocument => "empty-document",
        }
    }
}

/// Which loaded file a position refers to (an index into [`Sources`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A position inside a source file, possibly inside a string literal.
///
/// `offset` is the byte offset of the start of a TOML value in the file. When the value
/// is a string, `index` is a byte index into the decoded string; for anything else it
/// is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Origin {
    pub file: FileId,
    pub offset: u32,
    pub index: u32,
}

impl Origin {
    pub const fn new(file: FileId, offset: usize) -> Self {
        Origin {
            file,
            offset: offset as u32,
            index: 0,
        }
    }

    /// The same literal, `delta` bytes further into its decoded value.
    pub fn advanced(self, delta: usize) -> Self {
        Origin {
            index: self.index.saturating_add(delta as u32),
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub origin: Option<Origin>,
    /// A hint printed under the source excerpt ("did you mean `bullets`?").
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>, origin: Option<Origin>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            origin,
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>, origin: Option<Origin>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, origin)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// How many diagnostics a report shows before it says "and N more".
pub const SHOWN: usize = 50;

/// Diagnostics as a person wants to read them: in the order of their places in the
/// files (those without a place last), each problem once. The same diagnostic twice
/// at the same place is shown once. A character that cannot be printed, or a word
/// too wide for its column, found many times over the CV becomes one diagnostic at
/// its first place that says how often it occurs; other problems at different places
/// are each shown, so that one run lists them all.
pub fn tidy(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.origin.is_none(), d.origin));
    let diagnostics = by_script(diagnostics);
    let counted = |code| {
        matches!(
            code,
            Code::MissingGlyph | Code::ControlCharacter | Code::Overfull
        )
    };
    let mut out: Vec<(Diagnostic, usize)> = Vec::with_capacity(diagnostics.len());
    let mut seen: std::collections::HashMap<(Severity, Code, String, Option<Origin>), usize> =
        std::collections::HashMap::new();
    for d in diagnostics {
        let place = if counted(d.code) { None } else { d.origin };
        let key = (d.severity, d.code, d.message.clone(), place);
        match seen.get(&key) {
            Some(&i) => out[i].1 += 1,
            None => {
                seen.insert(key, out.len());
                out.push((d, 1));
            }
        }
    }
    out.into_iter()
        .map(|(mut d, n)| {
            if n > 1 && counted(d.code) {
                let _ = write!(d.message, " ({n} times; the first is here)");
            }
            d
        })
        .collect()
}

/// A file the user gave us, kept whole so that diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name to print (as the user wrote the path, or `<built-in>/full.toml`).
    pub name: String,
    pub text: String,
    /// Where each line starts, found once: a file with thousands of problems is
    /// resolved in as many binary searches, not as many scans of the file.
    lines: OnceLock<Vec<usize>>,
    /// How many characters come before each [`BLOCK`] bytes, found once: the
    /// column of a problem on a line a megabyte long costs a block's count, not the
    /// line's.
    chars: OnceLock<Vec<usize>>,
    /// Marks in long string values, by the value's offset, left by walks that
    /// resolved places in them (see [`Sources::byte_offset`]).
    marks: Marks,
}

/// A cache, so a copy starts empty.
#[derive(Debug, Default)]
struct Marks(Mutex<BTreeMap<usize, Vec<Mark>>>);

impl Clone for Marks {
    fn clone(&self) -> Self {
        Marks::default()
    }
}

/// The stride of [`SourceFile::chars`].
const BLOCK: usize = 4096;

/// The characters that start in `bytes` (every byte but UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    /// Line `n` (1-based), without its line break.
    fn line(&self, n: usize) -> Option<&str> {
        let starts = self.line_starts();
        let start = *starts.get(n.checked_sub(1)?)?;
        let end = starts.get(n).map_or(self.text.len(), |&e| e - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// How many characters come before byte `offset`.
    fn char_index(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let counts = self.chars.get_or_init(|| {
            let mut total = 0;
            std::iter::once(0)
                .chain(bytes.chunks(BLOCK).map(|chunk| {
                    total += char_starts(chunk);
                    total
                }))
                .collect()
        });
        let offset = offset.min(bytes.len());
        let block = offset / BLOCK;
        counts[block] + char_starts(&bytes[block * BLOCK..offset])
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }
}

/// All loaded source files, and the paths of every file a build read (so that the
/// output can never be written over one of them).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    inputs: Vec<PathBuf>,
}

/// A resolved position: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The widest stretch of a source line quoted under a diagnostic, in characters; a
/// longer line is shown around the column, so a one-line file of megabytes cannot
/// flood the terminal.
const QUOTE_WIDTH: usize = 120;

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: String) -> FileId {
        self.files.push(SourceFile {
            name: name.into(),
            text,
            lines: OnceLock::new(),
            chars: OnceLock::new(),
            marks: Marks(Mutex::new(BTreeMap::new())),
        });
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The file `id` names; an id this set never gave out reads as an empty file.
    pub fn get(&self, id: FileId) -> &SourceFile {
        static NONE: SourceFile = SourceFile {
            name: String::new(),
            text: String::new(),
            lines: OnceLock::new(),
            chars: OnceLock::new(),
            marks: Marks(Mutex::new(BTreeMap::new())),
        };
        self.files.get(id.0 as usize).unwrap_or(&NONE)
    }

    /// Record that the build reads the file at `path` (noted before reading it, so
    /// a file that is missing is noted too).
    pub fn note_input(&mut self, path: &Path) {
        self.inputs.push(path.to_path_buf());
    }

    /// Every file the build read or tried to read, in the order it did.
    pub fn inputs(&self) -> &[PathBuf] {
        &self.inputs
    }

    /// The byte offset in the file of the character that `origin` designates.
    pub fn byte_offset(&self, origin: Origin) -> usize {
        let file = self.get(origin.file);
        let text = &file.text;
        let mut start = (origin.offset as usize).min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let index = origin.index as usize;
        let Some((literal, first)) = Literal::open(&text[start..]) else {
            return start;
        };
        if index < MARK_STRIDE {
            return start + literal.walk(first, index, &mut Vec::new()).pos;
        }
        // Many problems in one long string: each resumes from the last mark before
        // it that an earlier walk left, instead of walking from the string's start.
        let mut cache = file.marks.0.lock().unwrap_or_else(|e| e.into_inner());
        let marks = cache.entry(start).or_insert_with(|| vec![first]);
        let before = marks.partition_point(|m| m.decoded < index).max(1);
        let from = marks[before - 1];
        let mut found = Vec::new();
        let reached = literal.walk(from, index, &mut found);
        if before == marks.len() {
            marks.extend(found);
        }
        start + reached.pos
    }

    /// Line and column of `origin`.
    pub fn resolve(&self, origin: Origin) -> LineCol {
        let file = self.get(origin.file);
        let offset = self.byte_offset(origin).min(file.text.len());
        let starts = file.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1);
        LineCol {
            line,
            column: file.char_index(offset) - file.char_index(starts[line - 1]) + 1,
        }
    }

    /// `cv.toml:12:5: error: message`, the source line, a caret, and the help.
    pub fn render(&self, d: &Diagnostic) -> String {
        self.render_styled(d, false)
    }

    /// [`render`](Self::render), in colour for a terminal when `color` is set.
    /// Characters that would garble a terminal (control characters, bidi overrides)
    /// are shown escaped, in the message and in the quoted line.
    pub fn render_styled(&self, d: &Diagnostic, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let tint = match d.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
        };
        let label = paint(tint, d.severity.as_str());
        let message = escape(&d.message);
        let mut out = String::new();
        match d.origin {
            Some(origin) => {
                let file = self.get(origin.file);
                let pos = self.resolve(origin);
                let place = paint(
                    "1",
                    &format!("{}:{}:{}:", escape(&file.name), pos.line, pos.column),
                );
                let _ = writeln!(out, "{place} {label}: {message}");
                if let Some(line) = file.line(pos.line) {
                    let (shown, caret) = quote(line, pos.column - 1);
                    let gutter = pos.line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{gutter} | {shown}");
                    let _ = writeln!(out, "{pad} | {caret}{}", paint(tint, "^"));
                }
            }
            None => {
                let _ = writeln!(out, "{label}: {message}");
            }
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = help: {}", escape(help));
        }
        out
    }
}

/// A source line as quoted under a diagnostic, and the padding that puts a caret under
/// its character `column` (0-based): at most [`QUOTE_WIDTH`] characters around the
/// column, with unprintable characters escaped and the caret moved to match.
fn quote(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let column = column.min(chars.len());
    let from = column.saturating_sub(QUOTE_WIDTH / 2);
    let to = (from + QUOTE_WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut caret = String::new();
    if from > 0 {
        shown.push('…');
        caret.push(' ');
    }
    for (i, &c) in chars[from..to].iter().enumerate() {
        let piece = if c == '\t' {
            "\t".to_string()
        } else {
            escape_char(c)
        };
        if from + i < column {
            caret.extend(piece.chars().map(|p| if p == '\t' { '\t' } else { ' ' }));
        }
        shown.push_str(&piece);
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// A character (or a joined sequence) no font has: "no bundled font has the
/// character `中` (U+4E2D)". Written here, beside `by_script`, which reads the
/// code point back to group such errors by script.
pub fn missing_glyph(text: &str, origin: Option<Origin>, user_fonts: bool) -> Diagnostic {
    let fonts = if user_fonts {
        "no font of this layout"
    } else {
        "no bundled font"
    };
    let points: Vec<String> = text
        .chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    let what = if text.chars().count() > 1 {
        "the sequence"
    } else {
        "the character"
    };
    Diagnostic::error(
        Code::MissingGlyph,
        format!("{fonts} has {what} `{text}` ({})", points.join(" ")),
        origin,
    )
    .with_help("replace it, or choose a layout font that has it")
}

/// Characters of one writing system that no font has, from this many on, are one
/// error that names the script and a font that covers it: a Chinese CV set with
/// Latin fonts has one problem, not one per character.
const SCRIPT_GROUP: usize = 3;
/// The most characters such an error lists.
const MOST_LISTED: usize = 8;

/// The missing-glyph errors of each script with [`SCRIPT_GROUP`] or more different
/// characters made one, at the first (`diagnostics` are in order of place). Characters of
/// no script of their own (punctuation, symbols) stay errors of their own.
fn by_script(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    use std::collections::HashMap;
    let script = |d: &Diagnostic| -> Option<(&'static str, char)> {
        if d.code != Code::MissingGlyph {
            return None;
        }
        let hex = d.message.split("(U+").nth(1)?;
        let hex: String = hex.chars().take_while(char::is_ascii_hexdigit).collect();
        let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?;
        writing_system(c).map(|name| (name, c))
    };
    // Each script's characters, each once, in order, and how many errors name them.
    let mut found: HashMap<&str, (Vec<char>, usize)> = HashMap::new();
    for (name, c) in diagnostics.iter().filter_map(script) {
        let (chars, count) = found.entry(name).or_default();
        if !chars.contains(&c) && chars.len() <= MOST_LISTED {
            chars.push(c);
        }
        *count += 1;
    }
    let mut done: Vec<&str> = Vec::new();
    let mut out = Vec::with_capacity(diagnostics.len());
    for mut d in diagnostics {
        let Some((name, _)) = script(&d) else {
            out.push(d);
            continue;
        };
        let (chars, count) = &found[name];
        // One character however often is the error it was (counted by `tidy`).
        if chars.len() < SCRIPT_GROUP {
            out.push(d);
            continue;
        }
        if done.contains(&name) {
            continue;
        }
        done.push(name);
        let listed: Vec<String> = chars
            .iter()
            .take(MOST_LISTED)
            .map(|c| format!("`{c}`"))
            .collect();
        let fonts = d
            .message
            .split(" has ")
            .next()
            .unwrap_or("no font")
            .to_string();
        d.message = format!(
            "{fonts} has {name} characters: {}{} ({count} in the text; the first is here)",
            listed.join(", "),
            if chars.len() > MOST_LISTED {
                ", …"
            } else {
                ""
            },
        );
        d.help = Some(format!(
            "add a font that covers {name} to the layout's `[fonts] fallback` (docs/layouts.md), such as {}",
            font_for(name)
        ));
        out.push(d);
    }
    out
}

/// The writing system of `c` as a reader names it, for characters that belong to
/// one (not punctuation or symbols shared by many). Han, kana and Hangul are one:
/// the fonts that cover one cover them all.
fn writing_system(c: char) -> Option<&'static str> {
    use unicode_script::{Script, UnicodeScript};
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo | Script::Hangul => {
            Some("Chinese, Japanese and Korean")
        }
        s => Some(s.full_name()),
    }
}

/// A font that covers `script`, and the Debian package that has it.
fn font_for(script: &str) -> String {
    match script {
        "Chinese, Japanese and Korean" => {
            "Noto Sans CJK or Noto Serif CJK (Debian: fonts-noto-cjk)".to_string()
        }
        name => format!("Noto Sans {name} (Debian: fonts-noto-core)"),
    }
}

/// Whether a character would change how a terminal shows what follows it, or not
/// show at all: control characters (which move the cursor, ring, or start escape
/// sequences), the bidi controls that reorder text (which can make a line read as
/// something it is not), and invisible characters (zero-width spaces and joiners,
/// soft hyphens), which make two different names look the same.
pub fn garbles(c: char) -> bool {
    c.is_control() || is_default_ignorable(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Unicode's `Default_Ignorable_Code_Point` property (DerivedCoreProperties.txt,
/// Unicode 15.1): characters that are not drawn unless a font knows better, such as
/// zero-width spaces and joiners, the soft hyphen, variation selectors, bidi
/// controls, fillers and tags. A property, not a list of favourites: what one
/// renderer shows as nothing, all do.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

fn escape_char(c: char) -> String {
    if garbles(c) {
        format!("\\u{{{:04X}}}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// User text quoted in a message, shortened to its start and end when it is long: a
/// message names what is wrong, the caret shows where, and a 100 kB "word" must not
/// become a 100 kB message.
pub fn clip(s: &str) -> String {
    const HEAD: usize = 60;
    const TAIL: usize = 20;
    let n = s.chars().count();
    if n <= HEAD + TAIL + 1 {
        return s.to_string();
    }
    let head: String = s.chars().take(HEAD).collect();
    let tail: String = s.chars().skip(n - TAIL).collect();
    format!("{head}…{tail}")
}

/// `s` with every character that [`garbles`] a terminal written as `\u{…}`.
pub fn escape(s: &str) -> String {
    if !s.chars().any(garbles) {
        return s.to_string();
    }
    s.chars().map(escape_char).collect()
}

/// How a TOML string literal is written: what [`Literal::walk`] needs to step
/// through it.
#[derive(Debug, Clone, Copy)]
struct Literal<'a> {
    src: &'a str,
    /// Escapes are read (`"…"`), not literal (`'…'`).
    basic: bool,
    /// Three quotes, which a line-ending backslash may continue.
    multiline: bool,
}

/// A place in a literal: a byte of the source, and how many bytes of the decoded
/// value come before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    pos: usize,
    decoded: usize,
}

/// How far apart, in decoded bytes, a walk leaves [`Mark`]s to resume from.
const MARK_STRIDE: usize = 4096;

impl<'a> Literal<'a> {
    /// The literal at the start of `src`, and where its value starts.
    fn open(src: &'a str) -> Option<(Literal<'a>, Mark)> {
        let (quote_len, basic) = if src.starts_with("\"\"\"") {
            (3, true)
        } else if src.starts_with("'''") {
            (3, false)
        } else if src.starts_with('"') {
            (1, true)
        } else if src.starts_with('\'') {
            (1, false)
        } else {
            return None;
        };
        let mut pos = quote_len;
        if quote_len == 3 {
            // A newline immediately after the opening delimiter is trimmed.
            if src[pos..].starts_with("\r\n") {
                pos += 2;
            } else if src[pos..].starts_with('\n') {
                pos += 1;
            }
        }
        let literal = Literal {
            src,
            basic,
            multiline: quote_len == 3,
        };
        Some((literal, Mark { pos, decoded: 0 }))
    }

    /// Step from `from` until `index` bytes of the value are behind, leaving a mark
    /// in `marks` each [`MARK_STRIDE`] decoded bytes (a walk resumed from any of
    /// them goes exactly as one from the start). Returns the place reached, on a
    /// character boundary.
    fn walk(&self, from: Mark, index: usize, marks: &mut Vec<Mark>) -> Mark {
        let (src, bytes) = (self.src, self.src.as_bytes());
        let Mark {
            mut pos,
            mut decoded,
        } = from;
        let mut next_mark = (decoded / MARK_STRIDE + 1) * MARK_STRIDE;
        while pos < bytes.len() && decoded < index {
            if decoded >= next_mark {
                marks.push(Mark { pos, decoded });
                next_mark = (decoded / MARK_STRIDE + 1) * MARK_STRIDE;
            }
            let c = src[pos..].chars().next().unwrap_or('\0');
            if self.basic && c == '\\' {
                let next = src[pos + 1..].chars().next().unwrap_or('\0');
                match next {
                    'u' | 'U' => {
                        let digits = if next == 'u' { 4 } else { 8 };
                        let hex = src.get(pos + 2..pos + 2 + digits).unwrap_or("");
                        pos += 2 + digits;
                        decoded += decoded_len(hex);
                    }
                    '\n' | '\r' | ' ' | '\t' if self.multiline => {
                        // Line-ending backslash: swallow all following whitespace.
                        pos += 1;
                        while pos < bytes.len()
                            && matches!(bytes[pos], b' ' | b'\t' | b'\n' | b'\r')
                        {
                            pos += 1;
                        }
                    }
                    _ => {
                        pos += 1 + next.len_utf8();
                        decoded += 1;
                    }
                }
            } else {
                pos += c.len_utf8();
                decoded += c.len_utf8();
            }
        }
        let mut end = pos.min(src.len());
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        Mark { pos: end, decoded }
    }
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

/// The candidate closest to `word`, if it is close enough to be a plausible typo:
/// at most a third of the longer one's characters (and at least 2) apart. Words
/// longer than any key are not compared, nor are candidates whose length alone puts
/// them too far (a megabyte-long id must not cost a megabyte per comparison).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    const LONGEST: usize = 64;
    let allowed = |a: usize, b: usize| (a.max(b) / 3).max(2);
    let word = word.to_lowercase();
    let n = word.chars().count();
    if n > LONGEST {
        return None;
    }
    candidates
        .into_iter()
        .filter_map(|c| {
            // Counting stops past the longest length that could still be close.
            let m = c.chars().take(3 * LONGEST).count();
            (m.abs_diff(n) <= allowed(m, n)).then_some((c, m))
        })
        .map(|(c, m)| (edit_distance(&word, &c.to_lowercase()), m, c))
        .filter(|&(d, m, _)| d <= allowed(m, n))
        .min_by_key(|&(d, _, _)| d)
        .map(|(_, _, c)| c)
}

/// What a stage returns when it can fail: its output, or every problem it found
/// (never only the first), each with its place in a source file where it has one.
pub type SourceResult<T> = Result<T, Vec<Diagnostic>>;

/// A stage's output with the warnings it found on the way: what is set is still
/// set, and the caller decides whether a warning matters (`cvc check` makes some of
/// them errors).
#[derive(Debug, Clone, PartialEq)]
pub struct Warned<T> {
    pub output: T,
    pub warnings: Vec<Diagnostic>,
}

impl<T> Warned<T> {
    pub fn new(output: T, warnings: Vec<Diagnostic>) -> Self {
        Warned { output, warnings }
    }
}

/// A short reason for an I/O error, without Rust's "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        std::io::ErrorKind::InvalidData => "it is not UTF-8 text".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Map a byte index in the decoded value of the TOML literal at the start of `src`
    /// to a byte offset within `src`.
    ///
    /// Handles the four TOML string forms (basic, literal, and their multi-line variants),
    /// escapes, and the newline that directly follows an opening `"""`. For a value that is
    /// not a string the offset of the value itself is returned.
    fn literal_offset(src: &str, index: usize) -> usize {
        match Literal::open(src) {
            Some((literal, start)) => literal.walk(start, index, &mut Vec::new()).pos,
            None => 0,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// A place in a long string is found the same from the marks earlier walks
        /// left as by walking from the start, in any order of asking.
        #[test]
        fn marks_resume_walks_exactly(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "\\n", "\\u00e9", "\\U0001F600", "\\\\", "\\\n   ", "中", "\\\""]),
                0..6000,
            ),
            indices in proptest::collection::vec(0usize..30_000, 1..30),
            multiline in proptest::bool::ANY,
        ) {
            let quote = if multiline { "\"\"\"" } else { "\"" };
            let body: String = pieces.concat();
            let text = format!("k = {quote}{body}{quote}\n");
            let mut s = Sources::default();
            let f = s.add("x", text.clone());
            for index in indices {
                let origin = Origin { file: f, offset: 4, index: index as u32 };
                let fresh = 4 + literal_offset(&text[4..], index);
                proptest::prop_assert_eq!(s.byte_offset(origin), fresh);
            }
        }
    }

    #[test]
    fn literal_offsets_follow_escapes() {
        assert_eq!(literal_offset("\"abc\"", 1), 2);
        assert_eq!(literal_offset("\"a\\nb\"", 2), 4);
        assert_eq!(literal_offset("'a\\nb'", 2), 3);
        assert_eq!(literal_offset("\"\"\"\nab\"\"\"", 1), 5);
        assert_eq!(literal_offset("\"\\u00e9x\"", 2), 7);
        assert_eq!(literal_offset("\"éx\"", 2), 3);
        // A position past a cut-off escape stays inside the text.
        assert_eq!(literal_offset("\"\\u00", 5), 5);
        assert_eq!(literal_offset("\"\\é", 5), 4);
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
        let text = s.render(&Diagnostic::error(Code::Invalid, "bad", Some(o)).with_help("fix it"));
        assert_eq!(
            text,
            "cv.toml:2:8: error: bad\n  |\n2 | b = \"xyz\"\n  |        ^\n  = help: fix it\n"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Columns count characters, from blocks counted once; lines of any length
        /// and any characters, across block boundaries.
        #[test]
        fn columns_count_characters(
            text in proptest::collection::vec(proptest::char::any(), 0..6000),
            picks in proptest::collection::vec(0usize..24_000, 1..20),
        ) {
            let text: String = text.into_iter().collect();
            let mut s = Sources::default();
            let f = s.add("x", text.clone());
            for pick in picks {
                let mut offset = pick.min(text.len());
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                let origin = Origin { file: f, offset: offset as u32, index: 0 };
                // At a quote, the origin is the value's first character.
                let offset = s.byte_offset(origin);
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let expected = text[line_start..offset].chars().count() + 1;
                proptest::prop_assert_eq!(s.resolve(origin).column, expected);
            }
        }
    }

    #[test]
    fn nearest_key_is_a_plausible_typo() {
        let keys = ["title", "bullets", "tags"];
        assert_eq!(nearest("bulets", keys), Some("bullets"));
        assert_eq!(nearest("Tags", keys), Some("tags"));
        assert_eq!(nearest("organisation", keys), None);
    }

    #[test]
    fn terminal_controls_are_escaped_and_the_caret_follows() {
        let mut s = Sources::default();
        let f = s.add("cv.toml", "x = \"a\u{7}\u{202E}b\"\n".into());
        let o = Origin {
            file: f,
            offset: 4,
            index: 2,
        };
        let text = s.render(&Diagnostic::error(
            Code::ControlCharacter,
            "bell \u{7} and \u{1b}[31m",
            Some(o),
        ));
        assert_eq!(
            text,
            "cv.toml:1:8: error: bell \\u{0007} and \\u{001B}[31m\n  |\n1 | x = \"a\\u{0007}\\u{202E}b\"\n  |               ^\n"
        );
    }

    #[test]
    fn a_long_line_is_quoted_around_the_column() {
        let mut s = Sources::default();
        let line = format!("x = \"{}\"", "a".repeat(10_000));
        let f = s.add("cv.toml", line);
        let o = Origin {
            file: f,
            offset: 4,
            index: 5_000,
        };
        let text = s.render(&Diagnostic::error(Code::Invalid, "here", Some(o)));
        let quoted = text.lines().nth(2).unwrap();
        assert!(quoted.chars().count() < QUOTE_WIDTH + 10, "{quoted}");
        let caret = text.lines().nth(3).unwrap();
        assert_eq!(caret.find('^').map(|i| i - 4), Some(QUOTE_WIDTH / 2 + 1));
    }

    #[test]
    fn repeats_merge_and_order_follows_the_file() {
        let at = |offset| Some(Origin::new(FileId(0), offset));
        let missing = |offset| Diagnostic::error(Code::MissingGlyph, "no `中`", at(offset));
        let unknown = |offset| Diagnostic::error(Code::UnknownKey, "unknown key `x`", at(offset));
        let tidy = tidy(vec![
            missing(30),
            Diagnostic::error(Code::Io, "no place", None),
            missing(10),
            unknown(20),
            missing(40),
            unknown(50),
            unknown(20),
        ]);
        let shown: Vec<(String, Option<u32>)> = tidy
            .iter()
            .map(|d| (d.message.clone(), d.origin.map(|o| o.offset)))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("no `中` (3 times; the first is here)".to_string(), Some(10)),
                ("unknown key `x`".to_string(), Some(20)),
                ("unknown key `x`".to_string(), Some(50)),
                ("no place".to_string(), None),
            ]
        );
    }
}
