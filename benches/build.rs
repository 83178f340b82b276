//! In-process benchmark of `cvc build`, stage by stage.
//!
//!     cargo bench --bench build                 # the author's cv.toml, layout full
//!     cargo bench --bench build -- path/to/cv.toml [LAYOUT]
//!     CVC_REBUILDS=10 [CVC_REBUILD_EDIT=1] valgrind --tool=callgrind target/release/deps/build-…
//!
//! (the last: one build and ten rebuilds, every other one edited, for callgrind;
//! compare with `CVC_REBUILDS=0`).
//!
//! Prints the median and minimum of each stage over many runs, then of rebuilds in
//! one process with the cache `cvc watch` keeps. Under `cargo test` (no `--bench`
//! argument) it builds once, as a smoke test, and prints nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cvc::{
    build_with, document, load_layout, parse_cv, write_pdf, Cache, FontSet, LayoutSource,
    PdfOptions, Request, Shaper, Sources,
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
    if std::env::var_os("CVC_REBUILDS").is_some() {
        return rebuilds(&path, &cv_text, &layout);
    }
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
        print_row(name, samples);
    }
    rebuilds(&path, &cv_text, &layout);
}

fn print_row(name: &str, samples: &mut [Duration]) {
    samples.sort();
    let median = samples[samples.len() / 2];
    println!(
        "  {name:<18} median {:>8.3} ms   min {:>8.3} ms",
        median.as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3
    );
}

/// Rebuilds in one process, as `cvc watch` makes them: one build, then many with
/// the cache it keeps, of the same CV and of the CV with one word changed (each
/// rebuild then sees a change, as after a save). Wall time per rebuild, and the
/// process's CPU time (both threads) per rebuild over all of them.
fn rebuilds(path: &str, cv_text: &str, layout: &str) {
    let layout = LayoutSource::Builtin(layout.into());
    let pdf = PdfOptions {
        creator: "cvc bench".into(),
        date: None,
    };
    let dir = std::path::Path::new(path)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    let mut cache = Cache::default();
    let mut build = |text: &str| {
        let request = Request {
            cv_name: path,
            cv_text: text,
            cv_dir: dir,
            layout: &layout,
            sets: &[],
            pdf: &pdf,
            fit: false,
        };
        let mut sources = Sources::default();
        let t = Instant::now();
        let out = build_with(&mut sources, &request, &mut cache);
        let took = t.elapsed();
        black_box(out.ok().expect("builds").pdf);
        took
    };
    let first = build(cv_text);
    // One word of the middle of the CV changed, back and forth.
    let middle = cv_text.len() / 2;
    let edited = cv_text[middle..].find(" and ").map(|i| {
        format!(
            "{} & {}",
            &cv_text[..middle + i],
            &cv_text[middle + i + 5..]
        )
    });
    // For callgrind: a fixed number of rebuilds (edited when asked), and nothing printed.
    if let Some(n) = std::env::var("CVC_REBUILDS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        let edit = std::env::var_os("CVC_REBUILD_EDIT").is_some();
        for i in 0..n {
            match &edited {
                Some(e) if edit && i % 2 == 0 => build(e),
                _ => build(cv_text),
            };
        }
        return;
    }
    println!(
        "rebuilds in one process: first build {:.3} ms",
        first.as_secs_f64() * 1e3
    );
    let mut measure = |name: &str, texts: [&str; 2]| {
        let mut times = Vec::new();
        let cpu = cpu_time();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            times.push(build(texts[times.len() % 2]));
        }
        let runs = times.len();
        print_row(name, &mut times);
        if let (Some(before), Some(after)) = (cpu, cpu_time()) {
            let each = (after - before) / runs as u32;
            println!(
                "  {:<18} mean {:>10.3} ms   ({runs} runs)",
                "  CPU time",
                each.as_secs_f64() * 1e3
            );
        }
    };
    measure("rebuild, same CV", [cv_text, cv_text]);
    if let Some(edited) = &edited {
        measure("rebuild, one edit", [edited, cv_text]);
    }
}

/// The CPU time of the process so far, user and system, from /proc (Linux only).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel's USER_HZ, 100 on every Linux cvc runs on.
    Some(Duration::from_millis(ticks * 10))
}
