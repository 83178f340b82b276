//! Publications from BibTeX: a section's `bibtex` table names a `.bib` file, whose
//! entries become the section's publications, chosen, ordered and grouped as the
//! table says.
//!
//! The file is read within [`files::BIB`], registered with the CV's sources (so
//! that its problems are reported at their line and column in it) and parsed by
//! the `biblatex` crate within the limits of [`parse`]. Each entry becomes a
//! [`Record`] once per file ([`entry`]: LaTeX to text in [`latex`], authors and the
//! owner in [`names`]); each section then takes the records it asks for. An
//! entry's own problems (no title, a bad link or date) are reported only when a
//! section shows it, so that a shared `.bib` file need not be perfect everywhere.

mod entry;
mod latex;
mod names;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::dates::Date;
use crate::diag::{Code, Diagnostic, FileId, Sources};
use crate::files;
use crate::lang::Lang;
use crate::reader::Text;
use crate::schema::{Bibtex, Body, Cv, Group, Grouping, Order, Publication, Section};

pub(crate) use entry::{Kind, Record};
pub(crate) use names::Owner;

/// Put into each section with a `bibtex` table the publications it asks for, from
/// the file it names (relative to `dir`, the CV's folder); `lang` is the language
/// of the headings of groups by kind. Every problem is returned; each file is read
/// once.
pub fn import(cv: &mut Cv, dir: &Path, sources: &mut Sources, lang: Lang) -> Vec<Diagnostic> {
    import_with(cv, sources, lang, |spec, sources| load(dir, spec, sources))
}

/// [`import`], with `load` reading and registering the file a section names.
pub(crate) fn import_with(
    cv: &mut Cv,
    sources: &mut Sources,
    lang: Lang,
    mut load: impl FnMut(&Bibtex, &mut Sources) -> Result<FileId, Diagnostic>,
) -> Vec<Diagnostic> {
    let owner = Owner::new(
        std::iter::once(&cv.person.name)
            .chain(&cv.person.aliases)
            .map(|t| t.value.as_str()),
    );
    names::mark_owner(cv, &owner);
    if cv.sections.iter().all(|s| s.bibtex.is_none()) {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut files: HashMap<String, Option<FileId>> = HashMap::new();
    let mut libraries: HashMap<FileId, Option<Library>> = HashMap::new();
    for section in &mut cv.sections {
        let Some(spec) = section.bibtex.clone() else {
            continue;
        };
        let file = *files
            .entry(spec.file.value.trim().to_string())
            .or_insert_with(|| match load(&spec, sources) {
                Ok(id) => Some(id),
                Err(d) => {
                    problems.push(d);
                    None
                }
            });
        let Some(file) = file else {
            continue;
        };
        let library = libraries.entry(file).or_insert_with(|| {
            let source = sources.get(file);
            match Library::read(&source.text, file, &owner, lang) {
                Ok(library) => {
                    problems.extend(library.problems.iter().cloned());
                    Some(library)
                }
                Err(errors) => {
                    problems.extend(errors);
                    None
                }
            }
        });
        if let Some(library) = library {
            problems.extend(fill(section, &spec, library, &sources.get(file).name, lang));
        }
    }
    problems
}

/// Read the file `spec` names, relative to `dir`, and register it in `sources`
/// under its path as the user sees it.
fn load(dir: &Path, spec: &Bibtex, sources: &mut Sources) -> Result<FileId, Diagnostic> {
    let written = spec.file.value.trim();
    let path = dir.join(written);
    let shown = if dir.as_os_str().is_empty() || dir == Path::new(".") {
        written.to_string()
    } else {
        path.display().to_string()
    };
    // Noted before it is read: `cvc watch` watches for a file that is missing.
    sources.note_input(&path);
    let bytes = files::read(&path, files::BIB).map_err(|reason| {
        let d = Diagnostic::error(
            Code::Io,
            format!("cannot read `{}`: {reason}", crate::diag::clip(&shown)),
            Some(spec.file.at),
        );
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let others = files::siblings(&path, "bib");
        let near = name.and_then(|n| {
            crate::diag::nearest(&n, others.iter().map(String::as_str))
                .filter(|near| *near != n)
                .map(str::to_string)
        });
        match near {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help("the path of a `.bib` file is relative to the folder of cv.toml"),
        }
    })?;
    match files::decode(bytes) {
        Ok(text) => Ok(sources.add(shown, text)),
        Err(bad) => {
            let id = sources.add(shown, bad.lossy.clone());
            let mut d = bad.diagnostic(id);
            d.help = Some(
                "save the `.bib` file as UTF-8 (reference managers and editors can); LaTeX accents like `{\\\"o}` need no other encoding".into(),
            );
            Err(d)
        }
    }
}

/// Every entry of a file, read.
#[derive(Debug, Clone)]
pub(crate) struct Library {
    pub records: Vec<Record>,
    pub by_key: HashMap<String, usize>,
    /// The problems of the entries that could not be read (and are not records).
    pub problems: Vec<Diagnostic>,
}

impl Library {
    /// The entries of `text`, the file `file`; the owner's name is found in author
    /// lists. The problems of the file (its syntax, its limits) are the error;
    /// those of an entry that could not be read are the library's (the rest are
    /// read), and those of each entry read stay with the entry.
    pub(crate) fn read(
        text: &str,
        file: FileId,
        owner: &Owner,
        lang: Lang,
    ) -> Result<Library, Vec<Diagnostic>> {
        let (bib, starts, problems) = parse::bibliography(text, file)?;
        let cx = entry::Context {
            file,
            lang,
            text,
            owner,
            bib: &bib,
        };
        let parents: HashSet<String> = bib.iter().flat_map(entry::parents).collect();
        let records: Vec<Record> = bib
            .iter()
            .zip(starts)
            .map(|(e, start)| {
                let mut r = entry::record(e, start, &cx);
                r.hidden |= parents.contains(&r.key);
                r
            })
            .collect();
        let by_key = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.clone(), i))
            .collect();
        Ok(Library {
            records,
            by_key,
            problems,
        })
    }
}

/// Put the publications `spec` asks for from `library` (the file `name`) into
/// `section`; the problems.
fn fill(
    section: &mut Section,
    spec: &Bibtex,
    library: &Library,
    name: &str,
    lang: Lang,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if library.records.is_empty() && library.problems.is_empty() {
        problems.push(
            Diagnostic::warning(
                Code::Bibtex,
                format!(
                    "`{}` holds no entries; the section takes no publications from it",
                    crate::diag::clip(name)
                ),
                Some(spec.file.at),
            )
            .with_help(
                "an entry starts with `@article{key,` (or `@book{`, …); is this the right file?",
            ),
        );
    }
    let chosen = choose(spec, library, name, &mut problems);
    let selected = selected(spec, library, &chosen, name, &mut problems);
    let mut shown: Vec<(Kind, Publication)> = Vec::with_capacity(chosen.len());
    for &i in &chosen {
        let record = &library.records[i];
        problems.extend(record.problems.iter().cloned());
        let mut p = record.publication.clone();
        p.selected = selected.contains(&i);
        shown.push((record.kind, p));
    }
    sort(&mut shown, spec.order);
    let heading = |value: String| Text {
        value,
        at: spec.group_at,
    };
    match spec.group {
        Grouping::None => section
            .body
            .publications
            .extend(shown.into_iter().map(|(_, p)| p)),
        Grouping::Year => section
            .groups
            .extend(by_year(shown, spec.order, lang, heading)),
        Grouping::Type => section.groups.extend(by_kind(shown, lang, heading)),
    }
    problems
}

/// The records `spec` shows, in the order of the file: those `keys` names (else
/// all but hidden ones) with one of the `keywords`, if it names some.
fn choose(
    spec: &Bibtex,
    library: &Library,
    name: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut chosen: Vec<usize> = if spec.keys.is_empty() {
        (0..library.records.len())
            .filter(|&i| !library.records[i].hidden)
            .collect()
    } else {
        let mut named: Vec<usize> = spec
            .keys
            .iter()
            .filter_map(|k| find(library, k, name, "keys", problems))
            .collect();
        named.sort_unstable();
        named.dedup();
        named
    };
    if !spec.keywords.is_empty() {
        let wanted: Vec<String> = spec
            .keywords
            .iter()
            .map(|k| fold_keyword(&k.value))
            .collect();
        let has = |r: &Record| r.keywords.iter().any(|k| wanted.contains(&fold_keyword(k)));
        chosen.retain(|&i| has(&library.records[i]));
        unknown_keywords(spec, library, name, problems);
    }
    chosen
}

/// Keywords compare without regard to case or repeated spaces.
fn fold_keyword(k: &str) -> String {
    k.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Report each of `spec`'s keywords that no entry of the file has.
fn unknown_keywords(spec: &Bibtex, library: &Library, name: &str, problems: &mut Vec<Diagnostic>) {
    let all: Vec<&str> = library
        .records
        .iter()
        .flat_map(|r| r.keywords.iter().map(String::as_str))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let known: HashSet<String> = all.iter().map(|k| fold_keyword(k)).collect();
    for k in &spec.keywords {
        if known.contains(&fold_keyword(&k.value)) {
            continue;
        }
        let d = Diagnostic::error(
            Code::UnknownName,
            format!(
                "no entry of `{}` has the keyword `{}`",
                crate::diag::clip(name),
                crate::diag::clip(&k.value)
            ),
            Some(k.at),
        );
        problems.push(match crate::diag::nearest(&k.value, all.iter().copied()) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help("keywords are those of the entries' `keywords` fields"),
        });
    }
}

/// The record `key` names, or an error at it (with the nearest key).
fn find(
    library: &Library,
    key: &Text,
    name: &str,
    list: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<usize> {
    if let Some(&i) = library.by_key.get(key.value.trim()) {
        return Some(i);
    }
    let d = Diagnostic::error(
        Code::UnknownName,
        format!(
            "`{}` in `{list}` is not the key of an entry of `{}`",
            crate::diag::clip(&key.value),
            crate::diag::clip(name)
        ),
        Some(key.at),
    );
    let keys = library.records.iter().map(|r| r.key.as_str());
    problems.push(match crate::diag::nearest(key.value.trim(), keys) {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => d.with_help("a key is the name after `@article{` (or `@book{`, …) in the file"),
    });
    None
}

/// The records `selected` names; each must be one the section shows.
fn selected(
    spec: &Bibtex,
    library: &Library,
    chosen: &[usize],
    name: &str,
    problems: &mut Vec<Diagnostic>,
) -> HashSet<usize> {
    let mut out = HashSet::new();
    for key in &spec.selected {
        let Some(i) = find(library, key, name, "selected", problems) else {
            continue;
        };
        if chosen.binary_search(&i).is_err() {
            problems.push(
                Diagnostic::error(
                    Code::Invalid,
                    format!(
                        "`{}` is selected, but this section does not show it",
                        crate::diag::clip(&key.value)
                    ),
                    Some(key.at),
                )
                .with_help("add it to `keys`, or give it one of the `keywords`"),
            );
        }
        out.insert(i);
    }
    out
}

/// A date as it sorts: year, month, day (0 where not given).
fn sort_key(p: &Publication) -> Option<(i32, u8, u8)> {
    match p.year?.date {
        Date::Year(y) => Some((y, 0, 0)),
        Date::Month(y, m) => Some((y, m, 0)),
        Date::Day(y, m, d) => Some((y, m, d)),
        Date::Present => None,
    }
}

/// Sort by date, as `order` says; then those with a year written as text ("in
/// press"), then those without a date; ties as in the file.
fn sort(shown: &mut [(Kind, Publication)], order: Order) {
    let undated = |p: &Publication| match (sort_key(p), &p.date) {
        (Some(_), _) => 0,
        (None, Some(_)) => 1,
        (None, None) => 2,
    };
    match order {
        Order::File => {}
        Order::Newest => {
            shown.sort_by_key(|(_, p)| (undated(p), std::cmp::Reverse(sort_key(p))));
        }
        Order::Oldest => shown.sort_by_key(|(_, p)| (undated(p), sort_key(p))),
    }
}

/// The group a publication goes in when grouped by year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum YearGroup {
    Year(i32),
    /// A year that is not a year, as written ("in press").
    Written(String),
    Undated,
}

impl YearGroup {
    fn of(p: &Publication) -> YearGroup {
        match (p.year.and_then(|y| y.date.year()), &p.date) {
            (Some(y), _) => YearGroup::Year(y),
            (None, Some(t)) => YearGroup::Written(t.value.clone()),
            (None, None) => YearGroup::Undated,
        }
    }
}

/// A group per year, in `order` (newest first, unless `oldest`); then a group for
/// each year written as text ("in press"), in the order they come; then one for
/// those without a year.
fn by_year(
    shown: Vec<(Kind, Publication)>,
    order: Order,
    lang: Lang,
    heading: impl Fn(String) -> Text,
) -> Vec<Group> {
    // Each group once, in the order first seen, with its publications: one pass,
    // so that a file of many different written years costs no more than its size.
    let mut index: HashMap<YearGroup, usize> = HashMap::new();
    let mut groups: Vec<(YearGroup, Vec<Publication>)> = Vec::new();
    for (_, p) in shown {
        let key = YearGroup::of(&p);
        let at = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(p);
    }
    // Years by number, the rest as they came (a stable sort).
    groups.sort_by(|(a, _), (b, _)| match (a, b) {
        (YearGroup::Year(x), YearGroup::Year(y)) if order == Order::Oldest => x.cmp(y),
        (YearGroup::Year(x), YearGroup::Year(y)) => y.cmp(x),
        (YearGroup::Year(_), _) => std::cmp::Ordering::Less,
        (_, YearGroup::Year(_)) => std::cmp::Ordering::Greater,
        (YearGroup::Undated, YearGroup::Written(_)) => std::cmp::Ordering::Greater,
        (YearGroup::Written(_), YearGroup::Undated) => std::cmp::Ordering::Less,
        _ => std::cmp::Ordering::Equal,
    });
    groups
        .into_iter()
        .map(|(key, publications)| {
            let title = match key {
                YearGroup::Year(y) => y.to_string(),
                YearGroup::Written(t) => t,
                YearGroup::Undated => lang.words().groups.undated.to_string(),
            };
            group(heading(title), publications)
        })
        .collect()
}

/// A group per kind of work, in the order of [`Kind::ALL`]; empty ones left out.
fn by_kind(
    shown: Vec<(Kind, Publication)>,
    lang: Lang,
    heading: impl Fn(String) -> Text,
) -> Vec<Group> {
    Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let publications: Vec<Publication> = shown
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, p)| p.clone())
                .collect();
            (!publications.is_empty()).then(|| {
                group(
                    heading(kind.heading(&lang.words().groups).to_string()),
                    publications,
                )
            })
        })
        .collect()
}

fn group(title: Text, publications: Vec<Publication>) -> Group {
    Group {
        title,
        body: Body {
            publications,
            ..Body::default()
        },
    }
}
