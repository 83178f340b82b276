//! Inline markup in any text of `cv.toml`: `**bold**`, `*italic*`, `[text](url)`.
//!
//! A deliberately small subset of Markdown: enough for a CV, predictable for a person
//! who types "C++" or "4*3". An asterisk only opens emphasis when it is followed by a
//! non-space character and a matching closer exists; anything that does not form a
//! complete construct is kept as literal text. A backslash escapes `\ * [ ] ( )`.
//!
//! Each resulting [`Span`] remembers the byte index in the value where its text
//! starts, so later stages can point at a character in `cv.toml`.

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
    /// Byte index of the first character of `text` in the source value. The text is
    /// contiguous in the source from there.
    pub index: usize,
}

/// Parse `s` into styled spans. Never fails: malformed markup is literal text.
///
/// Linear in the length of `s`: whether an asterisk can open emphasis (a closer
/// follows) and where a link's target ends are looked up in tables made in one pass
/// each, never by searching the rest of the text again.
pub fn parse(s: &str) -> Vec<Span> {
    let bytes = s.as_bytes();
    let closers = bytes.contains(&b'*').then(|| Closers::new(s));
    let parens = bytes.contains(&b'[').then(|| Parens::new(bytes));
    let mut out: Vec<Span> = Vec::new();
    let mut style = Style::default();
    // Where the current link's text ends (the `]`) and where its `)` ends.
    let mut link_end: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        if let Some((text_end, close_end)) = link_end {
            if i == text_end {
                style.link = None;
                link_end = None;
                i = close_end;
                continue;
            }
        }
        let rest = &s[i..];
        match bytes[i] {
            b'\\'
                if matches!(
                    bytes.get(i + 1),
                    Some(b'\\' | b'*' | b'[' | b']' | b'(' | b')' | b'_')
                ) =>
            {
                push(&mut out, &rest[1..2], i + 1, &style, true);
                i += 2;
            }
            b'*' if rest.starts_with("**")
                && closers
                    .as_ref()
                    .is_some_and(|c| c.toggles(s, i, 2, style.bold)) =>
            {
                style.bold = !style.bold;
                i += 2;
            }
            b'*' if !rest.starts_with("**")
                && closers
                    .as_ref()
                    .is_some_and(|c| c.toggles(s, i, 1, style.italic)) =>
            {
                style.italic = !style.italic;
                i += 1;
            }
            b'[' if style.link.is_none() => {
                match parens.as_ref().and_then(|p| link_target(s, p, i)) {
                    Some((text_end, url, close_end)) => {
                        style.link = Some(url);
                        link_end = Some((text_end, close_end));
                    }
                    None => push(&mut out, "[", i, &style, false),
                }
                i += 1;
            }
            _ => {
                // Plain text up to the next character that may start markup, or the
                // end of the link text: one push, not one per character.
                let from = i + rest.chars().next().map_or(1, char::len_utf8);
                let mut end = bytes[from..]
                    .iter()
                    .position(|b| matches!(b, b'\\' | b'*' | b'['))
                    .map_or(bytes.len(), |k| from + k);
                if let Some((text_end, _)) = link_end {
                    if text_end >= from {
                        end = end.min(text_end);
                    }
                }
                push(&mut out, &s[i..end], i, &style, false);
                i = end;
            }
        }
    }
    out
}

/// The style in force while parsing.
#[derive(Default)]
struct Style {
    bold: bool,
    italic: bool,
    link: Option<String>,
}

/// Add text at `index` in `style` to the last span when it continues it, else start a
/// span (`fresh`: always start one, as after an escape).
fn push(out: &mut Vec<Span>, text: &str, index: usize, style: &Style, fresh: bool) {
    if let Some(last) = out.last_mut() {
        if !fresh
            && last.bold == style.bold
            && last.italic == style.italic
            && last.link == style.link
            && last.index + last.text.len() == index
        {
            last.text.push_str(text);
            return;
        }
    }
    out.push(Span {
        text: text.to_string(),
        bold: style.bold,
        italic: style.italic,
        link: style.link.clone(),
        index,
    });
}

/// For each byte position, the first position at or after it where a single `*`
/// (not part of `**`) or a `**` could close emphasis: preceded by a non-space
/// character. Made from the end in one pass.
struct Closers {
    single: Vec<u32>,
    double: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Closers {
    fn new(s: &str) -> Closers {
        let b = s.as_bytes();
        let n = b.len();
        let mut single = vec![NONE; n + 1];
        let mut double = vec![NONE; n + 1];
        for p in (0..n).rev() {
            single[p] = single[p + 1];
            double[p] = double[p + 1];
            if b[p] != b'*' || !closes(s, p) {
                continue;
            }
            if b.get(p + 1) == Some(&b'*') {
                double[p] = p as u32;
            } else if p == 0 || b[p - 1] != b'*' {
                single[p] = p as u32;
            }
        }
        Closers { single, double }
    }

    /// Whether the delimiter of `len` asterisks at `i` switches its style: it closes
    /// the style when that is on (preceded by a non-space), and opens it when it is
    /// off, followed by a non-space and with a closer further on.
    fn toggles(&self, s: &str, i: usize, len: usize, on: bool) -> bool {
        if on {
            return closes(s, i);
        }
        if s[i + len..].chars().next().is_none_or(char::is_whitespace) {
            return false;
        }
        let table = if len == 2 { &self.double } else { &self.single };
        table.get(i + len + 1).is_some_and(|&p| p != NONE)
    }
}

/// Whether the delimiter at `i` can close emphasis: preceded by a non-space character.
fn closes(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
}

/// Matching parentheses, for link targets that hold some (`…/Mercury_(planet)`): for
/// each `(`, the index of its `)`. Pairs never span white space, which no link holds.
struct Parens {
    matching: Vec<u32>,
}

impl Parens {
    fn new(b: &[u8]) -> Parens {
        let mut matching = vec![NONE; b.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'(' => open.push(i),
                b')' => {
                    if let Some(o) = open.pop() {
                        matching[o] = i as u32;
                    }
                }
                c if c.is_ascii_whitespace() => open.clear(),
                _ => {}
            }
        }
        Parens { matching }
    }
}

/// For `[` at `i`: the index of the matching `]`, the URL, and the index after `)`.
///
/// The link text runs to the first `](` with no `[` before it; the target runs to the
/// first `)` outside balanced parentheses, within one stretch without white space.
fn link_target(s: &str, parens: &Parens, i: usize) -> Option<(usize, String, usize)> {
    let b = s.as_bytes();
    let mut close = i + 1;
    loop {
        match b.get(close)? {
            b'[' => return None,
            b']' if b.get(close + 1) == Some(&b'(') => break,
            _ => close += 1,
        }
    }
    let url_start = close + 2;
    let mut k = url_start;
    loop {
        match *b.get(k)? {
            b'(' => match parens.matching[k] {
                NONE => return None,
                m => k = m as usize + 1,
            },
            b')' => break,
            c if c.is_ascii_whitespace() => return None,
            _ => k += 1,
        }
    }
    let url = &s[url_start..k];
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((close, url.to_string(), k + 1))
}

/// The links of `s`, each with the byte index where its target is written.
pub fn links(s: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for span in parse(s) {
        let Some(url) = span.link else {
            continue;
        };
        if out
            .last()
            .is_some_and(|(u, i)| *u == url && *i > span.index)
        {
            continue;
        }
        let at = s[span.index..]
            .find(&format!("]({url}"))
            .map_or(span.index, |k| span.index + k + 2);
        out.push((url, at));
    }
    out
}

/// Why `url` cannot be a link in the PDF, with a hint; `None` when it can. A PDF
/// viewer follows a link on a click, so only what a CV's reader expects is allowed:
/// web pages (`http`, `https`, with a host), e-mail (`mailto:` an address) and phone
/// numbers (`tel:`). `javascript:`, `file:` and the like never become links.
pub fn link_problem(url: &str) -> Option<(String, &'static str)> {
    let url = url.trim();
    let shown = crate::diag::clip(url);
    let invalid = || {
        Some((
            format!("`{shown}` is not a valid link"),
            "links need a scheme and a host, such as `https://example.org/page`, or `mailto:name@example.org`",
        ))
    };
    if url.is_empty() || url.contains(char::is_whitespace) {
        return invalid();
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return invalid();
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return invalid();
    }
    let ok = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest
            .strip_prefix("//")
            .and_then(|r| r.split(['/', '?', '#']).next())
            .is_some_and(|host| {
                let host = host.rsplit('@').next().unwrap_or(host);
                let name = host.split(':').next().unwrap_or(host);
                (name.contains('.') || name == "localhost")
                    && !name.starts_with('.')
                    && !name.ends_with('.')
            }),
        "mailto" => rest
            .split('?')
            .next()
            .is_some_and(|a| a.contains('@') && !a.starts_with('@') && !a.ends_with('@')),
        "tel" => rest.chars().filter(char::is_ascii_digit).count() >= 3,
        _ => {
            return Some((
                format!("`{}:` links are not allowed: `{shown}`", crate::diag::clip(scheme)),
                "cvc makes links only to `http`, `https`, `mailto` and `tel` addresses (a `doi` becomes an `https://doi.org/` link)",
            ))
        }
    };
    if ok {
        None
    } else {
        invalid()
    }
}

/// The text without markup, as a reader (or a parser) sees it.
pub fn plain(s: &str) -> String {
    parse(s).into_iter().map(|sp| sp.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(s: &str) -> Vec<(String, bool, bool, Option<String>)> {
        parse(s)
            .into_iter()
            .map(|sp| (sp.text, sp.bold, sp.italic, sp.link))
            .collect()
    }

    #[test]
    fn bold_italic_and_links() {
        assert_eq!(
            styled("a **b** *c* [d](http://x.y/(z))."),
            vec![
                ("a ".into(), false, false, None),
                ("b".into(), true, false, None),
                (" ".into(), false, false, None),
                ("c".into(), false, true, None),
                (" ".into(), false, false, None),
                ("d".into(), false, false, Some("http://x.y/(z)".into())),
                (".".into(), false, false, None),
            ]
        );
    }

    #[test]
    fn stray_asterisks_are_literal() {
        assert_eq!(plain("C++ and 4 * 3 and *a"), "C++ and 4 * 3 and *a");
        assert_eq!(plain("[not a link] (x)"), "[not a link] (x)");
        assert_eq!(plain(r"\*literal\*"), "*literal*");
    }

    #[test]
    fn spans_remember_their_source_index() {
        let spans = parse("ab **cd** é[f](u)");
        let idx: Vec<(String, usize)> = spans.into_iter().map(|s| (s.text, s.index)).collect();
        assert_eq!(
            idx,
            vec![
                ("ab ".into(), 0),
                ("cd".into(), 5),
                (" é".into(), 9),
                ("f".into(), 13)
            ]
        );
    }

    #[test]
    fn bold_inside_a_link() {
        let spans = parse("[**Nature**](https://n.com) paper");
        assert_eq!(spans[0].text, "Nature");
        assert!(spans[0].bold);
        assert_eq!(spans[0].link.as_deref(), Some("https://n.com"));
        assert_eq!(spans[1].text, " paper");
        assert_eq!(spans[1].link, None);
    }
}
