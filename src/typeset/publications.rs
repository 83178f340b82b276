//! Publications: the author list with the owner's name in bold, the title, the
//! venue, and the year in the date column.

use super::{ends_with_stop, penalty, Setter};
use crate::diag::Origin;
use crate::markup::Link;
use crate::schema::Publication;
use crate::text::{Inline, TextStyle};

impl Setter<'_, '_> {
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
                let comma = layout.labels.comma;
                inl.push(self.literal(if et_al { " " } else { comma }, body));
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
        // A publication's date column shows its year, as lists of publications
        // do; its month orders the list, not the page.
        let year = match (&p.date, p.year) {
            (Some(t), _) => (t.value.clone(), Some(t.at)),
            (None, Some(y)) => (
                y.date.year().map_or_else(String::new, |y| y.to_string()),
                Some(y.at),
            ),
            (None, None) => (String::new(), None),
        };
        self.dated_paragraph(&inl, &[year], space_before);
    }

    /// A publication or an item: `inl` as one paragraph of running text in the
    /// entry column, its date (in pieces, each traced to its place) beside it,
    /// then a place where a page may break.
    pub(super) fn dated_paragraph(
        &mut self,
        inl: &[Inline],
        date: &[(String, Option<Origin>)],
        space_before: f32,
    ) {
        let (entry_x, entry_w) = self.layout.entry_column();
        let date: Vec<(&str, Option<Origin>)> =
            date.iter().map(|(t, at)| (t.as_str(), *at)).collect();
        let reserve = self.date_reserve(&date);
        let first = self.blocks.len();
        let lines = self.set_text(inl, entry_x, entry_w - reserve);
        self.push_paragraph(lines, space_before, None);
        self.attach_dates(first, &date, None);
        self.end_with(penalty::BETWEEN_ENTRIES);
    }
}
