//! Typesetting: the CV as shown, a layout and the fonts become a flow of blocks.
//!
//! One file per part of the page: `header`, `sections`, `entries`,
//! `publications`, `items` and `footer`; `lines` holds the steps they share
//! (setting text into lines, pushing lines as blocks, paragraphs), and `flow` the
//! types handed to pagination.
//!
//! This stage decides what every line says and where it sits horizontally: the
//! header, section headings with their rules, the two-column date/entry blocks,
//! bullets with hanging indents, publications with the owner's name in bold. It does
//! not decide pages: it hands [`paginate`](crate::paginate) a [`Flow`] of blocks, each
//! one line (or a rule, or the header photo) with its height, the space it wants
//! above it, whether (and why) it must stay on the same page as the next block, and
//! what a page break after it would cost.
//!
//! Keep rules are set here, where the structure is known: a heading keeps with the
//! first lines of its first entry, an entry's title keeps with its first line, the
//! first and last two lines of a paragraph stay together (no orphans, no widows), and
//! a date that needs two lines keeps the two entry lines beside it together.
//!
//! What is shown was decided before, by [`select`](crate::select); only running text
//! (paragraphs, bullets, publications, items) is hyphenated, never names, titles,
//! headings or dates.

use std::collections::HashSet;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Origin, SourceResult, Warned};
use crate::hyphenate::Hyphenator;
use crate::images::Image;
use crate::layouts::Layout;
use crate::markup::{self};
use crate::reader::Text;
use crate::schema::{AuthorMarks, Body, Cv, Section};
use crate::text::Shaper;

mod entries;
mod flow;
mod footer;
mod header;
mod items;
mod lines;
mod memo;
mod publications;
mod sections;

pub use flow::{penalty, Block, Element, Flow, Keep, Meta, Role};
pub use footer::Footer;
use lines::{ends_with_stop, unbreakable, Hyphens};
pub use memo::Memo;

/// Typeset `cv` with `layout` into a flow of blocks. `photo` is the decoded header
/// photo, if the CV has one. Paragraphs set before are taken from `memo`, and
/// those set now are remembered there: the flow is the same either way.
pub fn flow(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<Image>>,
    memo: &Memo,
) -> SourceResult<Warned<Flow>> {
    flow_split(cv, layout, shaper, photo, split_point(&cv.sections), memo)
}

/// [`flow`], with sections from `split` on set by a second thread.
///
/// Sections do not depend on each other, so a long CV is set on two threads: the
/// first sections here, the rest beside, each with its own caches, joined in order.
/// The result is the same as on one thread.
fn flow_split(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<Image>>,
    split: usize,
    memo: &Memo,
) -> SourceResult<Warned<Flow>> {
    let (mine, theirs) = cv.sections.split_at(split);
    let fonts = shaper.fonts;
    let (mut setter, other) = std::thread::scope(|scope| {
        let other = (!theirs.is_empty()).then(|| {
            scope.spawn(move || -> SourceResult<Half> {
                let shaper = Shaper::new(fonts).map_err(|d| vec![d])?;
                let mut setter = Setter::new(cv, layout, &shaper, PARAGRAPHS_PER_THREAD, memo)?;
                for section in theirs {
                    setter.section(section);
                }
                Ok(Half {
                    blocks: setter.blocks,
                    errors: setter.errors,
                    warnings: setter.warnings,
                })
            })
        });
        let mut setter = Setter::new(cv, layout, shaper, 0, memo)?;
        setter.header(photo);
        for section in mine {
            setter.section(section);
        }
        let other = match other.map(|h| h.join()) {
            Some(Ok(result)) => Some(result?),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => None,
        };
        Ok::<_, Vec<Diagnostic>>((setter, other))
    })?;
    if let Some(other) = other {
        // Joining is what the first section of the other half would have done to
        // the block before it: a page may best end there.
        if !other.blocks.is_empty() {
            setter.end_with(penalty::BEFORE_SECTION);
        }
        setter.blocks.extend(other.blocks);
        setter.errors.extend(other.errors);
        // What is said once a build is said by the first half if it said it.
        let once = [Code::PlainForm, Code::DirectionOverride];
        let said: Vec<Code> = once
            .into_iter()
            .filter(|c| setter.warnings.iter().any(|w| w.code == *c))
            .collect();
        setter.warnings.extend(
            other
                .warnings
                .into_iter()
                .filter(|w| !said.contains(&w.code)),
        );
    }
    if !setter.errors.is_empty() {
        return Err(setter.errors);
    }
    let person = &cv.person;
    let name = markup::plain(&person.name.value);
    let document = &layout.labels.document;
    let mut keywords = vec![document.to_lowercase()];
    if let Some(skills) = &person.skills {
        keywords.extend(skill_keywords(&markup::plain(&skills.value)));
    }
    let flow = Flow {
        blocks: setter.blocks,
        meta: Meta {
            title: format!("{name} — {document}"),
            author: name.clone(),
            subject: person.headline.as_ref().map_or_else(
                || format!("{name} — {document}"),
                |h| markup::plain(&h.value),
            ),
            keywords,
        },
    };
    Ok(Warned::new(flow, setter.warnings))
}

/// The skills line as the PDF's keywords: split at commas and semicolons (the
/// Latin, Arabic and CJK ones), at an ideographic full stop, and at a full stop
/// that ends a sentence ("Rust, Go. Spanish"), never at a dot inside a word
/// (`Node.js`, `ASP.NET`, `Python 3.12`), which résumé parsers would get in pieces.
fn skill_keywords(skills: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = skills.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends_sentence = c == '.' && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if matches!(c, ',' | ';' | '，' | '；' | '、' | '。' | '،' | '؛') || ends_sentence {
            out.push(&skills[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&skills[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Paragraph numbers of the second typesetting thread start here, so that numbers stay
/// unique when the halves are joined.
const PARAGRAPHS_PER_THREAD: u32 = 1 << 24;

/// How much there is to set in a section, roughly: its text length.
fn weight(section: &Section) -> usize {
    section.bodies().map(body_weight).sum()
}

fn body_weight(section: &Body) -> usize {
    let t = |t: &Text| t.value.len();
    section.text.as_ref().map_or(0, t)
        + section
            .entries
            .iter()
            .map(|e| {
                e.text.as_ref().map_or(0, t)
                    + e.bullets.iter().map(|b| t(&b.text)).sum::<usize>()
                    + 40
            })
            .sum::<usize>()
        + section
            .publications
            .iter()
            .map(|p| t(&p.title) + 80)
            .sum::<usize>()
        + section.items.iter().map(|i| t(&i.text) + 20).sum::<usize>()
}

/// Where to split the sections between the two typesetting threads: about half of the
/// text on each side. A short CV is not worth a thread.
fn split_point(sections: &[Section]) -> usize {
    let weights: Vec<usize> = sections.iter().map(weight).collect();
    let total: usize = weights.iter().sum();
    if total < 6_000 || sections.len() < 2 {
        return sections.len();
    }
    let mut acc = 0;
    for (i, w) in weights.iter().enumerate() {
        if acc + w / 2 >= total / 2 {
            return i.max(1);
        }
        acc += w;
    }
    sections.len()
}

/// What the second typesetting thread hands back.
struct Half {
    blocks: Vec<Block>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// What setting the CV needs at hand: the CV, the layout, the shaper and the
/// hyphenators, the blocks set so far, the problems found, and where it is (the
/// section and entry being set). Its steps are spread over this module's files, one
/// per part of the page; `lines.rs` has its constructor and the steps they share.
struct Setter<'a, 'f> {
    cv: &'a Cv,
    layout: &'a Layout,
    shaper: &'a Shaper<'f>,
    /// Paragraphs set before, by this build or the last.
    memo: &'a Memo,
    /// What every paragraph is set with besides its text, as the memo keys it.
    context: memo::Context,
    hyph: Hyphenator,
    /// Finds the breaks that need no dictionary (slashes, URLs), for text that is
    /// never hyphenated.
    unhyphenated: Hyphenator,
    /// Finds no break at all, for contact items.
    whole: Hyphenator,
    blocks: Vec<Block>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Paragraphs numbered as they are set (for [`Role::Line`]).
    paragraph: u32,
    /// The ids of `[pagination]`, hashed once: a CV of many entries and a layout of
    /// many names must not cost their product.
    break_before: HashSet<&'a str>,
    keep_together: HashSet<&'a str>,
    /// The section after whose content the legend of author marks is printed
    /// (the first to use them), and the marks the document uses.
    legend: Option<(&'a Section, AuthorMarks)>,
    /// The current section's entries must not be split (layout `keep_together`).
    keep_entries: bool,
    /// The section and entry being set, recorded on each block for reports.
    section_title: Option<Arc<str>>,
    entry_origin: Option<Origin>,
    /// The header was the last thing set: the next section heading takes the
    /// layout's `header_after` space instead of `section_before`.
    after_header: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_split_at_every_scripts_commas_not_inside_words() {
        assert_eq!(
            skill_keywords("Node.js, ASP.NET; Python 3.12. Spanish."),
            ["Node.js", "ASP.NET", "Python 3.12", "Spanish"]
        );
        assert_eq!(
            skill_keywords("Python、SQL、統計モデリング"),
            ["Python", "SQL", "統計モデリング"]
        );
        assert_eq!(
            skill_keywords("بايثون، لغة SQL؛ Spark"),
            ["بايثون", "لغة SQL", "Spark"]
        );
        assert_eq!(skill_keywords("Rust，Go。C"), ["Rust", "Go", "C"]);
    }

    #[test]
    fn two_threads_set_the_same_blocks_as_one() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cv.toml")).unwrap();
        let cv = crate::schema::parse(crate::diag::FileId(0), &text).unwrap();
        let mut fonts = crate::fonts::FontSet::bundled();
        let mut sources = crate::diag::Sources::default();
        sources.add("cv.toml", text.clone());
        let full = crate::layouts::LayoutSource::Builtin("full".into());
        let layout = crate::layouts::load(&mut sources, &full, &[], &mut fonts).unwrap();
        let shaper = Shaper::new(&fonts).unwrap();
        let one = flow_split(
            &cv,
            &layout,
            &shaper,
            None,
            cv.sections.len(),
            &Memo::for_one_build(),
        )
        .unwrap()
        .output;
        for split in 1..cv.sections.len() {
            let two = flow_split(&cv, &layout, &shaper, None, split, &Memo::for_one_build())
                .unwrap()
                .output;
            assert_eq!(one.blocks.len(), two.blocks.len());
            for (a, b) in one.blocks.iter().zip(&two.blocks) {
                assert_eq!(a.elements, b.elements);
                assert_eq!((a.keep, a.penalty, a.height), (b.keep, b.penalty, b.height));
            }
        }
    }

    /// The blocks the CV `text` is set in, in the `full` layout.
    fn blocks_in_full(text: &str) -> Vec<Block> {
        let cv = crate::schema::parse(crate::diag::FileId(0), text).unwrap();
        let mut fonts = crate::fonts::FontSet::bundled();
        let mut sources = crate::diag::Sources::default();
        let full = crate::layouts::LayoutSource::Builtin("full".into());
        let layout = crate::layouts::load(&mut sources, &full, &[], &mut fonts).unwrap();
        let shaper = Shaper::new(&fonts).unwrap();
        flow(&cv, &layout, &shaper, None, &Memo::for_one_build())
            .unwrap()
            .output
            .blocks
    }

    /// A group's heading is chained to the first line after it (a page never
    /// ends with it), and a heading of a group that follows content too.
    #[test]
    fn group_headings_keep_with_their_first_line() {
        let text = "[person]\nname = \"A\"\n[[section]]\ntitle = \"Students\"\n[[section.group]]\ntitle = \"Doctoral\"\n[[section.group.item]]\ntext = \"B\"\n[[section.group]]\ntitle = \"Master's\"\n[[section.group.item]]\ntext = \"C\"\n";
        let blocks = blocks_in_full(text);
        let heading = blocks.iter().position(|b| b.role == Role::Heading).unwrap();
        let keeps: Vec<Option<Keep>> = blocks[heading..].iter().map(|b| b.keep).collect();
        let h = Some(Keep::Heading);
        // Section heading, "Doctoral", B, "Master's", C.
        assert_eq!(keeps, [h, h, None, h, None]);
    }

    /// The legend of author marks keeps with the last line of the list above it.
    #[test]
    fn the_legend_keeps_with_the_list_above_it() {
        let text = "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\n[[section.publication]]\ntitle = \"T\"\nauthors = [\"B*\", \"C*\"]\n";
        let blocks = blocks_in_full(text);
        let before_legend = &blocks[blocks.len() - 2];
        assert!(before_legend.keep.is_some(), "{:?}", before_legend.keep);
        assert_eq!(blocks[blocks.len() - 1].keep, None);
    }
}
