//! Layout: the CV, a layout and the fonts become a flow of blocks.
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

use crate::dates::{range_parts, Date, DateField};
use crate::diag::{Code, Diagnostic, Origin};
use crate::hyphenate::Hyphenator;
use crate::images::Image;
use crate::layouts::Layout;
use crate::linebreak::{break_lines, compose, Align, Placed};
use crate::markup::{self, Link};
use crate::reader::Text;
use crate::schema::{ContactKind, Cv, Entry, Item as CvItem, Publication, Section};
use crate::text::{Color, Inline, Run, Shaper, TextStyle, Word};

/// Something drawn, positioned relative to its block (x from the left edge of the
/// text area, y downwards from the block's top).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        baseline: f32,
        run: Run,
    },
    Rule {
        x: f32,
        y: f32,
        width: f32,
        thickness: f32,
        color: Color,
    },
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        image: Arc<Image>,
    },
}

impl Item {
    /// Move the item by `dx` to the right and `dy` down (from block to page
    /// coordinates, for one).
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Item::Rule { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// Why a block must stay on the same page as the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The header stays whole.
    Header,
    /// A section heading keeps with the first lines of its first entry.
    Heading,
    /// An entry's title keeps with its first line.
    Title,
    /// The first two and last two lines of a paragraph stay together.
    Lines,
    /// A date that needs two lines keeps the entry lines beside it together.
    Date,
    /// The layout asks for this entry not to be split.
    Together,
}

impl Keep {
    pub fn describe(self) -> &'static str {
        match self {
            Keep::Header => "the header stays whole",
            Keep::Heading => "a section heading keeps with the first lines of its first entry",
            Keep::Title => "an entry's title keeps with its first line",
            Keep::Lines => "a paragraph keeps its first two and last two lines together",
            Keep::Date => "a two-line date keeps the entry lines beside it together",
            Keep::Together => "the layout asks for this entry not to be split",
        }
    }
}

/// What a block is, for checks on the result (orphans, widows, stranded headings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    /// Line `index` of the `count` lines of paragraph `paragraph`.
    Line {
        paragraph: u32,
        index: u16,
        count: u16,
    },
    Other,
}

/// Costs of a page break after a block, where one is allowed. Lower is better.
pub mod penalty {
    /// Between two lines of a paragraph (never after its first or before its last).
    pub const IN_PARAGRAPH: f32 = 15.0;
    /// Between two bullets or paragraphs of one entry.
    pub const IN_ENTRY: f32 = 8.0;
    /// Between two entries.
    pub const BETWEEN_ENTRIES: f32 = 0.0;
    /// Before a section heading: the best place for a page to end.
    pub const BEFORE_SECTION: f32 = -5.0;
}

/// A vertical unit that is never split across pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub height: f32,
    /// Space wanted above the block; dropped at the top of a page.
    pub space_before: f32,
    /// Set when the page may not break between this block and the next.
    pub keep: Option<Keep>,
    /// The cost of a page break after this block (when `keep` allows one).
    pub penalty: f32,
    /// The layout asks for a page break before this block.
    pub break_before: bool,
    pub role: Role,
    /// Where the block's text starts in `cv.toml`, for reports.
    pub origin: Option<Origin>,
    pub items: Vec<Item>,
    /// A section title: the PDF outline gets an entry pointing here.
    pub bookmark: Option<String>,
    /// The section the block belongs to (its title as shown), for reports.
    pub section: Option<Arc<str>>,
    /// Where the entry the block belongs to starts in `cv.toml`, for reports.
    pub entry: Option<Origin>,
}

impl Block {
    /// An empty block of `height`: a spacer, or the start of something bigger.
    pub fn new(height: f32, space_before: f32) -> Block {
        Block {
            height,
            space_before,
            keep: None,
            penalty: penalty::IN_PARAGRAPH,
            break_before: false,
            role: Role::Other,
            origin: None,
            items: Vec::new(),
            bookmark: None,
            section: None,
            entry: None,
        }
    }
}

/// The laid-out document, before pagination.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub blocks: Vec<Block>,
    pub meta: Meta,
    pub warnings: Vec<Diagnostic>,
}

/// Document information for the PDF's Info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
}

/// Lay out `cv` with `layout`. `photo` is the decoded header photo, if the CV has one.
pub fn layout(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<Image>>,
) -> Result<Flow, Vec<Diagnostic>> {
    layout_split(cv, layout, shaper, photo, split_point(&cv.sections))
}

/// [`layout`], with sections from `split` on set by a second thread.
///
/// Sections do not depend on each other, so a long CV is set on two threads: the
/// first sections here, the rest beside, each with its own caches, joined in order.
/// The result is the same as on one thread.
fn layout_split(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<Image>>,
    split: usize,
) -> Result<Flow, Vec<Diagnostic>> {
    let (mine, theirs) = cv.sections.split_at(split);
    let fonts = shaper.fonts;
    let (mut ctx, other) = std::thread::scope(|scope| {
        let other = (!theirs.is_empty()).then(|| {
            scope.spawn(move || -> Result<Half, Vec<Diagnostic>> {
                let shaper =
                    Shaper::new(fonts).map_err(|e| vec![Diagnostic::error(Code::Font, e, None)])?;
                let mut ctx = Ctx::new(cv, layout, &shaper, PARAGRAPHS_PER_THREAD)?;
                for section in theirs {
                    ctx.section(section);
                }
                Ok(Half {
                    blocks: ctx.blocks,
                    errors: ctx.errors,
                    warnings: ctx.warnings,
                })
            })
        });
        let mut ctx = Ctx::new(cv, layout, shaper, 0)?;
        ctx.header(photo);
        for section in mine {
            ctx.section(section);
        }
        let other = match other.map(|h| h.join()) {
            Some(Ok(result)) => Some(result?),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => None,
        };
        Ok::<_, Vec<Diagnostic>>((ctx, other))
    })?;
    if let Some(other) = other {
        // Joining is what the first section of the other half would have done to
        // the block before it: a page may best end there.
        if !other.blocks.is_empty() {
            ctx.end_with(penalty::BEFORE_SECTION);
        }
        ctx.blocks.extend(other.blocks);
        ctx.errors.extend(other.errors);
        ctx.warnings.extend(other.warnings);
    }
    if !ctx.errors.is_empty() {
        return Err(ctx.errors);
    }
    let person = &cv.person;
    let name = markup::plain(&person.name.value);
    let mut keywords = vec!["curriculum vitae".to_string()];
    if let Some(skills) = &person.skills {
        keywords.extend(
            markup::plain(&skills.value)
                .split([',', ';', '.'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    Ok(Flow {
        blocks: ctx.blocks,
        meta: Meta {
            title: format!("{name} — Curriculum Vitae"),
            author: name.clone(),
            subject: person.headline.as_ref().map_or_else(
                || format!("Curriculum vitae of {name}"),
                |h| markup::plain(&h.value),
            ),
            keywords,
        },
        warnings: ctx.warnings,
    })
}

/// The footer line of each page: "Name · page 2 of 3", centred on the text area,
/// nothing for a one-page document. A footer wider than the text area (a long name
/// on a narrow page) drops the name, which the header shows; if even "page 2 of 3"
/// is too wide, it is set smaller until it fits. Each page sets the name again, so
/// a name longer than [`FOOTER_NAME`] characters is left out (it could only fit if
/// most of it were invisible).
pub struct Footer<'a> {
    layout: &'a Layout,
    shaper: &'a Shaper<'a>,
    size: f32,
    /// The name as plain text, if the footer shows it.
    name: Option<String>,
}

impl<'a> Footer<'a> {
    /// `None` for a document of one page, or with no room for a footer.
    pub fn new(cv: &Cv, layout: &'a Layout, shaper: &'a Shaper<'a>, pages: usize) -> Option<Self> {
        let size = footer_size(layout).filter(|_| pages >= 2)?;
        let name = markup::plain(&cv.person.name.value);
        Some(Footer {
            layout,
            shaper,
            size,
            name: name.chars().nth(FOOTER_NAME).is_none().then_some(name),
        })
    }

    /// Words of `text` in the footer's style, and their width.
    fn set(&self, text: String, size: f32) -> (Vec<Word>, f32) {
        let style = TextStyle {
            family: self.layout.body,
            size,
            color: self.layout.muted,
            bold: false,
            italic: false,
        };
        let inline = Inline {
            text,
            style,
            link: None,
            origin: None,
        };
        // The footer's characters come from the name, already checked in the header.
        let words = self.shaper.words(&[inline]).unwrap_or_default();
        let width = self.shaper.width(&words);
        (words, width)
    }

    /// The footer of page `page` of `pages`.
    pub fn items(&self, page: usize, pages: usize) -> Vec<Item> {
        let measure = self.layout.measure();
        let numbers = format!("page {page} of {pages}");
        let (mut words, mut width) = match &self.name {
            Some(name) => self.set(format!("{name} · {numbers}"), self.size),
            None => (Vec::new(), f32::INFINITY),
        };
        if width > measure {
            (words, width) = self.set(numbers.clone(), self.size);
        }
        if width > measure {
            (words, width) = self.set(numbers, self.size * measure / width * 0.99);
        }
        let line = crate::linebreak::Line { words, last: true };
        let x = (measure - width) / 2.0;
        compose(line, width, Align::Left)
            .into_iter()
            .map(|p| Item::Text {
                x: x + p.x,
                baseline: 0.0,
                run: p.run,
            })
            .collect()
    }
}

/// The longest name a footer repeats, in characters: each page sets it again.
const FOOTER_NAME: usize = 200;

/// How much of the bottom margin a footer line takes, as a multiple of its size:
/// its baseline is in the middle of the margin, with the ascent (0.8) above and the
/// descent below.
const FOOTER_ROOM: f32 = 1.6;

/// The footer's type size: the layout's, or smaller to fit a thin bottom margin;
/// `None` when the margin has no room for even 4 pt type.
pub fn footer_size(layout: &Layout) -> Option<f32> {
    let size = layout.sizes.footer.min(layout.margin_bottom / FOOTER_ROOM);
    (size >= 4.0).then_some(size)
}

/// The narrowest column a bullet's text may have beside its symbol, points (about
/// 25 mm): a long symbol must not push the text out of the page.
const MIN_BULLET_TEXT: f32 = 72.0;

/// Paragraph numbers of the second layout thread start here, so that numbers stay
/// unique when the halves are joined.
const PARAGRAPHS_PER_THREAD: u32 = 1 << 24;

/// How much there is to set in a section, roughly: its text length.
fn weight(section: &Section) -> usize {
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

/// Where to split the sections between the two layout threads: about half of the
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

/// What the second layout thread hands back.
struct Half {
    blocks: Vec<Block>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

struct Ctx<'a> {
    cv: &'a Cv,
    l: &'a Layout,
    shaper: &'a Shaper<'a>,
    hyph: Hyphenator,
    /// Finds the breaks that need no dictionary (slashes, URLs), for text that is
    /// never hyphenated.
    unhyphenated: Hyphenator,
    blocks: Vec<Block>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Paragraphs numbered as they are set (for [`Role::Line`]).
    paragraph: u32,
    /// The ids of `[pagination]`, hashed once: a CV of many entries and a layout of
    /// many names must not cost their product.
    break_before: HashSet<&'a str>,
    keep_together: HashSet<&'a str>,
    /// The owner's name and aliases as author lists write them, to set in bold.
    owner: HashSet<String>,
    /// The current section's entries must not be split (layout `keep_together`).
    keep_entries: bool,
    /// The section and entry being set, recorded on each block for reports.
    section_title: Option<Arc<str>>,
    entry_origin: Option<Origin>,
    /// The header was the last thing set: the next section heading takes the
    /// layout's `header_after` space instead of `section_before`.
    after_header: bool,
}

/// One set line: its placed runs, its height, where its baseline sits, and where
/// its text starts in the source.
struct SetLine {
    runs: Vec<Placed>,
    x: f32,
    height: f32,
    baseline: f32,
    origin: Option<Origin>,
}

impl<'a> Ctx<'a> {
    fn new(
        cv: &'a Cv,
        l: &'a Layout,
        shaper: &'a Shaper<'a>,
        first_paragraph: u32,
    ) -> Result<Self, Vec<Diagnostic>> {
        // The owner's name is never hyphenated.
        let protected = std::iter::once(&cv.person.name)
            .chain(&cv.person.aliases)
            .flat_map(|t| {
                markup::plain(&t.value)
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            });
        let hyph = Hyphenator::new(l.hyphenation, protected)
            .map_err(|e| vec![Diagnostic::error(Code::Invalid, e, None)])?;
        Ok(Ctx {
            cv,
            l,
            shaper,
            hyph,
            unhyphenated: Hyphenator::new(None, [])
                .map_err(|e| vec![Diagnostic::error(Code::Invalid, e, None)])?,
            blocks: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            paragraph: first_paragraph,
            break_before: l.break_before.iter().map(|t| t.value.as_str()).collect(),
            keep_together: l.keep_together.iter().map(|t| t.value.as_str()).collect(),
            owner: std::iter::once(&cv.person.name)
                .chain(&cv.person.aliases)
                .map(|t| normalise_name(&markup::plain(&t.value)))
                .collect(),
            keep_entries: false,
            section_title: None,
            entry_origin: None,
            after_header: false,
        })
    }

    fn style(&self, size: f32, color: Color) -> TextStyle {
        TextStyle {
            family: self.l.body,
            size,
            color,
            bold: false,
            italic: false,
        }
    }

    fn body(&self) -> TextStyle {
        self.style(self.l.sizes.body, self.l.text)
    }

    /// The inline pieces of a text with markup, in `style`; links take the link colour.
    fn inlines(&self, text: &str, origin: Option<Origin>, style: TextStyle) -> Vec<Inline> {
        markup::parse(text)
            .into_iter()
            .map(|span| Inline {
                style: TextStyle {
                    bold: style.bold || span.bold,
                    italic: style.italic || span.italic,
                    color: if span.link.is_some() {
                        self.l.links
                    } else {
                        style.color
                    },
                    ..style
                },
                origin: origin.map(|o| o.advanced(span.index)),
                link: span.link,
                text: span.text,
            })
            .collect()
    }

    fn text_inlines(&self, t: &Text, style: TextStyle) -> Vec<Inline> {
        self.inlines(&t.value, Some(t.at), style)
    }

    fn words(&mut self, inlines: &[Inline]) -> Vec<Word> {
        match self.shaper.words(inlines) {
            Ok(w) => w,
            Err(e) => {
                self.errors.extend(e);
                Vec::new()
            }
        }
    }

    /// Set `inlines` in a column `width` wide starting at `x`.
    /// Set `inlines` in a column `width` wide starting at `x`, without hyphenation:
    /// for names, titles, headings, dates and the header.
    fn set(&mut self, inlines: &[Inline], x: f32, width: f32, align: Align) -> Vec<SetLine> {
        let words = self.words(inlines);
        self.set_words(words, x, width, align, false)
    }

    /// Set running text (paragraphs, bullets, publications, items): hyphenated where
    /// the layout hyphenates.
    fn set_text(&mut self, inlines: &[Inline], x: f32, width: f32, align: Align) -> Vec<SetLine> {
        let words = self.words(inlines);
        self.set_words(words, x, width, align, true)
    }

    fn set_words(
        &mut self,
        words: Vec<Word>,
        x: f32,
        width: f32,
        align: Align,
        hyphenate: bool,
    ) -> Vec<SetLine> {
        if words.is_empty() {
            return Vec::new();
        }
        let size = words
            .iter()
            .flat_map(|w| w.runs.iter().map(|r| r.size))
            .fold(0.0f32, f32::max);
        let hyph = if hyphenate {
            &self.hyph
        } else {
            &self.unhyphenated
        };
        let (lines, warnings) = break_lines(words, width, align, hyph, self.shaper);
        self.warnings.extend(warnings);
        let height = size * self.l.spacing.leading;
        let baseline = (height - size) / 2.0 + size * 0.78;
        lines
            .into_iter()
            .map(|line| SetLine {
                origin: line.words.first().and_then(|w| w.origin),
                runs: compose(line, width, align),
                x,
                height,
                baseline,
            })
            .collect()
    }

    /// An empty block that knows the section and entry being set.
    fn new_block(&self, height: f32, space_before: f32) -> Block {
        let mut block = Block::new(height, space_before);
        block.section = self.section_title.clone();
        block.entry = self.entry_origin;
        block
    }

    fn push_line(&mut self, line: SetLine, space_before: f32, keep: Option<Keep>) -> &mut Block {
        let mut block = self.new_block(line.height, space_before);
        block.keep = keep;
        block.origin = line.origin;
        block.items = line
            .runs
            .into_iter()
            .map(|p| Item::Text {
                x: line.x + p.x,
                baseline: line.baseline,
                run: p.run,
            })
            .collect();
        self.blocks.push(block);
        let last = self.blocks.len() - 1;
        &mut self.blocks[last]
    }

    /// Set the cost of a page break after the last block (unless it must keep).
    fn end_with(&mut self, cost: f32) {
        if let Some(last) = self.blocks.last_mut() {
            last.penalty = cost;
        }
    }

    fn header(&mut self, photo: Option<Arc<Image>>) {
        let l = self.l;
        let person = &self.cv.person;
        let measure = l.measure();
        // The photo at the layout's height, unless that would make it wider than
        // half the text area (a panorama): then at half the width.
        let photo_box = photo.map(|img| {
            let aspect = img.width as f32 / img.height.max(1) as f32;
            let h = l.photo_height.min(measure / 2.0 / aspect);
            (img, h * aspect, h)
        });
        let text_width = photo_box
            .as_ref()
            .map_or(measure, |(_, w, _)| measure - w - 6.0 * crate::layouts::MM);
        let align = if l.header_center {
            Align::Center
        } else {
            Align::Left
        };
        let first_block = self.blocks.len();

        let name_style = TextStyle {
            family: l.headings,
            bold: true,
            ..self.style(l.sizes.name, l.text)
        };
        let inl = self.text_inlines(&person.name, name_style);
        for line in self.set(&inl, 0.0, text_width, align) {
            self.push_line(line, 0.0, Some(Keep::Header));
        }
        if let Some(headline) = &person.headline {
            let style = TextStyle {
                italic: true,
                ..self.style(l.sizes.headline, l.muted)
            };
            let inl = self.text_inlines(headline, style);
            for line in self.set(&inl, 0.0, text_width, align) {
                self.push_line(line, 1.0, Some(Keep::Header));
            }
        }

        // The contact line: each item (symbol and text) is one unbreakable unit; the
        // line wraps between items only.
        let contact_style = self.style(l.sizes.contact, l.text);
        let mut items: Vec<Word> = Vec::new();
        for c in &person.contact {
            let mut inl = Vec::new();
            if let Some(sym) = l.symbol(c.kind()) {
                inl.push(Inline {
                    text: format!("{}\u{2009}", sym.value),
                    style: TextStyle {
                        color: l.accent,
                        ..contact_style
                    },
                    link: None,
                    origin: Some(sym.at),
                });
            }
            let value = c.value();
            let mut text_style = contact_style;
            let link = c.link().map(|u| Link::from(u.as_str()));
            if link.is_some() {
                text_style.color = l.links;
            }
            // Free text and places may hold markup; addresses and user names are
            // shown as they are (an `*` in an address is part of it).
            let free = matches!(c.kind(), ContactKind::Location | ContactKind::Other);
            if free {
                let mut pieces = self.inlines(&c.display(), Some(value.at), text_style);
                for piece in &mut pieces {
                    if piece.link.is_none() {
                        piece.link.clone_from(&link);
                    }
                }
                inl.extend(pieces);
            } else {
                inl.push(Inline {
                    text: c.display(),
                    style: text_style,
                    link,
                    origin: Some(value.at),
                });
            }
            let words = self.words(&inl);
            if let Some(mut item) = glue(words) {
                // A problem with the item (too wide) is the value's, not the symbol's.
                item.origin = Some(value.at);
                items.push(item);
            }
        }
        let gap = self.shaper.space(&contact_style);
        let count = items.len();
        for (i, item) in items.iter_mut().enumerate() {
            item.space = if i + 1 < count {
                gap.clone().map(|mut s| {
                    s.width *= 3.0;
                    s
                })
            } else {
                None
            };
        }
        let lines = self.set_words(items, 0.0, text_width, align, false);
        for (i, line) in lines.into_iter().enumerate() {
            self.push_line(line, if i == 0 { 5.0 } else { 0.0 }, Some(Keep::Header));
        }

        // Extra header lines: skills, languages, nationality, free lines.
        let mut extras: Vec<(String, &Text)> = Vec::new();
        for (label, t) in [
            ("Skills", &person.skills),
            ("Languages", &person.languages),
            ("Nationality", &person.nationality),
        ] {
            if let Some(t) = t {
                extras.push((label.to_string(), t));
            }
        }
        for e in &person.extra {
            extras.push((
                e.label
                    .as_ref()
                    .map_or(String::new(), |l| markup::plain(&l.value)),
                &e.text,
            ));
        }
        // Each on a line of its own, or all in one paragraph separated by wide spaces.
        let mut groups: Vec<Vec<Inline>> = Vec::new();
        for (label, t) in extras {
            let mut inl = Vec::new();
            if !label.is_empty() {
                inl.push(Inline {
                    text: format!("{label}: "),
                    style: TextStyle {
                        bold: true,
                        ..contact_style
                    },
                    link: None,
                    origin: None,
                });
            }
            inl.extend(self.text_inlines(t, contact_style));
            match groups.last_mut() {
                Some(group) if l.header_details_inline => {
                    group.push(self.literal(
                        "\u{2002}·\u{a0}",
                        TextStyle {
                            color: l.muted,
                            ..contact_style
                        },
                    ));
                    group.extend(inl);
                }
                _ => groups.push(inl),
            }
        }
        for (i, inl) in groups.into_iter().enumerate() {
            for (j, line) in self
                .set(&inl, 0.0, text_width, align)
                .into_iter()
                .enumerate()
            {
                self.push_line(
                    line,
                    if i == 0 && j == 0 { 3.0 } else { 0.0 },
                    Some(Keep::Header),
                );
            }
        }

        // The photo hangs from the first header block; if the header text is shorter
        // than the photo, a spacer keeps the sections below it.
        if let Some((img, w, h)) = photo_box {
            let text_height: f32 = self.blocks[first_block..]
                .iter()
                .map(|b| b.height + b.space_before)
                .sum();
            if let Some(first) = self.blocks.get_mut(first_block) {
                first.items.push(Item::Image {
                    x: measure - w,
                    y: 0.0,
                    width: w,
                    height: h,
                    image: img,
                });
            }
            if text_height < h {
                let mut spacer = Block::new(h - text_height, 0.0);
                spacer.keep = Some(Keep::Header);
                self.blocks.push(spacer);
            }
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep = None;
        }
        self.after_header = true;
    }

    fn section(&mut self, section: &Section) {
        self.section_title = Some(Arc::from(markup::plain(&section.title.value)));
        self.entry_origin = None;
        let section_id = crate::select::section_id(section);
        self.keep_entries = self.keep_together.contains(section_id.as_str());
        self.heading(section, self.break_before.contains(section_id.as_str()));
        self.section_content(section);
        // The heading keeps with the first lines of what follows it; if nothing
        // follows, it keeps with nothing.
        if let Some(last) = self.blocks.last_mut() {
            if last.keep == Some(Keep::Heading) {
                last.keep = None;
            }
        }
    }

    /// A section's heading with its rule, bookmarked. A title that sets no line (all
    /// of it invisible characters) makes no heading; the section's content is set.
    fn heading(&mut self, section: &Section, break_before: bool) {
        let l = self.l;
        let measure = l.measure();
        let style = TextStyle {
            family: l.headings,
            bold: true,
            ..self.style(l.sizes.section, l.accent)
        };
        let inl = self.text_inlines(&section.title, style);
        let mut lines = self.set(&inl, 0.0, measure, Align::Left);
        self.end_with(penalty::BEFORE_SECTION);
        let Some(last) = lines.pop() else {
            return;
        };
        let start = self.blocks.len();
        let space_before = if std::mem::take(&mut self.after_header) {
            l.spacing.header_after
        } else {
            l.spacing.section_before
        };
        for (i, line) in lines.into_iter().enumerate() {
            let space = if i == 0 { space_before } else { 0.0 };
            self.push_line(line, space, Some(Keep::Heading));
        }
        let rule_y = last.height + 1.0;
        let rule_height = rule_y + l.spacing.section_after;
        let space = if start == self.blocks.len() {
            space_before
        } else {
            0.0
        };
        let heading = self.push_line(last, space, Some(Keep::Heading));
        heading.role = Role::Heading;
        heading.height = rule_height;
        heading.items.push(Item::Rule {
            x: 0.0,
            y: rule_y,
            width: measure,
            thickness: 0.6,
            color: l.accent,
        });
        heading.bookmark = Some(markup::plain(&section.title.value));
        self.blocks[start].break_before = break_before;
    }

    /// A section's opening paragraphs, entries, publications and items.
    fn section_content(&mut self, section: &Section) {
        let l = self.l;
        let (entry_x, entry_w) = l.entry_column();
        let mut first = true;
        if let Some(text) = &section.text {
            self.paragraphs(text, entry_x, entry_w, 0.0);
            first = false;
        }
        for entry in &section.entries {
            self.entry(entry, if first { 0.0 } else { l.spacing.entry });
            first = false;
        }
        for publication in &section.publications {
            self.publication(publication, if first { 0.0 } else { l.spacing.entry * 0.6 });
            first = false;
        }
        for item in &section.items {
            self.item(item, if first { 0.0 } else { l.spacing.paragraph });
            first = false;
        }
    }

    /// Blank-line separated paragraphs of `text`, each with orphan and widow control.
    fn paragraphs(&mut self, text: &Text, x: f32, width: f32, space_before: f32) {
        let origin = text.at;
        for (i, (offset, para)) in split_paragraphs(&text.value).into_iter().enumerate() {
            let inl = self.inlines(para, Some(origin.advanced(offset)), self.body());
            let lines = self.set_text(&inl, x, width, self.l.align);
            let space = if i == 0 {
                space_before
            } else {
                self.l.spacing.paragraph
            };
            self.push_paragraph(lines, space, None);
            self.end_with(penalty::IN_ENTRY);
        }
    }

    /// Push a paragraph's lines: the first two and the last two stay together (no
    /// orphans, no widows). `keep_last` keeps the last line with what follows.
    fn push_paragraph(&mut self, lines: Vec<SetLine>, space_before: f32, keep_last: Option<Keep>) {
        self.paragraph += 1;
        let paragraph = self.paragraph;
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let keep = if i + 1 == n {
                keep_last
            } else if i == 0 || i + 2 == n {
                Some(Keep::Lines)
            } else {
                None
            };
            let block = self.push_line(line, if i == 0 { space_before } else { 0.0 }, keep);
            block.role = Role::Line {
                paragraph,
                index: i as u16,
                count: n as u16,
            };
        }
    }

    /// Set date-column text and attach it, line by line, to the entry blocks that
    /// start at `first`, so that a date sits on the baseline of its entry's first line.
    /// `below` (the entry's location, where the layout wants it there) follows the
    /// date on lines of its own.
    fn attach_dates(
        &mut self,
        first: usize,
        date: &[(&str, Option<Origin>)],
        below: Option<&Text>,
    ) {
        if date.iter().all(|(t, _)| t.is_empty()) && below.is_none() {
            return;
        }
        let l = self.l;
        let style = self.style(l.sizes.date, l.muted);
        let inl: Vec<Inline> = date
            .iter()
            .flat_map(|(text, origin)| self.inlines(text, *origin, style))
            .collect();
        let mut lines = self.set(&inl, l.date_x(), l.date_width, l.date_align);
        if let Some(t) = below {
            let inl = self.text_inlines(
                t,
                TextStyle {
                    italic: true,
                    ..style
                },
            );
            lines.extend(self.set(&inl, l.date_x(), l.date_width, l.date_align));
        }
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let index = first + i;
            if index >= self.blocks.len() {
                let block = self.new_block(line.height, 0.0);
                self.blocks.push(block);
            }
            let block = &mut self.blocks[index];
            let mut baseline = block
                .items
                .iter()
                .find_map(|it| match it {
                    Item::Text { baseline, .. } => Some(*baseline),
                    _ => None,
                })
                .unwrap_or(line.baseline);
            // A date set larger than the entry's text must not rise above its block
            // or hang below it: the block grows to hold it.
            if line.baseline > baseline {
                let down = line.baseline - baseline;
                for item in &mut block.items {
                    item.shift(0.0, down);
                }
                block.height += down;
                baseline = line.baseline;
            }
            block.height = block.height.max(baseline + line.height - line.baseline);
            // Dates go first on their line: the content stream is in reading order.
            let dates: Vec<Item> = line
                .runs
                .into_iter()
                .map(|p| Item::Text {
                    x: line.x + p.x,
                    baseline,
                    run: p.run,
                })
                .collect();
            block.items.splice(0..0, dates);
            if i + 1 < n && block.keep.is_none() {
                block.keep = Some(Keep::Date);
            }
        }
    }

    fn entry(&mut self, entry: &Entry, space_before: f32) {
        self.entry_origin = entry
            .roles
            .first()
            .map(|r| &r.title)
            .or(entry.title.as_ref())
            .or(entry.organisation.as_ref())
            .map(|t| t.at);
        let l = self.l;
        let (entry_x, entry_w) = l.entry_column();
        let bold = TextStyle {
            bold: true,
            ..self.body()
        };

        // The title line: Title (or the role progression), Organisation, Location.
        let mut inl: Vec<Inline> = Vec::new();
        if !entry.roles.is_empty() {
            for (i, role) in entry.roles.iter().enumerate() {
                if i > 0 {
                    inl.push(self.literal(" » ", bold));
                }
                inl.extend(self.text_inlines(&role.title, bold));
            }
        } else if let Some(title) = &entry.title {
            inl.extend(self.text_inlines(title, bold));
        }
        let mut rest = Vec::new();
        if let Some(org) = &entry.organisation {
            rest.push(org);
        }
        if let Some(loc) = entry.location.as_ref().filter(|_| !l.location_under_date) {
            rest.push(loc);
        }
        for t in rest {
            if inl.is_empty() {
                inl.extend(self.text_inlines(t, bold));
            } else {
                inl.push(self.literal(", ", self.body()));
                inl.extend(self.text_inlines(t, self.body()));
            }
        }
        if let Some(url) = &entry.url {
            let link = Link::from(url.value.trim());
            for piece in inl.iter_mut() {
                if piece.link.is_none() {
                    piece.link = Some(link.clone());
                }
            }
        }
        let first = self.blocks.len();
        let title_lines = self.set(&inl, entry_x, entry_w, Align::Left);
        let has_body = entry.text.is_some() || !entry.bullets.is_empty();
        let keep_title = (has_body || entry.subtitle.is_some()).then_some(Keep::Title);
        self.push_paragraph(title_lines, space_before, keep_title);
        if let Some(sub) = &entry.subtitle {
            let style = TextStyle {
                italic: true,
                ..self.body()
            };
            let inl = self.text_inlines(sub, style);
            let lines = self.set(&inl, entry_x, entry_w, Align::Left);
            self.push_paragraph(lines, 0.0, has_body.then_some(Keep::Title));
        }
        if let Some(text) = &entry.text {
            self.paragraphs(text, entry_x, entry_w, 1.0);
        }
        for (i, bullet) in entry.bullets.iter().enumerate() {
            let space = if i == 0 && entry.text.is_none() {
                1.0
            } else {
                l.spacing.paragraph * 0.5
            };
            self.bullet(&bullet.text, entry_x, entry_w, space);
            self.end_with(penalty::IN_ENTRY);
        }

        let date = entry.span();
        let below = entry.location.as_ref().filter(|_| l.location_under_date);
        match &entry.date {
            Some(t) => self.attach_dates(first, &[(&t.value, Some(t.at))], below),
            None => {
                // Each end of the range is traced to where it is written: the start,
                // the end (of the entry or of its roles), or, for the layout's word
                // for "present", the layout's key.
                let [head, dash, tail] = range_parts(date.0, date.1, &l.dates);
                let at = |d: Option<DateField>| d.map(|d| d.at);
                let start = at(entry
                    .start
                    .or_else(|| entry.roles.iter().find_map(|r| r.start)));
                let end = match date.1 {
                    Some(Date::Present) if l.dates.present.is_some() => l.present_at,
                    _ => at(entry
                        .end
                        .or_else(|| entry.roles.iter().rev().find_map(|r| r.end))),
                };
                self.attach_dates(first, &[(&head, start), (&dash, end), (&tail, end)], below);
            }
        }
        self.end_with(penalty::BETWEEN_ENTRIES);
        let id = entry.id.as_ref().map(|t| t.value.as_str());
        let keep = self.keep_entries || id.is_some_and(|id| self.keep_together.contains(id));
        let break_before = id.is_some_and(|id| self.break_before.contains(id));
        // An entry whose texts are all blank sets no block: then there is nothing to
        // keep together or to start a page with.
        if keep {
            let end = self.blocks.len().saturating_sub(1).max(first);
            for block in &mut self.blocks[first..end] {
                block.keep.get_or_insert(Keep::Together);
            }
        }
        // A page breaks only between blocks that may part: before the first entry of
        // a section, that is before its heading, which keeps with the entry.
        if break_before && first < self.blocks.len() {
            let mut start = first;
            while start > 0 && self.blocks[start - 1].keep.is_some() {
                start -= 1;
            }
            self.blocks[start].break_before = true;
        }
    }

    /// A bullet: the symbol hangs in the indent, the text is set beside it. The
    /// indent is the layout's, or the symbol's width and a gap if that is wider.
    fn bullet(&mut self, text: &Text, x: f32, width: f32, space_before: f32) {
        let l = self.l;
        let symbol = Inline {
            text: l.bullet.clone(),
            style: self.style(l.sizes.body, l.accent),
            link: None,
            origin: l.bullet_at,
        };
        let symbol = glue(self.words(&[symbol]));
        let symbol_width = symbol.as_ref().map_or(0.0, Word::width);
        let indent = l.bullet_indent.max(symbol_width + 0.4 * l.sizes.body);
        if width - indent < MIN_BULLET_TEXT {
            self.errors.push(
                Diagnostic::error(
                    Code::Frame,
                    format!(
                        "the bullet symbol is {symbol_width:.0} pt wide; with the space after it, it leaves {:.0} pt for the text of a bullet, less than {:.0} pt",
                        width - indent,
                        MIN_BULLET_TEXT
                    ),
                    l.bullet_at,
                )
                .with_help("choose a shorter `bullets.symbol`"),
            );
            return;
        }
        let inl = self.text_inlines(text, self.body());
        let lines = self.set_text(&inl, x + indent, width - indent, l.align);
        let start = self.blocks.len();
        self.push_paragraph(lines, space_before, None);
        let (Some(symbol), Some(block)) = (symbol, self.blocks.get_mut(start)) else {
            return;
        };
        let Some(baseline) = block.items.iter().find_map(|it| match it {
            Item::Text { baseline, .. } => Some(*baseline),
            _ => None,
        }) else {
            return;
        };
        let line = crate::linebreak::Line {
            words: vec![symbol],
            last: true,
        };
        let items: Vec<Item> = compose(line, symbol_width, Align::Left)
            .into_iter()
            .map(|p| Item::Text {
                x: x + p.x,
                baseline,
                run: p.run,
            })
            .collect();
        block.items.splice(0..0, items);
    }

    fn literal(&self, text: &str, style: TextStyle) -> Inline {
        Inline {
            text: text.to_string(),
            style,
            link: None,
            origin: None,
        }
    }

    fn publication(&mut self, p: &Publication, space_before: f32) {
        self.entry_origin = Some(p.title.at);
        let l = self.l;
        let (entry_x, entry_w) = l.entry_column();
        let body = self.body();
        let mut inl: Vec<Inline> = Vec::new();
        for (i, author) in p.authors.iter().enumerate() {
            let et_al = author.value.trim().eq_ignore_ascii_case("et al.");
            if i > 0 {
                inl.push(self.literal(if et_al { " " } else { ", " }, body));
            }
            let is_owner = self
                .owner
                .contains(&normalise_name(&markup::plain(&author.value)));
            inl.extend(self.text_inlines(
                author,
                TextStyle {
                    bold: is_owner,
                    ..body
                },
            ));
        }
        if !p.authors.is_empty() {
            inl.push(self.literal(if ends_with_stop(&inl) { " " } else { ". " }, body));
        }
        let mut title = self.text_inlines(&p.title, body);
        if let Some(link) = p.link().map(|u| Link::from(u.as_str())) {
            for piece in title.iter_mut() {
                if piece.link.is_none() {
                    piece.link = Some(link.clone());
                    piece.style.color = l.links;
                }
            }
        }
        inl.extend(title);
        if let Some(venue) = &p.venue {
            inl.push(self.literal(". ", body));
            inl.extend(self.text_inlines(
                venue,
                TextStyle {
                    italic: true,
                    ..body
                },
            ));
        }
        if let Some(note) = &p.note {
            inl.push(self.literal(" (", body));
            inl.extend(self.text_inlines(note, body));
            inl.push(self.literal(")", body));
        }
        if !ends_with_stop(&inl) {
            inl.push(self.literal(".", body));
        }
        let first = self.blocks.len();
        let lines = self.set_text(&inl, entry_x, entry_w, l.align);
        self.push_paragraph(lines, space_before, None);
        self.attach_year(first, p.date.as_ref(), p.year);
        self.end_with(penalty::BETWEEN_ENTRIES);
    }

    /// The date column of a publication or item: free text, else the year.
    fn attach_year(&mut self, first: usize, date: Option<&Text>, year: Option<DateField>) {
        let (text, origin) = match (date, year) {
            (Some(t), _) => (t.value.clone(), Some(t.at)),
            (None, Some(y)) => (
                y.date.year().map_or_else(String::new, |y| y.to_string()),
                Some(y.at),
            ),
            (None, None) => (String::new(), None),
        };
        self.attach_dates(first, &[(&text, origin)], None);
    }

    fn item(&mut self, item: &CvItem, space_before: f32) {
        self.entry_origin = Some(item.label.as_ref().unwrap_or(&item.text).at);
        let l = self.l;
        let (entry_x, entry_w) = l.entry_column();
        let body = self.body();
        let mut inl = Vec::new();
        if let Some(label) = &item.label {
            inl.extend(self.text_inlines(label, TextStyle { bold: true, ..body }));
            inl.push(self.literal(": ", body));
        }
        let mut text = self.text_inlines(&item.text, body);
        if let Some(url) = &item.url {
            let link = Link::from(url.value.trim());
            for piece in text.iter_mut() {
                piece.link.get_or_insert_with(|| link.clone());
                piece.style.color = l.links;
            }
        }
        inl.extend(text);
        let first = self.blocks.len();
        let lines = self.set_text(&inl, entry_x, entry_w, l.align);
        self.push_paragraph(lines, space_before, None);
        self.attach_year(first, item.date.as_ref(), item.year);
        self.end_with(penalty::BETWEEN_ENTRIES);
    }
}

/// Join words into one unbreakable word (a contact item never wraps inside).
fn glue(words: Vec<Word>) -> Option<Word> {
    let mut iter = words.into_iter();
    let mut out = iter.next()?;
    for w in iter {
        if let Some(space) = out.space.take() {
            out.runs.push(space.run);
        }
        out.runs.extend(w.runs);
        out.space = w.space;
    }
    Some(out)
}

/// Paragraphs of a text separated by blank lines, with their byte offsets.
fn split_paragraphs(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut blank_run = false;
    for line in s.split_inclusive('\n') {
        let is_blank = line.trim().is_empty();
        if is_blank && !blank_run {
            let para = &s[start..offset];
            if !para.trim().is_empty() {
                out.push((start, para));
            }
        }
        if !is_blank && blank_run {
            start = offset;
        }
        blank_run = is_blank;
        offset += line.len();
    }
    if !blank_run {
        let para = &s[start..];
        if !para.trim().is_empty() {
            out.push((start, para));
        }
    }
    out.into_iter()
        .map(|(o, p)| {
            let lead = p.len() - p.trim_start().len();
            (o + lead, p.trim())
        })
        .collect()
}

fn normalise_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn ends_with_stop(inl: &[Inline]) -> bool {
    inl.iter()
        .rev()
        .find_map(|i| i.text.trim_end().chars().last())
        .is_some_and(|c| matches!(c, '.' | '!' | '?'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let one = layout_split(&cv, &layout, &shaper, None, cv.sections.len()).unwrap();
        for split in 1..cv.sections.len() {
            let two = layout_split(&cv, &layout, &shaper, None, split).unwrap();
            assert_eq!(one.blocks.len(), two.blocks.len());
            for (a, b) in one.blocks.iter().zip(&two.blocks) {
                assert_eq!(a.items, b.items);
                assert_eq!((a.keep, a.penalty, a.height), (b.keep, b.penalty, b.height));
            }
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let s = "one\ntwo\n\n  three\n\n\nfour";
        let p = split_paragraphs(s);
        assert_eq!(p, vec![(0, "one\ntwo"), (11, "three"), (19, "four")]);
        assert_eq!(&s[11..16], "three");
    }
}
