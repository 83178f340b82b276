//! Reading a `.bib` file with the `biblatex` crate, within limits, and saying where
//! it is malformed.
//!
//! The crate parses in two steps: [`RawBibliography::parse`] finds the entries and
//! their fields (linear in the file), then [`Bibliography::from_raw`] puts in the
//! `@string` abbreviations and turns LaTeX into text. The second step recurses into
//! nested command arguments and abbreviations, merges pieces of a value in
//! quadratic time, and follows `crossref` and `xdata` without looking for cycles.
//! So before it runs, [`check_limits`] bounds what it will do (braces nested at
//! most [`DEEPEST`] deep, at most [`MOST_INNER_BRACES`] braces inside the braces of
//! one value, at most [`MOST_PIECES`] pieces joined with `#`, `@string`s that refer
//! at most [`LONGEST_CHAIN`] deep and expand to at most [`MOST_EXPANDED`] bytes, no
//! cycle), and `crossref` and `xdata` are hidden from the crate under names of our
//! own and followed one level here (see `entry`).

use std::collections::HashMap;

use biblatex::{
    Bibliography, ParseError, ParseErrorKind, RawBibliography, RawChunk, RawEntry, Token,
};

use crate::diag::{Code, Diagnostic, FileId, Origin};

/// The deepest braces may nest in one value (`{\"{o}}` is 2 deep). The crate
/// recurses once per level.
pub(super) const DEEPEST: usize = 32;
/// The most braces inside the braces of a value (`{{A} {B}}` has 4): merging the
/// pieces they make takes the crate time quadratic in their number.
pub(super) const MOST_INNER_BRACES: usize = 256;
/// The most pieces one value may join with `#`.
pub(super) const MOST_PIECES: usize = 256;
/// How deep `@string`s may refer to other `@string`s.
pub(super) const LONGEST_CHAIN: usize = 32;
/// The most text (in bytes, and a byte for each piece) that every value of the file
/// may come to once `@string`s are put in: four times the file's own limit.
pub(super) const MOST_EXPANDED: usize = 16 * 1024 * 1024;

/// The name under which a field is hidden from the crate, so that it does not
/// follow it (see the module's documentation).
pub(super) const CROSSREF: &str = "cvc-crossref";
pub(super) const XDATA: &str = "cvc-xdata";

/// At most this many problems of the second step are reported in one run: each
/// is found by running it again without the entries found wrong before.
const MOST_VALUE_PROBLEMS: usize = 20;

/// The bibliography in `text` (the file `file`), with where each entry starts, in
/// the order of the file, and the problems of entries that were left out of it
/// (an `@string` that is not defined, a key used twice); or, when the file itself
/// cannot be read, every problem found.
pub(super) fn bibliography(
    text: &str,
    file: FileId,
) -> Result<(Bibliography, Vec<usize>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let source = super::latex::dotless_accents(text);
    let mut raw = match RawBibliography::parse(&source) {
        Ok(raw) => raw,
        Err(e) => return Err(syntax_errors(text, file, e)),
    };
    let problems = check_limits(&raw, file);
    if !problems.is_empty() {
        return Err(problems);
    }
    for entry in &mut raw.entries {
        hide_links(&mut entry.v);
    }
    let mut problems = Vec::new();
    loop {
        let starts: Vec<usize> = raw.entries.iter().map(|e| e.span.start).collect();
        let e = match Bibliography::from_raw(raw.clone()) {
            Ok(bib) => return Ok((bib, starts, problems)),
            Err(e) => e,
        };
        problems.push(error(text, file, &e, Step::Values));
        // The entry it is in goes, and the rest is read again.
        let at = e.span.start;
        let bad = raw.entries.iter().position(|entry| {
            entry.span.start <= at && at < entry.span.end.max(entry.span.start + 1)
        });
        match bad {
            Some(i) if problems.len() < MOST_VALUE_PROBLEMS => {
                raw.entries.remove(i);
            }
            _ => return Err(problems),
        }
    }
}

/// Rename `crossref` and `xdata`, which the crate would follow.
fn hide_links(entry: &mut RawEntry) {
    for field in &mut entry.fields {
        if field.key.v.eq_ignore_ascii_case("crossref") {
            field.key.v = CROSSREF;
        } else if field.key.v.eq_ignore_ascii_case("xdata") {
            field.key.v = XDATA;
        }
    }
}

/// The syntax errors of a file the crate refused: each entry (a line that starts
/// with `@`, to the next such line) is parsed alone, so that every malformed entry
/// is reported, and one that is never closed is reported where it starts. When
/// no entry fails alone, the whole file's error.
fn syntax_errors(text: &str, file: FileId, whole: ParseError) -> Vec<Diagnostic> {
    let starts = entry_starts(text);
    let mut problems = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let piece = &text[start..end];
        if let Err(mut e) = RawBibliography::parse(piece) {
            if e.span.start >= piece.trim_end().len() {
                problems.push(unclosed(text, file, start));
                continue;
            }
            e.span = e.span.start + start..e.span.end + start;
            problems.push(error(text, file, &e, Step::Syntax));
        }
    }
    if problems.is_empty() {
        problems.push(if whole.span.start >= text.trim_end().len() {
            unclosed(text, file, starts.last().copied().unwrap_or(0))
        } else {
            error(text, file, &whole, Step::Syntax)
        });
    }
    problems
}

/// Where each line that starts with `@` (after blanks) starts.
fn entry_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut line = 0;
    for piece in text.split_inclusive('\n') {
        if piece.trim_start().starts_with('@') {
            starts.push(line + (piece.len() - piece.trim_start().len()));
        }
        line += piece.len();
    }
    starts
}

/// The entry at `start` runs to the end of the file.
fn unclosed(text: &str, file: FileId, start: usize) -> Diagnostic {
    let head: String = text[start..]
        .chars()
        .take_while(|&c| c != '\n' && c != ',')
        .take(60)
        .collect();
    Diagnostic::error(
        Code::Bibtex,
        format!(
            "this entry (`{}`) is never closed: the file ends inside it",
            crate::diag::clip(head.trim())
        ),
        Some(Origin::new(file, start)),
    )
    .with_help("a `{` or `\"` in it has no partner: each value is `{…}` or `\"…\"`, and the entry ends with `}`")
}

/// Which step of the crate found a problem: they say different things with the same
/// kind of error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Finding entries, fields and values.
    Syntax,
    /// Putting in `@string`s and reading LaTeX.
    Values,
}

/// The crate's error as a diagnostic at its place in the file.
fn error(text: &str, file: FileId, e: &ParseError, step: Step) -> Diagnostic {
    let mut at = e.span.start.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if step == Step::Values && e.kind == ParseErrorKind::UnexpectedEof {
        // The value ended inside math: point at the `$` that opened it.
        let window = at.saturating_sub(4096);
        let mut from = window;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(dollar) = text[from..at].rfind('$') {
            at = from + dollar;
        }
    }
    let found = match text[at..].chars().next() {
        Some(c) if c.is_whitespace() => "a blank".to_string(),
        Some(c) => format!("`{c}`"),
        None => "the end of the file".to_string(),
    };
    let (message, help) = describe(&e.kind, step, &found);
    let d = Diagnostic::error(Code::Bibtex, message, Some(Origin::new(file, at)));
    match help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// What went wrong, in words, and how to fix it.
fn describe(kind: &ParseErrorKind, step: Step, found: &str) -> (String, Option<String>) {
    let expected = |what: &str, help: Option<&str>| {
        (
            format!("expected {what}, found {found}"),
            help.map(str::to_string),
        )
    };
    match kind {
        ParseErrorKind::UnexpectedEof if step == Step::Values => (
            "this value ends inside `$…$` or a command's `{…}`".into(),
            Some("close the math with `$`, or the argument with `}` (write `\\$` for a dollar sign)".into()),
        ),
        ParseErrorKind::UnexpectedEof => expected(
            "a value: text in braces `{…}` or quotes `\"…\"`, a number, or an `@string` name",
            Some("like `title = {A title}`"),
        ),
        ParseErrorKind::Expected(Token::Identifier) => expected(
            "the name of a field (like `title`)",
            (found == "`@`").then_some("the entry before this one may lack its closing `}`"),
        ),
        ParseErrorKind::Expected(Token::Comma) => expected(
            "`,` or `}`",
            Some("a comma follows the entry's key and each field, and `}` ends the entry: is a `,` missing before this?"),
        ),
        ParseErrorKind::Expected(Token::Equals) => {
            expected("`=` between the field's name and its value", None)
        }
        ParseErrorKind::Expected(Token::OpeningBrace) => {
            expected("`{` after the entry's type (`@article{key, …}`)", None)
        }
        ParseErrorKind::Expected(Token::ClosingBrace) => {
            expected("the `}` that ends the entry", None)
        }
        ParseErrorKind::Expected(token) => expected(&token.to_string(), None),
        ParseErrorKind::Unexpected(Token::ClosingBrace) => (
            "a `}` that closes nothing".into(),
            Some("remove it, or write `\\}` for the character".into()),
        ),
        ParseErrorKind::Unexpected(Token::DecimalPoint) => (
            "a number with two decimal points".into(),
            Some("put the value in braces: `{1.2.3}`".into()),
        ),
        ParseErrorKind::UnknownAbbreviation(name) => (
            format!("`{}` is not defined", crate::diag::clip(name)),
            Some(format!(
                "a bare word is the name of an `@string`: put text in braces (`{{{0}}}`), or define it (`@string{{{0} = {{…}}}}`)",
                crate::diag::clip(name)
            )),
        ),
        ParseErrorKind::MalformedCommand => (
            "a `\\` that starts no command".into(),
            Some("write `\\textbackslash{}` for a backslash".into()),
        ),
        ParseErrorKind::DuplicateKey(key) => (
            format!("the key `{}` is used by an earlier entry too", crate::diag::clip(key)),
            Some("each entry needs a key of its own".into()),
        ),
        other => (format!("this is not valid BibTeX: {other}"), None),
    }
}

/// The problems that would make the crate's second step run long or deep: see
/// the module's documentation.
pub(super) fn check_limits(raw: &RawBibliography, file: FileId) -> Vec<Diagnostic> {
    let strings: HashMap<&str, &biblatex::Field> = raw
        .abbreviations
        .iter()
        .map(|p| (p.key.v, &p.value.v))
        .collect();
    let mut expansion = Expansion {
        strings: &strings,
        sizes: HashMap::new(),
        stack: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut total: usize = 0;
    for field in raw.entries.iter().flat_map(|e| &e.v.fields) {
        let at = Origin::new(file, field.value.span.start);
        let mut report = |message: String, help: &str| {
            problems.push(Diagnostic::error(Code::Bibtex, message, Some(at)).with_help(help));
        };
        if field.value.v.len() > MOST_PIECES {
            report(
                format!("this value joins more than {MOST_PIECES} pieces with `#`"),
                "write it as one piece in braces",
            );
            continue;
        }
        match expansion.size(&field.value.v) {
            Ok(size) => total = total.saturating_add(size),
            Err(why) => {
                report(why, "see the `@string` definitions it names");
                continue;
            }
        }
        if total > MOST_EXPANDED {
            report(
                format!(
                    "the values of this file come to more than {} MiB once their `@string`s are put in",
                    MOST_EXPANDED >> 20
                ),
                "an `@string` that names others many times over multiplies them",
            );
            break;
        }
    }
    problems
}

/// The sizes of `@string`s put in, found once each.
struct Expansion<'a, 's> {
    strings: &'a HashMap<&'s str, &'a biblatex::Field<'s>>,
    /// Each `@string` expanded so far: its size, or why it is refused.
    sizes: HashMap<&'s str, Result<usize, String>>,
    /// The `@string`s being expanded, outermost first.
    stack: Vec<&'s str>,
}

impl<'s> Expansion<'_, 's> {
    /// The size of `field` with its `@string`s put in (a byte for each piece too),
    /// or why it is refused.
    fn size(&mut self, field: &biblatex::Field<'s>) -> Result<usize, String> {
        let mut size: usize = 0;
        for piece in field {
            let n = match piece.v {
                RawChunk::Normal(s) => {
                    braces_within_limits(s)?;
                    s.len()
                }
                RawChunk::Abbreviation(name) => self.string(name)?,
            };
            size = size.saturating_add(n).saturating_add(1);
        }
        Ok(size)
    }

    fn string(&mut self, name: &'s str) -> Result<usize, String> {
        if let Some(known) = self.sizes.get(name) {
            return known.clone();
        }
        // Not defined: a month's name, or an error of the crate's second step.
        let Some(&value) = self.strings.get(name) else {
            return Ok(0);
        };
        if self.stack.contains(&name) {
            let cycle: Vec<String> = self.stack.iter().map(|s| format!("`{s}`")).collect();
            return Err(format!(
                "the `@string` `{}` is defined in terms of itself (through {})",
                crate::diag::clip(name),
                cycle.join(", ")
            ));
        }
        if self.stack.len() >= LONGEST_CHAIN {
            return Err(format!(
                "`@string`s refer to other `@string`s more than {LONGEST_CHAIN} deep here"
            ));
        }
        if value.len() > MOST_PIECES {
            return Err(format!(
                "the `@string` `{}` joins more than {MOST_PIECES} pieces with `#`",
                crate::diag::clip(name)
            ));
        }
        self.stack.push(name);
        let size = self.size(value);
        self.stack.pop();
        self.sizes.insert(name, size.clone());
        size
    }
}

/// Whether the braces of a value are within [`DEEPEST`] and [`MOST_INNER_BRACES`].
/// Every brace counts, escaped or not: the crate's reading of command arguments
/// does not see escapes either.
fn braces_within_limits(s: &str) -> Result<(), String> {
    let mut depth: usize = 0;
    let mut inner: usize = 0;
    for b in s.bytes() {
        match b {
            b'{' => {
                if depth > 0 {
                    inner += 1;
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth > 0 {
                    inner += 1;
                }
            }
            _ => continue,
        }
        if depth > DEEPEST {
            return Err(format!(
                "braces nest more than {DEEPEST} deep in this value"
            ));
        }
        if inner > MOST_INNER_BRACES {
            return Err(format!(
                "this value holds more than {MOST_INNER_BRACES} braces inside braces"
            ));
        }
    }
    Ok(())
}
