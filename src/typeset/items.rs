//! One-line items: an optional bold label, the text, and a year in the date
//! column.

use super::Setter;
use crate::markup::Link;
use crate::schema::ListItem;
use crate::text::TextStyle;

impl Setter<'_> {
    /// A one-line item: its bold label, its text (linked to its `url`), its year.
    pub(super) fn item(&mut self, item: &ListItem, space_before: f32) {
        self.entry_origin = Some(item.label.as_ref().unwrap_or(&item.text).at);
        let layout = self.layout;
        let body = self.body();
        let mut inl = Vec::new();
        if let Some(label) = &item.label {
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
        self.dated_paragraph(&inl, item.date.as_ref(), item.year, space_before);
    }
}
