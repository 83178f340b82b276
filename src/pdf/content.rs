//! A page's content stream, written straight to bytes.
//!
//! printpdf turns its `Op`s into lopdf objects and lopdf formats them, every byte of
//! every glyph string through `write!` as two hex digits: that was a quarter of a
//! build. The operators a CV needs are few (fill colour, rectangles, images, text
//! with positioning), so they are written here, each method one operator, in the
//! spirit of pdf-writer's `Content`. Text strings are literal strings of two-byte
//! glyph codes (half the bytes of hex), numbers have at most four decimals.
//!
//! The only state is the open text-showing array: `code` and `adjust` append to one
//! `[...] TJ`, and every other operator closes it first, so callers cannot produce a
//! malformed stream.

/// A content stream being written.
#[derive(Debug, Default)]
pub struct Content {
    buf: Vec<u8>,
    /// Inside `[` of a TJ array.
    array: bool,
    /// Inside `(` of a string in that array.
    string: bool,
}

impl Content {
    pub fn new() -> Self {
        Content {
            buf: Vec::with_capacity(16 * 1024),
            ..Content::default()
        }
    }

    /// The finished stream.
    pub fn finish(mut self) -> Vec<u8> {
        self.end_show();
        self.buf
    }

    /// `r g b rg`: the fill colour, which text also uses.
    pub fn fill_rgb(&mut self, rgb: [f32; 3]) {
        self.op_numbers(&rgb, b"rg");
    }

    /// `x y w h re f`: a filled rectangle (`y` is its lower edge).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.op_numbers(&[x, y, w, h], b"re");
        self.buf.extend_from_slice(b"f\n");
    }

    /// `q w 0 0 h x y cm /name Do Q`: an image XObject drawn into a box.
    pub fn image(&mut self, name: &str, x: f32, y: f32, w: f32, h: f32) {
        self.end_show();
        self.buf.extend_from_slice(b"q\n");
        self.op_numbers(&[w, 0.0, 0.0, h, x, y], b"cm");
        self.name(name);
        self.buf.extend_from_slice(b" Do\nQ\n");
    }

    /// `BT`.
    pub fn begin_text(&mut self) {
        self.end_show();
        self.buf.extend_from_slice(b"BT\n");
    }

    /// `ET`.
    pub fn end_text(&mut self) {
        self.end_show();
        self.buf.extend_from_slice(b"ET\n");
    }

    /// `/name size Tf`.
    pub fn font(&mut self, name: &str, size: f32) {
        self.end_show();
        self.name(name);
        self.buf.push(b' ');
        self.op_numbers(&[size], b"Tf");
    }

    /// `1 0 0 1 x y Tm`: start a line of text at (x, y).
    pub fn text_at(&mut self, x: f32, y: f32) {
        self.op_numbers(&[1.0, 0.0, 0.0, 1.0, x, y], b"Tm");
    }

    /// `r Ts`: the glyphs that follow are raised `points` above the baseline
    /// (marks that shaping placed above or below their letters).
    pub fn rise(&mut self, points: f32) {
        self.op_numbers(&[points], b"Ts");
    }

    /// `n Tr`: how glyphs are drawn: 0 filled, 3 not at all (they are still
    /// read as text).
    pub fn render_mode(&mut self, mode: u8) {
        self.op_numbers(&[f32::from(mode)], b"Tr");
    }

    /// Show one glyph, by its two-byte code (Identity-H).
    pub fn code(&mut self, code: u16) {
        if !self.array {
            self.buf.push(b'[');
            self.array = true;
        }
        if !self.string {
            self.buf.push(b'(');
            self.string = true;
        }
        for b in code.to_be_bytes() {
            // In a literal string these three must be escaped, and a bare carriage
            // return would read as a line feed.
            match b {
                b'(' | b')' | b'\\' => self.buf.extend_from_slice(&[b'\\', b]),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                _ => self.buf.push(b),
            }
        }
    }

    /// A TJ number: move the pen left by `thousandths` of an em (negative = right).
    pub fn adjust(&mut self, thousandths: f32) {
        if !self.array {
            self.buf.push(b'[');
            self.array = true;
        }
        if self.string {
            self.buf.push(b')');
            self.string = false;
        } else {
            self.buf.push(b' ');
        }
        number(&mut self.buf, thousandths);
    }

    /// `/Span <</ActualText (…)>> BDC`: an extractor reads `text` instead of the
    /// glyphs shown up to the matching [`Content::end_marked`].
    pub fn begin_actual_text(&mut self, text: &str) {
        self.end_show();
        self.buf.extend_from_slice(b"/Span <</ActualText <FEFF");
        for unit in text.encode_utf16() {
            for b in unit.to_be_bytes() {
                self.buf.push(HEX[usize::from(b >> 4)]);
                self.buf.push(HEX[usize::from(b & 15)]);
            }
        }
        self.buf.extend_from_slice(b">>> BDC\n");
    }

    /// `EMC`.
    pub fn end_marked(&mut self) {
        self.end_show();
        self.buf.extend_from_slice(b"EMC\n");
    }

    /// Close an open TJ array.
    fn end_show(&mut self) {
        if self.string {
            self.buf.push(b')');
            self.string = false;
        }
        if self.array {
            self.buf.extend_from_slice(b"] TJ\n");
            self.array = false;
        }
    }

    fn name(&mut self, name: &str) {
        // Resource names are cvc's own (`F1`, `Im1`): plain ASCII, nothing to escape.
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
    }

    fn op_numbers(&mut self, operands: &[f32], operator: &[u8]) {
        self.end_show();
        for v in operands {
            number(&mut self.buf, *v);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(operator);
        self.buf.push(b'\n');
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A number with at most four decimals and no trailing zeros: a ten-thousandth of a
/// point is far below any device's resolution, and colours need three digits.
fn number(buf: &mut Vec<u8>, v: f32) {
    let scaled = (f64::from(v) * 10_000.0).round() as i64;
    if scaled < 0 {
        buf.push(b'-');
    }
    let abs = scaled.unsigned_abs();
    let (int, frac) = (abs / 10_000, abs % 10_000);
    let mut digits = [0u8; 20];
    let mut n = int;
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
    if frac != 0 {
        let f = [
            b'.',
            b'0' + (frac / 1000) as u8,
            b'0' + (frac / 100 % 10) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let mut len = f.len();
        while f[len - 1] == b'0' {
            len -= 1;
        }
        buf.extend_from_slice(&f[..len]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: Content) -> String {
        String::from_utf8_lossy(&c.finish()).into_owned()
    }

    #[test]
    fn numbers_are_short_and_exact_to_four_decimals() {
        let mut buf = Vec::new();
        for v in [
            0.0,
            -0.0,
            1.0,
            -466.01,
            0.101_960_786,
            56.692_917,
            1e-6,
            -2.5,
        ] {
            number(&mut buf, v);
            buf.push(b' ');
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "0 0 1 -466.01 0.102 56.6929 0 -2.5 "
        );
    }

    #[test]
    fn text_showing_is_one_array_closed_by_the_next_operator() {
        let mut c = Content::new();
        c.begin_text();
        c.font("F1", 9.0);
        c.text_at(56.5, 700.0);
        c.code(0x0003);
        c.code(0x0024);
        c.adjust(20.0);
        c.code(0x0015);
        c.adjust(-3.5);
        c.fill_rgb([1.0, 0.0, 0.5]);
        c.code(0x0001);
        c.end_text();
        assert_eq!(
            text(c),
            "BT\n/F1 9 Tf\n1 0 0 1 56.5 700 Tm\n[(\u{0}\u{3}\u{0}$)20(\u{0}\u{15})-3.5] TJ\n\
             1 0 0.5 rg\n[(\u{0}\u{1})] TJ\nET\n"
        );
    }

    #[test]
    fn string_delimiters_in_glyph_codes_are_escaped() {
        let mut c = Content::new();
        c.code(0x2829);
        c.code(0x5C0D);
        assert_eq!(c.finish(), b"[(\\(\\)\\\\\\r)] TJ\n");
    }

    #[test]
    fn actual_text_is_utf16_with_a_byte_order_mark() {
        let mut c = Content::new();
        c.begin_actual_text("é");
        c.code(1);
        c.end_marked();
        assert_eq!(
            text(c),
            "/Span <</ActualText <FEFF00E9>>> BDC\n[(\u{0}\u{1})] TJ\nEMC\n"
        );
    }

    #[test]
    fn an_image_is_drawn_in_its_own_graphics_state() {
        let mut c = Content::new();
        c.image("Im1", 10.0, 20.0, 30.0, 40.0);
        assert_eq!(text(c), "q\n30 0 0 40 10 20 cm\n/Im1 Do\nQ\n");
    }
}
