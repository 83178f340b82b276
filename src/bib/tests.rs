//! The bib stage on small files: names and the owner, LaTeX, venues, dates,
//! order and groups, choosing, and every problem at its place.

use super::*;
use crate::diag::Severity;
use crate::schema::Author;

/// `cv.toml` with the person `name` (and `aliases`) and one section whose
/// `bibtex` table holds `table` (after `file = "refs.bib"`).
fn cv_toml(name: &str, aliases: &[&str], table: &str) -> String {
    let aliases: Vec<String> = aliases.iter().map(|a| format!("{a:?}")).collect();
    format!(
        "[person]\nname = {name:?}\naliases = [{}]\n\n[[section]]\ntitle = \"Publications\"\n[section.bibtex]\nfile = \"refs.bib\"\n{table}\n",
        aliases.join(", ")
    )
}

/// Import `bib` as `refs.bib` into the CV `toml`, in `lang`: the CV, the sources
/// (cv.toml is file 0, refs.bib file 1) and the problems, rendered.
fn import_in(toml: &str, bib: &str, lang: Lang) -> (Cv, Sources, Vec<String>) {
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", toml.to_string());
    let mut cv = crate::schema::parse(file, toml).expect("the test's cv.toml is valid");
    let problems = import_with(&mut cv, &mut sources, lang, |spec, sources| {
        Ok(sources.add(spec.file.value.clone(), bib.to_string()))
    });
    let rendered = crate::diag::tidy(problems)
        .iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Error);
            sources.render(d)
        })
        .collect();
    (cv, sources, rendered)
}

/// The publications of the first section, when the import had no problem.
fn publications(toml: &str, bib: &str) -> Vec<Publication> {
    let (cv, _, problems) = import_in(toml, bib, Lang::En);
    assert!(problems.is_empty(), "{problems:#?}");
    cv.sections[0].body.publications.clone()
}

/// The first line of each problem (`file:line:col: error: message`).
fn first_lines(problems: &[String]) -> Vec<&str> {
    problems
        .iter()
        .map(|p| p.lines().next().unwrap_or(""))
        .collect()
}

/// The authors of one entry whose `author` field is `field`, for the person
/// `name` (and `aliases`): each printed, and whether it is the owner.
fn authors(name: &str, aliases: &[&str], field: &str) -> Vec<(String, bool)> {
    let bib = format!("@misc{{k, title = {{T}}, author = {{{field}}}}}");
    let p = publications(&cv_toml(name, aliases, ""), &bib);
    p[0].authors
        .iter()
        .map(|a: &Author| (crate::markup::plain(&a.name.value), a.owner))
        .collect()
}

fn owner_is(name: &str, field: &str) -> Vec<bool> {
    authors(name, &[], field)
        .into_iter()
        .map(|(_, o)| o)
        .collect()
}

#[test]
fn names_print_given_von_family_jr_in_every_form_bibtex_allows() {
    let printed = |field: &str| -> Vec<String> {
        authors("Someone Else", &[], field)
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    };
    assert_eq!(printed("Doe, Jane Q."), ["Jane Q. Doe"]);
    assert_eq!(printed("Jane Q. Doe"), ["Jane Q. Doe"]);
    assert_eq!(printed("{van der Berg}, Anna"), ["Anna van der Berg"]);
    assert_eq!(printed("van der Berg, Anna"), ["Anna van der Berg"]);
    assert_eq!(printed("Anna van der Berg"), ["Anna van der Berg"]);
    assert_eq!(printed("de la Cruz, Mar{\\'\\i}a"), ["María de la Cruz"]);
    assert_eq!(printed("Doe, Jr., John"), ["John Doe, Jr."]);
    assert_eq!(printed("J.~R.~R. Tolkien"), ["J. R. R. Tolkien"]);
    assert_eq!(
        printed("M{\\\"u}ller, Hans and {\\L}ukasz Kowalski and others"),
        ["Hans Müller", "Łukasz Kowalski", "et al."]
    );
    assert_eq!(
        printed("{World Health Organization}"),
        ["World Health Organization"]
    );
}

#[test]
fn the_owner_is_found_by_family_name_and_agreeing_initials() {
    let jane = "Jane Q. Doe";
    assert_eq!(owner_is(jane, "Doe, Jane and Roe, Richard"), [true, false]);
    assert_eq!(owner_is(jane, "Jane Doe"), [true]);
    assert_eq!(owner_is(jane, "Doe, J."), [true]);
    assert_eq!(owner_is(jane, "J. Doe"), [true]);
    assert_eq!(owner_is(jane, "J. Q. Doe"), [true]);
    assert_eq!(
        owner_is(jane, "JQ Doe"),
        [false],
        "one word is a name, not initials"
    );
    assert_eq!(
        owner_is(jane, "J. R. Doe"),
        [false],
        "another middle initial"
    );
    assert_eq!(owner_is(jane, "John Doe"), [false], "another given name");
    assert_eq!(owner_is(jane, "Doe, Richard"), [false]);
    assert_eq!(owner_is(jane, "Jane Roe"), [false]);
    // A family name alone: the owner only when no other author has it.
    assert_eq!(owner_is(jane, "Doe and Roe, R."), [true, false]);
    assert_eq!(owner_is(jane, "Doe and Doe, John"), [false, false]);
    // Written "Family, Given" in cv.toml.
    assert_eq!(
        owner_is("Doe, Jane", "Jane Doe and John Doe"),
        [true, false]
    );
}

#[test]
fn owner_matching_ignores_accents_and_particles() {
    assert_eq!(owner_is("Bruno Magalhães", "Magalhaes, B."), [true]);
    assert_eq!(owner_is("Bruno Magalhaes", "Magalh{\\~a}es, Bruno"), [true]);
    assert_eq!(owner_is("Łukasz Kowalski", "Kowalski, L."), [true]);
    assert_eq!(owner_is("Łukasz Kowalski", "Kowalski, {\\L}ukasz"), [true]);
    assert_eq!(owner_is("Lukasz Kowalski", "Kowalski, Łukasz"), [true]);
    assert_eq!(
        owner_is("Anna van der Berg", "{van der Berg}, Anna"),
        [true]
    );
    assert_eq!(owner_is("Anna van der Berg", "van der Berg, A."), [true]);
    assert_eq!(owner_is("Anna van der Berg", "Anna van der Berg"), [true]);
    assert_eq!(
        owner_is("María de la Cruz", "de la Cruz, Mar{\\'\\i}a"),
        [true]
    );
    assert_eq!(owner_is("María de la Cruz", "Cruz, M."), [true]);
    assert_eq!(
        owner_is("Ana Luísa Gonçalves", "A. L. Gon{\\c{c}}alves"),
        [true]
    );
    assert_eq!(owner_is("Jean-Pierre Dupont", "Dupont, J.-P."), [true]);
    assert_eq!(owner_is("Jean-Pierre Dupont", "Dupont, J.-M."), [false]);
    assert_eq!(owner_is("Thomas Müller", "Th. M{\\\"u}ller"), [true]);
    assert_eq!(owner_is("Thomas Müller", "Müller, Hans"), [false]);
}

#[test]
fn aliases_are_the_owner_too() {
    let found = authors(
        "Bruno Silva",
        &["B. Magalhães"],
        "Magalhaes, Bruno and Silva, B.",
    );
    assert_eq!(
        found,
        [
            ("Bruno Magalhaes".to_string(), true),
            ("B. Silva".to_string(), true)
        ]
    );
}

#[test]
fn marks_after_a_name_become_author_marks() {
    let bib = "@misc{k, title = {T}, author = {Doe*, Jane and M{\\\"u}ller$^\\dagger$, Hans and Roe, R.}}";
    let p = publications(&cv_toml("Jane Doe", &[], ""), bib);
    let a = &p[0].authors;
    assert_eq!(a[0].name.value, "Jane Doe");
    assert!(a[0].marks.equal && !a[0].marks.corresponding && a[0].owner);
    assert_eq!(a[1].name.value, "Hans Müller");
    assert!(a[1].marks.corresponding && !a[1].marks.equal);
    assert!(!a[2].marks.any());
}

/// The title an entry with `title = {…}` gets, as markup.
fn title(written: &str) -> String {
    let bib = format!("@misc{{k, title = {{{written}}}}}");
    publications(&cv_toml("A B", &[], ""), &bib)[0]
        .title
        .value
        .clone()
}

#[test]
fn latex_becomes_unicode_and_markup() {
    assert_eq!(title("{\\\"U}ber M\\\"uller"), "Über Müller");
    assert_eq!(title("Caf\\'e \\c{c}a \\ss\\ \\o\\ \\AA"), "Café ça ß ø Å");
    assert_eq!(title("Na\\\"{\\i}ve r\\'{e}sum\\'e"), "Naïve résumé");
    assert_eq!(title("Rock \\& roll, 50\\%"), "Rock & roll, 50%");
    assert_eq!(
        title("1990--2000 --- a Fig.~1"),
        "1990–2000 — a Fig.\u{a0}1"
    );
    assert_eq!(title("10\\,km"), "10\u{202f}km");
    assert_eq!(
        title("An $\\alpha$-helix in $O(n^2)$"),
        "An α-helix in O\\(n2\\)"
    );
    assert_eq!(title("A {\\em survey} of \\emph{it}"), "A *survey* of *it*");
    assert_eq!(
        title("\\textbf{Bold} \\textit{ spaced }"),
        "**Bold** *spaced*"
    );
    assert_eq!(title("{\\bf Strong} move"), "**Strong** move");
    assert_eq!(title("A* on [0,1] (x_1)"), "A\\* on \\[0,1\\] \\(x\\_1\\)");
    assert_eq!(
        title("The 11\\textsuperscript{th} \\LaTeX{} meeting"),
        "The 11th LaTeX meeting"
    );
    assert_eq!(
        title("{{Deep {L}earning} for {NLP}}"),
        "Deep Learning for NLP"
    );
    assert_eq!(
        title("\\relax Unknown \\commands{kept} \\gone"),
        "Unknown kept"
    );
    assert_eq!(title("Ma{\\l}gorzata {\\v{S}}koda"), "Małgorzata Škoda");
    // What markup makes of it: what a reader sees.
    assert_eq!(
        crate::markup::plain(&title("A* on [0,1] (x_1) $\\leq$ 2")),
        "A* on [0,1] (x_1) ≤ 2"
    );
}

#[test]
fn venues_say_where_with_volume_number_and_pages() {
    let venue = |entry: &str| -> Option<String> {
        let bib = format!("@{entry}");
        publications(&cv_toml("A B", &[], ""), &bib)[0]
            .venue
            .as_ref()
            .map(|v| crate::markup::plain(&v.value))
    };
    assert_eq!(
        venue("article{k, title={T}, journal={Journal of X}, volume={12}, number={3}, pages={45--67}}"),
        Some("Journal of X 12(3), 45–67".into())
    );
    assert_eq!(
        venue("article{k, title={T}, journaltitle={J. Y}, volume=7, pages={e1001}}"),
        Some("J. Y 7, e1001".into())
    );
    assert_eq!(
        venue("inproceedings{k, title={T}, booktitle={Proc.~of ICML}, pages={1-10}}"),
        Some("Proc.\u{a0}of ICML, 1–10".into())
    );
    assert_eq!(
        venue("incollection{k, title={T}, booktitle={Handbook}, publisher={Springer}}"),
        Some("Handbook".into())
    );
    assert_eq!(
        venue("book{k, title={T}, publisher={Springer}}"),
        Some("Springer".into())
    );
    assert_eq!(
        venue("inproceedings{k, title={T}, booktitle={Proc. RECOMB}, series={LNCS}, volume={13278}, pages={101--117}}"),
        Some("Proc. RECOMB, LNCS 13278, 101–117".into())
    );
    assert_eq!(
        venue("phdthesis{k, title={T}, school={Aalto University}, type={Doctoral dissertation}}"),
        Some("Doctoral dissertation, Aalto University".into())
    );
    assert_eq!(
        venue("techreport{k, title={T}, institution={VTT}, number={TR-12}}"),
        Some("VTT, TR-12".into())
    );
    assert_eq!(
        venue(
            "misc{k, title={T}, eprint={2401.01234}, archiveprefix={arXiv}, primaryclass={cs.CL}}"
        ),
        Some("arXiv:2401.01234 [cs.CL]".into())
    );
    assert_eq!(
        venue("misc{k, title={T}, howpublished={\\url{https://x.org}}}"),
        Some("https://x.org".into())
    );
    assert_eq!(venue("misc{k, title={T}}"), None);
    assert_eq!(entry::page_range("12--14, 20-22"), "12–14, 20–22");
    assert_eq!(entry::page_range("A-1--A-3"), "A-1–A-3");
}

#[test]
fn links_notes_and_keywords_come_along() {
    let bib = "@article{k, title={T}, doi={https://doi.org/10.1000/xyz123}, url={https://example.org/a\\_b\\%20}, note={Best paper}, keywords={peer-reviewed; ML,  deep   learning}}";
    let p = &publications(&cv_toml("A B", &[], ""), bib)[0];
    assert_eq!(
        p.doi.as_ref().map(|t| t.value.as_str()),
        Some("10.1000/xyz123")
    );
    assert_eq!(
        p.url.as_ref().map(|t| t.value.as_str()),
        Some("https://example.org/a_b%20")
    );
    assert_eq!(
        p.note.as_ref().map(|t| t.value.as_str()),
        Some("Best paper")
    );
    assert_eq!(p.tags, ["peer-reviewed", "ML", "deep learning"]);
    assert_eq!(p.link().as_deref(), Some("https://example.org/a_b%20"));
}

#[test]
fn dates_have_the_precision_written() {
    let date = |fields: &str| {
        let bib = format!("@misc{{k, title={{T}}, {fields}}}");
        let p = &publications(&cv_toml("A B", &[], ""), &bib)[0];
        (
            p.year.map(|y| y.date),
            p.date.as_ref().map(|t| t.value.clone()),
        )
    };
    assert_eq!(date("year = 2021"), (Some(Date::Year(2021)), None));
    assert_eq!(
        date("year = 2021, month = jun"),
        (Some(Date::Month(2021, 6)), None)
    );
    assert_eq!(
        date("year = {2021}, month = {11}"),
        (Some(Date::Month(2021, 11)), None)
    );
    assert_eq!(
        date("year = {2021}, month = {Sept.}"),
        (Some(Date::Month(2021, 9)), None)
    );
    assert_eq!(
        date("year = {2021}, month = {Summer}"),
        (Some(Date::Year(2021)), None)
    );
    assert_eq!(
        date("date = {2024-06-20}"),
        (Some(Date::Day(2024, 6, 20)), None)
    );
    assert_eq!(
        date("date = {2024-06/2024-07}"),
        (Some(Date::Month(2024, 6)), None)
    );
    assert_eq!(date("year = {2020a}"), (Some(Date::Year(2020)), None));
    assert_eq!(date("year = {in press}"), (None, Some("in press".into())));
    assert_eq!(date("note = {x}"), (None, None));
}

/// Six entries of every kind, from 2019 to 2024 and one without a year.
const SHELF: &str = r#"
@article{art2021, title = {Article}, journal = {J}, year = 2021}
@inproceedings{conf2023, title = {Paper}, booktitle = {Proc}, year = 2023, month = mar}
@book{book2019, title = {Book}, publisher = {P}, year = 2019}
@misc{pre2024, title = {Preprint}, eprint = {2401.1}, archiveprefix = {arXiv}, year = 2024}
@phdthesis{thesis2023, title = {Thesis}, school = {U}, year = 2023, month = jan}
@misc{web, title = {Undated}}
"#;

fn titles(ps: &[Publication]) -> Vec<&str> {
    ps.iter().map(|p| p.title.value.as_str()).collect()
}

#[test]
fn newest_first_by_default_oldest_or_as_in_the_file_on_request() {
    let order = |table: &str| {
        let p = publications(&cv_toml("A B", &[], table), SHELF);
        titles(&p).iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(
        order(""),
        ["Preprint", "Paper", "Thesis", "Article", "Book", "Undated"]
    );
    assert_eq!(
        order("order = \"oldest\""),
        ["Book", "Article", "Thesis", "Paper", "Preprint", "Undated"]
    );
    assert_eq!(
        order("order = \"file\""),
        ["Article", "Paper", "Book", "Preprint", "Thesis", "Undated"]
    );
}

/// A year written as text ("in press") comes after the dated entries and before
/// those without a year, in either order.
#[test]
fn written_years_come_after_dates_and_before_no_date() {
    let bib = "@misc{u, title = {Undated}}\n@misc{w, title = {Written}, year = {in press}}\n@misc{d, title = {Dated}, year = 2020}\n";
    for order in ["newest", "oldest"] {
        let p = publications(&cv_toml("A B", &[], &format!("order = \"{order}\"")), bib);
        assert_eq!(titles(&p), ["Dated", "Written", "Undated"], "{order}");
    }
}

/// Author lists written in cv.toml find the owner by the same rules as those of
/// a `.bib` file, marks and all: one section does not set the same name two ways.
#[test]
fn written_author_lists_find_the_owner_as_bib_files_do() {
    let toml = "[person]\nname = \"Joana Ribeiro de Sá\"\n[[section]]\ntitle = \"P\"\n[[section.publication]]\ntitle = \"T\"\nauthors = [\"J. R. de Sá*†\", \"Sá, J.\", \"JOANA  RIBEIRO DE SÁ\", \"Maria de Sá\", \"K. Star\", \"et al.\"]\n";
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", toml.to_string());
    let mut cv = crate::schema::parse(file, toml).expect("valid");
    let problems = import_with(&mut cv, &mut sources, Lang::En, |_, _| {
        unreachable!("no section names a file")
    });
    assert!(problems.is_empty());
    let owner: Vec<(&str, bool)> = cv.sections[0].body.publications[0]
        .authors
        .iter()
        .map(|a| (a.name.value.as_str(), a.owner))
        .collect();
    assert_eq!(
        owner,
        [
            ("J. R. de Sá", true),
            ("Sá, J.", true),
            ("JOANA  RIBEIRO DE SÁ", true),
            ("Maria de Sá", false),
            ("K. Star", false),
            ("et al.", false),
        ]
    );
}

/// A thesis says it is one, in the layout's language, unless its `type` says how.
#[test]
fn a_thesis_says_it_is_one() {
    let bib = "@phdthesis{p, title = {T}, school = {University of Oulu}}\n@mastersthesis{m, title = {U}, school = {Aalto University}}\n@phdthesis{t, title = {V}, school = {KTH}, type = {Licentiate thesis}}\n";
    for (lang, phd, masters) in [
        (Lang::En, "PhD thesis", "Master's thesis"),
        (Lang::Fi, "Väitöskirja", "Pro gradu -tutkielma"),
    ] {
        let (cv, _, problems) = import_in(&cv_toml("A B", &[], "order = \"file\""), bib, lang);
        assert!(problems.is_empty(), "{problems:?}");
        let venues: Vec<String> = cv.sections[0]
            .body
            .publications
            .iter()
            .map(|p| p.venue.as_ref().map_or(String::new(), |v| v.value.clone()))
            .collect();
        assert_eq!(
            venues,
            [
                format!("{phd}, University of Oulu"),
                format!("{masters}, Aalto University"),
                "Licentiate thesis, KTH".to_string(),
            ],
            "{lang:?}"
        );
    }
}

/// The preprint server is written as it writes its name, whatever the field's case.
#[test]
fn preprint_servers_are_named_as_they_name_themselves() {
    for field in [
        "eprinttype = {arxiv}",
        "archivePrefix = {ARXIV}",
        "archiveprefix = {arXiv}",
    ] {
        let bib = format!("@misc{{a, title = {{T}}, eprint = {{2406.05555}}, {field}}}");
        let p = publications(&cv_toml("A B", &[], ""), &bib);
        let venue = p[0].venue.as_ref().map(|v| v.value.as_str());
        assert_eq!(venue, Some("arXiv:2406.05555"), "{field}");
    }
}

/// A file without entries is a warning at the `file` that names it.
#[test]
fn a_bib_without_entries_is_a_warning_at_its_name() {
    let toml = cv_toml("A B", &[], "");
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", toml.clone());
    let mut cv = crate::schema::parse(file, &toml).expect("valid");
    let problems = import_with(&mut cv, &mut sources, Lang::En, |spec, sources| {
        Ok(sources.add(spec.file.value.clone(), "% only a comment\n".to_string()))
    });
    let rendered: Vec<String> = problems.iter().map(|d| sources.render(d)).collect();
    assert_eq!(problems.len(), 1, "{rendered:#?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(
        rendered[0].starts_with("cv.toml:8:9: warning: `refs.bib` holds no entries"),
        "{}",
        rendered[0]
    );
}

#[test]
fn groups_by_year_and_by_kind_with_headings_in_the_layouts_language() {
    let (cv, _, problems) = import_in(&cv_toml("A B", &[], "group = \"year\""), SHELF, Lang::Fi);
    assert!(problems.is_empty(), "{problems:?}");
    let s = &cv.sections[0];
    assert!(s.body.publications.is_empty());
    let groups: Vec<(&str, Vec<&str>)> = s
        .groups
        .iter()
        .map(|g| (g.title.value.as_str(), titles(&g.body.publications)))
        .collect();
    assert_eq!(
        groups,
        [
            ("2024", vec!["Preprint"]),
            ("2023", vec!["Paper", "Thesis"]),
            ("2021", vec!["Article"]),
            ("2019", vec!["Book"]),
            ("Ilman vuosilukua", vec!["Undated"]),
        ]
    );
    let (cv, _, _) = import_in(&cv_toml("A B", &[], "group = \"type\""), SHELF, Lang::Pl);
    let groups: Vec<(&str, Vec<&str>)> = cv.sections[0]
        .groups
        .iter()
        .map(|g| (g.title.value.as_str(), titles(&g.body.publications)))
        .collect();
    assert_eq!(
        groups,
        [
            ("Artykuły w czasopismach", vec!["Article"]),
            ("Publikacje konferencyjne", vec!["Paper"]),
            ("Książki", vec!["Book"]),
            ("Preprinty", vec!["Preprint"]),
            ("Rozprawy i prace dyplomowe", vec!["Thesis"]),
            ("Inne publikacje", vec!["Undated"]),
        ]
    );
}

#[test]
fn imported_publications_follow_the_sections_own() {
    let toml = "[person]\nname = \"A B\"\n\n[[section]]\ntitle = \"P\"\nbibtex = { file = \"refs.bib\", keys = [\"art2021\"] }\n\n[[section.publication]]\ntitle = \"Written by hand\"\n\n[[section.group]]\ntitle = \"Talks\"\n[[section.group.publication]]\ntitle = \"A talk\"\n";
    let (cv, _, problems) = import_in(toml, SHELF, Lang::En);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        titles(&cv.sections[0].body.publications),
        ["Written by hand", "Article"]
    );
    assert_eq!(cv.sections[0].groups.len(), 1);
}

#[test]
fn keys_and_keywords_choose_and_selected_marks() {
    let bib = r#"
@article{a, title = {A}, year = 2020, keywords = {Peer-Reviewed, ml}}
@article{b, title = {B}, year = 2022, keywords = {talk}}
@article{c, title = {C}, year = 2021, keywords = {peer-reviewed}}
"#;
    let p = publications(&cv_toml("A B", &[], "keys = [\"a\", \"b\"]"), bib);
    assert_eq!(
        titles(&p),
        ["B", "A"],
        "sorted as `order` says, not as listed"
    );
    let p = publications(
        &cv_toml(
            "A B",
            &[],
            "keywords = [\"peer-reviewed\"]\nselected = [\"c\"]",
        ),
        bib,
    );
    assert_eq!(titles(&p), ["C", "A"]);
    assert_eq!(
        p.iter().map(|p| p.selected).collect::<Vec<_>>(),
        [true, false]
    );
    assert_eq!(p[1].tags, ["Peer-Reviewed", "ml"]);
}

#[test]
fn crossref_parents_lend_their_fields_and_are_not_shown_themselves() {
    let bib = r#"
@inproceedings{paper, author = {Doe, J.}, title = {Paper}, crossref = {icml2020}, pages = {1--9}}
@proceedings{icml2020, title = {Proceedings of ICML 2020}, year = 2020, publisher = {PMLR}}
@inproceedings{loop1, title = {L1}, crossref = {loop2}}
@inproceedings{loop2, title = {L2}, crossref = {loop1}}
"#;
    let p = publications(&cv_toml("A B", &[], "order = \"file\""), bib);
    assert_eq!(titles(&p), ["Paper"]);
    assert_eq!(
        p[0].venue.as_ref().map(|v| v.value.as_str()),
        Some("Proceedings of ICML 2020, 1–9")
    );
    assert_eq!(p[0].year.map(|y| y.date), Some(Date::Year(2020)));
    let p = publications(&cv_toml("A B", &[], "keys = [\"icml2020\"]"), bib);
    assert_eq!(titles(&p), ["Proceedings of ICML 2020"]);
}

#[test]
fn a_malformed_entry_is_an_error_at_its_line_and_column_in_the_bib() {
    let bib = "@article{a,\n  title = {X},\n  year = 2020\n  author = {Y},\n}\n";
    let (_, _, problems) = import_in(&cv_toml("A B", &[], ""), bib, Lang::En);
    assert_eq!(
        first_lines(&problems),
        ["refs.bib:4:3: error: expected `,` or `}`, found `a`"]
    );
    assert!(
        problems[0].contains("4 |   author = {Y},"),
        "{}",
        problems[0]
    );
}

#[test]
fn every_malformed_entry_is_reported_and_an_unclosed_one_where_it_starts() {
    let bib = "@article{good, title = {G}}\n\n@article{open,\n  title = {Never {closed},\n}\n\n@book{bad, title = {T} publisher = {P}}\n@misc{fine, title = {F}}\n";
    let (_, _, problems) = import_in(&cv_toml("A B", &[], ""), bib, Lang::En);
    let lines = first_lines(&problems);
    assert_eq!(lines.len(), 2, "{problems:#?}");
    assert!(
        lines[0].starts_with("refs.bib:3:1: error: this entry (`@article{open`) is never closed"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("refs.bib:7:24: error: expected `,`"),
        "{lines:?}"
    );
}

#[test]
fn problems_of_values_are_at_their_place() {
    let cases: [(&str, &str); 6] = [
        (
            "@misc{a, title = {T}, journal = undefined}",
            "refs.bib:1:33: error: `undefined` is not defined",
        ),
        (
            "@misc{a, title = {T}}\n@misc{a, title = {U}}",
            "refs.bib:2:1: error: the key `a` is used by an earlier entry too",
        ),
        (
            "@misc{a, title = {Cost of $x}}",
            "refs.bib:1:27: error: this value ends inside `$…$`",
        ),
        (
            "@misc{a, year = 2020}",
            "refs.bib:1:1: error: the entry `a` has no title",
        ),
        (
            "@misc{a, title = {T}, date = {2021-02-30}}",
            "refs.bib:1:31: error: `2021-02-30` is not a date",
        ),
        (
            "@misc{a, title = {T}, url = {javascript:alert(1)}}",
            "refs.bib:1:30: error:",
        ),
    ];
    for (bib, expected) in cases {
        let (_, _, problems) = import_in(&cv_toml("A B", &[], ""), bib, Lang::En);
        assert_eq!(problems.len(), 1, "{bib}: {problems:#?}");
        assert!(problems[0].starts_with(expected), "{bib}:\n{}", problems[0]);
    }
}

/// One run reports every problem of every entry: each entry a problem of its
/// values leaves out is left out, and the rest are read and shown (and checked).
#[test]
fn every_problem_of_every_entry_in_one_run() {
    let bib = "@article{a, title = {One}, journal = nat, year = 2020}\n@misc{dup, title = {Two}}\n@misc{dup, title = {Three}}\n@misc{math, title = {Broken $\\alpha math}}\n@misc{nt, year = 2021}\n@misc{ok, title = {Fine}}\n";
    let (cv, _, problems) = import_in(&cv_toml("A B", &[], ""), bib, Lang::En);
    assert_eq!(
        first_lines(&problems),
        [
            "refs.bib:1:38: error: `nat` is not defined",
            "refs.bib:3:1: error: the key `dup` is used by an earlier entry too",
            "refs.bib:4:29: error: this value ends inside `$…$` or a command's `{…}`",
            "refs.bib:5:1: error: the entry `nt` has no title",
        ]
    );
    let shown = titles(&cv.sections[0].body.publications)
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(
        shown,
        ["", "Two", "Fine"],
        "the entries that could be read, newest first"
    );
}

#[test]
fn an_entry_not_shown_is_not_checked() {
    let bib = "@misc{shown, title = {T}}\n@misc{other, year = {2020}}\n";
    let p = publications(&cv_toml("A B", &[], "keys = [\"shown\"]"), bib);
    assert_eq!(titles(&p), ["T"]);
}

#[test]
fn unknown_keys_and_keywords_are_errors_in_cv_toml_with_the_nearest() {
    let toml = cv_toml(
        "A B",
        &[],
        "keys = [\"doe2021\", \"doe2012\"]\nkeywords = [\"peer-review\"]\nselected = [\"smith\", \"roe2020\"]",
    );
    let bib =
        "@misc{doe2021, title = {T}, keywords = {peer-reviewed}}\n@misc{roe2020, title = {U}}\n";
    let (_, _, problems) = import_in(&toml, bib, Lang::En);
    let shown: Vec<(&str, Option<&str>)> = problems
        .iter()
        .map(|p| {
            (
                p.lines().next().unwrap_or(""),
                p.lines().find_map(|l| l.strip_prefix("  = help: ")),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("cv.toml:9:21: error: `doe2012` in `keys` is not the key of an entry of `refs.bib`", Some("did you mean `doe2021`?")),
            ("cv.toml:10:14: error: no entry of `refs.bib` has the keyword `peer-review`", Some("did you mean `peer-reviewed`?")),
            ("cv.toml:11:14: error: `smith` in `selected` is not the key of an entry of `refs.bib`", Some("a key is the name after `@article{` (or `@book{`, …) in the file")),
            ("cv.toml:11:23: error: `roe2020` is selected, but this section does not show it", Some("add it to `keys`, or give it one of the `keywords`")),
        ]
    );
}

#[test]
fn limits_refuse_what_would_recurse_or_blow_up() {
    let deep = format!(
        "@misc{{a, title = {{{}x{}}}}}",
        "{".repeat(40),
        "}".repeat(40)
    );
    let wide = format!("@misc{{a, title = {{{{{}}}}}}}", "{x}".repeat(300));
    let cycle = "@string{a = b}\n@string{b = a}\n@misc{k, title = a}";
    let mut bomb = String::from("@string{s0 = {xxxxxxxxxxxxxxxx}}\n");
    for i in 1..30 {
        let parts = vec![format!("s{}", i - 1); 4].join(" # ");
        bomb.push_str(&format!("@string{{s{i} = {parts}}}\n"));
    }
    bomb.push_str("@misc{k, title = s29}\n");
    let pieces = format!("@misc{{a, title = {}}}", vec!["{x}"; 300].join(" # "));
    let expected = [
        (deep, "braces nest more than 32 deep"),
        (wide, "more than 256 braces inside braces"),
        (
            cycle.to_string(),
            "the `@string` `a` is defined in terms of itself",
        ),
        (bomb, "more than 16 MiB"),
        (pieces, "joins more than 256 pieces"),
    ];
    for (bib, message) in expected {
        let started = std::time::Instant::now();
        let (_, _, problems) = import_in(&cv_toml("A B", &[], ""), &bib, Lang::En);
        assert!(started.elapsed().as_secs() < 5);
        assert!(
            problems.iter().any(|p| p.contains(message)),
            "{message}: {problems:#?}"
        );
    }
}

#[test]
fn control_characters_are_errors() {
    let (_, _, problems) = import_in(
        &cv_toml("A B", &[], ""),
        "@misc{a, title = {Bell\u{7}}}",
        Lang::En,
    );
    assert_eq!(
        first_lines(&problems),
        ["refs.bib:1:19: error: the control character U+0007 cannot be printed"]
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any text made of BibTeX's pieces is read or refused, never a panic, and
    /// every problem renders at a place in a file.
    #[test]
    fn any_bib_text_gets_an_answer(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "@article{", "@string{", "@misc{", "@comment{", "@preamble{", "k1", "k2", ",",
                "}", "{", "\"", "=", "#", " ", "\n", "title", "author", "year", "month",
                "date", "url", "doi", "crossref", "xdata", "keywords", "pages", "2021", "jun",
                " and ", "others", "Doe, J.", "{\\\"o}", "\\'\\i", "\\", "\\emph{", "$", "^",
                "~", "--", "---", "%", "é", "中", "\u{7}", "10.1000/x", "https://x.org",
                "2024-13-40", "a", "b", "*", "[", "(", "{\\em ", "\\textbf", "\\c",
            ]),
            0..80,
        ),
    ) {
        let bib: String = pieces.concat();
        let toml = cv_toml("J. Doe", &[], "group = \"type\"\nselected = [\"k1\"]");
        let mut sources = Sources::default();
        let file = sources.add("cv.toml", toml.clone());
        let mut cv = crate::schema::parse(file, &toml).expect("valid");
        let problems = import_with(&mut cv, &mut sources, Lang::En, |spec, sources| {
            Ok(sources.add(spec.file.value.clone(), bib.clone()))
        });
        for d in &problems {
            proptest::prop_assert!(d.origin.is_some(), "{d:?}");
            proptest::prop_assert!(!sources.render(d).is_empty());
        }
    }
}
