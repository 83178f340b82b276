//! The mapping, unit by unit: each format's keys onto `cv.toml`, the notes for
//! what does not map, and the escaping that keeps plain text plain. Every import
//! here also passed `convert`'s own check: the `cv.toml` is read by `schema`.

use super::*;

fn import(text: &str, syntax: Syntax) -> Imported {
    convert(text, "test", syntax, &Options::default()).expect("imports")
}

fn json(text: &str) -> Imported {
    import(text, Syntax::Json)
}

fn yaml(text: &str) -> Imported {
    import(text, Syntax::Yaml)
}

/// The `cv.toml` as a TOML table, to look keys up.
fn table(imported: &Imported) -> toml::Table {
    toml::from_str(&imported.toml).expect("TOML")
}

/// The notes of one kind, as "path: message".
fn notes(imported: &Imported, kind: NoteKind) -> Vec<String> {
    imported
        .notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| format!("{}: {}", n.path, n.message))
        .collect()
}

fn get<'t>(t: &'t toml::Table, path: &str) -> &'t toml::Value {
    let mut v: Option<&toml::Value> = None;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let here = match v {
            None => t.get(key),
            Some(toml::Value::Table(tt)) => tt.get(key),
            _ => None,
        };
        let here = here.unwrap_or_else(|| panic!("no {path} in\n{t:#?}"));
        v = Some(match index {
            Some(i) => &here.as_array().expect("a list")[i],
            None => here,
        });
    }
    v.expect("a path")
}

fn s<'t>(t: &'t toml::Table, path: &str) -> &'t str {
    get(t, path).as_str().expect("a string")
}

#[test]
fn literal_text_prints_as_written() {
    for s in [
        "C*",
        "a_b*c",
        "**not bold**",
        "[x](https://e.org)",
        r"back\slash \* \[ \_",
        "*a* b*",
        "****",
    ] {
        assert_eq!(markup::plain(&literal(s)), s, "{s}");
    }
}

#[test]
fn json_resume_work_maps_to_an_entry_with_its_period() {
    let i = json(
        r#"{"basics": {"name": "Ada *L*"},
            "work": [{"name": "Acme", "position": "C* dev", "location": "Oslo",
                      "url": "acme.example.com", "description": "Rockets",
                      "startDate": "2019-09", "summary": "First.\n\nSecond.",
                      "highlights": ["Did [this]", "And a_b*c"]},
                     {"name": "Old", "startDate": "2015", "endDate": "2017-03-01"}]}"#,
    );
    let t = table(&i);
    assert_eq!(s(&t, "person.name"), r"Ada \*L\*");
    let e = "section[0].entry[0]";
    assert_eq!(s(&t, "section[0].title"), "Experience");
    assert_eq!(s(&t, &format!("{e}.title")), r"C\* dev");
    assert_eq!(s(&t, &format!("{e}.organisation")), "Acme");
    assert_eq!(s(&t, &format!("{e}.url")), "https://acme.example.com");
    assert_eq!(s(&t, &format!("{e}.subtitle")), "Rockets");
    assert_eq!(s(&t, &format!("{e}.start")), "2019-09");
    assert_eq!(s(&t, &format!("{e}.end")), "present");
    assert_eq!(s(&t, &format!("{e}.text")), "First.\n\nSecond.");
    assert_eq!(s(&t, &format!("{e}.bullets[0]")), r"Did \[this]");
    assert_eq!(s(&t, &format!("{e}.bullets[1]")), r"And a_b\*c");
    assert_eq!(s(&t, "section[0].entry[1].end"), "2017-03-01");
    assert!(i.notes.is_empty(), "{:?}", i.notes);
    assert_eq!((i.sections, i.entries), (1, 2));
}

#[test]
fn json_resume_sections_follow_the_file_and_each_kind_lands_where_cvc_has_it() {
    let i = json(
        r#"{"skills": [{"name": "Rust", "level": "Expert", "keywords": ["serde", "tokio"]}],
            "basics": {"name": "Ada", "label": "Engineer", "summary": "Hello.",
                       "location": {"city": "Oslo", "countryCode": "NO", "address": "Gate 1\nHus 2", "postalCode": "0150"},
                       "profiles": [{"network": "GitHub", "username": "ada"},
                                    {"network": "Twitch", "username": "ada_t", "url": "https://twitch.tv/ada_t"}]},
            "languages": [{"language": "Norwegian", "fluency": "Native"}, {"language": "English"}],
            "education": [{"institution": "NTNU", "studyType": "MSc", "area": "CS", "score": "A", "courses": ["Compilers"], "endDate": "2012"}],
            "awards": [{"title": "Prize", "date": "2020-05", "awarder": "Org", "summary": "Why."}],
            "certificates": [{"name": "CKA", "issuer": "CNCF", "date": "2021", "url": "https://cncf.io/x"}],
            "publications": [{"name": "Paper", "publisher": "ACM", "releaseDate": "2019-06-01", "summary": "About."}],
            "interests": [{"name": "Chess"}],
            "references": [{"name": "Bob", "reference": "Good."}],
            "projects": [{"name": "P", "roles": ["Lead"], "keywords": ["k"], "type": "app", "entity": "E", "startDate": "2020"}]}"#,
    );
    let t = table(&i);
    let titles: Vec<&str> = (0..10)
        .map_while(|k| {
            t["section"]
                .as_array()
                .and_then(|a| a.get(k))
                .map(|x| x["title"].as_str().expect("title"))
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Summary",
            "Skills",
            "Education",
            "Awards",
            "Certificates",
            "Publications",
            "Interests",
            "References",
            "Projects"
        ]
    );
    assert_eq!(s(&t, "person.headline"), "Engineer");
    assert_eq!(s(&t, "person.contact[0].location"), "Oslo, NO");
    assert_eq!(s(&t, "person.contact[1].github"), "ada");
    assert_eq!(s(&t, "person.contact[2].label"), "Twitch");
    assert_eq!(s(&t, "person.contact[2].text"), "ada_t");
    assert_eq!(s(&t, "person.contact[2].url"), "https://twitch.tv/ada_t");
    assert_eq!(s(&t, "person.languages"), "Norwegian (Native), English");
    assert_eq!(s(&t, "person.extra[0].text"), "Gate 1, Hus 2, 0150");
    assert_eq!(s(&t, "section[0].text"), "Hello.");
    assert_eq!(s(&t, "section[1].item[0].label"), "Rust");
    assert_eq!(s(&t, "section[1].item[0].text"), "serde, tokio");
    assert_eq!(s(&t, "section[1].item[0].aside"), "Expert");
    assert_eq!(s(&t, "section[2].entry[0].title"), "MSc in CS");
    assert_eq!(s(&t, "section[2].entry[0].start"), "2012");
    assert_eq!(s(&t, "section[2].entry[0].facts[0].text"), "A");
    assert_eq!(s(&t, "section[2].entry[0].bullets[0]"), "Compilers");
    assert_eq!(s(&t, "section[3].entry[0].start"), "2020-05");
    assert_eq!(s(&t, "section[3].entry[0].organisation"), "Org");
    assert_eq!(s(&t, "section[5].publication[0].venue"), "ACM");
    assert_eq!(s(&t, "section[5].publication[0].year"), "2019-06-01");
    assert_eq!(s(&t, "section[5].publication[0].note"), "About.");
    assert_eq!(s(&t, "section[6].item[0].text"), "Chess");
    assert_eq!(s(&t, "section[7].entry[0].text"), "Good.");
    assert_eq!(s(&t, "section[8].entry[0].facts[0].text"), "Lead");
    assert_eq!(s(&t, "section[8].entry[0].end"), "present");
    assert!(i.notes.is_empty(), "{:?}", i.notes);
}

#[test]
fn what_json_resume_cannot_say_in_cvc_is_noted_with_its_path() {
    let i = json(
        r#"{"basics": {"name": "Ada", "image": "https://example.org/me.jpg", "nickname": "A"},
            "work": [{"name": "Acme", "startDate": "2019-13", "x": {"y": ["z"]}},
                     {"name": "B", "startDate": "2020", "endDate": "2019"},
                     {"name": "C", "url": "ftp://example.org/c"}],
            "awards": [{"title": "T", "date": "May 2020"}],
            "meta": {"version": "v1"}, "extra": 1}"#,
    );
    assert_eq!(
        notes(&i, NoteKind::NotImported),
        [
            "basics.image: \"https://example.org/me.jpg\": cvc's photo is a PNG or JPEG file beside cv.toml: download it and set `photo` in `[person]`",
            "basics.nickname: \"A\": not a key of JSON Resume's `basics`",
            "work[0].x: [\"z\"]: not a key of JSON Resume's `work`",
            "work[2].url: \"ftp://example.org/c\": `ftp:` links are not allowed: `ftp://example.org/c`",
            "extra: \"1\": not a key of JSON Resume",
        ]
    );
    let changed = notes(&i, NoteKind::Changed);
    assert_eq!(changed.len(), 3, "{changed:?}");
    assert!(
        changed[0].starts_with("work[0].startDate: not a period"),
        "{changed:?}"
    );
    assert!(changed[1].starts_with("work[1].startDate, work[1].endDate: not a period"));
    assert!(changed[2].starts_with("awards[0].date: \"May 2020\" is not a date"));
    assert_eq!(notes(&i, NoteKind::NotContent), ["meta: not content"]);
    let t = table(&i);
    assert_eq!(s(&t, "section[0].entry[0].date"), "2019-13 – present");
    assert_eq!(s(&t, "section[0].entry[1].date"), "2020 – 2019");
    assert_eq!(s(&t, "section[1].entry[0].date"), "May 2020");
    assert!(
        i.toml.contains("#   work[0].x: [\"z\"]: not a key"),
        "{}",
        i.toml
    );
}

#[test]
fn a_contact_cvc_refuses_becomes_a_labelled_text() {
    let i = json(
        r#"{"basics": {"name": "Ada", "phone": "call me", "email": "not an address",
                       "profiles": [{"network": "GitHub", "url": "https://gitlab.com/ada"}]}}"#,
    );
    let t = table(&i);
    assert_eq!(s(&t, "person.contact[0].label"), "Email");
    assert_eq!(s(&t, "person.contact[0].text"), "not an address");
    assert_eq!(s(&t, "person.contact[1].label"), "Phone");
    assert_eq!(s(&t, "person.contact[2].label"), "GitHub");
    assert_eq!(s(&t, "person.contact[2].url"), "https://gitlab.com/ada");
}

#[test]
fn a_resume_without_a_name_or_titles_still_builds() {
    let i = json(
        r#"{"work": [{"summary": "Did things."}, {}], "publications": [{"url": "https://e.org"}]}"#,
    );
    let t = table(&i);
    assert_eq!(s(&t, "person.name"), "Your Name");
    assert_eq!(s(&t, "section[0].entry[0].title"), "Untitled");
    assert_eq!(i.entries, 1);
    assert_eq!(s(&t, "section[1].publication[0].title"), "Untitled");
    assert_eq!(notes(&i, NoteKind::Changed).len(), 3);
}

#[test]
fn blank_and_invisible_texts_say_nothing() {
    let i = json(
        "{\"basics\": {\"name\": \"Ada\", \"label\": \" \\u200b \", \"image\": \"\"},
          \"work\": [{\"name\": \" \", \"position\": \"Dev\", \"highlights\": [\"\", \"\\t\"]}]}",
    );
    let t = table(&i);
    assert!(!i.toml.contains("headline"), "{}", i.toml);
    assert!(!i.toml.contains("organisation"), "{}", i.toml);
    assert!(!i.toml.contains("bullets"), "{}", i.toml);
    assert_eq!(s(&t, "section[0].entry[0].title"), "Dev");
    assert!(i.notes.is_empty(), "{:?}", i.notes);
}

#[test]
fn rendercv_entries_of_every_type() {
    let i = yaml(
        r#"cv:
  name: Jane Doe
  headline: Engineer
  location: Berlin
  email: [jane@example.com, j@example.org]
  phone: "+49 30 1234567"
  website: https://jane.example.com
  social_networks:
    - network: GitHub
      username: jane
    - network: YouTube
      username: janedoe
  custom_connections:
    - placeholder: Book a call
      url: https://cal.com/jane
      fontawesome_icon: calendar-days
  sections:
    summary:
      - A **bold** claim.
      - Second *paragraph*.
    experience_and_work:
      - company: Acme
        position: Engineer
        start_date: 2020-01
        end_date: present
        location: Remote
        summary: Built it.
        highlights: ["[Tool](https://example.com)", "Fast"]
    Education:
      - institution: TU Berlin
        area: Physics
        degree: BSc
        date: Fall 2015
    Projects:
      - name: Thing
        date: 2021-09
    Skills:
      - label: Languages
        details: Rust, C++
    Publications:
      - title: A paper
        authors: ["*Jane Doe*", "**J. Doe**", "B. Roe"]
        journal: Nature
        doi: 10.1000/xyz
        date: 2023-07
    Honors:
      - bullet: Prize
    Patents:
      - number: Patent one
    Talks:
      - reversed_number: Talk one
design:
  theme: classic
locale:
  language: english
settings:
  bold_keywords: []
"#,
    );
    let t = table(&i);
    assert_eq!(s(&t, "person.name"), "Jane Doe");
    assert_eq!(s(&t, "person.contact[0].location"), "Berlin");
    assert_eq!(s(&t, "person.contact[2].email"), "j@example.org");
    assert_eq!(
        s(&t, "person.contact[4].website"),
        "https://jane.example.com"
    );
    assert_eq!(s(&t, "person.contact[5].github"), "jane");
    assert_eq!(
        s(&t, "person.contact[6].url"),
        "https://youtube.com/@janedoe"
    );
    assert_eq!(s(&t, "person.contact[7].text"), "Book a call");
    assert_eq!(s(&t, "person.aliases[0]"), "J. Doe");
    assert_eq!(s(&t, "section[0].title"), "Summary");
    assert_eq!(
        s(&t, "section[0].text"),
        "A **bold** claim.\n\nSecond *paragraph*."
    );
    assert_eq!(s(&t, "section[1].title"), "Experience and Work");
    assert_eq!(s(&t, "section[1].entry[0].end"), "present");
    assert_eq!(
        s(&t, "section[1].entry[0].bullets[0]"),
        "[Tool](https://example.com)"
    );
    assert_eq!(s(&t, "section[2].entry[0].title"), "BSc in Physics");
    assert_eq!(s(&t, "section[2].entry[0].date"), "Fall 2015");
    assert_eq!(s(&t, "section[3].entry[0].start"), "2021-09");
    assert_eq!(s(&t, "section[4].item[0].label"), "Languages");
    assert_eq!(s(&t, "section[5].publication[0].authors[0]"), "Jane Doe");
    assert_eq!(s(&t, "section[5].publication[0].year"), "2023-07");
    assert_eq!(s(&t, "section[5].publication[0].doi"), "10.1000/xyz");
    for (k, text) in [(6, "Prize"), (7, "Patent one"), (8, "Talk one")] {
        assert_eq!(s(&t, &format!("section[{k}].item[0].text")), text);
    }
    assert!(notes(&i, NoteKind::NotImported).is_empty(), "{:?}", i.notes);
    assert_eq!(
        notes(&i, NoteKind::NotContent),
        [
            "cv.custom_connections[0].fontawesome_icon: an icon, how the item looks",
            "design: how the CV looks, not what it says",
            "locale: how the CV looks, not what it says",
            "settings: how the CV looks, not what it says",
        ]
    );
    assert_eq!(
        (i.sections, i.entries, i.publications, i.items),
        (9, 3, 1, 4)
    );
}

#[test]
fn what_rendercv_cannot_say_in_cvc_is_noted_with_its_path() {
    let i = yaml(
        r#"cv:
  name: Jane
  sections:
    Projects:
      - name: P
        date: 2020
        start_date: 2019
        foo: bar
      - name: Q
        summary: See [x](ftp://example.org)
      - what: is this
      - 42
    Odd: text not in a list
  extra_key: 1
"#,
    );
    assert_eq!(
        notes(&i, NoteKind::NotImported),
        [
            "cv.sections.Projects[0].start_date: \"2019\": RenderCV shows the entry's `date` instead",
            "cv.sections.Projects[0].foo: \"bar\": not a key of RenderCV's NormalEntry (RenderCV ignores it too, unless a design template uses it)",
            "cv.sections.Projects[2]: [\"is this\"]: matches no RenderCV entry type (a string, or a mapping with `company`, `institution`, `name`, `title`, `label`, `bullet`, …)",
            "cv.extra_key: \"1\": not a key of RenderCV's `cv`",
        ]
    );
    let changed = notes(&i, NoteKind::Changed);
    assert!(
        changed[0]
            .starts_with("cv.sections.Projects[1].summary: the link to \"ftp://example.org\""),
        "{changed:?}"
    );
    let t = table(&i);
    assert_eq!(s(&t, "section[0].entry[1].text"), "See x");
    assert_eq!(s(&t, "section[0].text"), "42");
    assert_eq!(s(&t, "section[1].text"), "text not in a list");
}

#[test]
fn files_that_are_not_cvs_are_refused() {
    let e = convert("[1, 2]", "x.json", Syntax::Json, &Options::default()).expect_err("not a CV");
    assert!(
        matches!(&e, Failure::NotACv(m) if m.contains("it is a list")),
        "{e:?}"
    );
    let e = convert(
        r#"{"name": "Ada", "jobs": []}"#,
        "x.json",
        Syntax::Json,
        &Options::default(),
    )
    .expect_err("not a CV");
    assert!(
        matches!(&e, Failure::NotACv(m) if m.contains("its keys are `name`, `jobs`")),
        "{e:?}"
    );
    let e = convert("{\"basics\": ", "x.json", Syntax::Json, &Options::default()).expect_err("bad");
    assert!(matches!(e, Failure::Syntax { line: 1, .. }), "{e:?}");
    // JSON is YAML: a resume.json named otherwise, or a JSON Resume in YAML, imports.
    let i = yaml("basics:\n  name: Ada\n");
    assert_eq!(i.format, "JSON Resume");
}

#[test]
fn detection_by_name_then_by_text() {
    assert_eq!(
        Syntax::of_name(Path::new("a/resume.JSON")),
        Some(Syntax::Json)
    );
    assert_eq!(Syntax::of_name(Path::new("cv.yml")), Some(Syntax::Yaml));
    assert_eq!(Syntax::of_name(Path::new("cv")), None);
    assert_eq!(Syntax::of_text("  \n{\"basics\": {}}"), Syntax::Json);
    assert_eq!(Syntax::of_text("cv:\n  name: x\n"), Syntax::Yaml);
}

#[test]
fn rendercv_titles_are_printed_as_rendercv_prints_them() {
    use super::rendercv::section_title;
    assert_eq!(
        section_title("education_and_training"),
        "Education and Training"
    );
    assert_eq!(section_title("Welcome to RenderCV"), "Welcome to RenderCV");
    assert_eq!(section_title("selected_honors"), "Selected Honors");
}

/// The fixtures of tests/import.rs, edited at random: whatever the edit makes
/// of them, the import never panics and never writes a cv.toml that `schema`
/// refuses (`convert` reads its own output back: that would be `Internal`).
mod mutations {
    use super::*;
    use proptest::prelude::*;

    const FIXTURES: [(&str, Syntax); 3] = [
        (
            include_str!("../../tests/fixtures/import/resume.json"),
            Syntax::Json,
        ),
        (
            include_str!("../../tests/fixtures/import/rendercv.yaml"),
            Syntax::Yaml,
        ),
        (
            include_str!("../../tests/fixtures/import/international.json"),
            Syntax::Json,
        ),
    ];

    /// What an edit puts in: the characters of markup, TOML, JSON and YAML
    /// syntax, dates, invisible and right-to-left characters.
    const PIECES: [&str; 24] = [
        "*", "**", "[", "](", ")", "\\", "\"", "'", "{", "}", ":", ",", "-", "\n", " ", "0",
        "2019-13", "present", "\u{200b}", "\u{7}", "ftp://x", "&a ", "*a", "日",
    ];

    fn edit(text: &str, edits: &[(usize, usize, usize)]) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for &(at, cut, piece) in edits {
            let at = at % (chars.len() + 1);
            let end = (at + cut % 4).min(chars.len());
            chars.splice(at..end, PIECES[piece % PIECES.len()].chars());
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn edited_fixtures_import_or_fail_cleanly(
            which in 0usize..3,
            edits in proptest::collection::vec((0usize..20_000, 0usize..8, 0usize..64), 1..6),
        ) {
            let (text, syntax) = FIXTURES[which];
            let text = edit(text, &edits);
            if let Err(Failure::Internal(problems)) =
                convert(&text, "edited", syntax, &Options::default())
            {
                prop_assert!(false, "{problems}\nfrom:\n{text}");
            }
        }
    }
}

/// A section's title is made of its key, which is cleaned like a value: a
/// control character in it made a cv.toml that cvc refused (found by the
/// property test below).
#[test]
fn a_control_character_in_a_section_key_is_removed_and_noted() {
    let i = yaml("cv:\n  name: A\n  sections:\n    \"\\a talks\":\n      - A talk\n");
    let t = table(&i);
    assert_eq!(s(&t, "section[0].title"), "Talks");
    assert_eq!(
        notes(&i, NoteKind::Changed),
        ["cv.sections.\u{7} talks: control characters removed (they print as nothing)"]
    );
}

/// An entry written with YAML's merge key keeps what it merges (it was dropped,
/// leaving only the organisation).
#[test]
fn a_rendercv_entry_with_a_merge_key_keeps_the_merged_keys() {
    let i = yaml(
        "cv:\n  name: A\n  sections:\n    experience:\n      - &job\n        company: ACME\n        position: Dev\n        start_date: 2020-01\n        end_date: present\n      - <<: *job\n        company: ACME2\n",
    );
    let t = table(&i);
    assert_eq!(s(&t, "section[0].entry[1].organisation"), "ACME2");
    assert_eq!(s(&t, "section[0].entry[1].title"), "Dev");
    assert_eq!(s(&t, "section[0].entry[1].start"), "2020-01");
    assert!(notes(&i, NoteKind::NotImported).is_empty(), "{:?}", i.notes);
}
