//! The schema's unit tests: what reading accepts, and the errors it gives.

use super::contact::{handle, is_orcid};
use super::*;
use crate::diag::{Code, FileId};

fn parse_str(s: &str) -> SourceResult<Cv> {
    parse(FileId(0), s)
}

fn messages(s: &str) -> Vec<String> {
    parse_str(s).map(|_| Vec::new()).unwrap_or_else(|e| {
        crate::diag::tidy(e)
            .into_iter()
            .map(|d| d.message)
            .collect()
    })
}

#[test]
fn profiles_are_read_without_assuming_ascii_or_case() {
    assert!(is_orcid("0000-0002-1825-0097"));
    assert!(is_orcid("0000-0002-1694-233X"));
    assert!(is_orcid("0000-0002-1694-233x"));
    assert!(!is_orcid("0000-0002-1825-0098"));
    assert!(!is_orcid("0000-0002-1825"));
    // Four bytes but two characters a group: once sliced past its end.
    assert!(!is_orcid("éé-éé-éé-éé"));
    assert!(!is_orcid("٠٠٠٠-٠٠٠٢-١٨٢٥-٠٠٩٧"));
    assert_eq!(
        handle("https://GitHub.com/octocat/", "github.com/"),
        "octocat"
    );
    assert_eq!(
        handle("uk.linkedin.com/in/jane", "linkedin.com/in/"),
        "jane"
    );
    let err = messages("[person]\nname = \"A\"\ncontact = [{ orcid = \"éé-éé-éé-éé\" }]\n");
    assert_eq!(err, ["`éé-éé-éé-éé` is not an ORCID iD"]);
}

/// The academic and social profiles: each shown as a reader could type it and
/// linked where it lives, from a bare name or a whole address; a value that is
/// not one is an error with the form to write.
#[test]
fn research_and_social_profiles_show_and_link_where_they_live() {
    let cases = [
        (
            "dblp",
            "12/3456",
            "dblp.org/pid/12/3456",
            "https://dblp.org/pid/12/3456",
        ),
        (
            "dblp",
            "https://dblp.org/pid/s/JaneSmith",
            "dblp.org/pid/s/JaneSmith",
            "https://dblp.org/pid/s/JaneSmith",
        ),
        (
            "researchgate",
            "Jane-Doe",
            "researchgate.net/profile/Jane-Doe",
            "https://www.researchgate.net/profile/Jane-Doe",
        ),
        (
            "mastodon",
            "@jane@fosstodon.org",
            "@jane@fosstodon.org",
            "https://fosstodon.org/@jane",
        ),
        (
            "mastodon",
            "https://mastodon.social/@kim",
            "@kim@mastodon.social",
            "https://mastodon.social/@kim",
        ),
        (
            "bluesky",
            "jane.bsky.social",
            "@jane.bsky.social",
            "https://bsky.app/profile/jane.bsky.social",
        ),
        (
            "bluesky",
            "https://bsky.app/profile/jane.dev",
            "@jane.dev",
            "https://bsky.app/profile/jane.dev",
        ),
        ("x", "@jane_doe", "x.com/jane_doe", "https://x.com/jane_doe"),
        (
            "x",
            "https://twitter.com/jane_doe",
            "x.com/jane_doe",
            "https://x.com/jane_doe",
        ),
        (
            "gitlab",
            "jane",
            "gitlab.com/jane",
            "https://gitlab.com/jane",
        ),
        (
            "stackoverflow",
            "22656",
            "stackoverflow.com/users/22656",
            "https://stackoverflow.com/users/22656",
        ),
        (
            "stackoverflow",
            "https://stackoverflow.com/users/22656/jon-skeet",
            "stackoverflow.com/users/22656/jon-skeet",
            "https://stackoverflow.com/users/22656/jon-skeet",
        ),
    ];
    for (kind, value, shown, link) in cases {
        let cv = parse_str(&format!(
            "[person]\nname = \"A\"\ncontact = [{{ {kind} = \"{value}\" }}]\n"
        ))
        .unwrap_or_else(|e| panic!("{kind} = {value}: {e:?}"));
        let c = &cv.person.contact[0];
        assert_eq!(
            (c.display().as_str(), c.link().as_deref()),
            (shown, Some(link)),
            "{kind}"
        );
    }
    for (kind, value, what) in [
        ("mastodon", "jane", "a Mastodon account"),
        ("bluesky", "jane", "a Bluesky handle"),
        ("x", "jane doe", "an X user name"),
        ("stackoverflow", "jon-skeet", "a Stack Overflow user"),
        ("dblp", "https://example.com/x", "a dblp person id"),
        ("dblp", "example.org/pid/1/2", "a dblp person id"),
        ("dblp", "joana", "a dblp person id"),
        ("gitlab", "gitlab.com/a b", "a GitLab user name"),
    ] {
        let err = messages(&format!(
            "[person]\nname = \"A\"\ncontact = [{{ {kind} = \"{value}\" }}]\n"
        ));
        assert!(
            err.contains(&format!("`{value}` is not {what}")),
            "{kind}: {err:?}"
        );
    }
}

#[test]
fn unknown_key_names_the_nearest_one() {
    let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbulets = []\n")
        .unwrap_err();
    assert_eq!(err[0].message, "unknown key `bulets`");
    assert_eq!(err[0].help.as_deref(), Some("did you mean `bullets`?"));
    assert_eq!(err[0].origin.map(|o| o.offset), Some(74));
}

#[test]
fn every_mistake_is_reported_in_one_run_in_the_users_words() {
    let cv = "[person]\nnam = \"B\"\n[[section]]\ntitle = \"X\"\n[[section.publication]]\nauthors = \"A. Author\"\ntitle = \"T\"\nyear = \"20x0\"\n[[section.entry]]\ntitel = \"Y\"\nstart = 2019\nselected = \"yes\"\n";
    assert_eq!(
        messages(cv),
        [
            "missing key `name`: the CV needs the person's name",
            "unknown key `nam`",
            "`authors` must be a list, like `authors = [\"A. Author\", \"B. Author\"]`, not text",
            "`20x0` is not a date: a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`",
            "an entry needs a `title`, an `organisation` or `roles`",
            "unknown key `titel`",
            "unknown key `selected`",
        ]
    );
}

#[test]
fn backwards_range_is_an_error() {
    let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"2019-05\"\n")
        .unwrap_err();
    assert_eq!(err[0].message, "this entry ends before it starts");
    assert_eq!(err[0].code, Code::BadDate);
}

#[test]
fn roles_and_a_title_cannot_both_be_the_title_line() {
    let m = messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"Lead\"\nroles = [{ title = \"Engineer\" }]\n");
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with("this entry has both `title` and `roles`"),
        "{m:?}"
    );
}

#[test]
fn a_year_needs_four_digits_from_1000() {
    let m = messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.item]]\ntext = \"t\"\nyear = \"0000\"\n[[section.item]]\ntext = \"u\"\nyear = 12\n");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("the year 0 is not a year of a CV"), "{m:?}");
    assert!(m[1].contains("12 is not a year"), "{m:?}");
}

#[test]
fn unquoted_toml_dates_are_dates() {
    let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nstart = 2019-09-01\n").unwrap();
    assert_eq!(
        cv.sections[0].body.entries[0].start.map(|d| d.date),
        Some(Date::Day(2019, 9, 1))
    );
}

#[test]
fn contacts_have_one_kind() {
    let cv = parse_str("[person]\nname = \"A\"\ncontact = [{ github = \"https://github.com/someone/\" }, { email = \"a@b.c\" }]\n").unwrap();
    assert_eq!(cv.person.contact[0].display(), "github.com/someone");
    assert_eq!(
        cv.person.contact[0].link().as_deref(),
        Some("https://github.com/someone")
    );
    assert_eq!(cv.person.contact[1].link().as_deref(), Some("mailto:a@b.c"));
    let err =
        parse_str("[person]\nname = \"A\"\ncontact = [{ github = \"x\", email = \"a@b.c\" }]\n")
            .unwrap_err();
    assert!(err[0]
        .message
        .contains("`github` belongs in an item of its own"));
}

#[test]
fn links_must_be_links_and_safe_ones() {
    for good in [
        "https://a.org",
        "http://x.y/z?q=1#f",
        "mailto:a@b.c",
        "tel:+4121000",
        "https://user@host.com:8080/p",
        "http://[::1]:8080/x",
    ] {
        assert_eq!(markup::link_problem(good), None, "{good}");
    }
    for bad in [
        "",
        "www.example.org",
        "https://",
        "https://nohost",
        "mailto:nobody",
        "cv.pdf",
        "#top",
        "https://a b.org",
        "tel:1",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "ftp://example.org/x",
        "https://example.org:99999/",
        "http://[zz]/",
        // Invisible characters pasted into an address (found by review).
        "https://exa\u{200B}mple.com",
        "mailto:b\u{AD}@example.com",
        "mailto:a\u{202E}@example.com",
    ] {
        assert!(markup::link_problem(bad).is_some(), "{bad}");
    }
    assert!(markup::link_problem("https://exa\u{200B}mple.com")
        .is_some_and(|(m, _)| m.contains("invisible character, U+200B")));
    let long = format!("https://example.org/{}", "a".repeat(2048));
    assert!(markup::link_problem(&long).is_some_and(|(m, _)| m.contains("too long")));
    assert_eq!(markup::link_problem(&long[..2048]), None);
    let err =
        parse_str("[person]\nname = \"A\"\nheadline = \"see [me](www.me.org)\"\n").unwrap_err();
    assert_eq!(err[0].message, "`www.me.org` is not a valid link");
    assert_eq!(err[0].code, Code::BadLink);
    let err = parse_str(
        "[person]\nname = \"A\"\ncontact = [{ label = \"x\", text = \"y\", url = \"javascript:alert(1)\" }]\n",
    )
    .unwrap_err();
    assert!(err[0]
        .message
        .starts_with("`javascript:` links are not allowed"));
}

#[test]
fn bullets_are_strings_or_tables() {
    let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [\"one\", { text = \"two\", tags = [\"resume\"] }]\n").unwrap();
    let b = &cv.sections[0].body.entries[0].bullets;
    assert_eq!(b[0].text.value, "one");
    assert_eq!(b[1].tags, vec!["resume".to_string()]);
    let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [{ txt = \"two\" }]\n").unwrap_err();
    let err = crate::diag::tidy(err);
    assert_eq!(
        err[0].message,
        "missing key `text`: a bullet written as a table holds its `text`"
    );
    assert_eq!(err[1].message, "unknown key `txt`");
    assert_eq!(err[1].help.as_deref(), Some("did you mean `text`?"));
}

#[test]
fn control_characters_are_errors_at_their_place() {
    let err = parse_str("[person]\nname = \"A\\u0007B\"\n").unwrap_err();
    assert_eq!(err[0].code, Code::ControlCharacter);
    assert_eq!(err[0].origin.map(|o| (o.offset, o.index)), Some((16, 1)));
}

/// A key from another part of the schema names the key that says it here, not
/// the nearest spelling (`role` is nearest to `roles`, which is something else).
#[test]
fn keys_from_elsewhere_name_what_was_meant() {
    let help = |cv: &str| -> Vec<(String, String)> {
        let err = crate::diag::tidy(parse_str(cv).unwrap_err());
        err.into_iter()
            .map(|d| (d.message, d.help.unwrap_or_default()))
            .collect()
    };
    let found = help("[person]\nname = \"A\"\nemail = \"a@b.c\"\n[[section]]\ntitle = \"G\"\n[[section.entry]]\ntitle = \"Grant\"\nrole = \"PI\"\n[[section.publication]]\ntitle = \"P\"\njournal = \"J\"\n[[section.item]]\ntext = \"t\"\ntitle = \"x\"\n");
    let expect = [
        ("email", "contact = [{ email"),
        ("role", "facts = [{ label = \"Role\""),
        ("journal", "`venue`"),
        ("title", "its `label`"),
    ];
    assert_eq!(found.len(), expect.len(), "{found:?}");
    for ((message, help), (key, hint)) in found.iter().zip(expect) {
        assert_eq!(message, &format!("unknown key `{key}`"));
        assert!(help.contains(hint), "{key}: {help}");
    }
    // A typo still gets the nearest key.
    let found = help("[person]\nname = \"A\"\n[[section]]\ntitle = \"G\"\n[[section.entry]]\ntitle = \"T\"\nfatcs = []\n");
    assert_eq!(found[0].1, "did you mean `facts`?");
    // A group is not a section: a .bib file is read by the section.
    let found = help("[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\n[[section.group]]\ntitle = \"G\"\nbibtex = { file = \"a.bib\" }\n");
    assert!(
        found[0].1.contains("put `bibtex` on the `[[section]]`"),
        "{found:?}"
    );
}

/// Items take a period and an aside; the date column shows one thing.
#[test]
fn items_take_a_period_or_an_aside() {
    let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"S\"\n[[section.item]]\ntext = \"t\"\nstart = \"2023-12\"\nend = \"present\"\n[[section.item]]\naside = \"Programme committee\"\ntext = \"ICML\"\n").unwrap();
    let items = &cv.sections[0].body.items;
    assert_eq!(items[0].start.map(|d| d.date), Some(Date::Month(2023, 12)));
    assert_eq!(items[0].end.map(|d| d.date), Some(Date::Present));
    assert_eq!(
        items[1].aside.as_ref().map(|t| t.value.as_str()),
        Some("Programme committee")
    );
    let m = messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"S\"\n[[section.item]]\ntext = \"t\"\nyear = 2020\nstart = \"2019\"\n[[section.item]]\ntext = \"u\"\naside = \"PC\"\ndate = \"ongoing\"\n[[section.item]]\ntext = \"v\"\nend = \"2020\"\n");
    assert_eq!(
        m,
        [
            "an item shows one thing in the date column: `year` or `start`/`end`, not both",
            "an item shows one thing in the date column: `aside` or `date`, not both",
            "`end` without `start`: add `start`, or write the free text in `date`",
        ]
    );
    // A header line has no date column.
    let m = messages("[person]\nname = \"A\"\nextra = [{ text = \"x\", aside = \"y\" }]\n");
    assert_eq!(m, ["unknown key `aside`"]);
}

/// Authors' marks are not part of their names.
#[test]
fn author_marks_are_split_off() {
    let cv = parse_str("[person]\nname = \"Jana Nováková\"\n[[section]]\ntitle = \"P\"\n[[section.publication]]\ntitle = \"T\"\nauthors = [\"J. Nováková*†\", \"P. Svoboda *\", \"K. Star\"]\n").unwrap();
    let authors = &cv.sections[0].body.publications[0].authors;
    let seen: Vec<(&str, bool, bool)> = authors
        .iter()
        .map(|a| (a.name.value.as_str(), a.marks.equal, a.marks.corresponding))
        .collect();
    assert_eq!(
        seen,
        [
            ("J. Nováková", true, true),
            ("P. Svoboda", true, false),
            ("K. Star", false, false),
        ]
    );
}

/// Groups hold what a section holds, under a heading that must be written.
#[test]
fn groups_hold_entries_publications_and_items() {
    let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"Students\"\n[[section.group]]\ntitle = \"Doctoral\"\n[[section.group.item]]\ntext = \"B\"\n[[section.group]]\ntitle = \"Postdoctoral\"\n[[section.group.entry]]\ntitle = \"C\"\n").unwrap();
    let groups = &cv.sections[0].groups;
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].body.items[0].text.value, "B");
    assert_eq!(
        groups[1].body.entries[0]
            .title
            .as_ref()
            .map(|t| t.value.as_str()),
        Some("C")
    );
    let m = messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"S\"\n[[section.group]]\n[[section.group.item]]\ntext = \"B\"\n");
    assert_eq!(m, ["missing key `title`: a group has a heading of its own"]);
}
#[test]
fn a_section_may_name_a_bib_file_and_how_to_show_it() {
    let cv = parse_str(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\n[section.bibtex]\nfile = \" papers.bib \"\nkeys = [\"a\", \"b\"]\nkeywords = [\"ml\"]\norder = \"Oldest\"\ngroup = \"type\"\nselected = [\"a\"]\n",
    )
    .unwrap();
    let b = cv.sections[0].bibtex.as_ref().unwrap();
    assert_eq!(b.file.value, " papers.bib ");
    let words = |t: &[reader::Text]| t.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
    assert_eq!(words(&b.keys), ["a", "b"]);
    assert_eq!(words(&b.keywords), ["ml"]);
    assert_eq!(words(&b.selected), ["a"]);
    assert_eq!(b.order, bibtex::Order::Oldest);
    assert_eq!(b.group, bibtex::Grouping::Type);
    let cv = parse_str(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\nbibtex = { file = \"x.bib\" }\n",
    )
    .unwrap();
    let b = cv.sections[0].bibtex.as_ref().unwrap();
    assert_eq!(
        (b.order, b.group),
        (bibtex::Order::Newest, bibtex::Grouping::None)
    );
}

#[test]
fn the_bibtex_table_is_checked_like_any_other() {
    assert_eq!(
        messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\n[section.bibtex]\nfil = \"x.bib\"\norder = \"newer\"\ngroup = \"kind\"\n"),
        [
            "missing key `file`: the `bibtex` table names the `.bib` file to read",
            "unknown key `fil`",
            "`newer` is not a valid `order`: use `newest`, `oldest` or `file`",
            "`kind` is not a valid `group`: use `none`, `year` or `type`",
        ]
    );
    assert_eq!(
        messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\nbibtex = { file = \" \" }\n[[section.group]]\ntitle = \"G\"\nbibtex = { file = \"x.bib\" }\n"),
        [
            "`file` is empty: give the path of a `.bib` file, relative to cv.toml",
            "unknown key `bibtex`",
        ]
    );
}

#[test]
fn a_header_line_refuses_the_keys_it_would_not_print() {
    // They were read and never printed: a link and a date that silently vanished.
    let cv = "[person]\nname = \"A\"\nextra = [{ label = \"L\", text = \"t\", year = 2020, date = \"soon\", url = \"https://a.b\" }]\n";
    let problems = parse_str(cv).err().unwrap_or_default();
    let said: Vec<(String, Option<String>)> =
        problems.into_iter().map(|d| (d.message, d.help)).collect();
    for key in ["year", "date", "url"] {
        assert!(
            said.iter()
                .any(|(m, h)| *m == format!("unknown key `{key}`") && h.is_some()),
            "{key}: {said:?}"
        );
    }
    let fine = "[person]\nname = \"A\"\nextra = [{ label = \"Web\", text = \"[a.b](https://a.b)\", tags = [\"full\"] }]\n";
    assert_eq!(messages(fine), Vec::<String>::new());
}
