//! Dated entries: title, organisation and roles beside the date column, then
//! their paragraphs and bullets with hanging indents.

use super::{penalty, unbreakable, Element, Keep, Setter};
use crate::dates::{range_parts, Date, DateField};
use crate::diag::{Code, Diagnostic, Origin};
use crate::layouts::{LocationPlace, Side};
use crate::linebreak::{compose, Align};
use crate::markup::Link;
use crate::reader::Text;
use crate::schema::{Entry, Fact};
use crate::text::{Inline, TextStyle, Word};

/// The narrowest column a bullet's text may have beside its symbol, points (about
/// 25 mm): a long symbol must not push the text out of the page.
const MIN_BULLET_TEXT: f32 = 72.0;

/// Space between an entry's title lines and its first paragraph or bullet, points.
const BODY_ABOVE: f32 = 1.0;
/// Space between bullets as a fraction of the space between paragraphs: bullets
/// are one list, paragraphs are separate thoughts.
const BULLET_SPACING: f32 = 0.5;
/// Between an entry's facts: a middle dot that stays with the fact before it, so
/// that a line never starts with one.
const FACT_SEPARATOR: &str = "\u{a0}· ";
/// The most characters of a fact kept on one line ("Amount: 250,000 EUR of
/// 400,000 EUR" is 37): a short fact split ("84 500 EUR" | "(34 %)") reads as
/// two, and a third of a line of text is never too wide to move whole.
const SHORT_FACT: usize = 40;

impl Setter<'_, '_> {
    /// Set date-column text and attach it, line by line, to the entry blocks that
    /// start at `first`, so that a date sits on the baseline of its entry's first line.
    /// `below` (the entry's location, where the layout wants it there) follows the
    /// date on lines of its own.
    pub(super) fn attach_dates(
        &mut self,
        first: usize,
        date: &[(&str, Option<Origin>)],
        below: Option<&Text>,
    ) {
        if date.iter().all(|(t, _)| t.is_empty()) && below.is_none() {
            return;
        }
        let layout = self.layout;
        let style = self.style(layout.sizes.date, layout.colors.muted);
        let inl = self.date_inlines(date);
        let (date_x, date_w) = layout.date_column();
        let align = match layout.dates.side {
            Side::Title => Align::Right,
            _ => layout.dates.align.into(),
        };
        let mut lines = self.set(&inl, date_x, date_w, align);
        if let Some(t) = below {
            let inl = self.text_inlines(
                t,
                TextStyle {
                    italic: true,
                    ..style
                },
            );
            lines.extend(self.set(&inl, date_x, date_w, align));
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
                .elements
                .iter()
                .find_map(|it| match it {
                    Element::Text { baseline, .. } => Some(*baseline),
                    _ => None,
                })
                .unwrap_or(line.baseline);
            // A date set larger than the entry's text must not rise above its block
            // or hang below it: the block grows to hold it.
            if line.baseline > baseline {
                let down = line.baseline - baseline;
                for item in &mut block.elements {
                    item.shift(0.0, down);
                }
                block.height += down;
                baseline = line.baseline;
            }
            block.height = block.height.max(baseline + line.height - line.baseline);
            // Dates go first on their line: the content stream is in reading order.
            let dates: Vec<Element> = line
                .runs
                .into_iter()
                .map(|p| Element::Text {
                    x: line.x + p.x,
                    baseline,
                    run: p.run,
                })
                .collect();
            block.elements.splice(0..0, dates);
            if i + 1 < n && block.keep.is_none() {
                block.keep = Some(Keep::Date);
            }
        }
    }

    /// The date text of `date` (pieces with their places) in the date style.
    fn date_inlines(&self, date: &[(&str, Option<Origin>)]) -> Vec<Inline> {
        let style = self.style(self.layout.sizes.date, self.layout.colors.muted);
        date.iter()
            .flat_map(|(text, origin)| self.inlines(text, *origin, style))
            .collect()
    }

    /// How much of the first line's width a date on the title line takes, with
    /// the gap before it; nothing when dates have a column of their own.
    pub(super) fn date_reserve(&mut self, date: &[(&str, Option<Origin>)]) -> f32 {
        if self.layout.dates.side != Side::Title || date.iter().all(|(t, _)| t.is_empty()) {
            return 0.0;
        }
        let inl = self.date_inlines(date);
        let words = self.words(&inl);
        crate::text::line_width(&words) + self.layout.dates.gap
    }

    /// A dated entry: its title line, subtitle, paragraphs and bullets in the entry
    /// column, its dates beside them, and the keeps that hold it together.
    pub(super) fn entry(&mut self, entry: &Entry, space_before: f32) {
        self.entry_origin = entry
            .roles
            .first()
            .map(|r| &r.title)
            .or(entry.title.as_ref())
            .or(entry.organisation.as_ref())
            .map(|t| t.at);
        let layout = self.layout;
        let (entry_x, entry_w) = layout.entry_column();
        let inl = self.title_inlines(entry);
        let (date, below) = self.entry_date(entry);
        let has_body = entry.text.is_some() || !entry.bullets.is_empty();
        let date: Vec<(&str, Option<Origin>)> =
            date.iter().map(|(t, at)| (t.as_str(), *at)).collect();
        let reserve = self.date_reserve(&date);
        let first = self.blocks.len();
        let title_lines = self.set(&inl, entry_x, entry_w - reserve, Align::Left);
        let below_title = entry.subtitle.is_some() || !entry.facts.is_empty();
        let keep_title = (has_body || below_title).then_some(Keep::Title);
        self.push_paragraph(title_lines, space_before, keep_title);
        if let Some(sub) = &entry.subtitle {
            let style = TextStyle {
                italic: true,
                ..self.body()
            };
            let inl = self.text_inlines(sub, style);
            let lines = self.set(&inl, entry_x, entry_w, Align::Left);
            let more = has_body || !entry.facts.is_empty();
            self.push_paragraph(lines, 0.0, more.then_some(Keep::Title));
        }
        if !entry.facts.is_empty() {
            let inl = self.facts_inlines(&entry.facts);
            let lines = self.set(&inl, entry_x, entry_w, Align::Left);
            self.push_paragraph(lines, 0.0, has_body.then_some(Keep::Title));
        }
        if let Some(text) = &entry.text {
            self.paragraphs(text, entry_x, entry_w, BODY_ABOVE);
        }
        for (i, bullet) in entry.bullets.iter().enumerate() {
            let space = if i == 0 && entry.text.is_none() {
                BODY_ABOVE
            } else {
                layout.spacing.paragraph * BULLET_SPACING
            };
            self.bullet(&bullet.text, entry_x, entry_w, space);
            self.end_with(penalty::IN_ENTRY);
        }

        self.attach_dates(first, &date, below);
        self.end_with(penalty::BETWEEN_ENTRIES);
        self.entry_keeps(entry, first);
    }

    /// The title line: the title (or the role progression), organisation and
    /// location, linked to the entry's `url`.
    fn title_inlines(&self, entry: &Entry) -> Vec<Inline> {
        let bold = TextStyle {
            bold: true,
            ..self.body()
        };
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
        if let Some(loc) = entry
            .location
            .as_ref()
            .filter(|_| !self.location_under_date())
        {
            rest.push(loc);
        }
        for t in rest {
            if inl.is_empty() {
                inl.extend(self.text_inlines(t, bold));
            } else {
                inl.push(self.literal(self.layout.labels.comma, self.body()));
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
        inl
    }

    /// An entry's facts as one line that wraps between them: "Role: PI ·
    /// Amount: 250,000 EUR", the labels in italics. A short fact is never
    /// split; a long one ("Thesis: …") wraps like any text.
    fn facts_inlines(&self, facts: &[Fact]) -> Vec<Inline> {
        let body = self.body();
        let label = TextStyle {
            italic: true,
            ..body
        };
        let mut inl = Vec::new();
        for (i, fact) in facts.iter().enumerate() {
            if i > 0 {
                inl.push(self.literal(FACT_SEPARATOR, body));
            }
            let mut one = self.text_inlines(&fact.label, label);
            one.push(self.literal(self.layout.labels.colon, label));
            one.extend(self.text_inlines(&fact.text, body));
            let length: usize = one.iter().map(|p| p.text.chars().count()).sum();
            if length <= SHORT_FACT {
                inl.extend(one.into_iter().flat_map(unbroken));
            } else {
                inl.extend(one);
            }
        }
        inl
    }

    /// Whether an entry's location goes under its dates: where the layout says so
    /// and dates have a column (on the title line, it stays with the title).
    fn location_under_date(&self) -> bool {
        let dates = &self.layout.dates;
        dates.location == LocationPlace::Date && dates.side != Side::Title
    }

    /// The entry's date text in pieces, each with the place it is traced to, and
    /// its location where the layout puts it under the dates.
    fn entry_date<'e>(
        &self,
        entry: &'e Entry,
    ) -> (Vec<(String, Option<Origin>)>, Option<&'e Text>) {
        let date = entry.span();
        let below = entry
            .location
            .as_ref()
            .filter(|_| self.location_under_date());
        match &entry.date {
            Some(t) => (vec![(t.value.clone(), Some(t.at))], below),
            None => {
                let start = entry
                    .start
                    .or_else(|| entry.roles.iter().find_map(|r| r.start));
                let end = entry
                    .end
                    .or_else(|| entry.roles.iter().rev().find_map(|r| r.end));
                (self.range_pieces(date, start, end), below)
            }
        }
    }

    /// A range (`span`) in pieces, each traced to where it is written: the start,
    /// the end, or, for the layout's word for "present", the layout's key.
    pub(super) fn range_pieces(
        &self,
        span: (Option<Date>, Option<Date>),
        start: Option<DateField>,
        end: Option<DateField>,
    ) -> Vec<(String, Option<Origin>)> {
        let dates = &self.layout.dates;
        let [head, dash, tail] = range_parts(span.0, span.1, &dates.style);
        let end_at = match span.1 {
            Some(Date::Present) if dates.style.present.is_some() => dates.present_at,
            _ => end.map(|d| d.at),
        };
        vec![(head, start.map(|d| d.at)), (dash, end_at), (tail, end_at)]
    }

    /// The layout's `keep_together` and `break_before` for the entry set from
    /// block `first` on.
    fn entry_keeps(&mut self, entry: &Entry, first: usize) {
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
    /// In a layout whose language reads right to left, bullets hang at the right.
    pub(super) fn bullet(&mut self, text: &Text, x: f32, width: f32, space_before: f32) {
        let layout = self.layout;
        let symbol = Inline {
            text: layout.bullets.symbol.clone(),
            style: self.style(layout.sizes.body, layout.colors.accent),
            link: None,
            origin: layout.bullets.symbol_at,
        };
        let symbol = unbreakable(self.words(&[symbol]));
        let symbol_width = symbol.as_ref().map_or(0.0, Word::width);
        let indent = layout
            .bullets
            .indent
            .max(symbol_width + 0.4 * layout.sizes.body);
        if width - indent < MIN_BULLET_TEXT {
            self.errors.push(
                Diagnostic::error(
                    Code::Frame,
                    format!(
                        "the bullet symbol is {symbol_width:.0} pt wide; with the space after it, it leaves {:.0} pt for the text of a bullet, less than {:.0} pt",
                        width - indent,
                        MIN_BULLET_TEXT
                    ),
                    layout.bullets.symbol_at,
                )
                .with_help("choose a shorter `bullets.symbol`"),
            );
            return;
        }
        let inl = self.text_inlines(text, self.body());
        let rtl = inl.first().is_some_and(|i| i.style.rtl);
        let (text_x, symbol_x) = if rtl {
            (x, x + width - symbol_width)
        } else {
            (x + indent, x)
        };
        let lines = self.set_text(&inl, text_x, width - indent);
        let start = self.blocks.len();
        self.push_paragraph(lines, space_before, None);
        let (Some(symbol), Some(block)) = (symbol, self.blocks.get_mut(start)) else {
            return;
        };
        let Some(baseline) = block.elements.iter().find_map(|it| match it {
            Element::Text { baseline, .. } => Some(*baseline),
            _ => None,
        }) else {
            return;
        };
        let line = crate::linebreak::Line {
            words: vec![symbol],
            last: true,
        };
        let items: Vec<Element> = compose(line, symbol_width, Align::Left)
            .into_iter()
            .map(|p| Element::Text {
                x: symbol_x + p.x,
                baseline,
                run: p.run,
            })
            .collect();
        block.elements.splice(0..0, items);
    }
}

/// `piece` with its spaces made no-break spaces, each part keeping its place in
/// the source (a no-break space is longer in UTF-8 than the space it replaces).
fn unbroken(piece: Inline) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, part) in piece.text.split(' ').enumerate() {
        if i > 0 {
            out.push(Inline {
                text: "\u{a0}".to_string(),
                origin: None,
                ..piece.clone()
            });
        }
        if !part.is_empty() {
            out.push(Inline {
                text: part.to_string(),
                origin: piece.origin.map(|o| o.advanced(offset)),
                ..piece.clone()
            });
        }
        offset += part.len() + 1;
    }
    out
}
