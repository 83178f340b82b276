//! Where a word may break across lines.
//!
//! Three kinds of break opportunity exist inside a word, and this module finds them:
//!
//! - **Hyphenation** from the `hyphenation` crate's TeX patterns, in the layout's
//!   language. A hyphen is drawn at the end of the line.
//! - **After an existing hyphen or dash** ("Encoder-|Decoders"), **after a slash**
//!   ("parallel/|distributed") and **after a plus joining words**
//!   ("dispatch+|combine"): nothing is added.
//! - **Inside a URL or an e-mail address**, so a long link wraps instead of running
//!   off the page: after `/` and `//`, before `.`, `?`, `#`, `&`, `=` and `@`. URLs and
//!   addresses are never hyphenated: a hyphen in a link changes the link.
//!
//! The traps of pattern hyphenation are avoided here: the patterns see letters only
//! (leading and trailing punctuation is stripped, so "Lausanne," is "Lausanne"),
//! compounds are split at their own hyphens first, and words in capitals (EPFL,
//! CogVideoX), words with digits, and the CV owner's name are never hyphenated.
//!
//! Positions are *character* indices into the word (one glyph per character in
//! [`text`](crate::text)), never the crate's byte offsets.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::rc::Rc;
use std::sync::OnceLock;

use hyphenation::{Hyphenator as _, Language, Load, Standard};

use crate::diag::{Code, Diagnostic};

/// What happens at a break inside a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A hyphenation point: a hyphen is drawn at the end of the line.
    Hyphen,
    /// After an existing hyphen or dash: nothing is added.
    AfterHyphen,
    /// After a slash, or at a point inside a URL or e-mail address.
    Plain,
}

/// A break opportunity before the character at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opportunity {
    pub at: usize,
    pub kind: Kind,
}

/// Declares [`LANGUAGES`] and [`DICTIONARIES`] from one list, so that the two cannot
/// disagree: adding a language is one line here (its code in a layout, its
/// `hyphenation::Language`, and the crate's code for it, which names its file),
/// its dictionary in `dictionaries/`, and its row in `dictionaries/README.md`; the
/// tests check all three, and that it hyphenates a word of its language.
macro_rules! dictionaries {
    ($(($code:literal, $lang:ident, $file:literal)),* $(,)?) => {
        /// The hyphenation languages a layout may name.
        pub const LANGUAGES: [(&str, Language); [$($code),*].len()] =
            [$(($code, Language::$lang)),*];

        /// The dictionary of each of [`LANGUAGES`], in the same order: its file's
        /// name in `dictionaries/` (the crate's code for the language) and its bytes,
        /// compiled in. Only these are embedded, not the crate's 82 (about 0.5 MB
        /// instead of 3 MB of the binary).
        static DICTIONARIES: [(&str, &[u8]); LANGUAGES.len()] = [$((
            $file,
            include_bytes!(concat!("../dictionaries/", $file, ".standard.bincode")),
        )),*];
    };
}

dictionaries![
    ("en-us", EnglishUS, "en-us"),
    ("en-gb", EnglishGB, "en-gb"),
    ("fr", French, "fr"),
    ("de", German1996, "de-1996"),
    ("pt", Portuguese, "pt"),
    ("es", Spanish, "es"),
    ("it", Italian, "it"),
    ("nl", Dutch, "nl"),
    ("pl", Polish, "pl"),
    ("sv", Swedish, "sv"),
    ("da", Danish, "da"),
    ("fi", Finnish, "fi"),
    ("cs", Czech, "cs"),
    ("hi", Hindi, "hi"),
];

/// The patterns of `lang`, loaded once per process and shared by every thread:
/// loading one dictionary costs as much as hyphenating a hundred words, and a build
/// sets its sections on two threads.
fn dictionary(lang: Language) -> Result<&'static Standard, String> {
    static LOADED: [OnceLock<Result<Standard, String>>; LANGUAGES.len()] =
        [const { OnceLock::new() }; LANGUAGES.len()];
    let slot = LANGUAGES
        .iter()
        .position(|(_, l)| *l == lang)
        .ok_or_else(|| format!("no hyphenation patterns for {lang:?}"))?;
    LOADED[slot]
        .get_or_init(|| load(lang, DICTIONARIES[slot].1))
        .as_ref()
        .map_err(Clone::clone)
}

/// Reads the dictionary of `lang` from `bytes`. Bytes that are not one (cut short,
/// of another language, or of another version of the crate, whose format is its
/// own) give an error, not a panic: the dictionaries are compiled in, so this is
/// a broken build, and the error says which language it broke. (A file damaged
/// inside could still get past this: bincode allocates what a length field says
/// before reading, and the trie is not checksummed. The tests load every
/// embedded dictionary and hyphenate a word with it.)
fn load(lang: Language, mut bytes: &[u8]) -> Result<Standard, String> {
    Standard::from_reader(lang, &mut bytes)
        .map_err(|e| format!("cannot load hyphenation patterns for {lang:?}: {e}"))
}

/// Load the patterns of `lang` now, so that the first paragraph set does not wait
/// for them.
pub fn preload(lang: Language) -> Result<(), Diagnostic> {
    dictionary(lang).map(|_| ()).map_err(unloadable)
}

/// The error for patterns that cannot be loaded (they are built into the binary,
/// so this is a broken build, not the user's mistake).
fn unloadable(reason: String) -> Diagnostic {
    Diagnostic::error(Code::Invalid, reason, None)
}

/// The opportunities of each word looked at, hashed with SipHash-1-3 with fixed
/// keys.
type Memo = HashMap<String, Rc<[Opportunity]>, BuildHasherDefault<DefaultHasher>>;

/// Finds break opportunities; holds the dictionary of one language.
pub struct Hyphenator {
    dict: Option<&'static Standard>,
    /// Lower-cased words never to hyphenate (the owner's name).
    protected: HashSet<String>,
    /// Words already looked at, without and with the dictionary: a CV repeats its
    /// vocabulary a lot. Keyed by the CV's own words, so hashed with SipHash (with
    /// fixed keys, for identical runs): words crafted to collide under a fast
    /// multiplicative hash would make every look-up walk all of them.
    seen: [RefCell<Memo>; 2],
    /// Finds no break at all: for words that never break (a contact item).
    whole: bool,
}

impl Hyphenator {
    /// A hyphenator that finds no break inside any word: what it is given is set
    /// whole (or, wider than its column, cut between characters by the line
    /// breaker, and reported).
    pub fn whole() -> Self {
        Hyphenator {
            dict: None,
            protected: HashSet::new(),
            seen: Default::default(),
            whole: true,
        }
    }

    /// `lang` is `None` when the layout turns hyphenation off; other breaks
    /// (after hyphens, slashes, in URLs) are still found.
    pub fn new(
        lang: Option<Language>,
        protected: impl IntoIterator<Item = String>,
    ) -> Result<Self, Diagnostic> {
        let dict = match lang {
            Some(l) => Some(dictionary(l).map_err(unloadable)?),
            None => None,
        };
        Ok(Hyphenator {
            dict,
            protected: protected.into_iter().map(|w| w.to_lowercase()).collect(),
            seen: Default::default(),
            whole: false,
        })
    }

    /// Every break opportunity inside `word`, in order. Where the author put soft
    /// hyphens (`soft`, character indices), they are its only hyphenation points,
    /// as TeX's `\-` makes them, hyphenation on or off; else the dictionary's,
    /// when `hyphenate` is set.
    pub fn breaks(&self, word: &str, hyphenate: bool, soft: &[usize]) -> Rc<[Opportunity]> {
        if self.whole || soft.is_empty() {
            return self.opportunities(word, hyphenate);
        }
        let mut out = self.find(word, false);
        out.extend(soft.iter().map(|&at| Opportunity {
            at,
            kind: Kind::Hyphen,
        }));
        out.sort_by_key(|o| o.at);
        out.dedup_by_key(|o| o.at);
        out.into()
    }

    /// Every break opportunity inside `word`, in order; the dictionary's hyphenation
    /// points only when `hyphenate` is set.
    pub fn opportunities(&self, word: &str, hyphenate: bool) -> Rc<[Opportunity]> {
        if self.whole {
            return Rc::from([]);
        }
        let seen = &self.seen[usize::from(hyphenate)];
        if let Some(known) = seen.borrow().get(word) {
            return known.clone();
        }
        let found: Rc<[Opportunity]> = self.find(word, hyphenate).into();
        seen.borrow_mut().insert(word.to_string(), found.clone());
        found
    }

    fn find(&self, word: &str, hyphenate: bool) -> Vec<Opportunity> {
        let chars: Vec<char> = word.chars().collect();
        if is_link(word) {
            return link_breaks(&chars);
        }
        let mut out = Vec::new();
        // Split at existing hyphens, dashes and slashes; hyphenate each part.
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            let is_joiner = matches!(c, '-' | '\u{2010}' | '\u{2013}' | '\u{2014}' | '/' | '+');
            if !is_joiner {
                continue;
            }
            if hyphenate {
                self.hyphenate_part(&chars, start, i, &mut out);
            }
            // Break after the joiner only with letters or digits on both sides
            // ("Encoder-Decoders", "C/C++"), not in "--" or a trailing "-".
            let before = i > 0 && chars[i - 1].is_alphanumeric();
            let after = chars
                .get(i + 1)
                .is_some_and(|c| c.is_alphanumeric() || *c == '(');
            if before && after && i + 1 < chars.len() {
                let kind = if matches!(c, '/' | '+') {
                    Kind::Plain
                } else {
                    Kind::AfterHyphen
                };
                out.push(Opportunity { at: i + 1, kind });
            }
            start = i + 1;
        }
        if hyphenate {
            self.hyphenate_part(&chars, start, chars.len(), &mut out);
        }
        out.sort_by_key(|o| o.at);
        out.dedup_by_key(|o| o.at);
        out
    }

    /// Hyphenation points of `chars[start..end]`, without its leading and trailing
    /// punctuation, unless it must not be hyphenated.
    fn hyphenate_part(&self, chars: &[char], start: usize, end: usize, out: &mut Vec<Opportunity>) {
        let Some(dict) = self.dict else {
            return;
        };
        let mut s = start;
        let mut e = end;
        while s < e && !chars[s].is_alphabetic() {
            s += 1;
        }
        while e > s && !chars[e - 1].is_alphabetic() {
            e -= 1;
        }
        let letters = e - s;
        if letters > LONGEST_HYPHENATED {
            return;
        }
        let part: String = chars[s..e].iter().collect();
        let capitals = chars[s..e].iter().filter(|c| c.is_uppercase()).count();
        if letters < 5
            || capitals > 1
            || chars[s..e]
                .iter()
                .any(|c| !c.is_alphabetic() && *c != '\'' && *c != '’')
            || self.protected.contains(&part.to_lowercase())
        {
            return;
        }
        // The dictionary lowercases what it is given and answers in byte offsets of
        // the lowercased word, which are not those of the word when a letter changes
        // length (ẞ is three bytes, ß two). So it is given the word lowercased, one
        // letter for one letter, and a word with a letter that lowercases to several
        // (İ) is not hyphenated.
        let Some(lower) = chars[s..e]
            .iter()
            .map(|c| {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            })
            .collect::<Option<String>>()
        else {
            return;
        };
        let hyphenated = dict.hyphenate(&lower);
        for byte in hyphenated.breaks {
            let Some(before) = lower.get(..byte) else {
                continue;
            };
            out.push(Opportunity {
                at: s + before.chars().count(),
                kind: Kind::Hyphen,
            });
        }
    }
}

/// The longest word the dictionary is asked about, in letters. TeX stops at 63; a
/// longer run of letters is a code or a mistake, not a word, and looking it up
/// costs time that grows with its length at every break.
const LONGEST_HYPHENATED: usize = 63;

/// A URL or an e-mail address (these are never hyphenated).
fn is_link(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '[', '<', '"', '“']);
    w.contains("://")
        || w.starts_with("www.")
        || (w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

/// Break points of a URL or address: after `/` (not inside `//`), before `.`, `?`,
/// `#`, `&`, `=`, `@` and `_`, and never inside the scheme or right at the ends.
fn link_breaks(chars: &[char]) -> Vec<Opportunity> {
    let text: String = chars.iter().collect();
    let body_start = text
        .find("://")
        .map_or(0, |i| text[..i + 3].chars().count());
    let mut out = Vec::new();
    for i in (body_start + 1)..chars.len().saturating_sub(1) {
        let prev = chars[i - 1];
        let c = chars[i];
        let after_slash = prev == '/' && c != '/';
        let before_mark = matches!(c, '.' | '?' | '#' | '&' | '=' | '@' | '_') && prev != '/';
        if after_slash || before_mark {
            out.push(Opportunity {
                at: i,
                kind: Kind::Plain,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h() -> Hyphenator {
        Hyphenator::new(Some(Language::EnglishUS), ["Magalhaes".to_string()]).unwrap()
    }

    fn show(word: &str, ops: &[Opportunity]) -> String {
        let mut out = String::new();
        for (i, c) in word.chars().enumerate() {
            if let Some(o) = ops.iter().find(|o| o.at == i) {
                out.push(match o.kind {
                    Kind::Hyphen => '-',
                    Kind::AfterHyphen | Kind::Plain => '|',
                });
            }
            out.push(c);
        }
        out
    }

    fn breaks(word: &str) -> String {
        show(word, &h().opportunities(word, true))
    }

    #[test]
    fn words_hyphenate_without_their_punctuation() {
        assert_eq!(breaks("distributed"), "dis-trib-uted");
        assert_eq!(breaks("Lausanne,"), "Lau-sanne,");
        assert_eq!(breaks("(asynchronous)"), "(asyn-chro-nous)");
    }

    #[test]
    fn compounds_break_at_their_own_hyphens_first() {
        assert_eq!(breaks("parallelism-aware"), "par-al-lel-ism-|aware");
        assert_eq!(breaks("Encoder-Decoders"), "En-coder-|De-coders");
        assert_eq!(breaks("parallel/distributed"), "par-al-lel/|dis-trib-uted");
        assert_eq!(breaks("dispatch+combine,"), "dis-patch+|com-bine,");
        assert_eq!(breaks("C++,"), "C++,");
    }

    #[test]
    fn capitals_digits_and_the_owner_are_never_hyphenated() {
        assert_eq!(breaks("EPFL"), "EPFL");
        assert_eq!(breaks("CogVideoX"), "CogVideoX");
        assert_eq!(breaks("exabyte-scale"), "ex-abyte-|scale");
        assert_eq!(breaks("ICCS2020"), "ICCS2020");
        assert_eq!(breaks("Magalhaes"), "Magalhaes");
        assert_eq!(breaks("Magalhaes."), "Magalhaes.");
    }

    #[test]
    fn links_break_at_sensible_points_and_are_never_hyphenated() {
        assert_eq!(
            breaks("https://www.epfl.ch/research/domains/bluebrain/"),
            "https://www|.epfl|.ch/|research/|domains/|bluebrain/"
        );
        assert_eq!(breaks("brunomaga@gmail.com"), "brunomaga|@gmail|.com");
        assert!(h()
            .opportunities("https://example.org/averyveryverylongpathsegment", true)
            .iter()
            .all(|o| o.kind == Kind::Plain));
    }

    #[test]
    fn without_the_dictionary_only_existing_breaks_remain() {
        assert_eq!(
            show(
                "Encoder-Decoders",
                &h().opportunities("Encoder-Decoders", false)
            ),
            "Encoder-|Decoders"
        );
        assert!(h().opportunities("distributed", false).is_empty());
    }

    /// One word of each language and where its dictionary breaks it: every
    /// embedded dictionary loads and is the one of its language.
    const KNOWN_WORDS: [(&str, &str); LANGUAGES.len()] = [
        ("en-us", "hy-phen-a-tion"),
        ("en-gb", "pro-gramme"),
        ("fr", "in-for-ma-tique"),
        ("de", "Sil-ben-tren-nung"),
        ("pt", "de-sen-vol-vi-mento"),
        ("es", "de-sa-rro-llo"),
        ("it", "cal-co-la-to-re"),
        ("nl", "woord-af-bre-king"),
        ("pl", "pro-gra-mo-wa-nie"),
        ("sv", "av-stav-ning"),
        ("da", "ord-de-ling"),
        ("fi", "tie-to-ko-ne"),
        ("cs", "pro-gra-mo-vání"),
        ("hi", "भा-र-ती-य"),
    ];

    #[test]
    fn every_dictionary_hyphenates_a_word_of_its_language() {
        for (code, lang) in LANGUAGES {
            let Some((_, expected)) = KNOWN_WORDS.iter().find(|(c, _)| *c == code) else {
                panic!("{code}: no known word to hyphenate");
            };
            let word = expected.replace('-', "");
            let breaks = dictionary(lang).unwrap().hyphenate(&word).breaks;
            let mut found = String::new();
            for (at, c) in word.char_indices() {
                if breaks.contains(&at) {
                    found.push('-');
                }
                found.push(c);
            }
            assert_eq!(&found, expected, "{code}");
        }
    }

    /// The files in `dictionaries/` are those of the table, each named by the
    /// crate's code for its language, each with its row in the folder's README
    /// (source and licence); nothing else is there but the licence texts.
    #[test]
    fn the_dictionary_files_are_those_of_the_table() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            match name.strip_suffix(".standard.bincode") {
                Some(file) => files.push(file.to_string()),
                None => assert!(
                    ["README.md", "NOTICES.txt"].contains(&name.as_str())
                        || name.starts_with("LICENSE-"),
                    "{name} in dictionaries/"
                ),
            }
        }
        files.sort();
        let mut named: Vec<String> = DICTIONARIES.iter().map(|(f, _)| f.to_string()).collect();
        named.sort();
        assert_eq!(files, named);
        let readme = std::fs::read_to_string(folder.join("README.md")).unwrap();
        for ((code, lang), (file, _)) in LANGUAGES.iter().zip(DICTIONARIES) {
            assert_eq!(file, lang.code(), "{code}");
            let row = format!("| `{code}` | `{file}.standard.bincode` |");
            assert!(
                readme.contains(&row),
                "no row {row:?} in dictionaries/README.md"
            );
        }
    }

    #[test]
    fn a_broken_dictionary_is_an_error_not_a_panic() {
        let english = DICTIONARIES[0].1;
        assert_eq!(LANGUAGES[0].1, Language::EnglishUS);
        assert!(load(Language::EnglishUS, english).is_ok());
        let french = load(Language::EnglishUS, DICTIONARIES[2].1).unwrap_err();
        assert!(french.contains("French"), "{french}");
        for broken in [
            &english[..english.len() / 2],
            &english[..english.len() - 1],
            &[],
            b"not a dictionary".as_slice(),
            &[0xFF; 64],
        ] {
            let error = load(Language::EnglishUS, broken).unwrap_err();
            assert!(error.starts_with("cannot load hyphenation patterns for EnglishUS"));
        }
    }

    /// A layout's `language` names no patterns that are not here (they could not
    /// be loaded), and Hindi names its own.
    #[test]
    fn every_printed_language_has_patterns_here_or_none() {
        for (code, lang) in crate::lang::Lang::ALL {
            if let Some(patterns) = lang.words().hyphenation {
                assert!(LANGUAGES.iter().any(|(_, l)| *l == patterns), "{code}");
            }
        }
        let hindi = crate::lang::Lang::Hi.words().hyphenation;
        assert_eq!(hindi, Some(Language::Hindi));
    }

    #[test]
    fn letters_that_change_length_in_lower_case_keep_their_places() {
        // Found by the fuzz test: the dictionary answered in bytes of "apßpear"
        // (ß: two bytes) and the word was cut inside ẞ (three).
        let german = Hyphenator::new(Some(Language::German1996), []).unwrap();
        for word in [
            "apẞpear",
            "GROẞartig",
            "straẞenbahn",
            "İstanbuler",
            "ǅemaludin",
        ] {
            let n = word.chars().count();
            for o in german.opportunities(word, true).iter() {
                assert!(o.at > 0 && o.at < n, "{word}: {o:?}");
            }
        }
        assert!(!german.opportunities("straẞenbahn", true).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Words of letters from all of Unicode: every opportunity is inside
            /// the word, at a character.
            #[test]
            fn opportunities_are_inside_any_word(word in prop::collection::vec(
                prop_oneof![
                    8 => prop::char::range('a', 'z'),
                    1 => any::<char>().prop_map(|c| if c.is_alphabetic() { c } else { 'e' }),
                    1 => prop::char::range('\u{100}', '\u{4FF}'),
                    // Letters whose lower case is longer, shorter or several letters.
                    1 => prop::sample::select(vec!['ẞ', 'İ', 'Ω', 'K', 'Å', 'ǅ', 'ﬁ', 'Σ']),
                ],
                5..20,
            ).prop_map(|cs| cs.into_iter().collect::<String>())) {
                let n = word.chars().count();
                for (_, lang) in LANGUAGES {
                    let h = Hyphenator::new(Some(lang), []).unwrap();
                    for o in h.opportunities(&word, true).iter() {
                        prop_assert!(o.at > 0 && o.at < n, "{} {:?}", word, o);
                    }
                }
            }
        }
    }
}
