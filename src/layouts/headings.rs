//! `[headings]`: how section headings are marked.

use crate::reader::{Choice, Fields};

/// Where a section heading's rule goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingRule {
    /// A thin rule under the heading, across the text area.
    Below,
    /// A bar in the date column, beside the heading, which starts in the entry
    /// column (moderncv's classic look); under the heading when dates have no
    /// column on the left.
    Beside,
    /// No rule.
    None,
}

impl Choice for HeadingRule {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("below", HeadingRule::Below),
        ("beside", HeadingRule::Beside),
        ("none", HeadingRule::None),
    ];
}

/// How section headings look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headings {
    pub rule: HeadingRule,
}

/// `[headings]`.
pub(super) fn read(f: &mut Fields) -> Headings {
    let mut headings = Headings {
        rule: HeadingRule::Below,
    };
    if let Some(mut t) = f.table("headings", "{ rule = \"below\" }") {
        headings.rule = t.pick("rule", headings.rule);
        t.done();
    }
    headings
}
