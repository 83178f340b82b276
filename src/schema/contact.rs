//! Contact items: the kinds the header knows, how each is shown and linked, and
//! how a value that is not what its kind says is caught.

use crate::reader::Text;

/// The kinds of contact item, each with its own link and display rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Email,
    Phone,
    Website,
    Github,
    Linkedin,
    Scholar,
    Orcid,
    Dblp,
    Researchgate,
    Mastodon,
    Bluesky,
    X,
    Gitlab,
    Stackoverflow,
    Location,
    Other,
}

impl ContactKind {
    /// Every kind, in the order the schema lists them.
    pub const ALL: [ContactKind; 16] = [
        ContactKind::Email,
        ContactKind::Phone,
        ContactKind::Website,
        ContactKind::Github,
        ContactKind::Linkedin,
        ContactKind::Scholar,
        ContactKind::Orcid,
        ContactKind::Dblp,
        ContactKind::Researchgate,
        ContactKind::Mastodon,
        ContactKind::Bluesky,
        ContactKind::X,
        ContactKind::Gitlab,
        ContactKind::Stackoverflow,
        ContactKind::Location,
        ContactKind::Other,
    ];

    /// The key that gives an item this kind (`{ email = "…" }`), also the name a
    /// layout's `[header] symbols` use.
    pub fn key(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Website => "website",
            ContactKind::Github => "github",
            ContactKind::Linkedin => "linkedin",
            ContactKind::Scholar => "scholar",
            ContactKind::Orcid => "orcid",
            ContactKind::Dblp => "dblp",
            ContactKind::Researchgate => "researchgate",
            ContactKind::Mastodon => "mastodon",
            ContactKind::Bluesky => "bluesky",
            ContactKind::X => "x",
            ContactKind::Gitlab => "gitlab",
            ContactKind::Stackoverflow => "stackoverflow",
            ContactKind::Location => "location",
            ContactKind::Other => "text",
        }
    }
}

/// One contact item: `{ email = "…" }`, `{ github = "user" }`, … or a free item
/// `{ label = "Skype", text = "bruno.m", url = "https://join.skype.com/…" }`.
#[derive(Debug, Clone)]
pub struct Contact {
    pub(super) kind: ContactKind,
    pub(super) value: Text,
    pub label: Option<Text>,
    pub(super) url: Option<Text>,
}

impl Contact {
    pub fn kind(&self) -> ContactKind {
        self.kind
    }

    /// What the item says: the address, the user name, the place.
    pub fn value(&self) -> &Text {
        &self.value
    }

    /// The text shown in the CV. Profiles are shown as the address a reader could
    /// type (`github.com/brunomaga`), so the line means something on paper and to a
    /// parser, not only as a click target.
    /// A `label` comes first, on any kind of item: "Office: +41 21 693 11 11".
    pub fn display(&self) -> String {
        let v = self.value().value.trim();
        let shown = match self.kind() {
            ContactKind::Website => strip_scheme(v).trim_end_matches('/').to_string(),
            ContactKind::Github => format!("github.com/{}", handle(v, "github.com/")),
            ContactKind::Linkedin => format!("linkedin.com/in/{}", handle(v, "linkedin.com/in/")),
            ContactKind::Scholar => "Google Scholar".to_string(),
            ContactKind::Orcid => format!("orcid.org/{}", handle(v, "orcid.org/")),
            ContactKind::Dblp => format!("dblp.org/pid/{}", handle(v, "dblp.org/pid/")),
            ContactKind::Researchgate => format!(
                "researchgate.net/profile/{}",
                handle(v, "researchgate.net/profile/")
            ),
            ContactKind::Mastodon => {
                mastodon(v).map_or_else(|| v.to_string(), |(u, h)| format!("@{u}@{h}"))
            }
            ContactKind::Bluesky => format!("@{}", bluesky(v)),
            ContactKind::X => format!("x.com/{}", x_handle(v)),
            ContactKind::Gitlab => format!("gitlab.com/{}", handle(v, "gitlab.com/")),
            ContactKind::Stackoverflow => format!(
                "stackoverflow.com/users/{}",
                handle(v, "stackoverflow.com/users/")
            ),
            _ => v.to_string(),
        };
        match &self.label {
            Some(label) => format!("{}: {shown}", label.value.trim()),
            None => shown,
        }
    }

    /// The link target, if the item is a link.
    pub fn link(&self) -> Option<String> {
        if let Some(url) = &self.url {
            return Some(url.value.trim().to_string());
        }
        let v = self.value().value.trim();
        match self.kind() {
            ContactKind::Email => Some(format!("mailto:{v}")),
            ContactKind::Phone => Some(format!(
                "tel:{}",
                v.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect::<String>()
            )),
            ContactKind::Website => Some(if v.contains("://") {
                v.to_string()
            } else {
                format!("https://{v}")
            }),
            ContactKind::Github => Some(format!("https://github.com/{}", handle(v, "github.com/"))),
            ContactKind::Linkedin => Some(format!(
                "https://www.linkedin.com/in/{}",
                handle(v, "linkedin.com/in/")
            )),
            ContactKind::Scholar => Some(if v.contains("://") {
                v.to_string()
            } else {
                format!("https://scholar.google.com/citations?user={v}")
            }),
            ContactKind::Orcid => Some(format!("https://orcid.org/{}", handle(v, "orcid.org/"))),
            ContactKind::Dblp => Some(format!(
                "https://dblp.org/pid/{}",
                handle(v, "dblp.org/pid/")
            )),
            ContactKind::Researchgate => Some(format!(
                "https://www.researchgate.net/profile/{}",
                handle(v, "researchgate.net/profile/")
            )),
            ContactKind::Mastodon => mastodon(v).map(|(u, h)| format!("https://{h}/@{u}")),
            ContactKind::Bluesky => Some(format!("https://bsky.app/profile/{}", bluesky(v))),
            ContactKind::X => Some(format!("https://x.com/{}", x_handle(v))),
            ContactKind::Gitlab => Some(format!("https://gitlab.com/{}", handle(v, "gitlab.com/"))),
            ContactKind::Stackoverflow => Some(format!(
                "https://stackoverflow.com/users/{}",
                handle(v, "stackoverflow.com/users/")
            )),
            ContactKind::Location | ContactKind::Other => None,
        }
    }
}

/// A Mastodon account, `@user@host` or `https://host/@user`: user and host.
fn mastodon(v: &str) -> Option<(&str, &str)> {
    if let Some((host, user)) = strip_scheme(v).trim_end_matches('/').split_once("/@") {
        return Some((user, host));
    }
    let (user, host) = v.trim_start_matches('@').split_once('@')?;
    (!user.is_empty() && host.contains('.')).then_some((user, host))
}

/// A Bluesky handle from `name.bsky.social`, `@name.bsky.social` or
/// `https://bsky.app/profile/name.bsky.social`.
fn bluesky(v: &str) -> &str {
    handle(v, "bsky.app/profile/").trim_start_matches('@')
}

/// An X (Twitter) user name from `name`, `@name`, `x.com/name` or
/// `twitter.com/name`.
fn x_handle(v: &str) -> &str {
    let v = if strip_scheme(v)
        .to_ascii_lowercase()
        .contains("twitter.com/")
    {
        handle(v, "twitter.com/")
    } else {
        handle(v, "x.com/")
    };
    v.trim_start_matches('@')
}

fn strip_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// `user` from `user`, `https://github.com/user/`, `github.com/user` or
/// `uk.linkedin.com/in/user`.
pub(super) fn handle<'a>(v: &'a str, prefix: &str) -> &'a str {
    let v = strip_scheme(v);
    // Host names are case-insensitive (`GitHub.com`); ASCII lowercasing keeps
    // every byte where it was.
    let after = v
        .to_ascii_lowercase()
        .find(prefix)
        .filter(|&at| at == 0 || v[..at].ends_with('.'));
    after
        .map_or(v, |at| &v[at + prefix.len()..])
        .trim_end_matches('/')
}

/// Why a profile item cannot be linked as what it says it is, with a hint: a GitHub
/// item holding a GitLab address would otherwise link to `github.com/gitlab.com/…`.
pub(super) fn profile_problem(kind: ContactKind, value: &str) -> Option<(String, &'static str)> {
    let v = value.trim();
    let name = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '%');
    let (ok, what, hint) = match kind {
        ContactKind::Github => (
            handle(v, "github.com/")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "a GitHub user name",
            "write the user name (`octocat`) or `https://github.com/octocat`; put other sites in `website`",
        ),
        ContactKind::Linkedin => (
            handle(v, "linkedin.com/in/").chars().all(name),
            "a LinkedIn profile",
            "write the name in your profile's address (`jane-doe`) or `https://www.linkedin.com/in/jane-doe`",
        ),
        ContactKind::Scholar => (
            v.contains("://")
                || v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')),
            "a Google Scholar user id",
            "write the id from your profile's address (`user=pirWLLgAAAAJ`) or the whole address",
        ),
        ContactKind::Orcid => (
            is_orcid(handle(v, "orcid.org/")),
            "an ORCID iD",
            "an ORCID iD is four groups of four digits with a checksum, like `0000-0002-1825-0097`",
        ),
        // A person id has a part before a slash ("12/3456", "s/JaneSmith"), and
        // an address of another site is not one.
        ContactKind::Dblp => (
            dblp_id(v).is_some_and(|id| {
                id.contains('/') && id.split('/').all(|p| !p.is_empty() && p.chars().all(name))
            }),
            "a dblp person id",
            "write the id from your dblp address (`12/3456` or `s/JaneSmith`) or the whole address",
        ),
        ContactKind::Researchgate => (
            handle(v, "researchgate.net/profile/").chars().all(name),
            "a ResearchGate profile",
            "write the name in your profile's address (`Jane-Doe`) or the whole address",
        ),
        ContactKind::Mastodon => (
            mastodon(v).is_some_and(|(u, h)| u.chars().all(name) && h.chars().all(name)),
            "a Mastodon account",
            "write the account as `@name@server.social` or `https://server.social/@name`",
        ),
        ContactKind::Bluesky => (
            bluesky(v).contains('.') && bluesky(v).chars().all(name),
            "a Bluesky handle",
            "write the handle (`jane.bsky.social`) or `https://bsky.app/profile/jane.bsky.social`",
        ),
        ContactKind::X => (
            !x_handle(v).is_empty() && x_handle(v).chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "an X user name",
            "write the user name (`jane_doe`, `@jane_doe`) or `https://x.com/jane_doe`",
        ),
        ContactKind::Gitlab => (
            handle(v, "gitlab.com/").chars().all(name),
            "a GitLab user name",
            "write the user name (`jane`) or `https://gitlab.com/jane`; put other sites in `website`",
        ),
        ContactKind::Stackoverflow => (
            handle(v, "stackoverflow.com/users/").split('/').next().is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit())),
            "a Stack Overflow user",
            "write the number in your profile's address (`22656`) or the whole address",
        ),
        _ => return None,
    };
    (!ok).then(|| (format!("`{}` is not {what}", crate::diag::clip(v)), hint))
}

/// The person id of a dblp item: after `dblp.org/pid/` in an address, or the value
/// itself when it is not an address of another site.
fn dblp_id(v: &str) -> Option<&str> {
    let id = handle(v, "dblp.org/pid/");
    let elsewhere = v.contains("://") || id.split('/').next().is_some_and(|p| p.contains('.'));
    (id != strip_scheme(v).trim_end_matches('/') || !elsewhere).then_some(id)
}

/// `0000-0002-1825-0097`: sixteen digits (the last may be X) in four groups of four,
/// the last a checksum (ISO 7064 mod 11-2).
pub(super) fn is_orcid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    let ascii = |g: &&str| g.len() == 4 && g.is_ascii();
    if groups.len() != 4 || !groups.iter().all(ascii) {
        return false;
    }
    let digits: Vec<char> = groups.concat().chars().collect();
    let mut total = 0u32;
    for c in &digits[..15] {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        total = (total + d) * 2;
    }
    let check = (12 - total % 11) % 11;
    let expected = char::from_digit(check, 10).unwrap_or('X');
    digits[15].to_ascii_uppercase() == expected
}
