//! Keys that belong elsewhere: what a user who writes them evidently meant.
//!
//! An unknown key gets the nearest known key as a hint ("did you mean
//! `bullets`?"), which is right for a typo and wrong for a key taken from another
//! part of the schema or from another tool: `role` on an entry is nearest to
//! `roles`, but a grant's role is a fact. Each table's list below names such keys
//! with the key or the table that says it here; one place to add one.

/// Keys written on an entry (`[[section.entry]]`).
pub(super) const ENTRY: &[(&str, &str)] = &[
    ("role", "an entry's roles are `roles = [{ title, start, end }]`, a progression within one organisation; for a grant, write the role as a fact: `facts = [{ label = \"Role\", text = \"Principal investigator\" }]`"),
    ("amount", "write it as a fact: `facts = [{ label = \"Amount\", text = \"250,000 EUR\" }]`"),
    ("share", "write it as a fact: `facts = [{ label = \"Share\", text = \"250,000 EUR of 400,000 EUR\" }]`"),
    ("budget", "write it as a fact: `facts = [{ label = \"Budget\", text = \"250,000 EUR\" }]`"),
    ("funding", "write it as a fact: `facts = [{ label = \"Amount\", text = \"250,000 EUR\" }]`"),
    ("funder", "the funder of a grant is the entry's `organisation`"),
    ("agency", "the funder of a grant is the entry's `organisation`"),
    ("company", "the company is the entry's `organisation`"),
    ("employer", "the employer is the entry's `organisation`"),
    ("institution", "the institution is the entry's `organisation`"),
    ("school", "the school is the entry's `organisation`"),
    ("university", "the university is the entry's `organisation`"),
    ("position", "the position is the entry's `title`"),
    ("degree", "the degree is the entry's `title`"),
    ("name", "an entry's name is its `title`"),
    ("year", "an entry's dates are `start` and `end` (`start = \"2019-09\"`); free text goes in `date`"),
    ("period", "an entry's dates are `start` and `end` (`start = \"2019-09\"`); free text goes in `date`"),
    ("dates", "an entry's dates are `start` and `end` (`start = \"2019-09\"`); free text goes in `date`"),
    ("city", "the place is the entry's `location`"),
    ("place", "the place is the entry's `location`"),
    ("label", "an entry's bold line is its `title`; labelled lines under it are `facts = [{ label, text }]`"),
    ("description", "paragraphs are the entry's `text`; a list is its `bullets`"),
    ("summary", "paragraphs are the entry's `text`; a list is its `bullets`"),
    ("highlights", "a list is the entry's `bullets = [\"…\", \"…\"]`"),
    ("authors", "a publication is a `[[section.publication]]`, with `authors`, `title`, `venue` and `year`"),
    ("venue", "a publication is a `[[section.publication]]`, with `authors`, `title`, `venue` and `year`"),
    ("doi", "a publication is a `[[section.publication]]`, with `authors`, `title`, `venue` and `year`"),
];

/// Keys written on an item (`[[section.item]]`).
/// Keys of an item that a header line (`[person] extra`) does not have: it is one
/// line of the header, with no date column and no link of its own.
pub(super) const EXTRA: &[(&str, &str)] = &[
    ("url", "a header line links through markup in its `text`: `text = \"[example.org](https://example.org)\"`"),
    ("year", "a header line has no date column: write the date in its `text`"),
    ("date", "a header line has no date column: write the date in its `text`"),
    ("start", "a header line has no date column: write the dates in its `text`"),
    ("end", "a header line has no date column: write the dates in its `text`"),
    ("aside", "a header line's bold part before the text is its `label`"),
];

pub(super) const ITEM: &[(&str, &str)] = &[
    ("title", "an item's line is its `text`; a bold part before it is its `label`"),
    ("name", "an item's line is its `text`; a bold part before it is its `label`"),
    ("organisation", "an item is one line: write the organisation in its `text`, or make it an entry (`[[section.entry]]`)"),
    ("organization", "an item is one line: write the organisation in its `text`, or make it an entry (`[[section.entry]]`)"),
    ("bullets", "an item is one line; an entry (`[[section.entry]]`) has `bullets`"),
    ("role", "an item is one line; a grant with a role and an amount is an entry with `facts = [{ label = \"Role\", text = \"…\" }]`"),
    ("amount", "an item is one line; a grant with a role and an amount is an entry with `facts = [{ label = \"Amount\", text = \"…\" }]`"),
    ("authors", "a publication is a `[[section.publication]]`, with `authors`, `title`, `venue` and `year`"),
    ("venue", "a publication is a `[[section.publication]]`, with `authors`, `title`, `venue` and `year`"),
    ("side", "a label in the date column is the item's `aside`"),
    ("key", "a label in the date column is the item's `aside`"),
];

/// Keys written on a publication (`[[section.publication]]`).
pub(super) const PUBLICATION: &[(&str, &str)] = &[
    (
        "author",
        "the authors are a list: `authors = [\"A. Author\", \"B. Author\"]`",
    ),
    (
        "journal",
        "where it appeared is the `venue`: `venue = \"Journal of X 12(3), 45–67\"`",
    ),
    (
        "booktitle",
        "where it appeared is the `venue`: `venue = \"Proceedings of X\"`",
    ),
    (
        "conference",
        "where it appeared is the `venue`: `venue = \"Proceedings of X\"`",
    ),
    (
        "publisher",
        "where it appeared is the `venue`: `venue = \"Publisher\"`",
    ),
    (
        "volume",
        "the volume is part of the `venue`: `venue = \"Journal of X 12(3), 45–67\"`",
    ),
    (
        "pages",
        "the pages are part of the `venue`: `venue = \"Journal of X 12(3), 45–67\"`",
    ),
    (
        "start",
        "a publication's date is its `year` (`year = \"2023-05\"`)",
    ),
    (
        "end",
        "a publication's date is its `year` (`year = \"2023-05\"`)",
    ),
    (
        "month",
        "a publication's date is its `year`, with the month if you like (`year = \"2023-05\"`)",
    ),
    ("link", "the link is the `url` (or the `doi`)"),
    ("keywords", "layouts choose by `tags = [\"…\"]`"),
    ("text", "a remark in parentheses is the `note`"),
];

/// Keys written on a section (`[[section]]`) or a group (`[[section.group]]`).
pub(super) const SECTION: &[(&str, &str)] = &[
    ("name", "a section's heading is its `title`"),
    ("heading", "a section's heading is its `title`"),
    (
        "entries",
        "each entry is a table of its own, under `[[section.entry]]`",
    ),
    (
        "publications",
        "each publication is a table of its own, under `[[section.publication]]`",
    ),
    (
        "items",
        "each item is a table of its own, under `[[section.item]]`",
    ),
    (
        "groups",
        "each group is a table of its own, under `[[section.group]]`",
    ),
    (
        "subsection",
        "a part with a heading of its own is a `[[section.group]]`",
    ),
    (
        "bullets",
        "bullets belong to an entry: `[[section.entry]]` with `bullets = [\"…\"]`",
    ),
];

/// Keys written on a group (`[[section.group]]`).
pub(super) const GROUP: &[(&str, &str)] = &[
    ("name", "a group's heading is its `title`"),
    ("heading", "a group's heading is its `title`"),
    ("bibtex", "a `.bib` file is read by a section: put `bibtex` on the `[[section]]`, with `group = \"type\"` or `group = \"year\"` to make groups of its entries"),
    ("group", "groups do not hold groups: make each a `[[section.group]]` of its own"),
    ("entries", "each entry is a table of its own, under `[[section.group.entry]]`"),
    ("publications", "each publication is a table of its own, under `[[section.group.publication]]`"),
    ("items", "each item is a table of its own, under `[[section.group.item]]`"),
    ("tags", "tags choose what a group holds: put them on its entries, publications and items"),
];

/// Keys written in `[person]`.
pub(super) const PERSON: &[(&str, &str)] = &[
    ("title", "the line under the name is the `headline`"),
    ("position", "the line under the name is the `headline`"),
    ("label", "the line under the name is the `headline`"),
    ("address", "a postal address is a header line: `extra = [{ label = \"Address\", text = \"…\", tags = [\"full\"] }]`"),
    ("image", "the picture is the `photo`"),
    ("picture", "the picture is the `photo`"),
    ("email", "contact items go in the list `contact = [{ email = \"…\" }, { phone = \"…\" }]`"),
    ("phone", "contact items go in the list `contact = [{ email = \"…\" }, { phone = \"…\" }]`"),
    ("website", "contact items go in the list `contact = [{ website = \"…\" }]`"),
    ("github", "contact items go in the list `contact = [{ github = \"…\" }]`"),
    ("linkedin", "contact items go in the list `contact = [{ linkedin = \"…\" }]`"),
    ("orcid", "contact items go in the list `contact = [{ orcid = \"…\" }]`"),
    ("location", "contact items go in the list `contact = [{ location = \"…\" }]`"),
];

/// Keys written at the top of `cv.toml`.
pub(super) const ROOT: &[(&str, &str)] = &[
    ("name", "the name goes in the `[person]` table: `[person]` then `name = \"…\"`"),
    ("sections", "each section is a table of its own, under `[[section]]`"),
    ("entry", "entries belong to a section: `[[section]]` with its `title`, then `[[section.entry]]`"),
    ("layout", "layouts are chosen on the command line (`cvc build --layout onepage`) or in files of their own"),
];
