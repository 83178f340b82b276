//! Inline markup in any text of `cv.toml`: `**bold**`, `*italic*`, `[text](url)`.
//!
//! A deliberately small subset of Markdown: enough for a CV, predictable for a person
//! who types "C++" or "4*3". An asterisk only opens emphasis when it is followed by a
//! non-space character and a matching closer exists; anything that does not form a
//! complete construct is kept as literal text. A backslash escapes `\ * [ ] ( )`.
//!
//! Each resulting [`Span`] remembers the byte index in the value where its text
//! starts, so later stages can point at a character in `cv.toml`.

/// A link's target, shared by every span, run and glyph run of its text: copied
/// per piece, a long address in a long link text would cost pieces × its length.
pub type Link = std::sync::Arc<str>;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<Link>,
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
    parse_with_targets(s, &mut Vec::new())
}

/// [`parse`], also noting each link's target and the byte index where it is
/// written.
fn parse_with_targets(s: &str, targets: &mut Vec<(Link, usize)>) -> Vec<Span> {
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
            b'\\' if bytes.get(i + 1).is_some_and(|c| ESCAPABLE.contains(c)) => {
                push(&mut out, &rest[1..2], i + 1, &style, true);
                i += 2;
            }
            // Four asterisks or more ("Rating: *****") are text, never emphasis.
            b'*' if rest.starts_with("****") => {
                let run = rest.bytes().take_while(|&b| b == b'*').count();
                push(&mut out, &rest[..run], i, &style, false);
                i += run;
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
                    // `[](url)`: a link with no text shows its address.
                    Some((text_end, url, close_end)) if text_end == i + 1 => {
                        let link = Link::from(url);
                        targets.push((link.clone(), text_end + 2));
                        let shown = Style {
                            link: Some(link),
                            ..style
                        };
                        // The address as written, without its escapes.
                        let (from, to) = (text_end + 2, close_end - 1);
                        let mut j = from;
                        while j < to {
                            if bytes[j] == b'\\' && ESCAPABLE.contains(&bytes[j + 1]) {
                                push(&mut out, &s[j + 1..j + 2], j + 1, &shown, true);
                                j += 2;
                            } else {
                                let next = bytes[j + 1..to]
                                    .iter()
                                    .position(|&b| b == b'\\')
                                    .map_or(to, |k| j + 1 + k);
                                push(&mut out, &s[j..next], j, &shown, false);
                                j = next;
                            }
                        }
                        i = close_end;
                        continue;
                    }
                    Some((text_end, url, close_end)) => {
                        let link = Link::from(url);
                        targets.push((link.clone(), text_end + 2));
                        style.link = Some(link);
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

/// The characters a backslash escapes.
const ESCAPABLE: &[u8] = b"\\*[]()_";

/// The style in force while parsing.
#[derive(Default, Clone)]
struct Style {
    bold: bool,
    italic: bool,
    link: Option<Link>,
}

/// Whether two pieces are of one link: the same shared target (or none), compared
/// without reading the address.
pub fn same_link(a: &Option<Link>, b: &Option<Link>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Add text at `index` in `style` to the last span when it continues it, else start a
/// span (`fresh`: always start one, as after an escape).
fn push(out: &mut Vec<Span>, text: &str, index: usize, style: &Style, fresh: bool) {
    if let Some(last) = out.last_mut() {
        if !fresh
            && last.bold == style.bold
            && last.italic == style.italic
            && same_link(&last.link, &style.link)
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

/// The positions where a single `*` (not part of `**`) or a `**` could close
/// emphasis (preceded by a non-space character), in order: found in one pass, and
/// searched by bisection.
struct Closers {
    single: Vec<u32>,
    double: Vec<u32>,
}

impl Closers {
    fn new(s: &str) -> Closers {
        let b = s.as_bytes();
        let mut single = Vec::new();
        let mut double = Vec::new();
        let mut p = 0;
        while let Some(k) = b[p..].iter().position(|&c| c == b'*') {
            // One run of asterisks, taken whole.
            let start = p + k;
            let len = b[start..].iter().take_while(|&&c| c == b'*').count();
            p = start + len;
            // A run of four or more is text; a closer is preceded by a non-space.
            if len >= 4 || !closes(s, start) {
                continue;
            }
            match len {
                1 => single.push(start as u32),
                2 => double.push(start as u32),
                // `***` closes bold and italic: its first two close one, its last
                // the other.
                _ => {
                    double.extend([start as u32, start as u32 + 1]);
                    single.push(start as u32 + 2);
                }
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
        let from = i + len + 1;
        table.partition_point(|&p| (p as usize) < from) < table.len()
    }
}

/// Whether the delimiter at `i` can close emphasis: preceded by a non-space character.
fn closes(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
}

/// Matching parentheses, for link targets that hold some (`…/Mercury_(planet)`): each
/// `(` with its `)`, in the order of the `(`. Pairs never span white space, which no
/// link holds.
struct Parens {
    pairs: Vec<(u32, u32)>,
}

impl Parens {
    fn new(b: &[u8]) -> Parens {
        let mut pairs = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut escaped = false;
        for (i, &c) in b.iter().enumerate() {
            if std::mem::take(&mut escaped) {
                continue;
            }
            match c {
                b'\\' if b.get(i + 1).is_some_and(|n| ESCAPABLE.contains(n)) => escaped = true,
                b'(' => open.push(i),
                b')' => {
                    if let Some(o) = open.pop() {
                        pairs.push((o as u32, i as u32));
                    }
                }
                c if c.is_ascii_whitespace() => open.clear(),
                _ => {}
            }
        }
        pairs.sort_unstable();
        Parens { pairs }
    }

    /// The `)` that closes the `(` at `open`.
    fn closing(&self, open: usize) -> Option<usize> {
        let k = self.pairs.partition_point(|&(o, _)| (o as usize) < open);
        self.pairs
            .get(k)
            .filter(|(o, _)| *o as usize == open)
            .map(|(_, c)| *c as usize)
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
            b'\\' if b.get(close + 1).is_some_and(|c| ESCAPABLE.contains(c)) => close += 2,
            b'[' => return None,
            b']' if b.get(close + 1) == Some(&b'(') => break,
            _ => close += 1,
        }
    }
    let url_start = close + 2;
    let mut k = url_start;
    loop {
        match *b.get(k)? {
            // `\)` is a parenthesis of the address, not its end.
            b'\\' if b.get(k + 1).is_some_and(|n| ESCAPABLE.contains(n)) => k += 2,
            b'(' => k = parens.closing(k)? + 1,
            b')' => break,
            c if c.is_ascii_whitespace() => return None,
            _ => k += 1,
        }
    }
    let url = unescape(&s[url_start..k]);
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((close, url, k + 1))
}

/// `s` without the backslashes that escape markup characters.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let escapes = c == '\\'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii() && ESCAPABLE.contains(&(*n as u8)));
        if !escapes {
            out.push(c);
        } else if let Some(n) = chars.next() {
            out.push(n);
        }
    }
    out
}

/// Whether the authority of a web address (`user@host:port`) names a host: a name
/// with a dot, `localhost`, or an IPv6 address in brackets; and a port, if any, that
/// can be one.
fn web_host(authority: &str) -> bool {
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let (name_ok, port) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, port)) => (
                !address.is_empty()
                    && address
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.')),
                port,
            ),
            None => (false, ""),
        },
        None => {
            let (name, port) = host.find(':').map_or((host, ""), |i| host.split_at(i));
            let named = (name.contains('.') || name == "localhost")
                && !name.starts_with('.')
                && !name.ends_with('.');
            (named, port)
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.starts_with('+') && p.parse::<u16>().is_ok());
    name_ok && port_ok
}

/// The links of `s`, each with the byte index where its target is written.
pub fn links(s: &str) -> Vec<(String, usize)> {
    if !s.contains("](") {
        return Vec::new();
    }
    let mut targets = Vec::new();
    parse_with_targets(s, &mut targets);
    targets
        .into_iter()
        .map(|(url, at)| (url.to_string(), at))
        .collect()
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
    // A zero-width space, a soft hyphen or a direction mark pasted into an
    // address is not seen on the page, but the link leads elsewhere (and a
    // direction override shows the address backwards).
    if let Some(c) = url.chars().find(|&c| crate::reader::is_invisible(c)) {
        return Some((
            format!(
                "`{shown}` holds an invisible character, U+{:04X}: the link would not lead where it reads",
                u32::from(c)
            ),
            "delete it: retype the address, or paste it as plain text",
        ));
    }
    if url.len() > LONGEST_LINK {
        return Some((
            format!("`{shown}` is too long for a link ({} bytes)", url.len()),
            "browsers and PDF viewers do not all follow links longer than 2,048 characters; link to a shorter address",
        ));
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
            .is_some_and(web_host),
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

/// The longest link target, in bytes: what every browser follows (and what a PDF
/// repeats in the annotation of each line the link text runs over).
const LONGEST_LINK: usize = 2048;

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
            .map(|sp| (sp.text, sp.bold, sp.italic, sp.link.map(|l| l.to_string())))
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

    #[test]
    fn emphasis_opens_before_any_character() {
        for (text, bold, italic) in [
            ("*École normale*", false, true),
            ("**Über**", true, false),
            ("*✉ mail*", false, true),
            ("**中文**", true, false),
            ("*e\u{301}*", false, true),
            ("**😀**", true, false),
        ] {
            let spans = parse(text);
            assert_eq!(spans.len(), 1, "{text}: {spans:?}");
            assert_eq!((spans[0].bold, spans[0].italic), (bold, italic), "{text}");
        }
    }

    #[test]
    fn three_asterisks_are_bold_and_italic_and_an_empty_link_shows_its_address() {
        assert_eq!(styled("***x***"), vec![("x".into(), true, true, None)]);
        assert_eq!(
            styled("a ***b c*** d"),
            vec![
                ("a ".into(), false, false, None),
                ("b c".into(), true, true, None),
                (" d".into(), false, false, None)
            ]
        );
        let spans = parse("see [](https://example.org/x) here");
        assert_eq!(
            plain("see [](https://example.org/x) here"),
            "see https://example.org/x here"
        );
        assert_eq!(spans[1].link.as_deref(), Some("https://example.org/x"));
        assert_eq!(spans[1].index, 7);
    }

    #[test]
    fn links_are_found_where_their_targets_are_written() {
        // With an escape in the address, the target was searched for as decoded,
        // not found, and placed at the link's text; and searched again for every
        // piece of a long link text.
        let s = "see [a *b* c](https://x.org/a\\_b) and [](https://y.org)";
        assert_eq!(
            links(s),
            [
                ("https://x.org/a_b".to_string(), 14),
                ("https://y.org".to_string(), 41)
            ]
        );
        assert_eq!(&s[14..20], "https:");
        assert_eq!(&s[41..47], "https:");
    }

    #[test]
    fn runs_of_four_asterisks_or_more_are_text() {
        for text in ["Rating: *****", "a ***** b", "******", "****x****"] {
            assert_eq!(plain(text), text);
        }
        assert_eq!(styled("**b** ****")[0], ("b".into(), true, false, None));
    }

    #[test]
    fn an_escaped_bracket_never_closes_a_link_text() {
        // Found by the property below: the escape stepped over the end of the link
        // text, and the rest of the paragraph became the link.
        let spans = parse("[a\\](b) c");
        assert!(spans.iter().all(|s| s.link.is_none()), "{spans:?}");
        assert_eq!(plain("[a\\](b) c"), "[a](b) c");
        assert_eq!(
            styled("[a\\]b](u) c")[1],
            ("]b".into(), false, false, Some("u".into()))
        );
    }

    #[test]
    fn unmatched_markup_is_literal_and_linear() {
        // Quadratic parsing took seconds for a few tens of thousands of these.
        for unit in ["*a ", "**a ", "[a](", "[[[", "(((", "[a](b(c"] {
            let text = unit.repeat(50_000);
            assert_eq!(plain(&text), text, "{unit}");
        }
        let links = links("[x](https://a.b/(c)) and [y](mailto:y@z.org)");
        assert_eq!(
            links,
            vec![
                ("https://a.b/(c)".to_string(), 4),
                ("mailto:y@z.org".to_string(), 29)
            ]
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any Unicode text, with markup characters mixed in often.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                3 => any::<char>().prop_map(|c| c.to_string()),
                2 => prop::sample::select(vec!["*", "**", "[", "](", ")", "(", "]", "\\", " ", "e\u{301}"])
                    .prop_map(str::to_string),
            ];
            prop::collection::vec(piece, 0..80).prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn spans_are_pieces_of_the_text_at_their_index(s in text()) {
                let spans = parse(&s);
                let mut shown = 0;
                for span in &spans {
                    prop_assert!(s.is_char_boundary(span.index));
                    prop_assert!(s[span.index..].starts_with(&span.text), "{:?} in {:?}", span, s);
                    shown += span.text.len();
                }
                prop_assert!(shown <= s.len());
                for (url, at) in links(&s) {
                    prop_assert!(s.is_char_boundary(at) && at <= s.len());
                    prop_assert!(!url.is_empty());
                }
            }
        }
    }
}
