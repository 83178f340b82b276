//! Setting text into lines and pushing them as blocks: the steps every part of
//! the CV (header, entries, publications, items) is set with.

use super::memo::{Asked, Context, Memo, Query, Set};
use super::{penalty, Block, Element, Keep, Role, Setter};
use crate::diag::{Diagnostic, Origin, SourceResult};
use crate::hyphenate::Hyphenator;
use crate::layouts::{ColumnAlign, Layout, TextAlign};
use crate::linebreak::{break_lines, compose, Align, Placed};
use crate::markup::{self};
use crate::reader::Text;
use crate::schema::{AuthorMarks, Cv, Section};
use crate::text::{Color, Inline, Shaper, TextStyle, Word};

/// Whether a text may be hyphenated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Hyphens {
    /// Names, titles, headings, dates and the header: never hyphenated (breaks
    /// after slashes and inside URLs are still found).
    Never,
    /// Running text: hyphenated where the layout hyphenates.
    AsLayout,
    /// Nowhere, not even after a hyphen or in a link: a contact item.
    Nowhere,
}

/// One set line: its placed runs, its height, where its baseline sits, and where
/// its text starts in the source.
#[derive(Clone)]
pub(super) struct SetLine {
    pub(super) runs: Vec<Placed>,
    pub(super) x: f32,
    pub(super) height: f32,
    pub(super) baseline: f32,
    pub(super) origin: Option<Origin>,
}

/// Where a line's baseline sits below the top of its type size, as a fraction of
/// the size: about the bundled faces' ascent, so the leading is shared equally
/// above and below the letters.
const ASCENT: f32 = 0.78;

impl<'a, 'f> Setter<'a, 'f> {
    pub(super) fn new(
        cv: &'a Cv,
        layout: &'a Layout,
        shaper: &'a Shaper<'f>,
        first_paragraph: u32,
        memo: &'a Memo,
    ) -> SourceResult<Self> {
        // The owner's name is never hyphenated.
        let protected: Vec<String> = std::iter::once(&cv.person.name)
            .chain(&cv.person.aliases)
            .flat_map(|t| {
                markup::plain(&t.value)
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let hyph = Hyphenator::new(layout.text.hyphenation, protected.iter().cloned())
            .map_err(|d| vec![d])?;
        Ok(Setter {
            cv,
            layout,
            shaper,
            memo,
            context: Context {
                language: layout.text.hyphenation,
                protected,
                leading: layout.spacing.leading,
            },
            hyph,
            unhyphenated: Hyphenator::new(None, []).map_err(|d| vec![d])?,
            whole: Hyphenator::whole(),
            blocks: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            paragraph: first_paragraph,
            break_before: layout
                .pagination
                .break_before
                .iter()
                .map(|t| t.value.as_str())
                .collect(),
            keep_together: layout
                .pagination
                .keep_together
                .iter()
                .map(|t| t.value.as_str())
                .collect(),
            legend: legend(cv),
            keep_entries: false,
            section_title: None,
            entry_origin: None,
            after_header: false,
        })
    }

    pub(super) fn style(&self, size: f32, color: Color) -> TextStyle {
        TextStyle {
            family: self.layout.fonts.body,
            size,
            color,
            bold: false,
            italic: false,
            hyphenate: true,
            rtl: self.layout.language.rtl(),
        }
    }

    pub(super) fn body(&self) -> TextStyle {
        self.style(self.layout.sizes.body, self.layout.colors.text)
    }

    /// The inline pieces of a text with markup, in `style`; links take the link colour.
    pub(super) fn inlines(
        &self,
        text: &str,
        origin: Option<Origin>,
        style: TextStyle,
    ) -> Vec<Inline> {
        markup::parse(text)
            .into_iter()
            .map(|span| Inline {
                style: TextStyle {
                    bold: style.bold || span.bold,
                    italic: style.italic || span.italic,
                    color: if span.link.is_some() {
                        self.layout.colors.links
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

    pub(super) fn text_inlines(&self, t: &Text, style: TextStyle) -> Vec<Inline> {
        self.inlines(&t.value, Some(t.at), style)
    }

    /// The words of `inlines`, as the memo remembers them or shaped now.
    pub(super) fn words(&mut self, inlines: &[Inline]) -> Vec<Word> {
        match self.remembered(inlines, Asked::Words, |_, words| Set::Words(words)) {
            Set::Words(words) => words,
            Set::Lines(_) => Vec::new(),
        }
    }

    /// The words of `inlines`, and the notes shaping them made; characters no
    /// font has are errors of the build.
    fn shape(&mut self, inlines: &[Inline]) -> (Vec<Word>, Vec<Diagnostic>) {
        let words = match self.shaper.words(inlines) {
            Ok(w) => w,
            Err(e) => {
                self.errors.extend(e);
                Vec::new()
            }
        };
        (words, self.shaper.take_notes())
    }

    /// Notes said once a build: the first place says enough.
    fn say_once(&mut self, notes: Vec<Diagnostic>) {
        for note in notes {
            if !self.warnings.iter().any(|w| w.code == note.code) {
                self.warnings.push(note);
            }
        }
    }

    /// Set `inlines` in a column `width` wide starting at `x`, without hyphenation:
    /// for names, titles, headings, dates and the header.
    pub(super) fn set(
        &mut self,
        inlines: &[Inline],
        x: f32,
        width: f32,
        align: Align,
    ) -> Vec<SetLine> {
        self.set_remembered(inlines, x, width, align, Hyphens::Never)
    }

    /// Set running text (paragraphs, bullets, publications, items) as the layout
    /// sets it: aligned and hyphenated as its `[text]` says.
    pub(super) fn set_text(&mut self, inlines: &[Inline], x: f32, width: f32) -> Vec<SetLine> {
        let align = self.layout.text.align.into();
        self.set_remembered(inlines, x, width, align, Hyphens::AsLayout)
    }

    /// Set `inlines` into lines as the memo remembers them, or set them now.
    fn set_remembered(
        &mut self,
        inlines: &[Inline],
        x: f32,
        width: f32,
        align: Align,
        hyphens: Hyphens,
    ) -> Vec<SetLine> {
        let asked = Asked::lines(x, width, align, hyphens);
        match self.remembered(inlines, asked, |setter, words| {
            Set::Lines(setter.set_words(words, x, width, align, hyphens))
        }) {
            Set::Lines(lines) => lines,
            Set::Words(_) => Vec::new(),
        }
    }

    /// What `set` makes of the words of `inlines`, as the memo remembers it, or
    /// made now and remembered: the same result, warnings and notes either way.
    /// What made an error is not remembered.
    fn remembered(
        &mut self,
        inlines: &[Inline],
        asked: Asked,
        set: impl FnOnce(&mut Self, Vec<Word>) -> Set,
    ) -> Set {
        let memo = self.memo;
        if !memo.keeps() {
            let (words, notes) = self.shape(inlines);
            self.say_once(notes);
            return set(self, words);
        }
        let context = std::mem::take(&mut self.context);
        let query = Query::new(&context, inlines, asked);
        let result = if let Some(found) = memo.get(&query) {
            self.say_once(found.notes);
            self.warnings.extend(found.warnings);
            found.set
        } else {
            let errors = self.errors.len();
            let (words, notes) = self.shape(inlines);
            self.say_once(notes.clone());
            let warned = self.warnings.len();
            let result = set(self, words);
            if self.errors.len() == errors {
                memo.put(&query, &result, &self.warnings[warned..], &notes);
            }
            result
        };
        self.context = context;
        result
    }

    pub(super) fn set_words(
        &mut self,
        words: Vec<Word>,
        x: f32,
        width: f32,
        align: Align,
        hyphens: Hyphens,
    ) -> Vec<SetLine> {
        if words.is_empty() {
            return Vec::new();
        }
        let size = words
            .iter()
            .flat_map(|w| w.runs.iter().map(|r| r.size))
            .fold(0.0f32, f32::max);
        let hyph = match hyphens {
            Hyphens::AsLayout => &self.hyph,
            Hyphens::Never => &self.unhyphenated,
            Hyphens::Nowhere => &self.whole,
        };
        let (lines, warnings) = break_lines(words, width, align, hyph, self.shaper);
        self.warnings.extend(warnings);
        let height = size * self.layout.spacing.leading;
        let baseline = (height - size) / 2.0 + size * ASCENT;
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
    pub(super) fn new_block(&self, height: f32, space_before: f32) -> Block {
        let mut block = Block::new(height, space_before);
        block.section = self.section_title.clone();
        block.entry = self.entry_origin;
        block
    }

    pub(super) fn push_line(
        &mut self,
        line: SetLine,
        space_before: f32,
        keep: Option<Keep>,
    ) -> &mut Block {
        let mut block = self.new_block(line.height, space_before);
        block.keep = keep;
        block.origin = line.origin;
        block.elements = line
            .runs
            .into_iter()
            .map(|p| Element::Text {
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
    pub(super) fn end_with(&mut self, cost: f32) {
        if let Some(last) = self.blocks.last_mut() {
            last.penalty = cost;
        }
    }

    /// Blank-line separated paragraphs of `text`, each with orphan and widow control.
    pub(super) fn paragraphs(&mut self, text: &Text, x: f32, width: f32, space_before: f32) {
        let origin = text.at;
        for (i, (offset, para)) in split_paragraphs(&text.value).into_iter().enumerate() {
            let inl = self.inlines(para, Some(origin.advanced(offset)), self.body());
            let lines = self.set_text(&inl, x, width);
            let space = if i == 0 {
                space_before
            } else {
                self.layout.spacing.paragraph
            };
            self.push_paragraph(lines, space, None);
            self.end_with(penalty::IN_ENTRY);
        }
    }

    /// Push a paragraph's lines: the first two and the last two stay together (no
    /// orphans, no widows). `keep_last` keeps the last line with what follows.
    pub(super) fn push_paragraph(
        &mut self,
        lines: Vec<SetLine>,
        space_before: f32,
        keep_last: Option<Keep>,
    ) {
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

    /// A fixed piece of text the engine adds (a separator, a label's colon), with
    /// no place in the CV.
    pub(super) fn literal(&self, text: &str, style: TextStyle) -> Inline {
        Inline {
            text: text.to_string(),
            style,
            link: None,
            origin: None,
        }
    }
}

/// Join words into one unbreakable word: a contact item or a date never wraps
/// inside. (Not Knuth–Plass glue, which is where lines *may* break.)
pub(super) fn unbreakable(words: Vec<Word>) -> Option<Word> {
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
pub(super) fn split_paragraphs(s: &str) -> Vec<(usize, &str)> {
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

/// Where the legend of author marks goes, and what it explains: after the first
/// section whose publications mark an author, every mark the document uses, so
/// that it is printed once.
fn legend(cv: &Cv) -> Option<(&Section, AuthorMarks)> {
    let marks = |s: &Section| {
        s.bodies()
            .flat_map(|b| &b.publications)
            .flat_map(|p| &p.authors)
            .fold(AuthorMarks::default(), |m, a| m.with(a.marks))
    };
    let first = cv.sections.iter().find(|s| marks(s).any())?;
    let all = cv
        .sections
        .iter()
        .map(marks)
        .fold(AuthorMarks::default(), AuthorMarks::with);
    Some((first, all))
}

pub(super) fn ends_with_stop(inl: &[Inline]) -> bool {
    inl.iter()
        .rev()
        .find_map(|i| i.text.trim_end().chars().last())
        .is_some_and(|c| matches!(c, '.' | '!' | '?'))
}

impl From<TextAlign> for Align {
    fn from(align: TextAlign) -> Align {
        match align {
            TextAlign::Justify => Align::Justify,
            TextAlign::Left => Align::Left,
        }
    }
}

impl From<ColumnAlign> for Align {
    fn from(align: ColumnAlign) -> Align {
        match align {
            ColumnAlign::Left => Align::Left,
            ColumnAlign::Right => Align::Right,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let s = "one\ntwo\n\n  three\n\n\nfour";
        let p = split_paragraphs(s);
        assert_eq!(p, vec![(0, "one\ntwo"), (11, "three"), (19, "four")]);
        assert_eq!(&s[11..16], "three");
    }
}
