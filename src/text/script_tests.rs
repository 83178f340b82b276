//! Text in the scripts that need more than one glyph per character in order:
//! joined, reordered, right to left, and CJK without spaces. The fonts are
//! Debian's Noto fonts (`fonts-noto-core`, `fonts-noto-cjk`), which the test
//! command installs.

use super::*;

const NOTO: &str = "/usr/share/fonts/truetype/noto";

/// The glyph ids `c` has alone, from the font's character map.
fn mapped(shaper: &Shaper, face: FaceId, text: &str) -> Vec<u16> {
    text.chars()
        .map(|c| shaper.glyph(face, c).unwrap_or(0))
        .collect()
}

#[test]
fn arabic_letters_join_and_read_right_to_left() {
    let (fonts, style) = test_font(&format!("{NOTO}/NotoSansArabic-Regular.ttf"));
    let style = TextStyle { rtl: true, ..style };
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper.words(&[test_inline("محمد", style)]).unwrap();
    let run = &words[0].runs[0];
    assert_eq!(run.level, 1);
    assert!(words[0].rtl);
    // Visual order: the last letter first; every letter in its joined form,
    // none the glyph the character map gives it alone.
    let shown: String = run.glyphs.iter().map(|g| g.ch).collect();
    assert_eq!(shown, "دمحم");
    let alone = mapped(&shaper, run.face, "دمحم");
    let drawn: Vec<u16> = run.glyphs.iter().map(|g| g.gid).collect();
    assert_eq!(drawn.len(), 4);
    assert!(
        drawn.iter().zip(&alone).all(|(d, a)| d != a),
        "joined forms {drawn:?}, isolated {alone:?}"
    );
    assert_eq!(words[0].reading(), "محمد");
}

#[test]
fn a_ligature_shows_all_its_characters() {
    let (fonts, style) = test_font(&format!("{NOTO}/NotoSansArabic-Regular.ttf"));
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper.words(&[test_inline("لا", style)]).unwrap();
    let run = &words[0].runs[0];
    assert_eq!(run.glyphs.len(), 1, "lam and alef are one glyph");
    let shaped = run.shaped.as_ref().unwrap();
    // For the font's ToUnicode map, in the visual order in which extractors
    // read right-to-left glyphs (and turn them around).
    assert_eq!(shaped.ligatures, [(run.glyphs[0].gid, "ال".into())]);
    assert_eq!(shaped.text.as_ref(), "لا");
}

#[test]
fn marks_are_placed_on_their_letters() {
    let (fonts, style) = test_font(&format!("{NOTO}/NotoSansArabic-Regular.ttf"));
    let shaper = Shaper::new(&fonts).unwrap();
    // Kasra goes below the beh: lowered, and drawn over it, not after it.
    let words = shaper.words(&[test_inline("بِ", style)]).unwrap();
    let glyphs = &words[0].runs[0].glyphs;
    let kasra = glyphs.iter().find(|g| g.ch == '\u{650}').unwrap();
    assert!(kasra.rise < 0.0, "{glyphs:?}");
    assert_eq!(kasra.advance, 0.0);
}

#[test]
fn devanagari_vowel_signs_are_reordered_and_the_text_keeps_its_order() {
    let (fonts, style) = test_font(&format!("{NOTO}/NotoSansDevanagari-Regular.ttf"));
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper.words(&[test_inline("कि क्ष", style)]).unwrap();
    let ki = &words[0].runs[0];
    // The i sign is drawn before the consonant it follows in the text.
    let shown: String = ki.glyphs.iter().map(|g| g.ch).collect();
    assert_eq!(shown, "िक");
    assert_eq!(ki.level, 0);
    assert_eq!(ki.actual.as_deref(), Some("कि"));
    // क्ष is one conjunct glyph standing for three characters.
    let ksha = &words[1].runs[0];
    assert_eq!(ksha.glyphs.len(), 1);
    assert_eq!(ksha.shaped.as_ref().unwrap().ligatures[0].1.as_ref(), "क्ष");
}

#[test]
fn ideographs_break_between_them_and_stretch() {
    let cjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    let (fonts, style) = test_font(cjk);
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper
        .words(&[test_inline("王小明，你好。「中文」", style)])
        .unwrap();
    let texts: Vec<String> = words.iter().map(Word::text).collect();
    // No break before a comma, a full stop or a closing bracket, none after
    // an opening one: UAX #14's kinsoku.
    assert_eq!(texts, ["王", "小", "明，", "你", "好。", "「中", "文」"]);
    let space = words[0].space.as_ref().unwrap();
    assert_eq!(space.width, 0.0);
    assert!(space.stretch > 0.0);
    // Latin words in the text still break at their spaces only.
    let words = shaper.words(&[test_inline("Rust 与 Go", style)]).unwrap();
    let texts: Vec<String> = words.iter().map(Word::text).collect();
    assert_eq!(texts, ["Rust", "与", "Go"]);
}

/// Found by the property test over every script: a direction control inside
/// shaped text (a cluster of its own, with no letter to find a face by) did
/// its work and is set as nothing (it was reported missing), and a letter with
/// a mark its font lacks is drawn in parts, the mark from a face that has it
/// (it was reported missing too).
#[test]
fn controls_are_set_as_nothing_and_marks_a_font_lacks_come_from_another() {
    let (fonts, style) = test_fallback(&format!("{NOTO}/NotoSansArabic-Regular.ttf"));
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper
        .words(&[test_inline("\u{202B}سلام\u{202C} ب\u{329}", style)])
        .unwrap();
    let read: Vec<String> = words.iter().map(Word::reading).collect();
    assert_eq!(read, ["سلام", "ب\u{329}"]);
    let runs = &words[1].runs;
    assert_eq!(runs.len(), 2, "the letter and its mark from two faces");
    assert_ne!(runs[0].face, runs[1].face);
}

/// A variation selector picks the font's variant of the glyph before it
/// (Noto Sans CJK has ideographic variation sequences); one asking for what
/// no font has (an emoji in colour) leaves the plain glyph and is noted once,
/// and text presentation (U+FE0E) is what cvc draws anyway.
#[test]
fn selectors_choose_a_variant_or_are_noted_once() {
    let cjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    let (fonts, style) = test_fallback(cjk);
    let shaper = Shaper::new(&fonts).unwrap();
    let gid =
        |text: &str| shaper.words(&[test_inline(text, style)]).unwrap()[0].runs[0].glyphs[0].gid;
    let plain = gid("葛");
    let variants = [gid("葛\u{E0100}"), gid("葛\u{E0101}")];
    assert!(variants.iter().any(|&v| v != plain), "{plain} {variants:?}");
    assert!(
        shaper.take_notes().is_empty(),
        "a variant the font has is no loss"
    );

    let words = shaper
        .words(&[test_inline("★\u{FE0E} ❤\u{FE0F} ✉\u{FE0F}", style)])
        .unwrap();
    assert_eq!(words.len(), 3);
    let noted = shaper
        .take_notes()
        .pop()
        .expect("a colour emoji is asked for");
    assert_eq!(noted.code, crate::diag::Code::PlainForm);
    assert!(
        noted
            .message
            .starts_with("`❤` followed by U+FE0F asks for an emoji in colour"),
        "{}",
        noted.message
    );
    assert!(shaper.take_notes().is_empty());
}
/// A letter whose accents compose into no single character is shaped; the
/// shaper may give the letter and its first accent one cluster of two glyphs.
/// Each glyph then shows one character: the plain letter's glyph must not stand
/// for "é" in the font's ToUnicode map (every other e would read as é), while
/// a glyph that stacks two accents shows both.
#[test]
fn a_glyph_of_a_cluster_shows_its_own_character() {
    let fonts = FontSet::bundled();
    let shaper = Shaper::new(&fonts).unwrap();
    let style = test_style(&fonts);
    let words = shaper
        .words(&[test_inline("e\u{301}\u{302}\u{303}", style)])
        .unwrap();
    let run = &words[0].runs[0];
    let plain_e = shaper.glyph(run.face, 'e').unwrap();
    let shaped = run.shaped.as_ref().unwrap();
    assert!(
        shaped.ligatures.iter().all(|(gid, _)| *gid != plain_e),
        "{shaped:?}"
    );
    let shown: String = run.glyphs.iter().map(|g| g.ch).collect();
    assert!(shown.starts_with("e\u{301}"), "{shown:?}");
    assert_eq!(words[0].reading(), "e\u{301}\u{302}\u{303}");
}

/// Thai is written without spaces between words; a zero-width space (U+200B)
/// marks where a line may break, and the words are shaped on either side.
#[test]
fn a_zero_width_space_is_where_thai_may_break() {
    let (fonts, style) = test_fallback(&format!("{NOTO}/NotoSansThai-Regular.ttf"));
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper
        .words(&[test_inline("ภาษาไทย\u{200B}ทดสอบ\u{200B}ครับ", style)])
        .unwrap();
    let read: Vec<String> = words.iter().map(Word::reading).collect();
    assert_eq!(read, ["ภาษาไทย", "ทดสอบ", "ครับ"]);
    let space = words[0].space.as_ref().unwrap();
    assert_eq!(space.width, 0.0);
    assert!(space.stretch > 0.0);
    assert!(space.run.glyphs.is_empty(), "nothing is drawn there");
}

/// Persian writes a zero-width non-joiner inside words (می‌خواهم): the shaper
/// keeps the letters apart and drops it, but the word must keep it in the text
/// layer, so a glyph of no width stands for it (found by review).
#[test]
fn a_non_joiner_keeps_its_place_in_the_text() {
    let (fonts, style) = test_font(&format!("{NOTO}/NotoSansArabic-Regular.ttf"));
    let style = TextStyle { rtl: true, ..style };
    let shaper = Shaper::new(&fonts).unwrap();
    let words = shaper
        .words(&[test_inline("می\u{200C}خواهم", style)])
        .unwrap();
    let run = &words[0].runs[0];
    let zwnj: Vec<&Glyph> = run.glyphs.iter().filter(|g| g.ch == NON_JOINER).collect();
    assert_eq!(zwnj.len(), 1, "{:?}", run.glyphs);
    assert_eq!(zwnj[0].advance, 0.0);
    // In visual order, right to left: خواهم, the non-joiner, then می.
    let shown: String = run
        .glyphs
        .iter()
        .map(|g| g.ch)
        .filter(|&c| c != NO_CHAR)
        .collect();
    let at = shown.find(NON_JOINER).unwrap();
    assert!(
        shown[..at].contains('خ') && shown[at..].contains('م'),
        "{shown:?}"
    );
    assert!(shown[at..].contains('ی'), "{shown:?}");
}
