//! Layouts as a user meets them: `--layout`, `--set`, `extends`, `cvc layouts`, and
//! one cv.toml giving both a one-page résumé and the full CV.

mod common;

use common::{
    build_in_scratch, cvc, pages, path, pdf_text, root, scratch, stderr, succeeded, tool, write,
};

#[test]
fn the_author_cv_is_one_page_in_onepage_with_what_a_resume_needs() {
    let (pdf, out) = build_in_scratch("cv.toml", "onepage", &["--layout", "onepage"]);
    assert!(
        !stderr(&out).contains("warning"),
        "no warning: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("(1 page, "), "{}", stderr(&out));
    if let Some(n) = pages(&pdf) {
        assert_eq!(n, 1, "pdfinfo counts {n} pages");
    }
    let Some(text) = pdf_text(&pdf) else {
        return;
    };
    for shown in [
        "Principal Researcher for AI Systems and Networks",
        "Senior Research Engineer for Large-scale AI",
        "AI Resident » Researcher » Senior Researcher",
        "PhD Computational Neuroscience",
        "Publications",
        "Laser writing in glass for dense, fast and efficient archival data storage",
        "Reconstruction and Simulation of Neocortical Microcircuitry",
        "Skills: Python, PyTorch",
        "Languages: fluent in English",
        "brunomaga@gmail.com",
    ] {
        assert!(text.contains(shown), "the résumé shows {shown:?}:\n{text}");
    }
    for hidden in [
        "I design computer vision models",     // paragraphs: full CV only
        "Efficient Distributed Transposition", // not a selected publication
        "as Researcher, 2021",                 // a bullet tagged "full"
        "Posts",                               // no item of it is tagged "resume"
        "Teaching Assistant",                  // an entry not tagged "resume"
        "Design and configuration of Linux servers", // a bullet tagged "full"
    ] {
        assert!(!text.contains(hidden), "the résumé hides {hidden:?}");
    }
    // Current roles first.
    let huawei = text.find("Huawei Research").unwrap();
    let synthesia = text.find("Synthesia").unwrap();
    let microsoft = text.find("Microsoft Research").unwrap();
    assert!(huawei < synthesia && synthesia < microsoft);
}

#[test]
fn the_full_layout_shows_what_onepage_leaves_out() {
    let (pdf, _) = build_in_scratch("cv.toml", "full", &["--layout", "full"]);
    let Some(text) = pdf_text(&pdf) else {
        return;
    };
    for shown in [
        "I design computer vision models",
        "Efficient Distributed Transposition",
        "as Researcher, 2021",
        "Posts",
        "Design and configuration of Linux servers",
        "Felix Schüermann",
    ] {
        assert!(text.contains(shown), "the full CV shows {shown:?}");
    }
}

#[test]
fn set_changes_one_key_for_one_build() {
    let dir = scratch("set");
    write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Job\"\nstart = \"2020-03\"\nend = \"present\"\n");
    let out = cvc(
        &[
            "build",
            "--set",
            "page.size=letter",
            "--set",
            "dates.language=fr",
        ],
        &dir,
    );
    succeeded(&out);
    let pdf = dir.join("cv.pdf");
    if let Some(info) = tool("pdfinfo", &[path(&pdf)]) {
        assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    }
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("mars 2020 – présent"), "{text}");
    }
    let out = cvc(&["build", "--set", "page.size=lettr"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next().unwrap(),
        "--set:1:14: error: `lettr` is not a valid `size`: use `a4`, `letter`, `a5` or `legal`"
    );
    assert!(stderr(&out).contains("= help: did you mean `letter`?"));
    let out = cvc(&["build", "--set", "sizes.bdy=9"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("--set:1:7: error: unknown key `bdy`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("did you mean `body`?"));
}

#[test]
fn a_user_layout_extends_a_builtin_and_can_live_in_layouts() {
    let dir = scratch("extends");
    std::fs::copy(root().join("cv.toml"), dir.join("cv.toml")).unwrap();
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    write(
        &dir,
        "layouts/mine.toml",
        "extends = \"onepage\"\ndescription = \"mine\"\n[colors]\naccent = \"#8b0000\"\n",
    );
    let out = cvc(&["build", "--layout", "mine", "-o", "mine.pdf"], &dir);
    succeeded(&out);
    assert!(
        stderr(&out).contains("(1 page, "),
        "still the one-page résumé: {}",
        stderr(&out)
    );
    write(&dir, "layouts/bad.toml", "extends = \"onepag\"\n");
    let out = cvc(&["build", "--layout", "bad"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .starts_with("layouts/bad.toml:1:12: error: there is no built-in layout `onepag`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("did you mean `onepage`?"));
}

#[test]
fn a_selection_that_empties_a_section_is_reported() {
    let dir = scratch("empty-section");
    write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\nid = \"work\"\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Job\"\ntags = [\"resume\"]\n[[section]]\nid = \"talks\"\ntitle = \"Talks\"\n[[section.item]]\ntext = \"A talk\"\n");
    write(&dir, "l.toml", "[select]\ninclude_tags = [\"resume\"]\n");
    let out = cvc(&["build", "--layout", "l.toml"], &dir);
    succeeded(&out);
    assert!(
        stderr(&out).starts_with("cv.toml:11:10: warning: layout `l`: the selection rules keep nothing of section `Talks`; it is left out"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn layouts_are_listed_and_shown() {
    let dir = scratch("list");
    let out = cvc(&["layouts"], &dir);
    succeeded(&out);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.lines()
            .any(|l| l.starts_with("full ") && l.contains("academic CV")),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.starts_with("onepage ") && l.contains("résumé")),
        "{list}"
    );
    let out = cvc(&["layouts", "show", "onepage"], &dir);
    succeeded(&out);
    let shown = String::from_utf8_lossy(&out.stdout);
    let file = std::fs::read_to_string(root().join("layouts/onepage.toml")).unwrap();
    assert_eq!(shown, file, "the embedded layout is the file in layouts/");
    let out = cvc(&["layouts", "show", "nope"], &dir);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_layout_can_use_font_files() {
    let dir = scratch("font-files");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"Font Files\"\nheadline = \"**Bold** and *italic*\"\n",
    );
    let fonts = root().join("fonts");
    let layout = format!(
        "[fonts]\nbody = {{ regular = \"{r}\", bold = \"{b}\" }}\nheadings = {{ regular = \"{r}\" }}\n",
        r = fonts.join("SourceSans3-Regular.ttf").display(),
        b = fonts.join("SourceSans3-Bold.ttf").display()
    );
    write(&dir, "files.toml", layout);
    let out = cvc(&["build", "--layout", "files.toml"], &dir);
    succeeded(&out);
    if let Some(list) = tool("pdffonts", &[path(&dir.join("cv.pdf"))]) {
        assert!(list.contains("+SourceSans3-Regular"), "{list}");
        assert!(list.contains("+SourceSans3-Bold"), "{list}");
        assert!(
            !list.contains("SourceSerif4"),
            "only the files named: {list}"
        );
    }
    write(
        &dir,
        "missing.toml",
        "[fonts]\nbody = { regular = \"nope.ttf\" }\n",
    );
    let out = cvc(&["build", "--layout", "missing.toml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "missing.toml:2:21: error: cannot use font `nope.ttf`: no such file or directory"
        ),
        "{}",
        stderr(&out)
    );
}

/// The built-in layouts, as `cvc layouts` lists them.
fn builtin_names() -> Vec<String> {
    let out = cvc(&["layouts"], &scratch("names"));
    succeeded(&out);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Every built-in layout passes `cvc check` on the author's CV and on every CV in
/// `examples/`: built-ins name nothing of a particular CV. The stress CV (a test of
/// the breakers, not a CV anyone writes) keeps to `onepage`'s budget with `--fit`.
/// A CV that comes with its own `layout.toml` (one in a script the bundled fonts
/// lack, whose layout names fonts for it) passes with that layout.
#[test]
fn every_builtin_layout_passes_check_on_every_example() {
    let names = builtin_names();
    assert!(names.len() >= 2, "{names:?}");
    let mut cvs = vec![root().join("cv.toml")];
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let cv = entry.expect("examples/ entry").path().join("cv.toml");
        if cv.is_file() {
            cvs.push(cv);
        }
    }
    assert!(cvs.len() >= 4, "{cvs:?}");
    let dir = scratch("every-builtin");
    for cv in &cvs {
        let stress = cv.parent().is_some_and(|d| d.ends_with("stress"));
        let own = cv.with_file_name("layout.toml");
        let layouts: Vec<&str> = if own.is_file() {
            // Its fonts come from Debian's Noto packages, which `.ci/test` installs.
            let fonts = std::path::Path::new("/usr/share/fonts/truetype/noto").is_dir();
            if !fonts && std::env::var_os("CI").is_none() {
                eprintln!("note: {} needs fonts-noto-core; skipped", path(cv));
                continue;
            }
            vec![path(&own)]
        } else {
            names.iter().map(String::as_str).collect()
        };
        for name in layouts {
            let mut args = vec!["check", path(cv), "--layout", name];
            if stress {
                args.push("--fit");
            }
            let out = cvc(&args, &dir);
            assert!(
                out.status.success(),
                "cvc {}:\n{}{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                stderr(&out)
            );
        }
    }
}

/// `--layout NAME` looks in `layouts/` next to the CV before `./layouts/` and the
/// built-ins, and says where it looked when it finds nothing; a bare `cvc check`
/// finds the CV's own budgeted layouts the same way.
#[test]
fn a_layout_name_is_found_next_to_the_cv_first() {
    let dir = scratch("beside");
    let cv = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Engineer\"\n";
    write(&dir, "me/cv.toml", cv);
    write(
        &dir,
        "me/layouts/mine.toml",
        "extends = \"onepage\"\ndescription = \"beside\"\n[sizes]\nbody = 11\n",
    );
    write(&dir, "layouts/mine.toml", "[sizes]\nbody = 12\nname = 40\n");
    write(&dir, "layouts/other.toml", "[sizes]\nbody = 9\n");
    // Next to the CV wins over ./layouts/; ./layouts/ is still looked in.
    let out = cvc(&["check", "me/cv.toml", "--layout", "mine"], &dir);
    succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("mine: 1 page (budget 1): ok\n"));
    let out = cvc(
        &["build", "me/cv.toml", "--layout", "other", "-o", "o.pdf"],
        &dir,
    );
    succeeded(&out);
    // A bare check takes the CV's own layout, which has a budget.
    let out = cvc(&["check", "me/cv.toml"], &dir);
    succeeded(&out);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\nmine: 1 page (budget 1): ok\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Nowhere: the error lists the places.
    let out = cvc(&["build", "me/cv.toml", "--layout", "nope"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(
        said.starts_with("error: there is no layout `nope`: not `me/layouts/nope.toml` or `layouts/nope.toml`, nor a built-in layout\n"),
        "{said}"
    );
}

/// `dates.side = "title"`: no date column; each date sits flush right on its
/// entry's title line, on the same baseline, and the title wraps before it.
#[test]
fn dates_on_the_title_line_sit_flush_right_on_its_baseline() {
    let dir = scratch("title-dates");
    let long =
        "Principal Engineer for Very Large Distributed Storage and Retrieval Systems Everywhere";
    write(
        &dir,
        "cv.toml",
        format!("[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"{long}\"\norganisation = \"Example Corp\"\nstart = \"2019-03\"\nend = \"2023-11\"\nbullets = [\"Shipped it.\"]\n[[section]]\ntitle = \"Talks\"\n[[section.item]]\ntext = \"A talk\"\nyear = 2021\n"),
    );
    let pdf = dir.join("title.pdf");
    let out = cvc(
        &[
            "build",
            "--set",
            "dates.side=title",
            "--set",
            "page.size=letter",
            "-o",
            path(&pdf),
        ],
        &dir,
    );
    succeeded(&out);
    let Some(boxes) = common::word_boxes(&pdf) else {
        return;
    };
    let find = |w: &str| {
        boxes
            .iter()
            .find(|b| b.word == w)
            .unwrap_or_else(|| panic!("{w:?} in {boxes:?}"))
    };
    // Letter is 612 pt wide; the built-in margins are 20 mm (56.7 pt).
    let right = 612.0 - 56.7;
    let (principal, year) = (find("Principal"), find("2023"));
    assert!((year.x_max - right).abs() < 1.0, "flush right: {year:?}");
    assert!(
        (year.y_max - principal.y_max).abs() < 2.5,
        "one baseline: {year:?} {principal:?}"
    );
    // The title wraps before the date instead of running into it.
    let march = find("Mar");
    assert!(
        boxes
            .iter()
            .filter(|b| (b.y_max - principal.y_max).abs() < 2.5)
            .all(|b| b.x_max <= march.x_min || b.x_min >= march.x_min),
        "{boxes:?}"
    );
    // No date column: the title starts at the left margin.
    assert!((principal.x_min - 56.7).abs() < 1.0, "{principal:?}");
    // An item's year too.
    let (talk, y2021) = (find("talk"), find("2021"));
    assert!((y2021.x_max - right).abs() < 1.0 && (y2021.y_max - talk.y_max).abs() < 2.5);
}

/// `[header] band`: a rectangle from the page's top and edges under the name and
/// contact line, which are set in the band's text colour; the details come below
/// it, and `photo = false` leaves the CV's photo out.
#[test]
fn a_header_band_runs_edge_to_edge_under_the_name_and_above_the_details() {
    use cvc::{document, load_layout, parse_cv, Element, FontSet, LayoutSource, Shaper, Sources};
    let text = std::fs::read_to_string(root().join("examples/academic/cv.toml")).expect("cv");
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", text.clone());
    let cv = parse_cv(file, &text).expect("parses");
    let mut fonts = FontSet::bundled();
    let source = LayoutSource::Text {
        name: "band".into(),
        text: "extends = \"full\"\n[header]\nband = \"#7a1f2b\"\nband_text = \"#fffff0\"\nphoto = false\n".into(),
    };
    let layout = load_layout(&mut sources, &source, &[], &mut fonts).expect("layout");
    let shaper = Shaper::new(&fonts).expect("fonts");
    let doc = document(&cv, &layout, &shaper, None).expect("typesets");
    let page = &doc.pages.pages[0];
    let Some(Element::Rule {
        x,
        y,
        width,
        thickness,
        color,
    }) = page.elements.first()
    else {
        panic!("the band is drawn first: {:?}", page.elements.first());
    };
    assert_eq!((*x, *y, *width), (0.0, 0.0, doc.pages.width));
    assert!((color.0[0] - 0x7a as f32 / 255.0).abs() < 1e-3, "{color:?}");
    let texts: Vec<(f32, [f32; 3])> = page
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::Text { baseline, run, .. } => Some((*baseline, run.color.0)),
            _ => None,
        })
        .collect();
    // The name (first text) is on the band, in its text colour.
    let (name_baseline, name_color) = texts[0];
    assert!(name_baseline < *thickness);
    assert!(
        (name_color[2] - 240.0 / 255.0).abs() < 1e-3,
        "{name_color:?}"
    );
    // Something (the languages line) is set below the band, in the text colour.
    assert!(
        texts.iter().any(|(b, c)| *b > *thickness && c[2] < 0.5),
        "{texts:?}"
    );
    // `photo = false`: the academic CV's photo is not in the PDF.
    let dir = scratch("no-photo");
    let cv = root().join("examples/academic/cv.toml");
    for (photo, images) in [("true", 1), ("false", 0)] {
        let pdf = dir.join(format!("{photo}.pdf"));
        let set = format!("header.photo={photo}");
        let out = cvc(&["build", path(&cv), "--set", &set, "-o", path(&pdf)], &dir);
        succeeded(&out);
        let Some(list) = tool("pdfimages", &["-list", path(&pdf)]) else {
            return;
        };
        // Two heading lines, then one line per image.
        assert_eq!(list.lines().count() - 2, images, "{photo}: {list}");
    }
}

/// `[headings] rule = "beside"` (the `classic` layout): a bar in the date column
/// on the heading's line, the heading in the entry column; `"none"`: no rule.
#[test]
fn a_heading_rule_may_stand_beside_the_heading_or_not_at_all() {
    use cvc::{document, load_layout, parse_cv, Element, FontSet, LayoutSource, Shaper, Sources};
    let text = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Engineer\"\nstart = \"2020\"\n";
    let rules = |layout: &str| {
        let mut sources = Sources::default();
        let file = sources.add("cv.toml", text.to_string());
        let cv = parse_cv(file, text).expect("parses");
        let mut fonts = FontSet::bundled();
        let source = LayoutSource::Text {
            name: "l".into(),
            text: layout.into(),
        };
        let layout = load_layout(&mut sources, &source, &[], &mut fonts).expect("layout");
        let shaper = Shaper::new(&fonts).expect("fonts");
        let doc = document(&cv, &layout, &shaper, None).expect("typesets");
        let page = &doc.pages.pages[0];
        let rules: Vec<(f32, f32, f32)> = page
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Rule { x, y, width, .. } => Some((*x, *y, *width)),
                _ => None,
            })
            .collect();
        let heading_x = page.elements.iter().find_map(|e| match e {
            Element::Text { x, run, .. } if run.size > 11.0 && run.size < 20.0 => Some(*x),
            _ => None,
        });
        (
            rules,
            heading_x.expect("a heading"),
            layout.page.margin_left,
        )
    };
    let (below, x, margin) = rules("[sizes]\nsection = 13\n");
    assert_eq!(below.len(), 1);
    assert!(
        (below[0].0 - margin).abs() < 0.01 && below[0].2 > 400.0,
        "{below:?}"
    );
    assert!((x - margin).abs() < 0.01);
    let (beside, x, margin) = rules(
        "[sizes]\nsection = 13\n[headings]\nrule = \"beside\"\n[dates]\nwidth = 30\ngap = 5\n",
    );
    assert_eq!(beside.len(), 1);
    let mm = 72.0 / 25.4;
    assert!(
        (beside[0].2 - 30.0 * mm).abs() < 0.01,
        "the date column's width: {beside:?}"
    );
    assert!(
        (x - margin - 35.0 * mm).abs() < 0.01,
        "the heading in the entry column: {x}"
    );
    let (none, _, _) = rules("[sizes]\nsection = 13\n[headings]\nrule = \"none\"\n");
    assert!(none.is_empty(), "{none:?}");
    // Beside needs dates on the left; elsewhere the rule goes under the heading.
    let (right, _, margin) =
        rules("[sizes]\nsection = 13\n[headings]\nrule = \"beside\"\n[dates]\nside = \"right\"\n");
    assert_eq!(right.len(), 1);
    assert!(
        (right[0].0 - margin).abs() < 0.01 && right[0].2 > 400.0,
        "{right:?}"
    );
}

/// A contact item never breaks inside, not even after a hyphen: the contact line
/// wraps between items. (A word broken across lines carries its whole text on its
/// first piece for text extraction, so the test measures the piece's box.)
#[test]
fn a_contact_item_is_never_broken_at_its_hyphens() {
    let dir = scratch("orcid");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"Xiaoyu Zhao\"\ncontact = [\n  { email = \"sherry.zhao@example.ca\" },\n  { phone = \"+1 416 555 0142\" },\n  { github = \"xyzhao-ds\" },\n  { scholar = \"qWeRtY12345J\" },\n  { orcid = \"0000-0002-1825-0097\" },\n  { website = \"sherryzhao.example.ca\" },\n]\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Data Scientist\"\n",
    );
    let pdf = dir.join("cv.pdf");
    let out = cvc(&["build", "-o", path(&pdf)], &dir);
    succeeded(&out);
    let Some(boxes) = common::word_boxes(&pdf) else {
        return;
    };
    let orcid = boxes
        .iter()
        .find(|b| b.word.contains("1825-0097"))
        .unwrap_or_else(|| panic!("the ORCID iD: {boxes:?}"));
    // Whole, it is about 120 pt wide at 9 pt; a piece of it, much less.
    assert!(orcid.x_max - orcid.x_min > 90.0, "{orcid:?}");
}

/// Names are never hyphenated: not the person's, not an author's in a list. The
/// same word in a publication's title (running text) may be.
#[test]
fn authors_are_never_hyphenated_though_titles_may_be() {
    use cvc::{document, load_layout, parse_cv, Element, FontSet, LayoutSource, Shaper, Sources};
    let name = "Schwarzenberger";
    let mut text = String::from("[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Papers\"\n");
    for i in 0..40 {
        // First authors of every length put the name at every place on a line.
        let first = "Abcdefghijklmnop"[..(2 + i % 12)].to_string();
        text.push_str(&format!(
            "[[section.publication]]\nauthors = [\"{first}\", \"{name}\", \"{name}\", \"{name}\", \"{name}\", \"{name}\"]\ntitle = \"{first} {name} {name} {name} {name}\"\nvenue = \"Journal\"\nyear = 2020\n"
        ));
    }
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", text.clone());
    let cv = parse_cv(file, &text).expect("parses");
    let mut fonts = FontSet::bundled();
    let narrow = "[page]\nsize = [110, 400]\nmargins = { top = 10, bottom = 10, left = 8, right = 8 }\n[dates]\nwidth = 12\ngap = 2\n[text]\nlanguage = \"de\"\n";
    let source = LayoutSource::Text {
        name: "narrow".into(),
        text: narrow.into(),
    };
    let layout = load_layout(&mut sources, &source, &[], &mut fonts).expect("layout");
    let shaper = Shaper::new(&fonts).expect("fonts");
    let doc = document(&cv, &layout, &shaper, None).expect("typesets");
    // A word broken across lines carries its whole text on its first piece.
    let broken: Vec<String> = doc
        .pages
        .pages
        .iter()
        .flat_map(|p| &p.elements)
        .filter_map(|e| match e {
            Element::Text { run, .. } => run.actual.clone().filter(|a| !a.is_empty()),
            _ => None,
        })
        .collect();
    let in_titles = broken.iter().filter(|w| w.as_str() == name).count();
    let in_authors = broken.iter().filter(|w| *w == &format!("{name},")).count();
    assert!(
        in_titles > 0,
        "the title's words are hyphenated somewhere: {broken:?}"
    );
    assert_eq!(in_authors, 0, "no author is hyphenated: {broken:?}");
}

/// Tags and ids are compared in Unicode's composed form: an id or tag typed with
/// a combining accent (as macOS and many pasted texts have it) is the same as one
/// typed with the composed letter.
#[test]
fn names_match_whichever_way_their_accents_are_typed() {
    let dir = scratch("nfc-names");
    // The CV writes "expérience" and "résumé" decomposed; the layout composed.
    let cv = "[person]\nname = \"Zoë\"\n[[section]]\nid = \"expe\u{301}rience\"\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Chosen\"\ntags = [\"re\u{301}sume\u{301}\"]\n[[section.entry]]\ntitle = \"Left out\"\n[[section]]\nid = \"other\"\ntitle = \"Other\"\ntext = \"Not shown.\"\n";
    write(&dir, "cv.toml", cv);
    let layout = "extends = \"full\"\nsections = [\"expérience\"]\n[select]\ninclude_tags = [\"résumé\"]\n[pagination]\nkeep_together = [\"expérience\"]\n";
    write(&dir, "mine.toml", layout);
    let out = cvc(
        &["build", "cv.toml", "--layout", "mine.toml", "-o", "o.pdf"],
        &dir,
    );
    succeeded(&out);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    if let Some(text) = pdf_text(&dir.join("o.pdf")) {
        assert!(text.contains("Work Chosen"), "{text}");
        assert!(
            !text.contains("Left out") && !text.contains("Other"),
            "{text}"
        );
    }
}
