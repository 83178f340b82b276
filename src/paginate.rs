//! Pagination: a flow of blocks becomes pages.
//!
//! Blocks linked by `keep_with_next` form chains that go on one page together: a
//! heading with the first lines of its first entry, a paragraph's first two and last
//! two lines. Chains are placed one after another; a chain that does not fit on the
//! rest of the page starts the next page. A chain taller than a whole page is split
//! where it must be, and the broken keep rule is reported.
//!
//! Space above a block (`space_before`) is dropped at the top of a page, so no page
//! starts with a gap.

use crate::diag::Diagnostic;
use crate::layout::{Block, Flow, Item};

/// A page: items in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// An outline entry: a section title and where its heading is.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<Bookmark>,
    /// How much of each page's text area is used, 0–1.
    pub fill: Vec<f32>,
}

/// The text area blocks are placed in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub page_width: f32,
    pub page_height: f32,
    pub left: f32,
    pub top: f32,
    pub height: f32,
}

pub fn paginate(flow: &Flow, frame: Frame) -> (Pages, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut pages = vec![Page::default()];
    let mut outline = Vec::new();
    let mut fill = Vec::new();
    let mut y = 0.0f32;
    let eps = 1e-3;
    for chain in chains(&flow.blocks) {
        let chain_height: f32 = chain
            .iter()
            .enumerate()
            .map(|(i, b)| b.height + if i == 0 { 0.0 } else { b.space_before })
            .sum();
        let first_space = if y > 0.0 { chain[0].space_before } else { 0.0 };
        if y > 0.0 && y + first_space + chain_height > frame.height + eps {
            fill.push(y / frame.height);
            pages.push(Page::default());
            y = 0.0;
        }
        if chain_height > frame.height + eps {
            warnings.push(Diagnostic::warning(
                "a group of lines that should stay together is taller than a page and was split",
                None,
            ));
        }
        for block in chain {
            let space = if y > 0.0 { block.space_before } else { 0.0 };
            if y > 0.0 && y + space + block.height > frame.height + eps {
                fill.push(y / frame.height);
                pages.push(Page::default());
                y = 0.0;
            }
            let top = y + if y > 0.0 { block.space_before } else { 0.0 };
            let page_index = pages.len() - 1;
            let page = &mut pages[page_index];
            if let Some(title) = &block.bookmark {
                outline.push(Bookmark {
                    title: title.clone(),
                    page: page_index,
                    y: frame.top + top,
                });
            }
            page.items.extend(
                block
                    .items
                    .iter()
                    .map(|item| offset(item, frame.left, frame.top + top)),
            );
            y = top + block.height;
        }
    }
    fill.push(y / frame.height);
    (
        Pages {
            width: frame.page_width,
            height: frame.page_height,
            pages,
            outline,
            fill,
        },
        warnings,
    )
}

/// Split blocks into chains joined by `keep_with_next`.
fn chains(blocks: &[Block]) -> Vec<&[Block]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if !b.keep_with_next || i + 1 == blocks.len() {
            out.push(&blocks[start..=i]);
            start = i + 1;
        }
    }
    out
}

/// Move an item from block coordinates to page coordinates.
pub fn offset(item: &Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text { x, baseline, run } => Item::Text {
            x: x + dx,
            baseline: baseline + dy,
            run: run.clone(),
        },
        Item::Rule {
            x,
            y,
            width,
            thickness,
            color,
        } => Item::Rule {
            x: x + dx,
            y: y + dy,
            width: *width,
            thickness: *thickness,
            color: *color,
        },
        Item::Image {
            x,
            y,
            width,
            height,
            image,
        } => Item::Image {
            x: x + dx,
            y: y + dy,
            width: *width,
            height: *height,
            image: image.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Meta;

    fn block(height: f32, keep: bool) -> Block {
        Block {
            height,
            space_before: 5.0,
            keep_with_next: keep,
            items: Vec::new(),
            bookmark: None,
        }
    }

    fn frame() -> Frame {
        Frame {
            page_width: 100.0,
            page_height: 140.0,
            left: 10.0,
            top: 20.0,
            height: 100.0,
        }
    }

    fn flow(blocks: Vec<Block>) -> Flow {
        Flow {
            blocks,
            meta: Meta::default(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_kept_chain_moves_to_the_next_page_whole() {
        // 80 pt used; a heading (keep) + line (10 + 10 + spaces) does not fit in 20.
        let blocks = vec![block(80.0, false), block(10.0, true), block(10.0, false)];
        let (pages, warnings) = paginate(&flow(blocks), frame());
        assert_eq!(pages.pages.len(), 2);
        assert!(warnings.is_empty());
        assert!((pages.fill[0] - 0.8).abs() < 1e-6);
        // Space before is dropped at the top of page 2.
        assert!((pages.fill[1] - 0.25).abs() < 1e-6);
    }

    #[test]
    fn an_overlong_chain_is_split_and_reported() {
        // 15 kept blocks of 10 pt with 5 pt between them: 7 fit on a 100 pt page.
        let blocks: Vec<Block> = (0..15).map(|i| block(10.0, i < 14)).collect();
        let (pages, warnings) = paginate(&flow(blocks), frame());
        assert_eq!(pages.pages.len(), 3);
        assert_eq!(warnings.len(), 1);
    }
}
