//! The deterministic fuzz test: mutations of a corpus of real files, fed to the five
//! fuzz entry points of `cvc::fuzz` (the CV, a layout with `--set`, the whole
//! pipeline to PDF bytes, photo decoding, a `.bib` file imported and set). A fixed seed makes every run the same, so
//! CI can run it on stable Rust; `fuzz/` has the coverage-guided cargo-fuzz targets
//! for the same entry points.
//!
//! `CVC_FUZZ_INPUTS` sets how many inputs (default 20,000) and `CVC_FUZZ_SEED` the
//! seed; `docs/robustness.md` records a long run. Any panic fails the test and leaves
//! the input in `target/fuzz-failures/`; an input that ever failed goes into
//! `tests/fixtures/fuzz/` and runs in [`every_input_that_ever_failed_is_handled`].

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::root;
use cvc::fuzz::{self, Outcome, SEPARATOR};

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The fuzz targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Cv,
    Layout,
    Pipeline,
    Photo,
    Bibtex,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Cv => "cv",
            Target::Layout => "layout",
            Target::Pipeline => "pipeline",
            Target::Photo => "photo",
            Target::Bibtex => "bibtex",
        }
    }

    fn run(self, data: &[u8]) -> Outcome {
        match self {
            Target::Cv => fuzz::cv(data),
            Target::Layout => fuzz::layout(data),
            Target::Pipeline => fuzz::pipeline(data, &root().join("examples/academic")),
            Target::Photo => fuzz::photo(data),
            Target::Bibtex => fuzz::bibtex(data),
        }
    }
}

/// The seed files: `fuzz/seeds/` (the seeds of the cargo-fuzz targets too), the
/// examples, the built-in layouts, the author's CV and the stress CV.
struct Corpus {
    cvs: Vec<Vec<u8>>,
    /// CVs small enough to typeset many times over.
    small_cvs: Vec<Vec<u8>>,
    /// Layouts, without `--set` lines.
    layouts: Vec<Vec<u8>>,
    sets: Vec<&'static str>,
    photos: Vec<Vec<u8>>,
    bibs: Vec<Vec<u8>>,
}

/// The files of `fuzz/seeds/<target>`, by name.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("fuzz/seeds").join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            (name, std::fs::read(&path).expect("seed"))
        })
        .collect();
    files.sort();
    files
}

fn corpus() -> Corpus {
    let read = |p: &str| std::fs::read(root().join(p)).expect("a file of the repository");
    let mut cvs: Vec<Vec<u8>> = seeds("cv").into_iter().map(|(_, d)| d).collect();
    cvs.push(read("examples/engineer/cv.toml"));
    cvs.push(read("examples/academic/cv.toml"));
    let small_cvs = cvs.clone();
    cvs.push(read("cv.toml"));
    cvs.push(read("examples/stress/cv.toml"));
    let separator = SEPARATOR.as_bytes();
    let mut layouts: Vec<Vec<u8>> = seeds("layout")
        .into_iter()
        .map(
            |(_, d)| match d.windows(separator.len()).position(|w| w == separator) {
                Some(at) => d[..at].to_vec(),
                None => d,
            },
        )
        .collect();
    layouts.push(read("layouts/full.toml"));
    layouts.push(read("layouts/onepage.toml"));
    let sets = vec![
        "page.size=letter",
        "sizes.body=9.5",
        "dates.width=20",
        "page.margins.left=30",
        "text.hyphenate=false",
        "text.language=de",
        "dates.present=now",
        "header.photo_height=40",
        "select.include_tags=[\"resume\"]",
        "spacing.leading=1.1",
        "bullets.symbol=–",
        "max_pages=1",
    ];
    Corpus {
        cvs,
        small_cvs,
        layouts,
        sets,
        photos: seeds("photo").into_iter().map(|(_, d)| d).collect(),
        bibs: seeds("bibtex").into_iter().map(|(_, d)| d).collect(),
    }
}

/// Text that breaks naive code: combining marks, scripts of every width and
/// direction, emoji sequences, invisible and control characters, markup.
const HOSTILE: &[&str] = &[
    "e\u{301}",
    "\u{301}",
    "\u{308}\u{308}\u{308}",
    "É",
    "ß",
    "ǅ",
    "İ",
    "ﬁ",
    "中文",
    "日本語",
    "한국어",
    "العربية",
    "עברית",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{200D}",
    "\u{FE0F}",
    "❤️",
    "👩‍🔬",
    "🏳️‍🌈",
    "\u{AD}",
    "\u{A0}",
    "\u{2028}",
    "\u{7}",
    "\u{0}",
    "\u{1B}[31m",
    "\u{FFFD}",
    "\u{10FFFF}",
    "\u{FEFF}",
    "𝔘",
    "ẞ",
    "ﷺ",
    "ཀྵ",
    "**",
    "*",
    "[",
    "](",
    ")",
    "\\",
    "\\*",
    "[x](y)",
    "***",
    "\"",
    "'",
    "\\u0000",
    "\\U0010FFFF",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "=",
    "[[section]]",
    "\"\"\"",
];

/// Text the bundled fonts can print, chosen to stress markup, line breaking and
/// hyphenation: accents precomposed and combining, ligatures, invisible breaks,
/// long words, links, typewriter quotes.
const PRINTABLE: &[&str] = &[
    "é",
    "e\u{301}",
    "ß",
    "ẞ",
    "İ",
    "ﬁ",
    "Ødegård",
    "αβγ",
    "Жжж",
    "✉",
    "★",
    "➤",
    "—",
    "–",
    "…",
    "€",
    "\u{A0}",
    "\u{AD}",
    "\u{200B}",
    "**bold**",
    "*it*",
    "**",
    "*",
    "[",
    "]",
    "(",
    ")",
    "[t](https://a.b/(c))",
    "\\*",
    "\"quoted\"",
    "it's",
    "'23",
    "supercalifragilisticexpialidocious",
    "https://example.org/a/b?c=d#e",
    "name@example.org",
    "C++/CUDA",
    "Encoder-Decoder",
    "\n\n",
    "\n",
    "  ",
    "1234567890",
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "a/b/c/d/e/f/g/h/i/j/k/l/m",
];

/// Numbers at the edges: what a layout's ranges and the schema's dates must refuse.
const EXTREMES: &[&str] = &[
    "nan",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "1e-300",
    "99999999999999999999",
    "0x7fffffff",
    "-0.0",
    "4",
    "72",
    "2000",
    "0000",
    "9999",
    "\"1000-02-29\"",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(15) {
            10..=12 => {
                // Hostile text inside a string, escaped: the file stays valid TOML,
                // so the text reaches markup, shaping and line breaking.
                if let Some(at) = string_position(rng, data) {
                    let piece = toml_escaped(rng.pick::<&str>(HOSTILE));
                    data.splice(at..at, piece.into_bytes());
                }
            }
            0 if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
            1 => {
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(at..at, bytes);
            }
            2 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                data.drain(at.min(end)..end);
            }
            3 | 4 => {
                // A line from another seed, or from this one, spliced in.
                let other = if corpus.is_empty() {
                    data.clone()
                } else {
                    rng.pick(corpus).clone()
                };
                let lines: Vec<&[u8]> = other.split(|&b| b == b'\n').collect();
                let mut line = rng.pick(&lines).to_vec();
                line.push(b'\n');
                let at = line_start(data, at);
                data.splice(at..at, line);
            }
            5 if len > 0 => {
                let start = line_start(data, at);
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(len, |k| start + k + 1);
                data.drain(start..end);
            }
            6 | 7 => {
                // Hostile text next to markup, inside a string where possible.
                let near = markup_position(rng, data).unwrap_or(at);
                let piece = rng.pick(HOSTILE).as_bytes().to_vec();
                let at = (near + rng.below(2)).min(data.len());
                data.splice(at..at, piece);
            }
            8 => {
                if let Some((s, e)) = number_at(data, at) {
                    data.splice(s..e, rng.pick(EXTREMES).bytes());
                }
            }
            9 if len > 1 => {
                // A slice repeated: long words, many asterisks, many sections.
                let s = rng.below(len);
                let e = (s + 1 + rng.below(16)).min(len);
                let piece = data[s..e].to_vec();
                let times = 1 + rng.below(200);
                let at = rng.below(data.len() + 1);
                let repeated: Vec<u8> = piece
                    .iter()
                    .copied()
                    .cycle()
                    .take(piece.len() * times)
                    .collect();
                data.splice(at..at, repeated);
            }
            13 => respell(rng, data),
            _ => data.truncate(at),
        }
    }
    data.truncate(256 * 1024);
}

/// Rewrites the value of one `key = "…"` string of any key (an id, a date, a
/// link, an ORCID iD) with each pair of ASCII letters or digits turned into one
/// two-byte character: the same length in bytes but fewer characters, which is
/// what code that takes one for the other trips on.
fn respell(rng: &mut Rng, data: &mut [u8]) {
    const TWO_BYTES: [&str; 4] = ["é", "ж", "٣", "ß"];
    let mut values = Vec::new();
    let mut start = 0;
    for line in data.split(|&b| b == b'\n') {
        if let Some(q) = line.windows(3).position(|w| w == b"= \"") {
            let open = start + q + 3;
            let len = line[q + 3..].iter().position(|&b| b == b'"').unwrap_or(0);
            values.push(open..open + len);
        }
        start += line.len() + 1;
    }
    if values.is_empty() {
        return;
    }
    let value = rng.pick(&values).clone();
    let mut at = value.start;
    while at + 1 < value.end {
        if data[at].is_ascii_alphanumeric() && data[at + 1].is_ascii_alphanumeric() {
            let c = rng.pick(&TWO_BYTES).as_bytes();
            data[at..at + 2].copy_from_slice(c);
            at += 2;
        } else {
            at += 1;
        }
    }
}

/// A random position inside the text of a one-line basic string (`key = "…"`).
fn string_position(rng: &mut Rng, data: &[u8]) -> Option<usize> {
    let mut positions = Vec::new();
    let mut start = 0;
    // Keys of running text: a date, a link or an id with text inside is refused
    // before it reaches the typesetter.
    const TEXT_KEYS: [&[u8]; 12] = [
        b"name",
        b"headline",
        b"title",
        b"text",
        b"venue",
        b"note",
        b"subtitle",
        b"organisation",
        b"location",
        b"label",
        b"skills",
        b"languages",
    ];
    for line in data.split(|&b| b == b'\n') {
        let key = line.split(|&b| b == b' ').next().unwrap_or_default();
        if !TEXT_KEYS.contains(&key) {
            start += line.len() + 1;
            continue;
        }
        if let Some(q) = line.windows(3).position(|w| w == b"= \"") {
            let open = start + q + 3;
            let len = line[q + 3..].iter().position(|&b| b == b'"').unwrap_or(0);
            positions.extend(open..=open + len);
        }
        start += line.len() + 1;
    }
    (!positions.is_empty()).then(|| *rng.pick(&positions))
}

/// `s` as it is written inside a TOML basic string.
fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if c.is_control() => format!("\\u{:04X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// Hostile text inside one to eight strings of a valid file: it stays valid.
fn mutate_text(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(8) {
        if let Some(at) = string_position(rng, data) {
            let palette = if rng.below(5) == 0 {
                HOSTILE
            } else {
                PRINTABLE
            };
            let piece = toml_escaped(rng.pick::<&str>(palette));
            data.splice(at..at, piece.into_bytes());
        }
    }
}

fn line_start(data: &[u8], at: usize) -> usize {
    data[..at.min(data.len())]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1)
}

/// A random position of a markup character or a quote.
fn markup_position(rng: &mut Rng, data: &[u8]) -> Option<usize> {
    let positions: Vec<usize> = data
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'*' | b'[' | b']' | b'(' | b')' | b'\\' | b'"'))
        .map(|(i, _)| i)
        .collect();
    (!positions.is_empty()).then(|| *rng.pick(&positions))
}

/// The digits of the number at or after `at`.
fn number_at(data: &[u8], at: usize) -> Option<(usize, usize)> {
    let s = at + data.get(at..)?.iter().position(u8::is_ascii_digit)?;
    let e = s + data[s..]
        .iter()
        .position(|b| !(b.is_ascii_digit() || *b == b'.'))
        .unwrap_or(data.len() - s);
    Some((s, e))
}

/// One input for `target`, made from the corpus.
fn input(rng: &mut Rng, corpus: &Corpus, target: Target) -> Vec<u8> {
    match target {
        Target::Cv => {
            let mut cv = rng.pick(&corpus.cvs).clone();
            mutate(rng, &mut cv, &corpus.cvs);
            cv
        }
        Target::Layout => {
            let mut layout = rng.pick(&corpus.layouts).clone();
            mutate(rng, &mut layout, &corpus.layouts);
            let mut data = layout;
            data.extend_from_slice(SEPARATOR.as_bytes());
            data.extend_from_slice(sets(rng, corpus).as_bytes());
            data
        }
        Target::Pipeline => {
            let mut cv = rng.pick(&corpus.small_cvs).clone();
            let mut layout = match rng.below(3) {
                0 => b"full".to_vec(),
                1 => b"onepage".to_vec(),
                _ => rng.pick(&corpus.layouts).clone(),
            };
            match rng.below(7) {
                0..=3 => mutate_text(rng, &mut cv),
                4 => mutate(rng, &mut cv, &corpus.small_cvs),
                5 => mutate(rng, &mut layout, &corpus.layouts),
                _ => {}
            }
            let mut data = cv;
            data.extend_from_slice(SEPARATOR.as_bytes());
            data.extend_from_slice(&layout);
            data.extend_from_slice(SEPARATOR.as_bytes());
            data.extend_from_slice(sets(rng, corpus).as_bytes());
            data
        }
        Target::Photo => {
            let mut photo = rng.pick(&corpus.photos).clone();
            let rounds = 1 + rng.below(3);
            for _ in 0..rounds {
                let at = rng.below(photo.len());
                match rng.below(4) {
                    0 => photo[at] ^= 1 << rng.below(8),
                    1 => photo.truncate(at.max(2)),
                    2 => photo[at] = 0xFF,
                    _ => {
                        // Header fields (sizes live in the first bytes of both formats).
                        let at = rng.below(photo.len().min(200));
                        photo[at] = rng.next() as u8;
                    }
                }
            }
            photo
        }
        Target::Bibtex => {
            let mut bib = rng.pick(&corpus.bibs).clone();
            for _ in 0..1 + rng.below(4) {
                if rng.below(2) == 0 {
                    let at = rng.below(bib.len() + 1);
                    bib.splice(at..at, rng.pick(BIB_PIECES).bytes());
                } else {
                    mutate(rng, &mut bib, &corpus.bibs);
                }
            }
            bib
        }
    }
}

/// What a `.bib` file is made of, and what breaks readers of it: braces,
/// commands, `@string`s and their joins, math, links between entries, names.
const BIB_PIECES: &[&str] = &[
    "{",
    "}",
    "{{",
    "}}",
    "\\",
    "\\\\",
    "\\'",
    "\\\"{o}",
    "\\'\\i",
    "\\emph{",
    "{\\em ",
    "\\textbf{x}",
    "$",
    "$\\alpha$",
    "^",
    "_",
    "~",
    "--",
    "---",
    "#",
    " # prl # ",
    "@string{prl = prl}",
    "@string{a = b # b}",
    "@comment{",
    "@preamble{\"x\"}",
    "@misc{x, title = {T}}",
    ",",
    "=",
    "\"",
    "%",
    "\n",
    " and ",
    " and others",
    "Doe*, J.",
    "{van der Berg}, Anna",
    "von",
    "Jr.",
    "crossref = {doe2021},",
    "crossref = {paper2020},",
    "xdata = {doe2021, x},",
    "month = {jan 300},",
    "date = {12345X},",
    "year = {0},",
    "date = {2024-02-30/..},",
    "pages = {9999999999--1},",
    "url = {javascript:x},",
    "doi = {10.},",
    "keywords = {;;,},",
    "ids = {doe2021},",
    "\u{7}",
    "é",
    "中",
    "\u{202E}",
    "\u{FFFD}",
    "*",
    "[",
    "](",
    "(",
];

fn sets(rng: &mut Rng, corpus: &Corpus) -> String {
    let n = rng.below(3);
    let mut out: Vec<String> = Vec::new();
    for _ in 0..n {
        let mut set = rng.pick(&corpus.sets).as_bytes().to_vec();
        if rng.below(3) == 0 {
            mutate(rng, &mut set, &[]);
        } else if let Some((s, e)) = set
            .iter()
            .position(|&b| b == b'=')
            .map(|i| (i + 1, set.len()))
        {
            set.splice(s..e, rng.pick(EXTREMES).bytes());
        }
        out.push(String::from_utf8_lossy(&set).replace('\n', " "));
    }
    out.join("\n")
}

/// What a run found.
#[derive(Default)]
struct Report {
    inputs: usize,
    accepted: usize,
    per_target: [usize; 5],
    accepted_per_target: [usize; 5],
    panics: Vec<(Target, PathBuf, String)>,
    slowest: Duration,
    slowest_target: Option<Target>,
}

/// Run `count` inputs from `seed`, of the targets `choose` picks; panics are
/// caught, their inputs saved.
fn run(count: usize, seed: u64, choose: impl Fn(&mut Rng) -> Target) -> Report {
    let corpus = corpus();
    let mut rng = Rng(seed);
    let mut report = Report::default();
    let last_panic = Arc::new(Mutex::new(String::new()));
    let hook_message = Arc::clone(&last_panic);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut m) = hook_message.lock() {
            *m = info.to_string();
        }
    }));
    let failures = root().join("target/fuzz-failures");
    for i in 0..count {
        let target = choose(&mut rng);
        let data = input(&mut rng, &corpus, target);
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| target.run(&data)));
        let took = started.elapsed();
        report.inputs += 1;
        report.per_target[target as usize] += 1;
        if took > report.slowest {
            report.slowest = took;
            report.slowest_target = Some(target);
        }
        match result {
            Ok(Outcome::Accepted) => {
                report.accepted += 1;
                report.accepted_per_target[target as usize] += 1;
            }
            Ok(Outcome::Refused) => {}
            Err(_) => {
                let path = failures.join(format!("{}-{seed}-{i}.bin", target.name()));
                let mut message = last_panic.lock().map(|m| m.clone()).unwrap_or_default();
                // The hook is ours here: a failure to keep the input is reported
                // with the panic, not as a panic of its own.
                if let Err(e) =
                    std::fs::create_dir_all(&failures).and_then(|()| std::fs::write(&path, &data))
                {
                    message.push_str(&format!(" (the input could not be kept: {e})"));
                }
                report.panics.push((target, path, message));
            }
        }
    }
    std::panic::set_hook(previous);
    report
}

/// The whole number in the variable `name`, or `default` when it is not set; a
/// value that is not a number fails rather than run the default unasked.
fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}={v:?} is not a whole number: {e}")),
        Err(std::env::VarError::NotPresent) => default,
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn twenty_thousand_mutated_inputs_get_an_answer_and_never_a_panic() {
    let count = env_number("CVC_FUZZ_INPUTS", 20_000) as usize;
    let seed = env_number("CVC_FUZZ_SEED", 0x00C5_C0DE);
    let started = Instant::now();
    let report = run(count, seed, |rng| match rng.below(100) {
        0..=49 => Target::Cv,
        50..=74 => Target::Layout,
        75..=89 => Target::Photo,
        _ => Target::Pipeline,
    });
    let n = |t: Target| {
        format!(
            "{} {} ({} accepted)",
            t.name(),
            report.per_target[t as usize],
            report.accepted_per_target[t as usize]
        )
    };
    println!(
        "fuzz: {} inputs ({}, {}, {}, {}) in {:.1} s; {} accepted, {} refused, {} panics; slowest input {:.0} ms ({:?})",
        report.inputs,
        n(Target::Cv),
        n(Target::Layout),
        n(Target::Pipeline),
        n(Target::Photo),
        started.elapsed().as_secs_f64(),
        report.accepted,
        report.inputs - report.accepted - report.panics.len(),
        report.panics.len(),
        report.slowest.as_secs_f64() * 1000.0,
        report.slowest_target.map(Target::name),
    );
    judge(&report, count, "inputs to reach the later stages");
}

/// `.bib` files: the seeds with BibTeX's pieces and hostile text spliced in,
/// and the mutations of the other targets, each imported and set. Their own count
/// (`CVC_FUZZ_BIB_INPUTS`, default 3,000), so that the other targets' inputs stay
/// those of their seed.
#[test]
fn mutated_bib_files_get_an_answer_and_never_a_panic() {
    let count = env_number("CVC_FUZZ_BIB_INPUTS", 3_000) as usize;
    let seed = env_number("CVC_FUZZ_SEED", 0x00C5_C0DE);
    let started = Instant::now();
    let report = run(count, seed, |_| Target::Bibtex);
    println!(
        "fuzz: {} .bib inputs in {:.1} s; {} accepted, {} panics; slowest input {:.0} ms",
        report.inputs,
        started.elapsed().as_secs_f64(),
        report.accepted,
        report.panics.len(),
        report.slowest.as_secs_f64() * 1000.0,
    );
    judge(&report, count, ".bib files to reach typesetting");
}

/// No input of `report` (of `count`) panicked, and a twentieth of them at least
/// were accepted: else the mutations leave too few valid `what`.
fn judge(report: &Report, count: usize, what: &str) {
    assert!(
        report.panics.is_empty(),
        "{} inputs panicked; the first: {:?}",
        report.panics.len(),
        report.panics.first()
    );
    assert!(
        report.accepted > count / 20,
        "the mutations leave too few valid {what}"
    );
}

/// Every input a fuzzer ever found a bug with, by target (`cv-*.bin`, `layout-*`,
/// `pipeline-*`, `photo-*`).
#[test]
fn every_input_that_ever_failed_is_handled() {
    let dir = root().join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures/fuzz") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let target = [
            Target::Cv,
            Target::Layout,
            Target::Pipeline,
            Target::Photo,
            Target::Bibtex,
        ]
        .into_iter()
        .find(|t| name.starts_with(&format!("{}-", t.name())))
        .unwrap_or_else(|| panic!("{name}: name it after its target"));
        let data = std::fs::read(&path).expect("read");
        let result = catch_unwind(AssertUnwindSafe(|| target.run(&data)));
        assert!(result.is_ok(), "{name} panics again");
        seen += 1;
    }
    assert!(seen > 0);
}

/// Every seed is a valid input, accepted by its target: a mutation that is refused
/// is refused for what the mutation did.
#[test]
fn every_seed_is_accepted() {
    for target in [
        Target::Cv,
        Target::Layout,
        Target::Pipeline,
        Target::Photo,
        Target::Bibtex,
    ] {
        let seeds = seeds(target.name());
        assert!(!seeds.is_empty(), "no seeds for {}", target.name());
        for (name, data) in seeds {
            assert_eq!(
                target.run(&data),
                Outcome::Accepted,
                "{}/{name}",
                target.name()
            );
        }
    }
}
