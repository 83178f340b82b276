//! One-line items: an optional bold label, the text, and in the date column a
//! date, a period or an aside.

use super::Setter;
use crate::diag::Origin;
use crate::layouts::Side;
use crate::markup::Link;
use crate::reader::Text;
use crate::schema::ListItem;
use crate::text::TextStyle;

impl Setter<'_, '_> {
    /// A one-line item: its bold label, its text (linked to its `url`), its date.
    pub(super) fn item(&mut self, item: &ListItem, space_before: f32) {
        self.entry_origin = Some(item.label.as_ref().unwrap_or(&item.text).at);
        let layout = self.layout;
        let body = self.body();
        let mut inl = Vec::new();
        // Dates on the title line leave no column for an aside: it leads the
        // line as a label does.
        let aside_inline = item
            .aside
            .as_ref()
            .filter(|_| layout.dates.side == Side::Title);
        for label in aside_inline.iter().chain(&item.label.as_ref()) {
            inl.extend(self.text_inlines(label, TextStyle { bold: true, ..body }));
            inl.push(self.literal(layout.labels.colon, body));
        }
        let mut text = self.text_inlines(&item.text, body);
        if let Some(url) = &item.url {
            let link = Link::from(url.value.trim());
            for piece in text.iter_mut() {
                piece.link.get_or_insert_with(|| link.clone());
                piece.style.color = layout.colors.links;
            }
        }
        inl.extend(text);
        let date = self.item_date(item);
        self.dated_paragraph(&inl, &date, space_before);
    }

    /// What an item shows in the date column, in pieces traced to their places:
    /// its free-text `date`, its period, its `year` (at the precision written) or
    /// its `aside`.
    fn item_date(&self, item: &ListItem) -> Vec<(String, Option<Origin>)> {
        let text = |t: &Text| vec![(t.value.clone(), Some(t.at))];
        if let Some(t) = &item.date {
            return text(t);
        }
        if item.start.is_some() || item.end.is_some() {
            let span = (item.start.map(|d| d.date), item.end.map(|d| d.date));
            return self.range_pieces(span, item.start, item.end);
        }
        if let Some(year) = item.year {
            return self.range_pieces((Some(year.date), None), Some(year), None);
        }
        match &item.aside {
            Some(t) if self.layout.dates.side != Side::Title => text(t),
            _ => Vec::new(),
        }
    }
}
