//! Publications: the author list with the owner's name in bold, the title, the
//! venue, and the year in the date column.

use super::{ends_with_stop, penalty, Setter};
use crate::dates::DateField;
use crate::diag::Origin;
use crate::markup::Link;
use crate::reader::Text;
use crate::schema::Publication;
use crate::text::{Inline, TextStyle};

impl Setter<'_> {
    /// A publication: authors (the owner in bold), title, venue and links as one
    /// hyphenated paragraph, its year in the date column.
    pub(super) fn publication(&mut self, p: &Publication, space_before: f32) {
        self.entry_origin = Some(p.title.at);
        let layout = self.layout;
        let body = self.body();
        let mut inl: Vec<Inline> = Vec::new();
        for (i, author) in p.authors.iter().enumerate() {
            let et_al = author.name.value.trim().eq_ignore_ascii_case("et al.");
            if i > 0 {
                inl.push(self.literal(if et_al { " " } else { ", " }, body));
            }
            // Names are never hyphenated: "Schüer-mann" misleads a reader, and a
            // name split at the wrong syllable is worse.
            let style = TextStyle {
                bold: author.owner,
                hyphenate: false,
                ..body
            };
            inl.extend(self.text_inlines(&author.name, style));
            if author.marks.any() {
                inl.push(self.literal(&author.marks.printed(), style));
            }
        }
        if !p.authors.is_empty() {
            inl.push(self.literal(if ends_with_stop(&inl) { " " } else { ". " }, body));
        }
        let mut title = self.text_inlines(&p.title, body);
        if let Some(link) = p.link().map(|u| Link::from(u.as_str())) {
            for piece in title.iter_mut() {
                if piece.link.is_none() {
                    piece.link = Some(link.clone());
                    piece.style.color = layout.colors.links;
                }
            }
        }
        inl.extend(title);
        if let Some(venue) = &p.venue {
            // After "Why?" the venue follows without another stop.
            let stop = if ends_with_stop(&inl) { " " } else { ". " };
            inl.push(self.literal(stop, body));
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
        self.dated_paragraph(&inl, p.date.as_ref(), p.year, space_before);
    }

    /// A publication or an item: `inl` as one paragraph of running text in the
    /// entry column, its date (free text, else the year) beside it, then a place
    /// where a page may break.
    pub(super) fn dated_paragraph(
        &mut self,
        inl: &[Inline],
        date: Option<&Text>,
        year: Option<DateField>,
        space_before: f32,
    ) {
        let (entry_x, entry_w) = self.layout.entry_column();
        let year = year_text(date, year);
        let year = [(year.0.as_str(), year.1)];
        let reserve = self.date_reserve(&year);
        let first = self.blocks.len();
        let lines = self.set_text(inl, entry_x, entry_w - reserve);
        self.push_paragraph(lines, space_before, None);
        self.attach_dates(first, &year, None);
        self.end_with(penalty::BETWEEN_ENTRIES);
    }
}

/// The date text of a publication or item, with its place: free text, else the
/// year.
fn year_text(date: Option<&Text>, year: Option<DateField>) -> (String, Option<Origin>) {
    match (date, year) {
        (Some(t), _) => (t.value.clone(), Some(t.at)),
        (None, Some(y)) => (
            y.date.year().map_or_else(String::new, |y| y.to_string()),
            Some(y.at),
        ),
        (None, None) => (String::new(), None),
    }
}
