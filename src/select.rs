//! Selection: the part of the CV a layout shows.
//!
//! One `cv.toml` serves a full CV and a one-page résumé because the layout decides
//! what to show: which sections, in which order, under which titles, and which of
//! their entries, bullets and paragraphs. This stage applies those rules and hands
//! layout a CV that holds exactly what will be printed.
//!
//! The rules (each settable for all sections in `[select]` and per section):
//!
//! - `include_tags`: an entry (or publication, or item) is shown only if it has one of
//!   these tags. Within a shown entry, if any bullet carries tags, bullets are chosen
//!   by the same rule; if none does, all of them are candidates. Tag bullets only
//!   where you need to choose among them.
//! - `exclude_tags`: an entry or bullet with one of these tags is never shown.
//! - `selected_only`: only publications marked `selected = true`.
//! - `since`: only entries that end (or, with no end, start) in that year or later;
//!   entries that run to the present always.
//! - `max_entries`, `max_bullets`: keep the first N (after the rules above).
//! - `entry_text`, `section_text`: show paragraphs or not.
//!
//! A section the rules empty is left out, with a warning: a rule that selects nothing
//! is most likely a mistake.

use crate::dates::Date;
use crate::diag::{Code, Diagnostic, Origin};
use crate::layouts::{Layout, Rules};
use crate::markup;
use crate::schema::{Cv, Entry, Section};

/// The CV as `layout` shows it, and warnings about sections the rules emptied.
/// A section the layout names that the CV does not have is an error.
pub fn select(cv: &Cv, layout: &Layout) -> Result<(Cv, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let chosen: Vec<(Section, Rules, Option<Origin>)> = match &layout.sections {
        None => cv
            .sections
            .iter()
            .map(|s| (s.clone(), layout.rules.clone(), None))
            .collect(),
        Some(picks) => picks
            .iter()
            .filter_map(|pick| match find(cv, &pick.id) {
                Some(section) => {
                    let mut section = section.clone();
                    if let Some(title) = &pick.title {
                        section.title = title.clone();
                    }
                    Some((section, pick.rules.clone(), pick.origin))
                }
                None => {
                    let ids: Vec<String> = cv.sections.iter().map(section_id).collect();
                    errors.push(
                        Diagnostic::error(
                            Code::UnknownName,
                            format!(
                                "the layout names a section `{}` that cv.toml does not have",
                                crate::diag::clip(&pick.id)
                            ),
                            pick.origin,
                        )
                        .with_help(if ids.is_empty() {
                            "cv.toml has no sections yet".to_string()
                        } else {
                            format!("the sections of cv.toml are: {}", ids.join(", "))
                        }),
                    );
                    None
                }
            })
            .collect(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut sections = Vec::new();
    for (section, rules, origin) in chosen {
        let had_content = !section.entries.is_empty()
            || !section.publications.is_empty()
            || !section.items.is_empty()
            || section.text.is_some();
        let kept = apply(section, &rules);
        let empty = kept.entries.is_empty()
            && kept.publications.is_empty()
            && kept.items.is_empty()
            && kept.text.is_none();
        if empty {
            if !had_content {
                warnings.push(
                    Diagnostic::warning(
                        Code::EmptySection,
                        format!(
                            "section `{}` holds nothing (no text, entries, publications or items); it is left out",
                            markup::plain(&kept.title.value)
                        ),
                        Some(kept.title.at),
                    )
                    .with_help("add what belongs in it, or remove the section"),
                );
            } else {
                warnings.push(
                    Diagnostic::warning(
                        Code::EmptySection,
                        format!(
                            "layout `{}`: the selection rules keep nothing of section `{}`; it is left out",
                            layout.name,
                            markup::plain(&kept.title.value)
                        ),
                        origin.or(Some(kept.title.at)),
                    )
                    .with_help(describe(&rules)),
                );
            }
            continue;
        }
        sections.push(kept);
    }
    Ok((
        Cv {
            person: cv.person.clone(),
            sections,
            file: cv.file,
        },
        warnings,
    ))
}

/// The name layouts use for a section: its `id`, else its title.
pub fn section_id(section: &Section) -> String {
    section
        .id
        .clone()
        .unwrap_or_else(|| markup::plain(&section.title.value))
}

fn find<'a>(cv: &'a Cv, id: &str) -> Option<&'a Section> {
    cv.sections
        .iter()
        .find(|s| s.id.as_deref() == Some(id))
        .or_else(|| {
            cv.sections
                .iter()
                .find(|s| section_id(s).eq_ignore_ascii_case(id))
        })
}

/// Whether something with these tags passes the tag rules.
fn tags_pass(tags: &[String], rules: &Rules) -> bool {
    if tags.iter().any(|t| rules.exclude_tags.contains(t)) {
        return false;
    }
    rules.include_tags.is_empty() || tags.iter().any(|t| rules.include_tags.contains(t))
}

/// Whether a year passes `since`.
fn recent(year: Option<i32>, rules: &Rules) -> bool {
    match (rules.since, year) {
        (Some(since), Some(y)) => y >= since,
        _ => true,
    }
}

/// The year an entry ends (or starts, without an end); `None` when open or undated.
fn entry_year(entry: &Entry) -> Option<i32> {
    match entry.span() {
        (_, Some(Date::Present)) => None,
        (_, Some(end)) => end.year(),
        (start, None) => start.and_then(Date::year),
    }
}

fn apply(mut section: Section, rules: &Rules) -> Section {
    if !rules.section_text {
        section.text = None;
    }
    let limit = rules.max_entries.unwrap_or(usize::MAX);
    section.entries = section
        .entries
        .into_iter()
        .filter(|e| tags_pass(&e.tags, rules) && recent(entry_year(e), rules))
        .take(limit)
        .map(|mut e| {
            if !rules.entry_text {
                e.text = None;
            }
            let tagged = e.bullets.iter().any(|b| !b.tags.is_empty());
            e.bullets = e
                .bullets
                .into_iter()
                .filter(|b| {
                    if tagged {
                        tags_pass(&b.tags, rules)
                    } else {
                        true
                    }
                })
                .take(rules.max_bullets.unwrap_or(usize::MAX))
                .collect();
            e
        })
        .collect();
    section.publications = section
        .publications
        .into_iter()
        .filter(|p| {
            tags_pass(&p.tags, rules)
                && (!rules.selected_only || p.selected)
                && recent(p.year.and_then(|y| y.date.year()), rules)
        })
        .take(limit)
        .collect();
    section.items = section
        .items
        .into_iter()
        .filter(|i| tags_pass(&i.tags, rules) && recent(i.year.and_then(|y| y.date.year()), rules))
        .take(limit)
        .collect();
    section
}

/// The rules in words, for a warning's help line.
fn describe(rules: &Rules) -> String {
    let mut parts = Vec::new();
    if !rules.include_tags.is_empty() {
        parts.push(format!("include_tags = {:?}", rules.include_tags));
    }
    if !rules.exclude_tags.is_empty() {
        parts.push(format!("exclude_tags = {:?}", rules.exclude_tags));
    }
    if rules.selected_only {
        parts.push("selected_only = true".into());
    }
    if let Some(s) = rules.since {
        parts.push(format!("since = {s}"));
    }
    if !rules.section_text {
        parts.push("section_text = false".into());
    }
    format!(
        "the rules in force: {}",
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Sources};
    use crate::layouts::load_text;

    const CV: &str = r#"
[person]
name = "T"

[[section]]
id = "work"
title = "Work"
text = "Intro."

[[section.entry]]
title = "Now"
start = "2020"
end = "present"
tags = ["resume"]
bullets = [{ text = "b1", tags = ["resume"] }, "b2", { text = "b3", tags = ["resume"] }, { text = "b4", tags = ["resume", "old"] }]

[[section.entry]]
title = "Before"
start = "2012"
end = "2015"
tags = ["resume"]
bullets = ["c1", "c2", "c3"]

[[section.entry]]
title = "Long ago"
start = "2001"
end = "2005"
bullets = ["d1"]

[[section]]
id = "pubs"
title = "Publications"

[[section.publication]]
title = "P2024"
year = 2024
selected = true

[[section.publication]]
title = "P2010"
year = 2010

[[section]]
title = "Misc"
text = "Likes cats."
"#;

    fn run(layout: &str) -> (Cv, Vec<Diagnostic>) {
        let cv = crate::schema::parse(FileId(0), CV).unwrap();
        let mut sources = Sources::default();
        sources.add("cv.toml", CV.to_string());
        let layout = load_text(&mut sources, layout, &[]).unwrap();
        select(&cv, &layout).unwrap()
    }

    fn titles(cv: &Cv) -> Vec<String> {
        cv.sections.iter().map(|s| s.title.value.clone()).collect()
    }

    fn entries(cv: &Cv) -> Vec<String> {
        cv.sections[0]
            .entries
            .iter()
            .map(|e| {
                format!(
                    "{}:{}",
                    e.title.as_ref().unwrap().value,
                    e.bullets
                        .iter()
                        .map(|b| b.text.value.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .collect()
    }

    #[test]
    fn without_rules_everything_is_shown() {
        let (cv, warnings) = run("");
        assert_eq!(titles(&cv), ["Work", "Publications", "Misc"]);
        assert_eq!(
            entries(&cv),
            ["Now:b1,b2,b3,b4", "Before:c1,c2,c3", "Long ago:d1"]
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn tags_choose_entries_and_tagged_bullets() {
        let (cv, _) = run("sections = [\"work\"]\n[select]\ninclude_tags = [\"resume\"]\nexclude_tags = [\"old\"]\n");
        assert_eq!(entries(&cv), ["Now:b1,b3", "Before:c1,c2,c3"]);
    }

    #[test]
    fn at_most_n_bullets_and_entries() {
        let (cv, _) = run("sections = [\"work\"]\n[select]\nmax_bullets = 2\nmax_entries = 2\n");
        assert_eq!(entries(&cv), ["Now:b1,b2", "Before:c1,c2"]);
    }

    #[test]
    fn since_keeps_recent_and_open_entries() {
        let (cv, _) = run("sections = [\"work\", \"pubs\"]\n[select]\nsince = 2012\n");
        assert_eq!(entries(&cv), ["Now:b1,b2,b3,b4", "Before:c1,c2,c3"]);
        assert_eq!(cv.sections[1].publications.len(), 1);
    }

    #[test]
    fn since_reads_an_entry_with_roles_by_its_latest_end_in_any_order() {
        let cv = "[person]\nname = \"T\"\n[[section]]\nid = \"work\"\ntitle = \"Work\"\n[[section.entry]]\norganisation = \"Lab\"\nroles = [{ title = \"Head\", start = \"2018\", end = \"2022\" }, { title = \"Member\", start = \"2010\", end = \"2017\" }]\n";
        let cv = crate::schema::parse(FileId(0), cv).unwrap();
        let mut sources = Sources::default();
        let layout = load_text(&mut sources, "[select]\nsince = 2020\n", &[]).unwrap();
        let (shown, _) = select(&cv, &layout).unwrap();
        assert_eq!(
            shown.sections[0].entries.len(),
            1,
            "the lab role ran until 2022"
        );
    }

    #[test]
    fn only_selected_publications() {
        let (cv, _) = run("sections = [{ id = \"pubs\", selected_only = true }]\n");
        let pubs: Vec<&str> = cv.sections[0]
            .publications
            .iter()
            .map(|p| p.title.value.as_str())
            .collect();
        assert_eq!(pubs, ["P2024"]);
    }

    #[test]
    fn sections_are_ordered_and_renamed_by_the_layout() {
        let (cv, _) = run("sections = [\"Misc\", { id = \"work\", title = \"Experience\" }]\n");
        assert_eq!(titles(&cv), ["Misc", "Experience"]);
        let title = &cv.sections[1].title;
        assert_eq!(
            title.at.file,
            FileId(1),
            "a renamed title points into the layout"
        );
    }

    #[test]
    fn a_rule_that_empties_a_section_is_a_warning() {
        let (cv, warnings) = run("[select]\ninclude_tags = [\"resume\"]\nsection_text = false\n");
        assert_eq!(titles(&cv), ["Work"]);
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0]
                .message
                .contains("keep nothing of section `Publications`"),
            "{}",
            warnings[0].message
        );
        assert_eq!(
            warnings[0].help.as_deref(),
            Some("the rules in force: include_tags = [\"resume\"], section_text = false")
        );
    }

    #[test]
    fn an_unknown_section_is_an_error_with_the_known_ones() {
        let cv = crate::schema::parse(FileId(0), CV).unwrap();
        let mut sources = Sources::default();
        let layout = load_text(&mut sources, "sections = [\"wrok\"]\n", &[]).unwrap();
        let err = select(&cv, &layout).unwrap_err();
        assert_eq!(
            err[0].message,
            "the layout names a section `wrok` that cv.toml does not have"
        );
        assert_eq!(
            err[0].help.as_deref(),
            Some("the sections of cv.toml are: work, pubs, Misc")
        );
    }
}
