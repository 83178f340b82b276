//! In-process benchmark of `cvc build`, stage by stage.
//!
//!     cargo bench --bench build                 # the author's cv.toml, layout full
//!     cargo bench --bench build -- path/to/cv.toml [LAYOUT]
//!
//! Prints the median and minimum of each stage over many runs. Under `cargo test`
//! (no `--bench` argument) it builds once, as a smoke test, and prints nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cvc::{
    document, load_layout, parse_cv, write_pdf, FontSet, LayoutSource, PdfOptions, Shaper, Sources,
};

const STAGES: [&str; 6] = [
    "parse cv.toml",
    "parse layout",
    "load fonts",
    "select + typeset + paginate",
    "write PDF",
    "total",
];

fn once(cv_text: &str, layout: &str, times: &mut [Vec<Duration>; 6]) -> usize {
    let opts = PdfOptions {
        creator: "cvc bench".into(),
        date: None,
    };
    let t0 = Instant::now();
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", cv_text.to_string());
    let cv = parse_cv(file, cv_text).expect("cv parses");
    let t1 = Instant::now();
    let mut fonts = FontSet::bundled();
    let layout = load_layout(
        &mut sources,
        &LayoutSource::Builtin(layout.into()),
        &[],
        &mut fonts,
    )
    .expect("layout");
    let t2 = Instant::now();
    let shaper = Shaper::new(&fonts).expect("fonts");
    let t3 = Instant::now();
    let set = document(&cv, &layout, &shaper, None).expect("typesets");
    let t4 = Instant::now();
    let bytes = write_pdf(&set.pages, &set.meta, &fonts, &shaper.metrics, &opts).expect("pdf");
    let t5 = Instant::now();
    black_box(&bytes);
    for (i, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0]
        .into_iter()
        .enumerate()
    {
        times[i].push(d);
    }
    set.pages.pages.len()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let path = args
        .iter()
        .find(|a| a.ends_with(".toml"))
        .cloned()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/cv.toml").to_string());
    let layout = args
        .iter()
        .find(|a| !a.starts_with('-') && !a.ends_with(".toml"))
        .cloned()
        .unwrap_or_else(|| "full".to_string());
    let cv_text = std::fs::read_to_string(&path).expect("read the CV");
    let mut times: [Vec<Duration>; 6] = Default::default();
    let pages = once(&cv_text, &layout, &mut times);
    if !benching {
        return;
    }
    // Warm up, then measure for about three seconds.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        once(&cv_text, &layout, &mut times);
    }
    let runs = times[0].len();
    println!("{path} ({layout}): {pages} pages, {runs} runs");
    for (name, samples) in STAGES.iter().zip(times.iter_mut()) {
        samples.sort();
        let median = samples[samples.len() / 2];
        println!(
            "  {name:<18} median {:>8.3} ms   min {:>8.3} ms",
            median.as_secs_f64() * 1e3,
            samples[0].as_secs_f64() * 1e3
        );
    }
}
