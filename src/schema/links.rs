//! Links: every link the CV makes, checked to be one.

use super::contact::profile_problem;
use super::{ContactKind, Cv};
use crate::diag::{Code, Diagnostic, Origin};
use crate::markup;
use crate::reader::{Reader, Text};

/// Report every link of the CV that cannot be one (see [`markup::link_problem`]), and
/// phone numbers and DOIs that cannot become links, in the words the user wrote.
pub(super) fn check_links(r: &Reader, cv: &Cv) {
    for (url, at) in links(cv) {
        if let Some((message, help)) = markup::link_problem(&url) {
            r.report(Diagnostic::error(Code::BadLink, message, Some(at)).with_help(help));
        }
    }
    let bad = |message: String, help: &str, at| {
        r.report(Diagnostic::error(Code::BadLink, message, Some(at)).with_help(help));
    };
    for c in cv.person.contact.iter().filter(|c| c.url.is_none()) {
        if let Some((message, hint)) = profile_problem(c.kind, &c.value.value) {
            bad(message, hint, c.value.at);
        }
    }
    for c in cv
        .person
        .contact
        .iter()
        .filter(|c| c.kind == ContactKind::Phone && c.url.is_none())
    {
        if c.value.value.chars().filter(char::is_ascii_digit).count() < 3 {
            bad(
                format!(
                    "`{}` is not a phone number",
                    crate::diag::clip(&c.value.value)
                ),
                "write the number with its digits, like `+41 21 693 11 11`",
                c.value.at,
            );
        }
    }
    for p in cv.bodies().flat_map(|s| &s.publications) {
        if let (Some(doi), None) = (&p.doi, &p.url) {
            if !is_doi(&doi.value) {
                bad(
                    format!("`{}` is not a DOI", crate::diag::clip(&doi.value)),
                    "a DOI looks like `10.1000/xyz123` (a `https://doi.org/…` address is fine too)",
                    doi.at,
                );
            }
        }
    }
}

/// `10.<registrant>/<suffix>`, perhaps as a `doi:` or `https://doi.org/` address.
pub(crate) fn is_doi(doi: &str) -> bool {
    let d = doi.trim();
    let d = d
        .strip_prefix("https://doi.org/")
        .or_else(|| d.strip_prefix("doi:"))
        .unwrap_or(d);
    d.strip_prefix("10.")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(registrant, suffix)| {
            !registrant.is_empty() && !suffix.is_empty() && !d.contains(char::is_whitespace)
        })
}

/// Every link the CV makes, with where it is written.
fn links(cv: &Cv) -> Vec<(String, Origin)> {
    let mut out = Vec::new();
    let mut text = |t: &Text| {
        for (url, index) in markup::links(&t.value) {
            out.push((url, t.at.advanced(index)));
        }
    };
    let p = &cv.person;
    for t in std::iter::once(&p.name)
        .chain(&p.headline)
        .chain(&p.skills)
        .chain(&p.languages)
        .chain(&p.nationality)
    {
        text(t);
    }
    for e in &p.extra {
        text(&e.text);
        e.label.iter().for_each(&mut text);
    }
    for s in &cv.sections {
        text(&s.title);
        s.groups.iter().for_each(|g| text(&g.title));
    }
    for s in cv.bodies() {
        s.text.iter().for_each(&mut text);
        for e in &s.entries {
            for t in [
                &e.title,
                &e.organisation,
                &e.location,
                &e.subtitle,
                &e.text,
                &e.date,
            ]
            .into_iter()
            .flatten()
            {
                text(t);
            }
            for role in &e.roles {
                text(&role.title);
            }
            for fact in &e.facts {
                text(&fact.label);
                text(&fact.text);
            }
            for b in &e.bullets {
                text(&b.text);
            }
        }
        for pb in &s.publications {
            text(&pb.title);
            for t in pb
                .authors
                .iter()
                .map(|a| &a.name)
                .chain(&pb.venue)
                .chain(&pb.note)
                .chain(&pb.date)
            {
                text(t);
            }
        }
        for i in &s.items {
            text(&i.text);
            for t in i.label.iter().chain(&i.date).chain(&i.aside) {
                text(t);
            }
        }
    }
    for c in &p.contact {
        // A phone number is checked as one (see `check_links`).
        if c.kind == ContactKind::Phone && c.url.is_none() {
            continue;
        }
        if let Some(link) = c.link() {
            out.push((link, c.url.as_ref().unwrap_or(c.value()).at));
        }
    }
    for e in &p.extra {
        out.extend(e.url.iter().map(|u| (u.value.clone(), u.at)));
    }
    for s in cv.bodies() {
        for e in &s.entries {
            out.extend(e.url.iter().map(|u| (u.value.clone(), u.at)));
        }
        for pb in &s.publications {
            // A DOI is checked as one (see `check_links`).
            if let Some(url) = &pb.url {
                out.push((url.value.trim().to_string(), url.at));
            }
        }
        for i in &s.items {
            out.extend(i.url.iter().map(|u| (u.value.clone(), u.at)));
        }
    }
    out
}
