//! From breaks back to words: the lines between the chosen breaks, a word broken
//! across lines cut into fragments that still read as the whole word.

use crate::text::{Run, ShapedText, Shaper, Word};

use super::items::{ItemKind, Paragraph};
use super::Line;

impl Paragraph {
    /// The lines between the chosen breaks, made of `words` (the paragraph's): a word
    /// on one line moves there, a word broken across lines is copied in pieces.
    pub(super) fn lines(
        &self,
        mut words: Vec<Word>,
        breaks: &[usize],
        shaper: &Shaper,
    ) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut from = 0;
        // The index of the word broken across lines last, made once per word: a
        // word broken into many lines is not walked again for each of them.
        let mut index: Option<(usize, WordIndex)> = None;
        for (li, &b) in breaks.iter().enumerate() {
            // Word fragments on this line: (word, start, end).
            let mut frags: Vec<(usize, usize, usize)> = Vec::new();
            for item in &self.items[from..b] {
                if !item.is_box() {
                    continue;
                }
                match frags.last_mut() {
                    Some(f) if f.0 == item.word && f.2 == item.start => f.2 = item.end,
                    _ => frags.push((item.word, item.start, item.end)),
                }
            }
            let hyphen = matches!(self.items[b].kind, ItemKind::Penalty { hyphen: true, .. });
            let count = frags.len();
            let words = frags
                .into_iter()
                .enumerate()
                .map(|(k, (wi, s, e))| {
                    let word = &mut words[wi];
                    let whole =
                        s == 0 && e == word.runs.iter().map(|r| r.glyphs.len()).sum::<usize>();
                    if whole {
                        return std::mem::take(word);
                    }
                    if index.as_ref().is_none_or(|(i, _)| *i != wi) {
                        index = Some((wi, WordIndex::new(word)));
                    }
                    let mut frag = match &index {
                        Some((_, ix)) => fragment(word, s, e, ix),
                        None => word.clone(),
                    };
                    if k + 1 == count {
                        frag.space = None;
                        if hyphen {
                            // The run before the break, found in the word's index.
                            let run = match &index {
                                Some((_, ix)) => {
                                    let r = ix.run_starts.partition_point(|&st| st < e);
                                    word.runs.get(r.saturating_sub(1))
                                }
                                None => word.run_before(e),
                            };
                            let h = run.and_then(|r| shaper.hyphen(r));
                            if let (Some(h), Some(run)) = (h, frag.runs.last_mut()) {
                                run.glyphs.push(h);
                            }
                        }
                    }
                    frag
                })
                .collect();
            lines.push(Line {
                words,
                last: li + 1 == breaks.len(),
            });
            from = b + 1;
        }
        lines
    }
}

/// Where each run of a word starts (in glyphs), where each glyph starts in the
/// word's text (in bytes), and the glyph count.
struct WordIndex {
    run_starts: Vec<usize>,
    byte_starts: Vec<usize>,
    glyphs: usize,
}

impl WordIndex {
    fn new(word: &Word) -> WordIndex {
        let mut run_starts = Vec::with_capacity(word.runs.len());
        let mut byte_starts = Vec::new();
        let (mut glyphs, mut bytes) = (0, 0);
        for run in &word.runs {
            run_starts.push(glyphs);
            glyphs += run.glyphs.len();
            for g in &run.glyphs {
                byte_starts.push(bytes);
                bytes += g.ch.len_utf8();
            }
        }
        byte_starts.push(bytes);
        WordIndex {
            run_starts,
            byte_starts,
            glyphs,
        }
    }
}

/// Glyphs `s..e` of `word` as a word of their own. A fragment of a word broken
/// across lines carries `/ActualText`: the whole word on its first fragment and
/// nothing on the others, so the PDF's text layer reads the word once, unbroken.
/// The cost is that of the fragment, not of the word (`index` knows the word).
fn fragment(word: &Word, s: usize, e: usize, index: &WordIndex) -> Word {
    let first_run = index.run_starts.partition_point(|&start| start <= s).max(1) - 1;
    let mut runs = Vec::new();
    for (k, run) in word.runs.iter().enumerate().skip(first_run) {
        let offset = index.run_starts[k];
        if offset >= e {
            break;
        }
        let n = run.glyphs.len();
        let (a, b) = (s.max(offset), e.min(offset + n));
        if a < b {
            let mut glyphs = run.glyphs[a - offset..b - offset].to_vec();
            if b < offset + n {
                if let Some(last) = glyphs.last_mut() {
                    last.kern = 0.0;
                }
            }
            let actual = if s == 0 && runs.is_empty() {
                word.reading()
            } else {
                String::new()
            };
            runs.push(Run {
                face: run.face,
                size: run.size,
                color: run.color,
                link: run.link.clone(),
                glyphs,
                actual: Some(actual),
                level: run.level,
                // The fragment reads as its `actual` says; of what the run
                // stands for it keeps its ligatures, not a copy of its text
                // (a word broken into many lines would copy it on each).
                shaped: run.shaped.as_ref().map(|s| {
                    Box::new(ShapedText {
                        text: Box::default(),
                        ligatures: s.ligatures.clone(),
                    })
                }),
            });
        }
    }
    Word {
        runs,
        space: if e == index.glyphs {
            word.space.clone()
        } else {
            None
        },
        origin: word.origin.map(|o| o.advanced(index.byte_starts[s])),
        hyphenate: word.hyphenate,
        soft: Vec::new(),
        rtl: word.rtl,
    }
}
