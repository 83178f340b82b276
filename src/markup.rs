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
pub fn parse(s: &str) -> Vec<Span> {
    let bytes = s.as_bytes();
    let mut out: Vec<Span> = Vec::new();
    let mut bold = false;
    let mut italic = false;
    let mut link: Option<String> = None;
    // Where the current link's text ends (the `]`) and where its `)` ends.
    let mut link_end: Option<(usize, usize)> = None;
    let mut i = 0;
    // Start a fresh span at `index` (style changes and escapes break contiguity).
    let push = |out: &mut Vec<Span>,
                text: &str,
                index: usize,
                bold,
                italic,
                link: &Option<String>,
                fresh: bool| {
        if let Some(last) = out.last_mut() {
            if !fresh
                && last.bold == bold
                && last.italic == italic
                && &last.link == link
                && last.index + last.text.len() == index
            {
                last.text.push_str(text);
                return;
            }
        }
        out.push(Span {
            text: text.to_string(),
            bold,
            italic,
            link: link.clone(),
            index,
        });
    };
    while i < bytes.len() {
        if let Some((text_end, close_end)) = link_end {
            if i == text_end {
                link = None;
                link_end = None;
                i = close_end;
                continue;
            }
        }
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or('\0');
        match c {
            '\\' if matches!(
                rest[1..].chars().next(),
                Some('\\' | '*' | '[' | ']' | '(' | ')' | '_')
            ) =>
            {
                let escaped = &rest[1..2];
                push(&mut out, escaped, i + 1, bold, italic, &link, true);
                i += 2;
            }
            '*' if rest.starts_with("**")
                && (bold || opens(s, i, 2))
                && (!bold || closes(s, i)) =>
            {
                bold = !bold;
                i += 2;
            }
            '*' if !rest.starts_with("**")
                && (italic || opens(s, i, 1))
                && (!italic || closes(s, i)) =>
            {
                italic = !italic;
                i += 1;
            }
            '[' if link.is_none() => match link_target(s, i) {
                Some((text_end, url, close_end)) => {
                    link = Some(url);
                    link_end = Some((text_end, close_end));
                    i += 1;
                }
                None => {
                    push(&mut out, "[", i, bold, italic, &link, false);
                    i += 1;
                }
            },
            _ => {
                // Plain text up to the next character that may start markup, or the
                // end of the link text: one push, not one per character.
                let from = i + c.len_utf8();
                let mut end = bytes[from..]
                    .iter()
                    .position(|b| matches!(b, b'\\' | b'*' | b'['))
                    .map_or(bytes.len(), |k| from + k);
                if let Some((text_end, _)) = link_end {
                    if text_end >= from {
                        end = end.min(text_end);
                    }
                }
                push(&mut out, &s[i..end], i, bold, italic, &link, false);
                i = end;
            }
        }
    }
    out
}

/// Whether the delimiter of `len` asterisks at `i` can open emphasis: followed by a
/// non-space character, and a closing delimiter of the same length comes later.
fn opens(s: &str, i: usize, len: usize) -> bool {
    let after = &s[i + len..];
    if after.chars().next().is_none_or(char::is_whitespace) {
        return false;
    }
    let delim = &s[i..i + len];
    let mut search = 1;
    while let Some(found) = after[search.min(after.len())..].find(delim) {
        let at = i + len + search + found;
        let is_double = s[at..].starts_with("**") || (at > 0 && s[..at].ends_with('*'));
        if (len == 2 || !is_double) && closes(s, at) {
            return true;
        }
        search += found + len;
    }
    false
}

/// Whether the delimiter at `i` can close emphasis: preceded by a non-space character.
fn closes(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
}

/// For `[` at `i`: the index of the matching `]`, the URL, and the index after `)`.
fn link_target(s: &str, i: usize) -> Option<(usize, String, usize)> {
    let close = i + s[i..].find("](")?;
    if s[i + 1..close].contains('[') {
        return None;
    }
    let url_start = close + 2;
    let mut depth = 0;
    for (k, c) in s[url_start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                let url = s[url_start..url_start + k].trim().to_string();
                if url.is_empty() || url.contains(char::is_whitespace) {
                    return None;
                }
                return Some((close, url, url_start + k + 1));
            }
            ')' => depth -= 1,
            '\n' => return None,
            _ => {}
        }
    }
    None
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
