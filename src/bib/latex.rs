//! LaTeX as the `biblatex` crate leaves it, turned into text.
//!
//! The crate already turns accents (`{\"a}`, `\'e`, `\c{c}`), letters (`\ss`, `\o`,
//! `\l`), escaped characters (`\&`, `\%`, `\$`), dashes (`--` –, `---` —) and a few
//! named symbols into Unicode, and removes grouping braces. What it leaves is done
//! here: a command it does not know stays as `\name{argument}` or `\name `, which
//! becomes the argument (in italics for `\emph`, `\textit`; in bold for `\textbf`);
//! `~` becomes a no-break space, `\,` a narrow one; math keeps its text, with Greek
//! letters and common symbols as characters. The result is `cv.toml` markup, with
//! the characters markup gives a meaning escaped, or plain text for names.

use std::collections::HashMap;

use biblatex::{Chunk, ChunksRef};

/// What the text becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `cv.toml` markup: emphasis as `*…*`, markup characters escaped.
    Markup,
    /// Plain text.
    Plain,
}

/// How deep command arguments are rendered inside each other; deeper ones are
/// kept as plain text (the braces of a value nest at most `parse::DEEPEST` deep).
const DEEPEST: usize = 40;

/// A field's value as `cv.toml` markup.
pub(super) fn markup(chunks: ChunksRef) -> String {
    let mut out = String::new();
    for chunk in chunks {
        match &chunk.v {
            Chunk::Normal(s) => render(s, Mode::Markup, false, 0, &mut out),
            Chunk::Verbatim(s) => group(s, &mut out),
            Chunk::Math(s) => render(s, Mode::Markup, true, 0, &mut out),
        }
    }
    tidy_spaces(&out)
}

/// The switches that set the rest of their group in italics or bold: `{\em …}`.
const SWITCHES: [(&str, &str); 7] = [
    ("em", "*"),
    ("it", "*"),
    ("itshape", "*"),
    ("sl", "*"),
    ("slshape", "*"),
    ("bf", "**"),
    ("bfseries", "**"),
];

/// A group in braces (the crate keeps each as a chunk of its own), which may start
/// with a switch.
fn group(s: &str, out: &mut String) {
    for (name, marker) in SWITCHES {
        let rest = s
            .strip_prefix('\\')
            .and_then(|r| r.strip_prefix(name))
            .and_then(|r| r.strip_prefix(' '));
        if let Some(rest) = rest {
            emphasis(marker, Mode::Markup, out, |o| {
                render(rest, Mode::Markup, false, 0, o)
            });
            return;
        }
    }
    render(s, Mode::Markup, false, 0, out);
}

/// `text` with each `\'\i` (an accent on a dotless i, without braces) written
/// `\'ı`, which the crate reads as `í`: the same number of bytes, so every place
/// in the file stays where it was.
pub(super) fn dotless_accents(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let found = |i: usize| {
        at(i) == b'\\'
            && matches!(at(i + 1), b'\'' | b'"' | b'^' | b'`' | b'~' | b'=' | b'.')
            && at(i + 2) == b'\\'
            && matches!(at(i + 3), b'i' | b'j')
            && !at(i + 4).is_ascii_alphabetic()
    };
    if !(0..b.len()).any(found) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if found(i) {
            out.push_str(&text[i..i + 2]);
            out.push(if at(i + 3) == b'i' { 'ı' } else { 'ȷ' });
            i += 4;
        } else {
            let c = text[i..].chars().next().unwrap_or('\0');
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A name part (which the crate gives as text, math in `$…$`) as plain text.
pub(super) fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('$') {
        let Some(close) = rest[open + 1..].find('$').map(|c| open + 1 + c) else {
            break;
        };
        render(&rest[..open], Mode::Plain, false, 0, &mut out);
        render(&rest[open + 1..close], Mode::Plain, true, 0, &mut out);
        rest = &rest[close + 1..];
    }
    render(rest, Mode::Plain, false, 0, &mut out);
    tidy_spaces(&out)
}

/// The characters `cv.toml` markup gives a meaning, which a backslash escapes.
const MARKUP: &[char] = &['\\', '*', '[', ']', '(', ')', '_'];

/// `s` with its spaces folded, as a reader sees them (no-break spaces stay).
fn tidy_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s
        .trim_matches(|c: char| c.is_whitespace() && c != '\u{A0}')
        .chars()
    {
        let space = c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}');
        if space && out.ends_with(' ') {
            continue;
        }
        out.push(if space { ' ' } else { c });
    }
    out
}

/// Append `s` rendered in `mode` to `out`; `math` for the inside of `$…$`.
fn render(s: &str, mode: Mode, math: bool, depth: usize, out: &mut String) {
    let closers = closers(s);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if depth < DEEPEST => {
                let (name, after) = command_name(s, i + 1);
                let (arg, end) = argument(s, after, &closers);
                if arg.is_none() && !math && name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    // The space after a control word only ends its name.
                    let skip = s[end..].starts_with(' ') as usize;
                    skip_to(&mut chars, end + skip);
                } else {
                    skip_to(&mut chars, end);
                }
                command(name, arg, mode, math, depth, out);
            }
            '~' if !math => out.push('\u{A0}'),
            '^' | '_' | '{' | '}' if math => {}
            c if mode == Mode::Markup && MARKUP.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// Advance `chars` to byte `to`.
fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices>, to: usize) {
    while chars.peek().is_some_and(|&(j, _)| j < to) {
        chars.next();
    }
}

/// The name of the command whose backslash is just before `from`: a run of
/// letters, or one other character (perhaps none, at the end); and where it ends.
fn command_name(s: &str, from: usize) -> (&str, usize) {
    let rest = &s[from..];
    let letters = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let len = if letters > 0 {
        letters
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    (&rest[..len], from + len)
}

/// The `{…}` argument that starts at `from`, if one does (its `}` is in
/// `closers`), and where it ends.
fn argument<'s>(
    s: &'s str,
    from: usize,
    closers: &HashMap<usize, usize>,
) -> (Option<&'s str>, usize) {
    match closers.get(&from) {
        Some(&close) => (Some(&s[from + 1..close]), close + 1),
        None => (None, from),
    }
}

/// Where the `}` of each `{` of `s` that has one is, by the `{`'s place: found in
/// one pass, so that no argument is searched for twice.
fn closers(s: &str) -> HashMap<usize, usize> {
    let mut found = HashMap::new();
    if !s.contains('\\') {
        return found;
    }
    let mut open = Vec::new();
    for (j, b) in s.bytes().enumerate() {
        match b {
            b'{' => open.push(j),
            b'}' => {
                if let Some(o) = open.pop() {
                    found.insert(o, j);
                }
            }
            _ => {}
        }
    }
    found
}

/// Append what the command `name` with `arg` stands for.
fn command(name: &str, arg: Option<&str>, mode: Mode, math: bool, depth: usize, out: &mut String) {
    let inner = |out: &mut String| {
        if let Some(arg) = arg {
            render(arg, mode, math, depth + 1, out);
        }
    };
    match name {
        "emph" | "textit" | "textsl" | "mathit" | "em" | "it" | "sl" if arg.is_some() => {
            emphasis("*", mode, out, inner)
        }
        "textbf" | "mathbf" | "boldsymbol" | "bf" if arg.is_some() => {
            emphasis("**", mode, out, inner)
        }
        // `\href{address}{text}`: the text follows as a group of its own.
        "href" => {}
        "," => out.push('\u{202F}'),
        ";" | ":" | ">" | " " | "quad" | "qquad" => out.push(' '),
        "!" | "/" | "-" | "" => {}
        "\\" => out.push(' '),
        "&" | "%" | "$" | "#" | "{" | "}" | "_" => push(name, mode, out),
        _ => match symbol(name) {
            Some(c) => push(c, mode, out),
            None => inner(out),
        },
    }
}

/// `text` made by `inner`, between `marker`s in markup: the spaces at its ends go
/// outside them, so that the emphasis can open and close.
fn emphasis(marker: &str, mode: Mode, out: &mut String, inner: impl FnOnce(&mut String)) {
    let mut text = String::new();
    inner(&mut text);
    let trimmed = text.trim();
    if mode == Mode::Plain || trimmed.is_empty() || trimmed.contains('*') {
        out.push_str(&text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(trimmed);
    out.push_str(marker);
    out.push_str(trail);
}

fn push(s: &str, mode: Mode, out: &mut String) {
    for c in s.chars() {
        if mode == Mode::Markup && MARKUP.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The character a math (or text) command names: Greek letters and the common
/// symbols of titles.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" | "vartheta" => "θ",
        "iota" => "ι",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "rho" => "ρ",
        "sigma" => "σ",
        "tau" => "τ",
        "upsilon" => "υ",
        "phi" | "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Xi" => "Ξ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        "times" => "×",
        "cdot" => "·",
        "pm" => "±",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "neq" | "ne" => "≠",
        "approx" => "≈",
        "sim" => "~",
        "infty" => "∞",
        "to" | "rightarrow" => "→",
        "leftarrow" => "←",
        "in" => "∈",
        "circ" => "°",
        "ast" => "*",
        "dagger" | "dag" => "†",
        "ddagger" => "‡",
        "ldots" | "cdots" => "…",
        "prime" => "′",
        _ => return None,
    })
}
