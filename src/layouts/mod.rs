//! Layout files: how a CV looks and what of it is shown.
//!
//! A layout is a TOML file; the built-in ones live in `layouts/` and are compiled into
//! the binary. `cv.toml` says what is in the CV; the layout says how it is set (page,
//! fonts, sizes, spacing, colours, the date column, bullets, the header) and which
//! parts it shows (sections, their order and titles, selection rules, a page budget).
//! Every key is documented in `docs/layouts.md`, with its range.
//!
//! Reading a layout has two steps, one file each:
//!
//! 1. `load.rs` reads it in *layers*: the layouts it `extends` (a built-in
//!    name or a path), then the file itself, then each `--set key=value` from the
//!    command line, and merges their trees (later keys win, tables merge key by key),
//!    each value keeping the place it was written.
//! 2. `resolve.rs` reads the merged tree once into a [`Layout`], one
//!    table at a time: each table of the file has a file here that holds both its
//!    resolved type and the function that reads it, one line per key with its type,
//!    range and default. Adding a key is a field and a line in that file (and a row
//!    in `docs/layouts.md`, which a test holds to the code). Words that choose
//!    between a few options are enums ([`Choice`](crate::reader::Choice)), never
//!    strings matched later.
//!
//! Which file reads which table:
//!
//! | table | file | resolves to |
//! |---|---|---|
//! | `max_pages`, `description` | `resolve.rs` | `Layout::max_pages` |
//! | `language`, `[labels]` | `labels.rs` | `Labels` (the words: `crate::lang`) |
//! | `[page]` | `page.rs` | `Page` |
//! | `[fonts]` | `faces.rs` | `Faces` |
//! | `[sizes]`, `[spacing]` | `sizes.rs` | `Sizes`, `Spacing` |
//! | `[colors]` | `palette.rs` | `Palette` |
//! | `[dates]` | `date_column.rs` | `DateColumn` (words of `format` and `language`: `crate::dates`) |
//! | `[text]`, `[bullets]` | `running_text.rs` | `RunningText` (languages: `crate::hyphenate`), `Bullets` |
//! | `[header]` | `header.rs` | `Header` |
//! | `[headings]` | `headings.rs` | `Headings` |
//! | `[pagination]`, `[fit]` | `pagination.rs` | `Pagination`, `FitSpec` |
//! | `[select]`, `sections` | `selection.rs` | `Selection` |
//!
//! A key's effect is where its field is read: `layout.<table>.<key>` in `typeset`
//! (and `select` for the selection, `compile` for `max_pages` and `[fit]`).
//!
//! So every problem is reported at once, in the layer that wrote it, and a key exists
//! exactly when some code reads it. `frame.rs` then checks that the page
//! leaves room for text, naming the keys that squeeze it.

mod builtin;
mod date_column;
mod faces;
mod frame;
mod header;
mod headings;
mod labels;
mod load;
mod page;
mod pagination;
mod palette;
mod resolve;
mod running_text;
mod selection;
mod sizes;

pub use builtin::{description, is_builtin, unknown_builtin, BUILTIN};
pub use date_column::{ColumnAlign, DateColumn, LocationPlace, Side};
pub use faces::Faces;
pub use header::{Details, Header, HeaderAlign};
pub use headings::{HeadingRule, Headings};
pub use labels::Labels;
pub use load::{set_parts, LayoutSource, SET_HELP};
pub use page::Page;
pub use pagination::{FitSpec, Pagination};
pub use palette::Palette;
pub use resolve::probe;
pub use running_text::{Bullets, RunningText, TextAlign};
pub use selection::{Rules, SectionPick, Selection, Tags};
pub use sizes::{Sizes, Spacing};

use crate::diag::{SourceResult, Sources};
use crate::fonts::FontSet;
use crate::lang::Lang;
use crate::reader::Text;
use crate::schema::ContactKind;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// A layout resolved against the fonts: everything in points and faces, ready for
/// typesetting, grouped as the layout file's tables are.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: String,
    /// The top-level `language`: that of the words the engine adds (the headings
    /// of imported publications grouped by kind).
    pub language: Lang,
    /// The page budget (`max_pages`).
    pub max_pages: Option<u32>,
    pub page: Page,
    pub fonts: Faces,
    pub sizes: Sizes,
    pub spacing: Spacing,
    pub colors: Palette,
    pub dates: DateColumn,
    pub text: RunningText,
    /// The fixed words the engine prints, in the layout's language.
    pub labels: Labels,
    pub bullets: Bullets,
    pub header: Header,
    pub headings: Headings,
    pub pagination: Pagination,
    /// The limits of `--fit` (each `None`: that value does not shrink).
    pub fit: FitSpec,
    /// What of the CV is shown: `[select]` and `sections`.
    pub select: Selection,
}

impl Layout {
    /// Width of the text area.
    pub fn measure(&self) -> f32 {
        self.page.width - self.page.margin_left - self.page.margin_right
    }

    /// Height of the text area.
    pub fn frame_height(&self) -> f32 {
        self.page.height - self.page.margin_top - self.page.margin_bottom
    }

    /// The symbol the header sets before contact items of `kind`.
    pub fn symbol(&self, kind: ContactKind) -> Option<&Text> {
        self.header.symbols.get(kind.key())
    }

    /// Left edge and width of the entry column: the whole text area when dates go
    /// on the title line.
    pub fn entry_column(&self) -> (f32, f32) {
        let width = self.measure() - self.dates.width - self.dates.gap;
        match self.dates.side {
            Side::Left => (self.dates.width + self.dates.gap, width),
            Side::Right => (0.0, width),
            Side::Title => (0.0, self.measure()),
        }
    }

    /// Left edge and width of the date column; on the title line, the whole text
    /// area (dates are set flush right in it).
    pub fn date_column(&self) -> (f32, f32) {
        match self.dates.side {
            Side::Left => (0.0, self.dates.width),
            Side::Right => (self.measure() - self.dates.width, self.dates.width),
            Side::Title => (0.0, self.measure()),
        }
    }

    /// This layout shrunk for `--fit`: type at `body` points (all sizes in
    /// proportion), and spacing, leading and margins at `t` of the way from their
    /// minimums (0) to the layout's own values (1).
    pub fn shrunk(&self, body: f32, t: f32) -> Layout {
        let mut l = self.clone();
        l.sizes.scale(body / self.sizes.body);
        let between = |min: Option<f32>, max: f32| min.map_or(max, |m| m + t * (max - m));
        l.spacing.leading = between(self.fit.min_leading, self.spacing.leading);
        l.spacing.scale(between(self.fit.min_spacing, 1.0));
        l.page.scale_margins(between(self.fit.min_margins, 1.0));
        l
    }
}

/// Read a layout with everything it extends and the `--set` overrides, and resolve
/// it. Font files a layout names are loaded into `fonts`; every file read is noted in
/// `sources`.
pub fn load(
    sources: &mut Sources,
    source: &LayoutSource,
    sets: &[String],
    fonts: &mut FontSet,
) -> SourceResult<Layout> {
    let merged = load::merged(sources, source, sets)?;
    resolve::layout(&merged, &source.name(), fonts, sources)
}

/// Load a layout from `text`, with `sets`, after the CV registered as file 0 of
/// `sources`: for tests of this stage and of the ones after it.
#[cfg(test)]
pub(crate) fn load_text(sources: &mut Sources, text: &str, sets: &[&str]) -> SourceResult<Layout> {
    let mut fonts = FontSet::bundled();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let source = LayoutSource::Text {
        name: "my.toml".into(),
        text: text.into(),
    };
    load(sources, &source, &sets, &mut fonts).map_err(crate::diag::tidy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::text::Color;
    const SHORT_TEXT: usize = super::resolve::SHORT_TEXT;

    fn load_str(text: &str, sets: &[&str]) -> SourceResult<Layout> {
        load_text(&mut Sources::default(), text, sets)
    }

    fn messages(text: &str, sets: &[&str]) -> Vec<String> {
        load_str(text, sets)
            .map(|_| Vec::new())
            .unwrap_or_else(|e| e.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn builtin_layouts_parse() {
        for (name, _) in BUILTIN {
            let mut sources = Sources::default();
            let mut fonts = FontSet::bundled();
            let layout = load(
                &mut sources,
                &LayoutSource::Builtin(name.into()),
                &[],
                &mut fonts,
            )
            .unwrap();
            assert!(layout.page.width > 500.0, "{name}");
        }
    }

    #[test]
    fn layout_errors_point_at_the_key_in_its_file() {
        let err = load_str("[fonts]\nbody = \"Comic Sans\"\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "unknown font family `Comic Sans`");
        assert_eq!(err[0].origin.map(|o| o.offset), Some(15));
        let err = load_str("[page]\nsise = \"a4\"\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `sise`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `size`?"));
    }

    #[test]
    fn extends_changes_only_the_keys_it_names() {
        let base = load_str("extends = \"onepage\"\n", &[]).unwrap();
        let changed = load_str(
            "extends = \"onepage\"\n[colors]\naccent = \"#aa0000\"\n",
            &[],
        )
        .unwrap();
        assert_eq!(changed.colors.accent, Color::parse("#aa0000").unwrap());
        assert_eq!(changed.max_pages, base.max_pages);
        assert_eq!(changed.sizes.body, base.sizes.body);
        assert_eq!(changed.fonts.body, base.fonts.body);
        let err = load_str("extends = \"onepag\"\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "there is no built-in layout `onepag`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `onepage`?"));
    }

    #[test]
    fn a_long_chain_of_extends_is_not_a_cycle() {
        let dir = std::env::temp_dir().join(format!("cvc-chain-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("l0.toml"), "extends = \"onepage\"\n").unwrap();
        for i in 1..=10 {
            std::fs::write(
                dir.join(format!("l{i}.toml")),
                format!("extends = \"l{}.toml\"\n", i - 1),
            )
            .unwrap();
        }
        std::fs::write(dir.join("a.toml"), "extends = \"b.toml\"\n").unwrap();
        std::fs::write(dir.join("b.toml"), "extends = \"a.toml\"\n").unwrap();
        let load_file = |name: &str| {
            let mut sources = Sources::default();
            let mut fonts = FontSet::bundled();
            load(
                &mut sources,
                &LayoutSource::File(dir.join(name)),
                &[],
                &mut fonts,
            )
        };
        let layout = load_file("l10.toml").unwrap();
        assert_eq!(layout.max_pages, Some(1));
        let err = load_file("a.toml").unwrap_err();
        assert!(
            err[0].message.contains("extends itself"),
            "{}",
            err[0].message
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn set_overrides_one_key_with_the_same_checks() {
        let l = load_str(
            "",
            &["page.size=letter", "sizes.body=9.5", "text.hyphenate=false"],
        )
        .unwrap();
        assert_eq!((l.page.width, l.page.height), (612.0, 792.0));
        assert_eq!(l.sizes.body, 9.5);
        assert_eq!(l.text.hyphenation, None);
        assert_eq!(
            messages("", &["page.size=lettr"]),
            ["`lettr` is not a valid `size`: use `a4`, `letter`, `a5` or `legal`"]
        );
        let err = load_str("", &["sizes.bdy=9"]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `bdy`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `body`?"));
        assert_eq!(
            messages("", &["nonsense"]),
            ["--set needs `key=value`, not `nonsense`"]
        );
    }

    #[test]
    fn every_number_is_finite_and_in_its_range() {
        assert_eq!(
            messages(
                "[page]\nmargins = { top = nan, left = inf, right = -5 }\n[header]\nphoto_height = nan\n[sizes]\nbody = \"ten\"\n",
                &[]
            ),
            [
                "`top` is nan; it must be from 0 to 200 mm",
                "`left` is inf; it must be from 0 to 200 mm",
                "`right` is -5 mm; it must be from 0 to 200 mm",
                "`photo_height` is nan; it must be from 5 to 100 mm",
                "`body` must be a size in points, like `body = 10`, not text",
            ]
        );
        assert_eq!(
            messages("", &["page.size=[1, \"x\"]"]),
            [
                "`size` is 1 mm; it must be from 50 to 2000 mm",
                "`size` must be a length in mm, like `size = 297`, not text"
            ]
        );
    }

    #[test]
    fn a_frame_too_small_for_text_names_the_keys_that_squeeze_it() {
        let err = load_str("[page]\nmargins = { top = 150, bottom = 150 }\n", &[]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].message.starts_with(
                "the top and bottom margins (150 mm and 150 mm) leave no room for text"
            ),
            "{}",
            err[0].message
        );
        assert_eq!(err[0].origin.map(|o| o.offset), Some(39));
        let err = load_str("", &["page.margins.left=90", "dates.width=60"]).unwrap_err();
        assert!(
            err[0]
                .message
                .contains("leave a text column 32.5 mm wide on the 210 mm wide page"),
            "{}",
            err[0].message
        );
        assert_eq!(
            err[0].help.as_deref(),
            Some("make one of these smaller: `page.margins.left`, `page.margins.right`, `dates.width`, `dates.gap`, `bullets.indent`")
        );
    }

    #[test]
    fn words_are_exact_and_language_codes_may_name_a_region() {
        assert_eq!(
            messages(
                "[dates]\nside = \"right_or_left\"\n[text]\nalign = \"left-ish\"\n",
                &[]
            ),
            [
                "`right_or_left` is not a valid `side`: use `left`, `right` or `title`",
                "`left-ish` is not a valid `align`: use `justify` or `left`",
            ]
        );
        let l = load_str(
            "[dates]\nlanguage = \"pt_BR\"\n[text]\nlanguage = \"en_GB\"\n",
            &[],
        )
        .unwrap();
        assert_eq!(l.dates.style.lang, Lang::Pt);
        assert_eq!(l.text.hyphenation, Some(hyphenation::Language::EnglishGB));
        assert_eq!(
            messages("[dates]\nlanguage = \"en-whatever\"\n", &[]),
            ["`en-whatever` is not a valid `language`: use `en`, `fr`, `de`, `pt`, `es`, `it`, `nl`, `pl`, `sv`, `da`, `fi`, `cs`, `zh`, `ja`, `ko`, `ar`, `he` or `hi`"]
        );
    }

    /// Chinese, with or without its region, sets the dates, the labels and the
    /// colon; it has no hyphenation patterns, so none are named. Its words are
    /// Simplified: a Traditional region is an error, not Simplified words
    /// (found by review).
    #[test]
    fn a_chinese_layout_reads_with_its_region() {
        for code in ["zh", "zh-CN", "zh_SG"] {
            let l = load_str(&format!("language = \"{code}\"\n"), &[]).unwrap();
            assert_eq!(l.dates.style.lang, Lang::Zh, "{code}");
            assert_eq!(l.labels.skills, "技能", "{code}");
            assert_eq!(l.labels.colon, "：", "{code}");
            assert_eq!(l.text.hyphenation, None, "{code}");
        }
        for code in ["zh_TW", "ZH-hk", "zh-Hant"] {
            let err = load_str(&format!("language = \"{code}\"\n"), &[]).unwrap_err();
            assert!(
                err[0].message.contains("Traditional Chinese"),
                "{code}: {err:?}"
            );
        }
    }

    /// A language cvc has no words for is said to be one, not taken for a
    /// misspelt code (`fa`, did you mean `fr`?, found by review).
    #[test]
    fn a_language_without_words_is_said_to_be_one() {
        for code in ["fa", "ur-PK", "th"] {
            let err = load_str(&format!("language = \"{code}\"\n"), &[]).unwrap_err();
            let start = format!("cvc does not print its words in `{code}` yet: it has en, fr,");
            assert!(err[0].message.starts_with(&start), "{err:?}");
            assert!(
                err[0]
                    .help
                    .as_deref()
                    .is_some_and(|h| h.contains("[labels]")),
                "{err:?}"
            );
        }
    }

    /// A language without patterns turns dictionary hyphenation off without an
    /// error; `[text] language` still names patterns for its Latin words, and
    /// Hindi has its own.
    #[test]
    fn arabic_has_no_hyphenation_and_hindi_has_its_patterns() {
        for code in ["ar", "ar-EG", "he", "ja", "ko"] {
            let l = load_str(&format!("language = \"{code}\"\n"), &[]).unwrap();
            assert_eq!(l.text.hyphenation, None, "{code}");
        }
        let l = load_str("language = \"ar\"\n[text]\nlanguage = \"en\"\n", &[]).unwrap();
        assert_eq!(l.dates.style.lang, Lang::Ar);
        assert_eq!(l.text.hyphenation, Some(hyphenation::Language::EnglishUS));
        let l = load_str("language = \"hi\"\n", &[]).unwrap();
        assert_eq!(l.text.hyphenation, Some(hyphenation::Language::Hindi));
        let l = load_str("[text]\nlanguage = \"hi\"\n", &[]).unwrap();
        assert_eq!(l.text.hyphenation, Some(hyphenation::Language::Hindi));
    }

    #[test]
    fn header_symbols_name_contact_kinds() {
        let err = load_str("[header]\nsymbols = { emial = \"✉\" }\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `emial`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `email`?"));
    }

    #[test]
    fn repeated_texts_are_short() {
        let long = "x".repeat(SHORT_TEXT + 1);
        let err = messages(
            &format!("[dates]\npresent = \"{long}\"\n[bullets]\nsymbol = \"{long}\"\n[header]\nsymbols = {{ email = \"{long}\" }}\n"),
            &[],
        );
        assert_eq!(err.len(), 3, "{err:?}");
        assert!(
            err.iter()
                .all(|m| m.contains("is longer than 32 characters")),
            "{err:?}"
        );
        let ok = "é".repeat(SHORT_TEXT);
        assert!(messages(&format!("[dates]\npresent = \"{ok}\"\n"), &[]).is_empty());
    }

    #[test]
    fn unsafe_links_in_layout_text_are_errors() {
        assert_eq!(
            messages("", &["dates.present=[now](javascript:alert(1))"]),
            ["`javascript:` links are not allowed: `javascript:alert(1)`"]
        );
    }

    #[test]
    fn sections_name_ids_titles_and_rules() {
        let l = load_str(
            "[select]\nmax_bullets = 2\n[[sections]]\nid = \"work\"\ntitle = \"Experience\"\nmax_bullets = 4\n",
            &[],
        )
        .unwrap();
        let picks = l.select.sections.unwrap();
        assert_eq!(picks[0].id, "work");
        assert_eq!(picks[0].title.as_ref().unwrap().value, "Experience");
        assert_eq!(picks[0].rules.max_bullets, Some(4));
        assert_eq!(l.select.rules.max_bullets, Some(2));
    }

    /// The keys a table of a layout accepts, as the reader says them: the help of
    /// an unknown key lists them all. `prefix` opens the table, `suffix` closes it.
    fn accepted(prefix: &str, suffix: &str) -> Vec<String> {
        let text = format!("{prefix}zqxjkvw = 1{suffix}\n");
        let help = load_str(&text, &[])
            .expect_err("an unknown key is an error")
            .into_iter()
            .filter(|d| d.code == crate::diag::Code::UnknownKey)
            .find_map(|d| d.help)
            .unwrap_or_else(|| panic!("no unknown-key help for {prefix:?}"));
        let list = help
            .strip_prefix("the keys here are ")
            .expect("a list of keys");
        list.split(", ")
            .map(|k| k.trim_matches('`').to_string())
            .collect()
    }

    /// `docs/layouts.md` by its `## ` sections: heading and text.
    fn doc_sections() -> Vec<(String, String)> {
        let doc = include_str!("../../docs/layouts.md");
        doc.split("\n## ")
            .skip(1)
            .map(|s| {
                let (head, body) = s.split_once('\n').unwrap_or((s, ""));
                (head.to_string(), body.to_string())
            })
            .collect()
    }

    /// The keys a section of the docs lists in its table of keys (the one headed
    /// `| key |`): rows that start with a key in backticks.
    fn rows(body: &str) -> Vec<String> {
        body.lines()
            .skip_while(|l| !l.starts_with("| key |"))
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once('`'))
            .map(|(k, _)| k.to_string())
            .collect()
    }

    /// Every key a layout file accepts is in `docs/layouts.md`, and every key the
    /// docs list is accepted: a table row for each key of a table, and a mention in
    /// its parent's section for the keys of a sub-table (margins, symbols, font
    /// files, a section chosen with a table).
    #[test]
    fn the_docs_list_exactly_the_keys_layouts_accept() {
        let sections = doc_sections();
        let section = |head: &str| -> &str {
            let found = sections.iter().find(|(h, _)| h.contains(head));
            &found
                .unwrap_or_else(|| panic!("docs/layouts.md has no section {head}"))
                .1
        };
        // (table, how to open it, its docs section); top-level keys come first.
        let tables = [
            ("page", "[page]\n", "`[page]`"),
            ("fonts", "[fonts]\n", "`[fonts]`"),
            ("sizes", "[sizes]\n", "`[sizes]`"),
            ("spacing", "[spacing]\n", "`[spacing]`"),
            ("colors", "[colors]\n", "`[colors]`"),
            ("dates", "[dates]\n", "`[dates]`"),
            ("text", "[text]\n", "`[text]`"),
            ("bullets", "[bullets]\n", "`[bullets]`"),
            ("header", "[header]\n", "`[header]`"),
            ("fit", "[fit]\n", "`[fit]`"),
            ("pagination", "[pagination]\n", "`[pagination]`"),
            ("select", "[select]\n", "`[select]`"),
            ("labels", "[labels]\n", "`[labels]`"),
            ("headings", "[headings]\n", "`[headings]`"),
        ];
        let mut root = accepted("", "");
        root.push("extends".into()); // read by loading, before the rest
        root.retain(|k| !tables.iter().any(|(t, _, _)| t == k));
        let mut documented = rows(section("Top-level keys"));
        documented.sort();
        root.sort();
        assert_eq!(root, documented, "top-level keys: accepted vs documented");
        for (table, open, head) in tables {
            let mut keys = accepted(open, "");
            let mut listed = rows(section(head));
            keys.sort();
            listed.sort();
            assert_eq!(keys, listed, "[{table}]: accepted vs documented");
        }
        // Sub-tables: each accepted key is named in its parent's section.
        let subtables = [
            ("[page.margins]\n", "", "`[page]`"),
            ("[header.symbols]\n", "", "`[header]`"),
            ("[fonts.body]\nregular = \"x.ttf\"\n", "", "`[fonts]`"),
            ("[fonts.body.regular]\nfile = \"x.ttf\"\n", "", "`[fonts]`"),
            ("[fonts]\nfallback = [{ ", " }]", "`[fonts]`"),
            (
                "[fonts]\nfallback = [{ file = \"x.ttf\", ",
                " }]",
                "`[fonts]`",
            ),
            ("[dates.months]\n", "", "`[dates]`"),
            ("[dates.long_months]\n", "", "`[dates]`"),
            ("sections = [{ id = \"a\", ", " }]", "`sections`"),
        ];
        for (open, close, head) in subtables {
            let text = section(head);
            for key in accepted(open, close) {
                assert!(
                    text.contains(&format!("`{key}`")) || text.contains(&format!("{key} =")),
                    "`{key}` of {open:?} is accepted but not documented in {head}"
                );
            }
        }
    }
}
