//! A section: its heading with the rule under it, then its content in order.

use std::sync::Arc;

use super::{penalty, Element, Keep, Role, Setter};
use crate::layouts::{HeadingRule, Side};
use crate::linebreak::Align;
use crate::markup::{self};
use crate::reader::Text;
use crate::schema::{AuthorMarks, Body, Section};
use crate::text::TextStyle;

/// The rule under a section heading: its distance below the heading's line and its
/// thickness, points. Thin enough to read as a line, not a bar, at 10 pt text.
const RULE_BELOW: f32 = 1.0;
const RULE_THICKNESS: f32 = 0.6;
/// The bar beside a heading (`rule = "beside"`): its top above the baseline and its
/// thickness, as fractions of the heading's size, so that it sits level with the
/// heading's lower-case letters, as moderncv's does.
const BAR_TOP: f32 = 0.55;
const BAR_THICKNESS: f32 = 0.4;
/// Space between publications as a fraction of the space between entries: a
/// publication is one paragraph, and a list of them reads as one list.
const PUBLICATION_SPACING: f32 = 0.6;
/// Space above a group's heading as a fraction of the space between entries: more
/// than between two entries, so that the heading reads as opening what follows,
/// less than before a section.
const GROUP_SPACING: f32 = 1.6;

impl Setter<'_, '_> {
    /// A section: its heading, then its content; a heading with nothing after it
    /// keeps with nothing.
    pub(super) fn section(&mut self, section: &Section) {
        self.section_title = Some(Arc::from(markup::plain(&section.title.value)));
        self.entry_origin = None;
        let section_id = section.name();
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
    pub(super) fn heading(&mut self, section: &Section, break_before: bool) {
        let layout = self.layout;
        let measure = layout.measure();
        let style = TextStyle {
            family: layout.fonts.headings,
            bold: true,
            ..self.style(layout.sizes.section, layout.colors.accent)
        };
        let inl = self.text_inlines(&section.title, style);
        let beside = layout.headings.rule == HeadingRule::Beside && layout.dates.side == Side::Left;
        let (x, width) = if beside {
            layout.entry_column()
        } else {
            (0.0, measure)
        };
        let mut lines = self.set(&inl, x, width, Align::Left);
        self.end_with(penalty::BEFORE_SECTION);
        let Some(last) = lines.pop() else {
            return;
        };
        let start = self.blocks.len();
        let space_before = if std::mem::take(&mut self.after_header) {
            layout.spacing.header_after
        } else {
            layout.spacing.section_before
        };
        for (i, line) in lines.into_iter().enumerate() {
            let space = if i == 0 { space_before } else { 0.0 };
            self.push_line(line, space, Some(Keep::Heading));
        }
        let rule = match layout.headings.rule {
            HeadingRule::Beside if beside => Some(Element::Rule {
                x: 0.0,
                y: last.baseline - BAR_TOP * layout.sizes.section,
                width: layout.dates.width,
                thickness: BAR_THICKNESS * layout.sizes.section,
                color: layout.colors.accent,
            }),
            HeadingRule::None => None,
            HeadingRule::Below | HeadingRule::Beside => Some(Element::Rule {
                x: 0.0,
                y: last.height + RULE_BELOW,
                width: measure,
                thickness: RULE_THICKNESS,
                color: layout.colors.accent,
            }),
        };
        let height = match rule {
            Some(Element::Rule { y, .. }) if !beside => y,
            _ => last.height,
        };
        let space = if start == self.blocks.len() {
            space_before
        } else {
            0.0
        };
        let heading = self.push_line(last, space, Some(Keep::Heading));
        heading.role = Role::Heading;
        heading.height = height + layout.spacing.section_after;
        heading.elements.extend(rule);
        heading.bookmark = Some(markup::plain(&section.title.value));
        self.blocks[start].break_before = break_before;
    }

    /// A section's body, then its groups, each under its heading; then, after the
    /// first section that marks authors, the legend of the marks.
    pub(super) fn section_content(&mut self, section: &Section) {
        let mut first = self.body_content(&section.body, true);
        for group in &section.groups {
            self.group_heading(&group.title, !first);
            self.body_content(&group.body, true);
            first = false;
        }
        if let Some((_, marks)) = self.legend.filter(|(at, _)| std::ptr::eq(*at, section)) {
            self.legend_line(marks);
        }
    }

    /// A group's heading: bold, at the size of the text, in the entry column, kept
    /// with the first lines after it.
    fn group_heading(&mut self, title: &Text, after_content: bool) {
        let layout = self.layout;
        let (x, width) = layout.entry_column();
        let style = TextStyle {
            bold: true,
            ..self.style(layout.sizes.body, layout.colors.accent)
        };
        let inl = self.text_inlines(title, style);
        let lines = self.set(&inl, x, width, Align::Left);
        let space = if after_content {
            layout.spacing.entry * GROUP_SPACING
        } else {
            0.0
        };
        for (i, line) in lines.into_iter().enumerate() {
            self.push_line(line, if i == 0 { space } else { 0.0 }, Some(Keep::Heading));
        }
    }

    /// A body's opening paragraphs, entries, publications and items; whether it set
    /// nothing (`first`: nothing came before it in the section).
    fn body_content(&mut self, body: &Body, mut first: bool) -> bool {
        let layout = self.layout;
        let (entry_x, entry_w) = layout.entry_column();
        if let Some(text) = &body.text {
            self.paragraphs(text, entry_x, entry_w, 0.0);
            first = false;
        }
        for entry in &body.entries {
            self.entry(entry, if first { 0.0 } else { layout.spacing.entry });
            first = false;
        }
        for publication in &body.publications {
            self.publication(
                publication,
                if first {
                    0.0
                } else {
                    layout.spacing.entry * PUBLICATION_SPACING
                },
            );
            first = false;
        }
        for item in &body.items {
            self.item(item, if first { 0.0 } else { layout.spacing.paragraph });
            first = false;
        }
        first
    }

    /// "* Equal contribution · † Corresponding author", small, under the list
    /// and kept with its last line: a legend alone atop a page explains nothing.
    fn legend_line(&mut self, marks: AuthorMarks) {
        let layout = self.layout;
        let (x, width) = layout.entry_column();
        let style = self.style(layout.sizes.date, layout.colors.muted);
        let mut parts = Vec::new();
        if marks.equal {
            parts.push(format!(
                "{} {}",
                AuthorMarks::EQUAL,
                layout.labels.equal_contribution
            ));
        }
        if marks.corresponding {
            parts.push(format!(
                "{} {}",
                AuthorMarks::CORRESPONDING,
                layout.labels.corresponding_author
            ));
        }
        let inl = [self.literal(&parts.join("\u{a0}· "), style)];
        let lines = self.set(&inl, x, width, Align::Left);
        if let Some(last) = self.blocks.last_mut() {
            last.keep.get_or_insert(Keep::Lines);
        }
        for (i, line) in lines.into_iter().enumerate() {
            let space = if i == 0 {
                layout.spacing.paragraph
            } else {
                0.0
            };
            self.push_line(line, space, None);
        }
    }
}
