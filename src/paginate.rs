//! Pagination: a flow of blocks becomes pages, with the breaks chosen for the whole
//! document at once.
//!
//! Blocks joined by a keep rule form *chains* that always share a page: a heading
//! with the first lines of its first entry, an entry title with its first line, a
//! paragraph's first two and last two lines. A page break may fall only between
//! chains, and each such place has a cost set by typesetting: cheap before a section,
//! free between entries, dearer between two bullets of one entry or inside a
//! paragraph.
//!
//! The breaks are chosen like Knuth–Plass chooses line breaks: dynamic programming
//! over every place a page could end, minimising the total of the pages' costs. A
//! page costs the square of its empty space plus the cost of the break that ends it;
//! a page less than 85 % full costs so much that it is chosen only when the keep rules
//! leave nothing better (then the reason is reported). The last page costs nothing,
//! whatever its fill. Greedy filling would end every page as late as possible; this
//! sometimes ends one a line earlier to avoid splitting an entry, or to avoid a
//! nearly empty page later.
//!
//! Space above a block (`space_before`) is dropped at the top of a page, so no page
//! starts with a gap.

use std::ops::Range;

use crate::diag::{Code, Diagnostic, Warned};
use crate::markup::Link;
use crate::typeset::{Block, Element, Flow};

/// A page: elements in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub elements: Vec<Element>,
    /// The flow's blocks on this page.
    pub blocks: Range<usize>,
}

/// An outline entry: a section title and where its heading is.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    /// The top of the heading, down from the page's top.
    pub y: f32,
}

/// How far above a heading a reader who follows its bookmark lands, points: a
/// little white above the heading, so its first line is not at the window's edge.
const BOOKMARK_ABOVE: f32 = 4.0;

impl Bookmark {
    /// Where the view following the bookmark starts, up from the page's bottom
    /// (a PDF's coordinates) on a page `height` tall.
    pub fn view_top(&self, height: f32) -> f32 {
        height - self.y + BOOKMARK_ABOVE
    }
}

/// The clickable area of a link, in points from the page's top-left corner: from
/// the ascent of its text to a little below the baseline, over adjacent runs with
/// the same target.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub target: Link,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Page {
    /// The page's link areas: one per stretch of adjacent text runs with the same
    /// target on one line.
    pub fn link_areas(&self) -> Vec<LinkArea> {
        let mut links: Vec<LinkArea> = Vec::new();
        for element in &self.elements {
            let Element::Text { x, baseline, run } = element else {
                continue;
            };
            let Some(target) = &run.link else {
                continue;
            };
            let (left, right) = (*x, x + run.width());
            let (top, bottom) = (baseline - run.size * 0.8, baseline + run.size * 0.25);
            if let Some(last) = links.last_mut() {
                // Pieces of one link share its target; two links may have the same.
                let same = std::sync::Arc::ptr_eq(&last.target, target) || last.target == *target;
                if same
                    && (last.top - top).abs() < 0.5
                    && left >= last.right - 0.5
                    && left - last.right < run.size * 0.8
                {
                    last.right = right;
                    continue;
                }
            }
            links.push(LinkArea {
                target: target.clone(),
                left,
                right,
                top,
                bottom,
            });
        }
        links
    }
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

/// A page less full than this (except the last) is a failure of the breaks.
pub const MIN_FILL: f32 = 0.85;
/// Every page costs this much, so the breaks never use more pages than needed.
const PAGE_COST: f64 = 100.0;
/// The cost of a page below [`MIN_FILL`], on top of its emptiness.
const UNDERFULL_COST: f64 = 100_000.0;

/// Blocks that must share a page.
#[derive(Debug, Clone, Copy)]
struct Chain {
    start: usize,
    end: usize,
    /// Height from the top of the first block to the bottom of the last.
    height: f32,
    space_before: f32,
    /// Cost of a page break after the chain.
    penalty: f32,
    break_before: bool,
}

impl Pages {
    /// Add `elements(page, pages)` to every page (numbered from 1), in page
    /// coordinates: a footer.
    pub fn stamp(&mut self, elements: impl Fn(usize, usize) -> Vec<Element>) {
        let count = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.elements.extend(elements(i + 1, count));
        }
    }
}

/// Place the blocks of `flow` on pages. The blocks' elements move onto the pages; the
/// blocks stay in `flow`, for reports and checks.
pub fn paginate(flow: &mut Flow, frame: Frame) -> Warned<Pages> {
    let mut warnings = Vec::new();
    let chains = chains(&flow.blocks, frame.height, &mut warnings);
    let breaks = best_breaks(&chains, frame.height);

    let mut pages = Vec::new();
    let mut outline = Vec::new();
    let mut fill = Vec::new();
    let mut from = 0;
    for (index, &to) in breaks.iter().enumerate() {
        let blocks = chains[from].start..chains[to - 1].end;
        let count = flow.blocks[blocks.clone()]
            .iter()
            .map(|b| b.elements.len())
            .sum();
        let mut page = Page {
            elements: Vec::with_capacity(count),
            blocks: blocks.clone(),
        };
        let mut y = 0.0f32;
        for (k, block) in flow.blocks[blocks].iter_mut().enumerate() {
            let top = if k == 0 { 0.0 } else { y + block.space_before };
            if let Some(title) = &block.bookmark {
                outline.push(Bookmark {
                    title: title.clone(),
                    page: index,
                    y: frame.top + top,
                });
            }
            page.elements
                .extend(
                    std::mem::take(&mut block.elements)
                        .into_iter()
                        .map(|mut item| {
                            item.shift(frame.left, frame.top + top);
                            item
                        }),
                );
            y = top + block.height;
        }
        let used = y / frame.height;
        if to < chains.len() && used < MIN_FILL {
            warnings.push(underfull(
                flow,
                &chains[to],
                index + 1,
                used,
                y,
                frame.height,
            ));
        }
        fill.push(used);
        pages.push(page);
        from = to;
    }
    let pages = Pages {
        width: frame.page_width,
        height: frame.page_height,
        pages,
        outline,
        fill,
    };
    Warned::new(pages, warnings)
}

/// Group blocks into chains; a chain taller than a page is split where it must be,
/// and reported.
fn chains(blocks: &[Block], page: f32, warnings: &mut Vec<Diagnostic>) -> Vec<Chain> {
    let mut out: Vec<Chain> = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if b.keep.is_some() && i + 1 < blocks.len() {
            continue;
        }
        let group = &blocks[start..=i];
        let height = chain_height(group);
        if height > page + 1e-3 && group.len() > 1 {
            let reason = group
                .iter()
                .find_map(|b| b.keep)
                .map_or("", |k| k.describe());
            warnings.push(Diagnostic::warning(
                Code::KeepBroken,
                format!("{} lines must stay together ({reason}) but are taller than a page; they were split", group.len()),
                group.iter().find_map(|b| b.origin),
            ));
            let mut s = start;
            for j in start..=i {
                if j > s && chain_height(&blocks[s..=j]) > page + 1e-3 {
                    out.push(chain(blocks, s, j));
                    s = j;
                }
            }
            out.push(chain(blocks, s, i + 1));
        } else {
            out.push(chain(blocks, start, i + 1));
        }
        start = i + 1;
    }
    out
}

fn chain(blocks: &[Block], start: usize, end: usize) -> Chain {
    Chain {
        start,
        end,
        height: chain_height(&blocks[start..end]),
        space_before: blocks[start].space_before,
        penalty: blocks[end - 1].penalty,
        break_before: blocks[start].break_before,
    }
}

/// Height of blocks set one after another (the first one's space not counted).
fn chain_height(blocks: &[Block]) -> f32 {
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| b.height + if i == 0 { 0.0 } else { b.space_before })
        .sum()
}

/// The chain indices at which pages end (the last is `chains.len()`), minimising the
/// total cost of the pages.
fn best_breaks(chains: &[Chain], page: f32) -> Vec<usize> {
    let n = chains.len();
    let mut best = vec![f64::INFINITY; n + 1];
    let mut prev = vec![0usize; n + 1];
    best[0] = 0.0;
    for i in 0..n {
        if best[i].is_infinite() {
            continue;
        }
        let mut used = 0.0f32;
        for j in i..n {
            if j > i && chains[j].break_before {
                break;
            }
            used += chains[j].height + if j > i { chains[j].space_before } else { 0.0 };
            if j > i && used > page + 1e-3 {
                break;
            }
            let end = j + 1;
            let cost = best[i] + page_cost(chains, end, used, page);
            if cost < best[end] {
                best[end] = cost;
                prev[end] = i;
            }
        }
    }
    let mut breaks = Vec::new();
    let mut at = n;
    while at > 0 {
        breaks.push(at);
        at = prev[at];
    }
    breaks.reverse();
    breaks
}

/// The cost of a page that ends before chain `end` with `used` points filled.
fn page_cost(chains: &[Chain], end: usize, used: f32, page: f32) -> f64 {
    if end == chains.len() {
        return PAGE_COST;
    }
    let fill = f64::from(used / page);
    let empty = 100.0 * (1.0 - fill);
    let mut cost = PAGE_COST + empty * empty / 10.0 + f64::from(chains[end - 1].penalty);
    // A page the author asked to end, by a break before the next chain, may be short.
    if fill < f64::from(MIN_FILL) && !chains[end].break_before {
        cost += UNDERFULL_COST * (1.0 + f64::from(MIN_FILL) - fill);
    }
    cost
}

/// Why page `page` ends less than [`MIN_FILL`] full.
fn underfull(
    flow: &Flow,
    next: &Chain,
    page: usize,
    used: f32,
    height: f32,
    frame: f32,
) -> Diagnostic {
    let blocks = &flow.blocks[next.start..next.end];
    let percent = (used * 100.0).round();
    let origin = blocks.iter().find_map(|b| b.origin);
    if next.break_before {
        return Diagnostic::warning(
            Code::ShortPage,
            format!("page {page} is {percent}% full: the layout asks for a page break before what follows"),
            origin,
        );
    }
    let fits = height + next.space_before + next.height <= frame + 1e-3;
    let reason = match blocks.iter().find_map(|b| b.keep) {
        Some(keep) if !fits => format!(
            "the next {} lines must stay together ({}) and do not fit in the {:.0} pt left",
            blocks.len(),
            keep.describe(),
            frame - height
        ),
        _ => "breaking later would have made a worse page".to_string(),
    };
    Diagnostic::warning(
        Code::ShortPage,
        format!("page {page} is {percent}% full: {reason}"),
        origin,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::{penalty, Keep, Meta};

    fn block(height: f32, keep: bool) -> Block {
        let mut b = Block::new(height, 5.0);
        b.keep = keep.then_some(Keep::Lines);
        b
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
        }
    }

    /// Paginate `blocks` in the test frame: the pages and the warnings.
    fn run(blocks: Vec<Block>) -> (Pages, Vec<Diagnostic>) {
        let Warned { output, warnings } = paginate(&mut flow(blocks), frame());
        (output, warnings)
    }

    #[test]
    fn a_kept_chain_moves_to_the_next_page_whole_and_the_short_page_is_explained() {
        // 80 pt used; a kept pair (10 + 5 + 10) does not fit in the 20 pt left.
        let blocks = vec![block(80.0, false), block(10.0, true), block(10.0, false)];
        let (pages, warnings) = run(blocks);
        assert_eq!(pages.pages.len(), 2);
        assert_eq!(pages.pages[1].blocks, 1..3);
        assert!((pages.fill[0] - 0.8).abs() < 1e-6);
        // Space before is dropped at the top of page 2.
        assert!((pages.fill[1] - 0.25).abs() < 1e-6);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .starts_with("page 1 is 80% full: the next 2 lines must stay together"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn an_overlong_chain_is_split_and_reported() {
        // 15 kept blocks of 10 pt with 5 pt between them: 7 fit on a 100 pt page.
        let blocks: Vec<Block> = (0..15).map(|i| block(10.0, i < 14)).collect();
        let (pages, warnings) = run(blocks);
        assert_eq!(pages.pages.len(), 3);
        assert!(warnings[0].message.contains("taller than a page"));
    }

    #[test]
    fn breaks_prefer_the_end_of_an_entry_to_the_middle_of_one() {
        // Entries of 3 lines of 5 pt; a page holds 20 lines. Filling greedily would
        // end page 1 after 20 lines, inside the 7th entry; ending it after 18 lines,
        // between entries, keeps the page 90% full and costs less.
        let mut blocks = Vec::new();
        for _entry in 0..10 {
            for line in 0..3 {
                let mut b = Block::new(5.0, 0.0);
                b.penalty = if line == 2 {
                    penalty::BETWEEN_ENTRIES
                } else {
                    penalty::IN_PARAGRAPH
                };
                blocks.push(b);
            }
        }
        let (pages, warnings) = run(blocks);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(pages.pages[0].blocks, 0..18);
        assert_eq!(pages.pages[1].blocks, 18..30);
    }

    #[test]
    fn a_requested_break_starts_a_new_page() {
        let mut blocks = vec![block(10.0, false), block(10.0, false), block(10.0, false)];
        blocks[1].break_before = true;
        let (pages, warnings) = run(blocks);
        assert_eq!(pages.pages.len(), 2);
        assert_eq!(pages.pages[1].blocks, 1..3);
        assert!(warnings[0]
            .message
            .contains("the layout asks for a page break"));
    }
}
