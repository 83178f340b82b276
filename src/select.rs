//! Selection: the part of the CV a layout shows.
//!
//! One `cv.toml` serves a full CV and a one-page résumé because the layout decides
//! what to show: which sections, in which order, under which titles, and which of
//! their entries, bullets and paragraphs. This stage applies those rules and hands
//! typesetting a CV that holds exactly what will be printed.
//!
//! The rules (each settable for all sections in `[select]` and per section):
//!
//! - `include_tags`: an entry (or publication, or item) is shown only if it has one of
//!   these tags. Within a shown entry, if any bullet carries tags, bullets are chosen
//!   by the same rule; if none does, all of them are candidates. Tag bullets only
//!   where you need to choose among them.
//! - `exclude_tags`: an entry or bullet with one of these tags is never shown.
//! - `selected_only`: only publications marked `selected = true`.
//! - `prefer_tags`, `prefer_selected`: the same, but only when the CV uses those
//!   marks at all (some entry, publication or item carries one of the tags; some
//!   publication is selected). So a built-in résumé shows what a CV marks for it,
//!   and, of a CV that marks nothing, everything within its limits.
//! - `since`: only entries that end (or, with no end, start) in that year or later;
//!   entries that run to the present always.
//! - `max_entries`, `max_bullets`: keep the first N (after the rules above).
//! - `entry_text`, `section_text`: show paragraphs or not.
//!
//! A section the rules empty is left out, with a warning: a rule that selects nothing
//! is most likely a mistake. Not when the layout's design empties it: a section that
//! holds nothing marked the way the layout prefers (`prefer_tags`) while the CV
//! marks other things so. `section_text = false` leaves out the paragraphs that open
//! sections of entries, publications or items; a section that is text alone (a
//! summary) is shown.

use std::collections::{HashMap, HashSet};

use crate::dates::Date;
use crate::diag::{Code, Diagnostic, Origin, SourceResult, Warned, SHOWN};
use crate::layouts::{Layout, Rules, SectionPick, Tags};
use crate::markup;
use crate::schema::{Body, Cv, Entry, ListItem, Publication, Section};

/// The CV as `layout` shows it, and warnings: about sections the rules emptied, a
/// section the layout names that the CV does not have (it is left out), and a
/// layout that shows no section at all.
pub fn select(cv: &Cv, layout: &Layout) -> SourceResult<Warned<Cv>> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let names = Names::new(cv);
    let mut showings: HashMap<usize, usize> = HashMap::new();
    let chosen: Vec<(Section, Rules, Option<Origin>)> = match &layout.select.sections {
        None => cv
            .sections
            .iter()
            .map(|s| (s.clone(), layout.select.rules.clone(), None))
            .collect(),
        Some(picks) => picks
            .iter()
            .filter_map(|pick| match names.find(&pick.id) {
                Some((i, section)) => {
                    let shown = showings.entry(i).or_insert(0);
                    *shown += 1;
                    if *shown > MOST_SHOWINGS {
                        errors.push(too_often(pick));
                        return None;
                    }
                    let mut section = section.clone();
                    if let Some(title) = &pick.title {
                        section.title = title.clone();
                    }
                    Some((section, pick.rules.clone(), pick.origin))
                }
                None => {
                    warnings.push(missing_section(&names, pick, warnings.len()));
                    None
                }
            })
            .collect(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    warnings.extend(unknown_pagination_names(cv, layout));
    warnings.extend(ambiguous_picks(&names, layout));
    let marks = Marks::of(cv);
    let mut sections = Vec::new();
    for (section, rules, origin) in chosen {
        let had_content = !section.is_empty();
        let effective = marks.resolve(&rules);
        // Kept by the rules that are not the layout's design (preferences, text
        // off): a section only those empty is left out without a word.
        let by_design = effective.changes(&rules) || !rules.section_text;
        let designed = by_design && keeps_any(&section, &rules);
        let kept = apply(section, &rules, &effective);
        if kept.is_empty() {
            if designed {
                continue;
            }
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
    if sections.is_empty() && !cv.sections.is_empty() {
        warnings.push(nothing_shown(layout));
    }
    let mut person = cv.person.clone();
    person
        .extra
        .retain(|line| header_line_shown(&line.tags, &layout.select.rules));
    let shown = Cv {
        person,
        sections,
        file: cv.file,
    };
    Ok(Warned::new(shown, warnings))
}

/// Whether a header line (`[[person.extra]]`) with `tags` is shown under the
/// layout's `[select]` rules: never with an excluded tag; an untagged line always
/// otherwise; a tagged one where the layout asks for none of its tags' kind or for
/// one of them (`include_tags`, `prefer_tags`). So `tags = ["full"]` keeps a postal
/// address out of a résumé that prefers `resume`.
fn header_line_shown(tags: &[String], rules: &Rules) -> bool {
    if tags.iter().any(|t| rules.exclude_tags.contains(t)) {
        return false;
    }
    let asked = |t: &String| rules.include_tags.contains(t) || rules.prefer_tags.contains(t);
    let asks = !rules.include_tags.is_empty() || !rules.prefer_tags.is_empty();
    tags.is_empty() || !asks || tags.iter().any(asked)
}

/// What a CV marks for layouts: the tags its entries and items carry, the tags
/// its publications carry, and whether it selects any publication. Preferences
/// (`prefer_tags`, `prefer_selected`) become rules only where the CV uses the
/// marks they name: publications are chosen by tag only when some publication is
/// tagged (most CVs choose them with `selected`), entries and items when some entry
/// or item is.
struct Marks<'a> {
    entry_tags: HashSet<&'a str>,
    publication_tags: HashSet<&'a str>,
    selects: bool,
}

/// What the CV's marks made of the layout's preferences, for one kind of thing
/// (entries and items, or publications): whether `prefer_tags` act as
/// `include_tags`, whether only selected publications show, and at most how many
/// per section. The tag sets themselves stay the layout's: a layout of many tags
/// over a CV of many sections must not copy them for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice {
    prefer_tags: bool,
    selected_only: bool,
    max: Option<usize>,
}

impl Choice {
    /// The layout's own rules, its preferences aside.
    fn hard(rules: &Rules) -> Choice {
        Choice {
            prefer_tags: false,
            selected_only: rules.selected_only,
            max: rules.max_entries,
        }
    }
}

/// The choices for a section's entries and items and for its publications. A
/// section that is text alone is chosen like an entry: where the CV tags entries
/// with the preferred tags, it must carry one.
struct Effective {
    entries: Choice,
    publications: Choice,
}

impl Effective {
    /// Whether the preferences changed anything of the layout's own rules.
    fn changes(&self, rules: &Rules) -> bool {
        let hard = Choice::hard(rules);
        self.entries != hard || self.publications != hard
    }
}

impl<'a> Marks<'a> {
    fn of(cv: &'a Cv) -> Marks<'a> {
        let mut entry_tags = HashSet::new();
        let mut publication_tags = HashSet::new();
        let mut selects = false;
        for s in cv.bodies() {
            entry_tags.extend(s.entries.iter().flat_map(|e| &e.tags).map(String::as_str));
            entry_tags.extend(s.items.iter().flat_map(|i| &i.tags).map(String::as_str));
            for p in &s.publications {
                publication_tags.extend(p.tags.iter().map(String::as_str));
                selects |= p.selected;
            }
        }
        Marks {
            entry_tags,
            publication_tags,
            selects,
        }
    }

    /// `rules` with their preferences made rules where this CV uses the marks.
    fn resolve(&self, rules: &Rules) -> Effective {
        let uses =
            |tags: &HashSet<&str>| rules.prefer_tags.iter().any(|t| tags.contains(t.as_str()));
        let preferring = !rules.prefer_tags.is_empty() || rules.prefer_selected;
        let choose = |tagged: bool, selected: bool| {
            let mut max = rules.max_entries;
            if preferring && !tagged && !selected {
                // Nothing marked: the first few, within the layout's other limits.
                max = match (max, rules.max_unmarked) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            Choice {
                prefer_tags: tagged,
                selected_only: rules.selected_only || selected,
                max,
            }
        };
        let selected = rules.prefer_selected && self.selects;
        Effective {
            entries: choose(uses(&self.entry_tags), false),
            publications: choose(uses(&self.publication_tags), selected),
        }
    }
}

/// The warning for a section the layout names that the CV does not have: it is
/// left out (a layout made for one CV still serves another), with the nearest of
/// the CV's section names. `shown` warnings came before: past [`SHOWN`], the
/// nearest name is not looked for (it compares the name with every section's).
fn missing_section(names: &Names, pick: &SectionPick, shown: usize) -> Diagnostic {
    let d = Diagnostic::warning(
        Code::UnknownName,
        format!(
            "the layout names a section `{}` that cv.toml does not have; it is left out",
            crate::diag::clip(&pick.id)
        ),
        pick.origin,
    );
    match (shown < SHOWN).then(|| names.nearest(&pick.id)).flatten() {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => d.with_help(names.listing()),
    }
}

/// The warning for a layout that shows nothing of a CV that has sections: the
/// document would be its header alone. `cvc check` makes it an error.
fn nothing_shown(layout: &Layout) -> Diagnostic {
    Diagnostic::warning(
        Code::EmptyDocument,
        format!(
            "layout `{}` shows no section of this CV: the document is its header alone",
            layout.name
        ),
        None,
    )
    .with_help(
        "check the layout's `sections` and `[select]` rules against cv.toml's section ids and tags",
    )
}

/// How often a layout may show one section. Two or three times under other rules
/// is useful ("Selected publications" and "All publications"); a layout that names
/// one section thousands of times would set it thousands of times.
const MOST_SHOWINGS: usize = 4;

fn too_often(pick: &SectionPick) -> Diagnostic {
    Diagnostic::error(
        Code::Invalid,
        format!(
            "the layout shows section `{}` more than {MOST_SHOWINGS} times",
            crate::diag::clip(&pick.id)
        ),
        pick.origin,
    )
    .with_help("a section can be shown a few times under different rules, not more")
}

/// A warning for each section a layout names again with the same title and rules,
/// and for each name that more than one section of the CV answers to (only the
/// first of them can be shown).
fn ambiguous_picks(names: &Names, layout: &Layout) -> Vec<Diagnostic> {
    let Some(picks) = &layout.select.sections else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // At most `MOST_SHOWINGS` picks of one name: `select` refused more.
    let mut seen: HashMap<&str, Vec<&SectionPick>> = HashMap::new();
    for pick in picks {
        let id = crate::diag::clip(&pick.id);
        let earlier = seen.entry(pick.id.as_str()).or_default();
        let same = |p: &&SectionPick| {
            p.rules == pick.rules
                && p.title.as_ref().map(|t| &t.value) == pick.title.as_ref().map(|t| &t.value)
        };
        let twin = earlier.iter().any(same);
        let first = earlier.is_empty();
        earlier.push(pick);
        if twin {
            out.push(
                Diagnostic::warning(
                    Code::UnknownName,
                    format!(
                        "the layout names section `{id}` again, with the same title and rules; it is shown twice, the same"
                    ),
                    pick.origin,
                )
                .with_help("remove one, or give it other rules or another `title`"),
            );
        } else if first && names.answering(&pick.id) > 1 {
            out.push(
                Diagnostic::warning(
                    Code::UnknownName,
                    format!(
                        "more than one section of cv.toml is named `{id}`; only the first is shown"
                    ),
                    pick.origin,
                )
                .with_help("give the sections an `id` each, and name them by it"),
            );
        }
    }
    out
}

/// A warning for each name in `[pagination]` that is no section's and no entry's:
/// a misspelt id would otherwise do nothing, silently.
fn unknown_pagination_names(cv: &Cv, layout: &Layout) -> Vec<Diagnostic> {
    let sections: Vec<String> = cv.sections.iter().map(Section::name).collect();
    let entries = cv.bodies().flat_map(|s| &s.entries);
    let ids: Vec<&str> = sections
        .iter()
        .map(String::as_str)
        .chain(entries.filter_map(|e| e.id.as_ref().map(|t| t.value.as_str())))
        .collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    let lists = [
        ("break_before", &layout.pagination.break_before),
        ("keep_together", &layout.pagination.keep_together),
    ];
    let unknown = lists.into_iter().flat_map(|(key, list)| {
        list.iter()
            .filter(|n| !known.contains(n.value.as_str()))
            .map(move |n| (key, n))
    });
    let mut out = Vec::new();
    for (shown, (key, name)) in unknown.enumerate() {
        let d = Diagnostic::warning(
            Code::UnknownName,
            format!(
                "`pagination.{key}` names `{}`, but no section or entry of cv.toml has that id",
                crate::diag::clip(&name.value)
            ),
            Some(name.at),
        );
        // A suggestion compares the name with every id: past what is shown, skip it.
        let near = (shown < SHOWN)
            .then(|| crate::diag::nearest(&name.value, ids.iter().copied()))
            .flatten();
        out.push(match near {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help("entries are named by their `id`; sections by their `id` or title"),
        });
    }
    out
}

/// The sections of a CV by the names a layout picks them by: an `id` exactly, else
/// the name of [`Section::name`] in any ASCII case. Built once, so that a layout
/// naming many sections of a CV with many costs no more than reading both.
struct Names<'a> {
    cv: &'a Cv,
    /// The first section with each `id`.
    by_id: HashMap<&'a str, usize>,
    /// The first section with each ASCII-lowercased name, and how many have it.
    by_name: HashMap<String, (usize, usize)>,
}

impl<'a> Names<'a> {
    fn new(cv: &'a Cv) -> Names<'a> {
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, (usize, usize)> = HashMap::new();
        for (i, s) in cv.sections.iter().enumerate() {
            if let Some(id) = &s.id {
                by_id.entry(id.value.as_str()).or_insert(i);
            }
            by_name
                .entry(s.name().to_ascii_lowercase())
                .or_insert((i, 0))
                .1 += 1;
        }
        Names { cv, by_id, by_name }
    }

    /// The section a layout's name picks, and its index.
    fn find(&self, id: &str) -> Option<(usize, &'a Section)> {
        let i = *self
            .by_id
            .get(id)
            .or_else(|| self.by_name.get(&id.to_ascii_lowercase()).map(|(i, _)| i))?;
        Some((i, self.cv.sections.get(i)?))
    }

    /// The section name nearest to `id` (a section's id, or its title when it has
    /// none: the names [`Names::find`] answers to), for a "did you mean".
    fn nearest(&self, id: &str) -> Option<String> {
        let names: Vec<String> = self.cv.sections.iter().map(Section::name).collect();
        crate::diag::nearest(id, names.iter().map(String::as_str)).map(crate::diag::clip)
    }

    /// How many sections answer to `id`.
    fn answering(&self, id: &str) -> usize {
        self.by_name
            .get(&id.to_ascii_lowercase())
            .map_or(0, |&(_, n)| n)
    }

    /// The help of an unknown section name: the names there are, the first
    /// [`LISTED`] of them.
    fn listing(&self) -> String {
        const LISTED: usize = 20;
        let sections = &self.cv.sections;
        if sections.is_empty() {
            return "cv.toml has no sections yet".to_string();
        }
        let ids: Vec<String> = sections
            .iter()
            .take(LISTED)
            .map(|s| crate::diag::clip(&s.name()))
            .collect();
        let more = match sections.len().saturating_sub(LISTED) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        format!("the sections of cv.toml are: {}{more}", ids.join(", "))
    }
}

/// Whether something with these tags passes the tag rules.
/// `prefer`: the layout's `prefer_tags` count as `include_tags` (the CV uses them).
fn tags_pass(tags: &[String], rules: &Rules, prefer: bool) -> bool {
    if tags.iter().any(|t| rules.exclude_tags.contains(t)) {
        return false;
    }
    let prefer = prefer && !rules.prefer_tags.is_empty();
    let asked =
        |t: &String| rules.include_tags.contains(t) || (prefer && rules.prefer_tags.contains(t));
    (rules.include_tags.is_empty() && !prefer) || tags.iter().any(asked)
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

/// Whether an entry, a publication or an item passes the rules (bullets and
/// limits aside).
fn entry_passes(e: &Entry, rules: &Rules, choice: Choice) -> bool {
    tags_pass(&e.tags, rules, choice.prefer_tags) && recent(entry_year(e), rules)
}

fn publication_passes(p: &Publication, rules: &Rules, choice: Choice) -> bool {
    tags_pass(&p.tags, rules, choice.prefer_tags)
        && (!choice.selected_only || p.selected)
        && recent(p.year.and_then(|y| y.date.year()), rules)
}

/// An item passes `since` by its year, or by its period as an entry does.
fn item_passes(i: &ListItem, rules: &Rules, choice: Choice) -> bool {
    let year = match (i.year, i.start, i.end) {
        (Some(y), _, _) => y.date.year(),
        (None, _, Some(end)) if end.date == Date::Present => None,
        (None, _, Some(end)) => end.date.year(),
        (None, start, None) => start.and_then(|s| s.date.year()),
    };
    tags_pass(&i.tags, rules, choice.prefer_tags) && recent(year, rules)
}

/// Whether the layout's own rules, without its preferences, keep anything of
/// `section` but its opening text: then a section its preferences empty was
/// emptied by design.
fn keeps_any(section: &Section, rules: &Rules) -> bool {
    let hard = Choice::hard(rules);
    let text_only = !section.bodies().any(Body::has_list);
    (text_only && section.body.text.is_some())
        || section.bodies().any(|b| {
            b.entries.iter().any(|e| entry_passes(e, rules, hard))
                || b.publications
                    .iter()
                    .any(|p| publication_passes(p, rules, hard))
                || b.items.iter().any(|i| item_passes(i, rules, hard))
        })
}

/// How many more entries, publications and items a section may show: the limits
/// count over the whole section, its groups included.
struct Left {
    entries: usize,
    publications: usize,
    items: usize,
}

fn apply(mut section: Section, rules: &Rules, effective: &Effective) -> Section {
    let entries = effective.entries;
    // `section_text = false` leaves out opening paragraphs; a section that is text
    // alone (a summary, a profile) is not opened by its text, it is its text, and
    // is shown unless the layout prefers tags the CV uses and it lacks them.
    let text_only = !section.bodies().any(Body::has_list);
    let keep_text = match (entries.prefer_tags, text_only) {
        (true, true) => section.tags.iter().any(|t| rules.prefer_tags.contains(t)),
        (false, true) => true,
        (_, false) => rules.section_text,
    };
    let mut left = Left {
        entries: entries.max.unwrap_or(usize::MAX),
        publications: effective.publications.max.unwrap_or(usize::MAX),
        items: entries.max.unwrap_or(usize::MAX),
    };
    for body in section.bodies_mut() {
        if !keep_text {
            body.text = None;
        }
        apply_body(body, rules, effective, &mut left);
    }
    section.groups.retain(|g| !g.body.is_empty());
    section
}

/// The rules applied to the entries, publications and items of one body, within
/// what is `left` of the section's limits.
fn apply_body(body: &mut Body, rules: &Rules, effective: &Effective, left: &mut Left) {
    let (entries, publications) = (effective.entries, effective.publications);
    let kept = |count: &mut usize| {
        let keep = *count > 0;
        *count = count.saturating_sub(1);
        keep
    };
    body.entries
        .retain(|e| entry_passes(e, rules, entries) && kept(&mut left.entries));
    for e in &mut body.entries {
        if !rules.entry_text {
            e.text = None;
        }
        let tagged = e.bullets.iter().any(|b| !b.tags.is_empty());
        let mut bullets = rules.max_bullets.unwrap_or(usize::MAX);
        e.bullets.retain(|b| {
            (!tagged || tags_pass(&b.tags, rules, entries.prefer_tags)) && kept(&mut bullets)
        });
    }
    body.publications
        .retain(|p| publication_passes(p, rules, publications) && kept(&mut left.publications));
    body.items
        .retain(|i| item_passes(i, rules, entries) && kept(&mut left.items));
}

/// Tags as a layout writes them, `["a", "b"]`, the first [`LISTED`] of them
/// (each clipped): a help line for each emptied section must not repeat a
/// hundred thousand tags.
fn listed(tags: &Tags) -> String {
    const LISTED: usize = 10;
    let shown: Vec<String> = tags
        .iter()
        .take(LISTED)
        .map(|t| format!("{:?}", crate::diag::clip(t)))
        .collect();
    let more = match tags.len().saturating_sub(LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("[{}]{more}", shown.join(", "))
}

/// The rules in words, for a warning's help line.
fn describe(rules: &Rules) -> String {
    let mut parts = Vec::new();
    if !rules.include_tags.is_empty() {
        parts.push(format!("include_tags = {}", listed(&rules.include_tags)));
    }
    if !rules.exclude_tags.is_empty() {
        parts.push(format!("exclude_tags = {}", listed(&rules.exclude_tags)));
    }
    if rules.selected_only {
        parts.push("selected_only = true".into());
    }
    if !rules.prefer_tags.is_empty() {
        parts.push(format!("prefer_tags = {}", listed(&rules.prefer_tags)));
    }
    if rules.prefer_selected {
        parts.push("prefer_selected = true".into());
    }
    if let Some(n) = rules.max_unmarked {
        parts.push(format!("max_unmarked = {n}"));
    }
    if let Some(s) = rules.since {
        parts.push(format!("since = {s}"));
    }
    if let Some(n) = rules.max_entries {
        parts.push(format!("max_entries = {n}"));
    }
    if let Some(n) = rules.max_bullets {
        parts.push(format!("max_bullets = {n}"));
    }
    if !rules.entry_text {
        parts.push("entry_text = false".into());
    }
    if !rules.section_text {
        parts.push("section_text = false".into());
    }
    let rules = if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    };
    format!("the rules in force: {rules}")
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
        let shown = select(&cv, &layout).unwrap();
        (shown.output, shown.warnings)
    }

    fn titles(cv: &Cv) -> Vec<String> {
        cv.sections.iter().map(|s| s.title.value.clone()).collect()
    }

    fn entries(cv: &Cv) -> Vec<String> {
        cv.sections[0]
            .body
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
        assert_eq!(cv.sections[1].body.publications.len(), 1);
    }

    #[test]
    fn since_reads_an_entry_with_roles_by_its_latest_end_in_any_order() {
        let cv = "[person]\nname = \"T\"\n[[section]]\nid = \"work\"\ntitle = \"Work\"\n[[section.entry]]\norganisation = \"Lab\"\nroles = [{ title = \"Head\", start = \"2018\", end = \"2022\" }, { title = \"Member\", start = \"2010\", end = \"2017\" }]\n";
        let cv = crate::schema::parse(FileId(0), cv).unwrap();
        let mut sources = Sources::default();
        let layout = load_text(&mut sources, "[select]\nsince = 2020\n", &[]).unwrap();
        let shown = select(&cv, &layout).unwrap().output;
        assert_eq!(
            shown.sections[0].body.entries.len(),
            1,
            "the lab role ran until 2022"
        );
    }

    #[test]
    fn only_selected_publications() {
        let (cv, _) = run("sections = [{ id = \"pubs\", selected_only = true }]\n");
        let pubs: Vec<&str> = cv.sections[0]
            .body
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
        // Misc is text alone: `section_text = false` leaves out opening
        // paragraphs, not a section that is its text.
        assert_eq!(titles(&cv), ["Work", "Misc"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
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
    fn an_unknown_section_is_left_out_with_a_warning_and_the_nearest_name() {
        let (cv, warnings) = run("sections = [\"wrok\", \"pubs\"]\n");
        assert_eq!(titles(&cv), ["Publications"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].severity, crate::diag::Severity::Warning);
        assert_eq!(
            warnings[0].message,
            "the layout names a section `wrok` that cv.toml does not have; it is left out"
        );
        assert_eq!(warnings[0].help.as_deref(), Some("did you mean `work`?"));
        // Nothing near: the sections there are.
        let (_, warnings) = run("sections = [\"zzzzzz\", \"pubs\"]\n");
        assert_eq!(
            warnings[0].help.as_deref(),
            Some("the sections of cv.toml are: work, pubs, Misc")
        );
    }

    #[test]
    fn a_layout_that_shows_no_section_says_so() {
        let (cv, warnings) = run("sections = [\"zzzzzz\"]\n");
        assert!(cv.sections.is_empty());
        let last = warnings.last().expect("a warning");
        assert_eq!(last.code, Code::EmptyDocument);
        assert!(
            last.message.contains("shows no section of this CV"),
            "{}",
            last.message
        );
    }

    #[test]
    fn a_section_may_be_shown_again_under_other_rules_a_few_times() {
        let (cv, warnings) = run("sections = [{ id = \"pubs\", title = \"Selected\", selected_only = true }, \"pubs\"]\n");
        assert_eq!(titles(&cv), ["Selected", "Publications"]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let (cv, warnings) = run("sections = [\"pubs\", \"pubs\"]\n");
        assert_eq!(titles(&cv), ["Publications", "Publications"]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0]
            .message
            .contains("with the same title and rules"));

        let cv = crate::schema::parse(FileId(0), CV).unwrap();
        let mut sources = Sources::default();
        let picks = ["\"pubs\""; MOST_SHOWINGS + 1].join(", ");
        let layout = load_text(&mut sources, &format!("sections = [{picks}]\n"), &[]).unwrap();
        let err = select(&cv, &layout).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(
            err[0].message,
            format!("the layout shows section `pubs` more than {MOST_SHOWINGS} times")
        );
    }

    #[test]
    fn the_rules_in_a_help_line_list_ten_tags_at_most() {
        let tags: Vec<String> = (0..12).map(|i| format!("\"t{i:02}\"")).collect();
        let (_, warnings) = run(&format!("[select]\ninclude_tags = [{}]\n", tags.join(", ")));
        let help = warnings[0].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("the rules in force: include_tags = [\"t00\", \"t01\"")
                && help.ends_with("\"t09\"] and 2 more"),
            "{help}"
        );
    }

    #[test]
    fn the_known_sections_are_listed_up_to_twenty() {
        let mut text = String::from("[person]\nname = \"T\"\n");
        for i in 0..25 {
            text.push_str(&format!("[[section]]\ntitle = \"S{i}\"\ntext = \"x\"\n"));
        }
        let cv = crate::schema::parse(FileId(0), &text).unwrap();
        let mut sources = Sources::default();
        let layout = load_text(&mut sources, "sections = [\"none\", \"nil\"]\n", &[]).unwrap();
        let warnings = select(&cv, &layout).unwrap().warnings;
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let help = warnings[1].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("the sections of cv.toml are: S0, S1,"),
            "{help}"
        );
        assert!(help.ends_with(", S19 and 5 more"), "{help}");
    }

    /// `cv` under `layout`: the shown CV and the warnings.
    fn run_on(cv: &str, layout: &str) -> (Cv, Vec<Diagnostic>) {
        let parsed = crate::schema::parse(FileId(0), cv).unwrap();
        let mut sources = Sources::default();
        sources.add("cv.toml", cv.to_string());
        let layout = load_text(&mut sources, layout, &[]).unwrap();
        let shown = select(&parsed, &layout).unwrap();
        (shown.output, shown.warnings)
    }

    const PREFERRING: &str =
        "[select]\nprefer_tags = [\"resume\"]\nprefer_selected = true\nmax_unmarked = 2\n";

    /// A CV with `n` entries in a section, tagged as `tag` says, and `n`
    /// publications, selected as `selected` says.
    fn marked(n: usize, tag: impl Fn(usize) -> bool, selected: impl Fn(usize) -> bool) -> String {
        let mut cv = String::from("[person]\nname = \"T\"\n[[section]]\ntitle = \"Work\"\n");
        for i in 0..n {
            let tags = if tag(i) { "tags = [\"resume\"]\n" } else { "" };
            cv.push_str(&format!("[[section.entry]]\ntitle = \"E{i}\"\n{tags}"));
        }
        cv.push_str("[[section]]\ntitle = \"Talks\"\n");
        for i in 0..n {
            cv.push_str(&format!("[[section.item]]\ntext = \"T{i}\"\n"));
        }
        cv.push_str("[[section]]\ntitle = \"Papers\"\n");
        for i in 0..n {
            let sel = if selected(i) { "selected = true\n" } else { "" };
            cv.push_str(&format!("[[section.publication]]\ntitle = \"P{i}\"\n{sel}"));
        }
        cv
    }

    fn names(cv: &Cv) -> Vec<String> {
        cv.sections
            .iter()
            .flat_map(|s| {
                let e = s.body.entries.iter().filter_map(|e| e.title.as_ref());
                let p = s.body.publications.iter().map(|p| &p.title);
                let i = s.body.items.iter().map(|i| &i.text);
                e.chain(p)
                    .chain(i)
                    .map(|t| t.value.clone())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn preferences_show_what_the_cv_marks_and_a_few_of_a_cv_that_marks_nothing() {
        // Marks used: only what is marked, however many; untagged sections go
        // without a warning.
        let cv = marked(5, |i| i % 2 == 0, |i| i == 3);
        let (shown, warnings) = run_on(&cv, PREFERRING);
        assert_eq!(names(&shown), ["E0", "E2", "E4", "P3"]);
        assert!(warnings.is_empty(), "{warnings:?}");
        // Nothing marked: the first `max_unmarked` of each section.
        let cv = marked(5, |_| false, |_| false);
        let (shown, warnings) = run_on(&cv, PREFERRING);
        assert_eq!(names(&shown), ["E0", "E1", "T0", "T1", "P0", "P1"]);
        assert!(warnings.is_empty(), "{warnings:?}");
        // Entries tagged, publications not selected: each kind by its own marks.
        let cv = marked(3, |i| i == 1, |_| false);
        let (shown, _) = run_on(&cv, PREFERRING);
        assert_eq!(names(&shown), ["E1", "P0", "P1"]);
        // The same rules as hard rules empty sections, and say so.
        let (shown, warnings) = run_on(&cv, "[select]\ninclude_tags = [\"resume\"]\n");
        assert_eq!(names(&shown), ["E1"]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    /// A section that is text alone (a summary) is shown by a résumé that hides
    /// opening paragraphs, and chosen by its tags where the CV tags entries.
    #[test]
    fn a_summary_is_shown_unless_the_cv_tags_for_the_layout_and_it_is_untagged() {
        let layout =
            "[select]\nprefer_tags = [\"resume\"]\nsection_text = false\nmax_unmarked = 2\n";
        let summary = |tags: &str| {
            format!("[person]\nname = \"T\"\n[[section]]\ntitle = \"Summary\"\ntext = \"Me.\"\ntags = [{tags}]\n[[section]]\ntitle = \"Work\"\ntext = \"Intro.\"\n[[section.entry]]\ntitle = \"E\"\n")
        };
        // Nothing tagged: the summary is shown; the opening paragraph of Work is not.
        let (shown, warnings) = run_on(&summary(""), layout);
        assert_eq!(titles(&shown), ["Summary", "Work"]);
        assert!(shown.sections[1].body.text.is_none());
        assert!(warnings.is_empty(), "{warnings:?}");
        // The CV tags an entry: an untagged summary goes, without a warning...
        let tagged = summary("").replace("title = \"E\"\n", "title = \"E\"\ntags = [\"resume\"]\n");
        let (shown, warnings) = run_on(&tagged, layout);
        assert_eq!(titles(&shown), ["Work"]);
        assert!(warnings.is_empty(), "{warnings:?}");
        // ...and a tagged one stays.
        let both = tagged.replace("tags = []", "tags = [\"resume\"]");
        let (shown, _) = run_on(&both, layout);
        assert_eq!(titles(&shown), ["Summary", "Work"]);
    }

    /// Header lines are chosen by their tags: untagged ones everywhere, tagged ones
    /// where the layout asks for one of their tags (or asks for none).
    #[test]
    fn header_lines_are_chosen_by_their_tags() {
        let cv = "[person]\nname = \"T\"\nextra = [{ label = \"Address\", text = \"1 Road\", tags = [\"full\"] }, { label = \"Visa\", text = \"none needed\" }, { label = \"Pitch\", text = \"hire me\", tags = [\"resume\"] }]\n[[section]]\ntitle = \"W\"\n[[section.entry]]\ntitle = \"E\"\n";
        let labels = |layout: &str| -> Vec<String> {
            let (shown, _) = run_on(cv, layout);
            shown
                .person
                .extra
                .iter()
                .filter_map(|l| l.label.as_ref())
                .map(|t| t.value.clone())
                .collect()
        };
        assert_eq!(labels(""), ["Address", "Visa", "Pitch"]);
        assert_eq!(
            labels("[select]\nprefer_tags = [\"resume\"]\n"),
            ["Visa", "Pitch"]
        );
        assert_eq!(
            labels("[select]\ninclude_tags = [\"full\"]\n"),
            ["Address", "Visa"]
        );
        assert_eq!(
            labels("[select]\nexclude_tags = [\"full\"]\n"),
            ["Visa", "Pitch"]
        );
    }
}
