//! The flow: what typesetting hands pagination. Blocks of positioned elements,
//! each with its height, the space it wants above it, why it keeps with the next
//! block and what a page break after it costs.

use std::sync::Arc;

use crate::diag::Origin;
use crate::images::Image;
use crate::text::{Color, Run};

/// Something drawn, positioned relative to its block (x from the left edge of the
/// text area, y downwards from the block's top).
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
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

impl Element {
    /// Move the element by `dx` to the right and `dy` down (from block to page
    /// coordinates, for one).
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Element::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Element::Rule { x, y, .. } | Element::Image { x, y, .. } => {
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
    pub elements: Vec<Element>,
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
            elements: Vec::new(),
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
}

/// Document information for the PDF's Info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
}
