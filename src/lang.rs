//! The languages cvc prints in: for each, the words the engine adds to a CV (month
//! names, the word for an open end, the header's labels, the footer, the document's
//! name) and the hyphenation patterns that suit it, where the `hyphenation` crate
//! has them (it has none for Chinese, Japanese, Korean, Arabic or Hebrew). A
//! layout's `language` picks one for all of these; each can be overridden
//! (`docs/layouts.md`).

use hyphenation::Language;

/// A language of the printed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    De,
    Pt,
    Es,
    It,
    Nl,
    Pl,
    Sv,
    Da,
    Fi,
    Cs,
    Zh,
    Ja,
    Ko,
    Ar,
    He,
    Hi,
}

/// The words cvc adds to a CV in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// Month names as the short date format writes them ("Sep 2019").
    pub months: [&'static str; 12],
    /// Month names as the long date format writes them ("September 2019").
    pub long_months: [&'static str; 12],
    /// A date with its day, as the language writes it: `{d}` the day, `{m}` the
    /// month's name in the layout's format, `{s}` its short name (where a long
    /// name would need a grammatical case the month list does not have), `{n}`
    /// its number, `{y}` the year; spaces are no-break spaces.
    pub day: &'static str,
    /// The same in the long format, where a language joins more words ("18 de
    /// dezembro de 2014"), and a month and year there ("dezembro de 2014").
    pub long_day: &'static str,
    pub long_month: &'static str,
    /// A month and year in the short format, in the language's order: "Sep
    /// 2019", but "2019年9月" in Chinese, which writes the year first.
    pub month: &'static str,
    /// The end of a range that is still open.
    pub present: &'static str,
    /// Labels of the header's details.
    pub skills: &'static str,
    pub languages: &'static str,
    pub nationality: &'static str,
    /// The footer's page numbers, with `{page}` and `{pages}`.
    pub footer: &'static str,
    /// What the document is, for its title in the PDF's metadata.
    pub document: &'static str,
    /// Between month and year in the numeric date format ("09/2019", "09.2019").
    pub numeric_separator: char,
    /// Whether the numeric format starts with the year, as Chinese, Japanese and
    /// Korean write it ("2019.09", "2024/06/20"); else it ends with it.
    pub numeric_year_first: bool,
    /// The legend of author marks: `*` and `†` after a name.
    pub equal_contribution: &'static str,
    pub corresponding_author: &'static str,
    /// After a label ("Skills: "); French sets a no-break space before the colon,
    /// Chinese and Japanese a full-width colon with no space after it ("技能：").
    pub colon: &'static str,
    /// Between the parts of a list (title, organisation, place; authors): Arabic
    /// has its own comma, Chinese a full-width one, Japanese the ideographic
    /// comma, all without a space after.
    pub comma: &'static str,
    /// The headings of publications imported from a `.bib` file and grouped.
    pub groups: PublicationGroups,
    /// The hyphenation patterns of the language; `None` for a language the
    /// `hyphenation` crate has none for, whose words are then not hyphenated (a
    /// layout's `[text] language` may still name patterns for its other words).
    pub hyphenation: Option<Language>,
}

/// The headings of imported publications grouped by kind (`group = "type"`, in
/// this order), and of those without a year (`group = "year"`).
#[derive(Debug, PartialEq, Eq)]
pub struct PublicationGroups {
    pub articles: &'static str,
    pub conference_papers: &'static str,
    pub books: &'static str,
    pub chapters: &'static str,
    pub preprints: &'static str,
    pub reports: &'static str,
    pub theses: &'static str,
    pub other: &'static str,
    pub undated: &'static str,
    /// What a `@phdthesis` or `@mastersthesis` without a `type` is, before its
    /// school: "PhD thesis, University of Helsinki".
    pub phd_thesis: &'static str,
    pub masters_thesis: &'static str,
}

impl Lang {
    /// Every language by its code, in the order errors list them.
    pub const ALL: [(&'static str, Lang); 18] = [
        ("en", Lang::En),
        ("fr", Lang::Fr),
        ("de", Lang::De),
        ("pt", Lang::Pt),
        ("es", Lang::Es),
        ("it", Lang::It),
        ("nl", Lang::Nl),
        ("pl", Lang::Pl),
        ("sv", Lang::Sv),
        ("da", Lang::Da),
        ("fi", Lang::Fi),
        ("cs", Lang::Cs),
        ("zh", Lang::Zh),
        ("ja", Lang::Ja),
        ("ko", Lang::Ko),
        ("ar", Lang::Ar),
        ("he", Lang::He),
        ("hi", Lang::Hi),
    ];

    /// Whether the language is written right to left: its paragraphs start at
    /// the right.
    pub fn rtl(self) -> bool {
        matches!(self, Lang::Ar | Lang::He)
    }

    /// The words of this language.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::De => &DE,
            Lang::Pt => &PT,
            Lang::Es => &ES,
            Lang::It => &IT,
            Lang::Nl => &NL,
            Lang::Pl => &PL,
            Lang::Sv => &SV,
            Lang::Da => &DA,
            Lang::Fi => &FI,
            Lang::Cs => &CS,
            Lang::Zh => &ZH,
            Lang::Ja => &JA,
            Lang::Ko => &KO,
            Lang::Ar => &AR,
            Lang::He => &HE,
            Lang::Hi => &HI,
        }
    }
}

const EN: Words = Words {
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    long_months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "present",
    skills: "Skills",
    languages: "Languages",
    nationality: "Nationality",
    footer: "page {page} of {pages}",
    document: "Curriculum Vitae",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Equal contribution",
    corresponding_author: "Corresponding author",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Journal articles",
        conference_papers: "Conference papers",
        books: "Books",
        chapters: "Book chapters",
        preprints: "Preprints",
        reports: "Reports",
        theses: "Theses",
        other: "Other publications",
        undated: "Undated",
        phd_thesis: "PhD thesis",
        masters_thesis: "Master's thesis",
    },
    hyphenation: Some(Language::EnglishUS),
};

const FR: Words = Words {
    months: [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
    long_months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "présent",
    skills: "Compétences",
    languages: "Langues",
    nationality: "Nationalité",
    footer: "page {page} sur {pages}",
    document: "Curriculum vitæ",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Contribution égale",
    corresponding_author: "Auteur correspondant",
    colon: "\u{a0}: ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Articles de revues",
        conference_papers: "Communications de conférences",
        books: "Ouvrages",
        chapters: "Chapitres d’ouvrages",
        preprints: "Prépublications",
        reports: "Rapports",
        theses: "Thèses et mémoires",
        other: "Autres publications",
        undated: "Sans date",
        phd_thesis: "Thèse de doctorat",
        masters_thesis: "Mémoire de master",
    },
    hyphenation: Some(Language::French),
};

const DE: Words = Words {
    months: [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.",
        "Dez.",
    ],
    long_months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    day: "{d}.\u{a0}{m}\u{a0}{y}",
    long_day: "{d}.\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "heute",
    skills: "Kenntnisse",
    languages: "Sprachen",
    nationality: "Staatsangehörigkeit",
    footer: "Seite {page} von {pages}",
    document: "Lebenslauf",
    numeric_separator: '.',
    numeric_year_first: false,
    equal_contribution: "Gleicher Beitrag",
    corresponding_author: "Korrespondierender Autor",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Zeitschriftenartikel",
        conference_papers: "Konferenzbeiträge",
        books: "Bücher",
        chapters: "Buchkapitel",
        preprints: "Preprints",
        reports: "Berichte",
        theses: "Abschlussarbeiten",
        other: "Weitere Publikationen",
        undated: "Ohne Jahr",
        phd_thesis: "Dissertation",
        masters_thesis: "Masterarbeit",
    },
    hyphenation: Some(Language::German1996),
};

const PT: Words = Words {
    months: [
        "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.",
        "dez.",
    ],
    long_months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}de\u{a0}{m}\u{a0}de\u{a0}{y}",
    long_month: "{m}\u{a0}de\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "presente",
    skills: "Competências",
    languages: "Idiomas",
    nationality: "Nacionalidade",
    footer: "página {page} de {pages}",
    document: "Currículo",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Contribuição igual",
    corresponding_author: "Autor correspondente",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Artigos em revistas",
        conference_papers: "Artigos em conferências",
        books: "Livros",
        chapters: "Capítulos de livros",
        preprints: "Preprints",
        reports: "Relatórios",
        theses: "Teses e dissertações",
        other: "Outras publicações",
        undated: "Sem data",
        phd_thesis: "Tese de doutoramento",
        masters_thesis: "Dissertação de mestrado",
    },
    hyphenation: Some(Language::Portuguese),
};

const ES: Words = Words {
    months: [
        "ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.",
        "dic.",
    ],
    long_months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}de\u{a0}{m}\u{a0}de\u{a0}{y}",
    long_month: "{m}\u{a0}de\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "actualidad",
    skills: "Habilidades",
    languages: "Idiomas",
    nationality: "Nacionalidad",
    footer: "página {page} de {pages}",
    document: "Currículum",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Contribución igual",
    corresponding_author: "Autor de correspondencia",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Artículos en revistas",
        conference_papers: "Artículos en congresos",
        books: "Libros",
        chapters: "Capítulos de libros",
        preprints: "Preprints",
        reports: "Informes",
        theses: "Tesis",
        other: "Otras publicaciones",
        undated: "Sin fecha",
        phd_thesis: "Tesis doctoral",
        masters_thesis: "Trabajo de fin de máster",
    },
    hyphenation: Some(Language::Spanish),
};

const IT: Words = Words {
    months: [
        "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
    ],
    long_months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "oggi",
    skills: "Competenze",
    languages: "Lingue",
    nationality: "Nazionalità",
    footer: "pagina {page} di {pages}",
    document: "Curriculum vitae",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Contributo paritario",
    corresponding_author: "Autore corrispondente",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Articoli su rivista",
        conference_papers: "Articoli in atti di convegno",
        books: "Libri",
        chapters: "Capitoli di libri",
        preprints: "Preprint",
        reports: "Rapporti",
        theses: "Tesi",
        other: "Altre pubblicazioni",
        undated: "Senza data",
        phd_thesis: "Tesi di dottorato",
        masters_thesis: "Tesi di laurea magistrale",
    },
    hyphenation: Some(Language::Italian),
};

const NL: Words = Words {
    months: [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
    long_months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "heden",
    skills: "Vaardigheden",
    languages: "Talen",
    nationality: "Nationaliteit",
    footer: "pagina {page} van {pages}",
    document: "Curriculum vitae",
    numeric_separator: '-',
    numeric_year_first: false,
    equal_contribution: "Gelijke bijdrage",
    corresponding_author: "Corresponderend auteur",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Tijdschriftartikelen",
        conference_papers: "Conferentiebijdragen",
        books: "Boeken",
        chapters: "Boekhoofdstukken",
        preprints: "Preprints",
        reports: "Rapporten",
        theses: "Proefschriften en scripties",
        other: "Overige publicaties",
        undated: "Zonder jaartal",
        phd_thesis: "Proefschrift",
        masters_thesis: "Masterscriptie",
    },
    hyphenation: Some(Language::Dutch),
};

const PL: Words = Words {
    months: [
        "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru",
    ],
    long_months: [
        "styczeń",
        "luty",
        "marzec",
        "kwiecień",
        "maj",
        "czerwiec",
        "lipiec",
        "sierpień",
        "wrzesień",
        "październik",
        "listopad",
        "grudzień",
    ],
    day: "{d}\u{a0}{s}\u{a0}{y}",
    long_day: "{d}\u{a0}{s}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "obecnie",
    skills: "Umiejętności",
    languages: "Języki",
    nationality: "Obywatelstwo",
    footer: "strona {page} z {pages}",
    document: "Życiorys",
    numeric_separator: '.',
    numeric_year_first: false,
    equal_contribution: "Równy wkład",
    corresponding_author: "Autor korespondencyjny",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Artykuły w czasopismach",
        conference_papers: "Publikacje konferencyjne",
        books: "Książki",
        chapters: "Rozdziały w książkach",
        preprints: "Preprinty",
        reports: "Raporty",
        theses: "Rozprawy i prace dyplomowe",
        other: "Inne publikacje",
        undated: "Bez daty",
        phd_thesis: "Rozprawa doktorska",
        masters_thesis: "Praca magisterska",
    },
    hyphenation: Some(Language::Polish),
};

const SV: Words = Words {
    months: [
        "jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec",
    ],
    long_months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "nu",
    skills: "Färdigheter",
    languages: "Språk",
    nationality: "Medborgarskap",
    footer: "sida {page} av {pages}",
    document: "Meritförteckning",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Lika bidrag",
    corresponding_author: "Korresponderande författare",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Tidskriftsartiklar",
        conference_papers: "Konferensbidrag",
        books: "Böcker",
        chapters: "Bokkapitel",
        preprints: "Preprints",
        reports: "Rapporter",
        theses: "Avhandlingar och uppsatser",
        other: "Övriga publikationer",
        undated: "Utan årtal",
        phd_thesis: "Doktorsavhandling",
        masters_thesis: "Masteruppsats",
    },
    hyphenation: Some(Language::Swedish),
};

const DA: Words = Words {
    months: [
        "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ],
    long_months: [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    day: "{d}.\u{a0}{m}\u{a0}{y}",
    long_day: "{d}.\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "nu",
    skills: "Kompetencer",
    languages: "Sprog",
    nationality: "Statsborgerskab",
    footer: "side {page} af {pages}",
    document: "CV",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Ligeligt bidrag",
    corresponding_author: "Korresponderende forfatter",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Tidsskriftsartikler",
        conference_papers: "Konferencebidrag",
        books: "Bøger",
        chapters: "Bogkapitler",
        preprints: "Preprints",
        reports: "Rapporter",
        theses: "Afhandlinger og specialer",
        other: "Øvrige publikationer",
        undated: "Uden årstal",
        phd_thesis: "Ph.d.-afhandling",
        masters_thesis: "Speciale",
    },
    hyphenation: Some(Language::Danish),
};

const FI: Words = Words {
    months: [
        "tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka",
        "marras", "joulu",
    ],
    long_months: [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ],
    day: "{d}.{n}.{y}",
    long_day: "{d}.{n}.{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "nyt",
    skills: "Taidot",
    languages: "Kielet",
    nationality: "Kansalaisuus",
    footer: "sivu {page}/{pages}",
    document: "Ansioluettelo",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Yhtä suuri panos",
    corresponding_author: "Vastaava kirjoittaja",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Aikakauslehtiartikkelit",
        conference_papers: "Konferenssijulkaisut",
        books: "Kirjat",
        chapters: "Kirjan luvut",
        preprints: "Esijulkaisut",
        reports: "Raportit",
        theses: "Opinnäytteet",
        other: "Muut julkaisut",
        undated: "Ilman vuosilukua",
        phd_thesis: "Väitöskirja",
        masters_thesis: "Pro gradu -tutkielma",
    },
    hyphenation: Some(Language::Finnish),
};

const CS: Words = Words {
    months: [
        "led.", "úno.", "bře.", "dub.", "kvě.", "čvn.", "čvc.", "srp.", "zář.", "říj.", "lis.",
        "pro.",
    ],
    long_months: [
        "leden",
        "únor",
        "březen",
        "duben",
        "květen",
        "červen",
        "červenec",
        "srpen",
        "září",
        "říjen",
        "listopad",
        "prosinec",
    ],
    day: "{d}.\u{a0}{n}.\u{a0}{y}",
    long_day: "{d}.\u{a0}{n}.\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "dosud",
    skills: "Dovednosti",
    languages: "Jazyky",
    nationality: "Státní občanství",
    footer: "strana {page} z {pages}",
    document: "Životopis",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "Stejný podíl",
    corresponding_author: "Korespondující autor",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "Články v časopisech",
        conference_papers: "Příspěvky na konferencích",
        books: "Knihy",
        chapters: "Kapitoly v knihách",
        preprints: "Preprinty",
        reports: "Zprávy",
        theses: "Kvalifikační práce",
        other: "Ostatní publikace",
        undated: "Bez uvedení roku",
        phd_thesis: "Disertační práce",
        masters_thesis: "Diplomová práce",
    },
    hyphenation: Some(Language::Czech),
};

/// Simplified Chinese. A month is its number and 月, short and long alike; the
/// year comes first (2021年4月). Chinese has no hyphenation: a line breaks
/// between ideographs.
const ZH: Words = Words {
    months: [
        "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
    ],
    long_months: [
        "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
    ],
    day: "{y}年{m}{d}日",
    long_day: "{y}年{m}{d}日",
    long_month: "{y}年{m}",
    month: "{y}年{m}",
    present: "至今",
    skills: "技能",
    languages: "语言",
    nationality: "国籍",
    footer: "第 {page} 页，共 {pages} 页",
    document: "简历",
    numeric_separator: '.',
    numeric_year_first: true,
    equal_contribution: "同等贡献",
    corresponding_author: "通讯作者",
    colon: "：",
    comma: "，",
    groups: PublicationGroups {
        articles: "期刊论文",
        conference_papers: "会议论文",
        books: "专著",
        chapters: "书籍章节",
        preprints: "预印本",
        reports: "研究报告",
        theses: "学位论文",
        other: "其他出版物",
        undated: "年份不详",
        phd_thesis: "博士学位论文",
        masters_thesis: "硕士学位论文",
    },
    hyphenation: None,
};

/// Japanese: dates as Chinese writes them (2021年4月); no hyphenation.
const JA: Words = Words {
    months: [
        "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
    ],
    long_months: [
        "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
    ],
    day: "{y}年{m}{d}日",
    long_day: "{y}年{m}{d}日",
    long_month: "{y}年{m}",
    month: "{y}年{m}",
    present: "現在",
    skills: "スキル",
    languages: "語学",
    nationality: "国籍",
    footer: "{page} / {pages} ページ",
    document: "履歴書",
    numeric_separator: '/',
    numeric_year_first: true,
    equal_contribution: "同等貢献",
    corresponding_author: "責任著者",
    colon: "：",
    comma: "、",
    groups: PublicationGroups {
        articles: "雑誌論文",
        conference_papers: "会議論文",
        books: "著書",
        chapters: "分担執筆",
        preprints: "プレプリント",
        reports: "報告書",
        theses: "学位論文",
        other: "その他の出版物",
        undated: "年不詳",
        phd_thesis: "博士論文",
        masters_thesis: "修士論文",
    },
    hyphenation: None,
};

/// Korean: the year first, each number with its counter (2021년 4월); no
/// hyphenation (Korean lines break between words, or between syllables).
const KO: Words = Words {
    months: [
        "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월",
    ],
    long_months: [
        "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월",
    ],
    day: "{y}년\u{a0}{m}\u{a0}{d}일",
    long_day: "{y}년\u{a0}{m}\u{a0}{d}일",
    long_month: "{y}년\u{a0}{m}",
    month: "{y}년\u{a0}{m}",
    present: "현재",
    skills: "기술",
    languages: "어학",
    nationality: "국적",
    footer: "{pages}쪽 중 {page}쪽",
    document: "이력서",
    numeric_separator: '.',
    numeric_year_first: true,
    equal_contribution: "동등 기여",
    corresponding_author: "교신저자",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "학술지 논문",
        conference_papers: "학술대회 논문",
        books: "저서",
        chapters: "북 챕터",
        preprints: "프리프린트",
        reports: "보고서",
        theses: "학위 논문",
        other: "기타 출판물",
        undated: "연도 미상",
        phd_thesis: "박사 학위 논문",
        masters_thesis: "석사 학위 논문",
    },
    hyphenation: None,
};

/// Arabic, with the month names of Egypt and the Gulf (يناير, فبراير…: the
/// Gregorian names borrowed, CLDR's for `ar`), not the Levant's Syriac ones
/// (كانون الثاني…); a layout's `[dates] months` may give those. Arabic has no
/// abbreviated month names, so short and long are the same. No hyphenation.
const AR: Words = Words {
    months: [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    long_months: [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "حتى\u{a0}الآن",
    skills: "المهارات",
    languages: "اللغات",
    nationality: "الجنسية",
    footer: "صفحة {page} من {pages}",
    document: "السيرة الذاتية",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "مساهمة متساوية",
    corresponding_author: "المؤلف المراسل",
    colon: ": ",
    comma: "، ",
    groups: PublicationGroups {
        articles: "مقالات في مجلات علمية",
        conference_papers: "أوراق مؤتمرات",
        books: "كتب",
        chapters: "فصول في كتب",
        preprints: "نسخ أولية",
        reports: "تقارير",
        theses: "رسائل وأطروحات جامعية",
        other: "منشورات أخرى",
        undated: "بدون تاريخ",
        phd_thesis: "أطروحة دكتوراه",
        masters_thesis: "رسالة ماجستير",
    },
    hyphenation: None,
};

/// Hebrew. A day takes the month with ב ("20 ביוני 2024"), as Hebrew writes
/// it; the short names end in a geresh (׳). No hyphenation.
const HE: Words = Words {
    months: [
        "ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳",
        "דצמ׳",
    ],
    long_months: [
        "ינואר",
        "פברואר",
        "מרץ",
        "אפריל",
        "מאי",
        "יוני",
        "יולי",
        "אוגוסט",
        "ספטמבר",
        "אוקטובר",
        "נובמבר",
        "דצמבר",
    ],
    day: "{d}\u{a0}ב{m}\u{a0}{y}",
    long_day: "{d}\u{a0}ב{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "היום",
    skills: "כישורים",
    languages: "שפות",
    nationality: "אזרחות",
    footer: "עמוד {page} מתוך {pages}",
    document: "קורות חיים",
    numeric_separator: '.',
    numeric_year_first: false,
    equal_contribution: "תרומה שווה",
    corresponding_author: "מחבר להתכתבות",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "מאמרים בכתבי עת",
        conference_papers: "מאמרים בכנסים",
        books: "ספרים",
        chapters: "פרקים בספרים",
        preprints: "גרסאות טרום-דפוס",
        reports: "דוחות",
        theses: "עבודות תזה ודוקטורט",
        other: "פרסומים אחרים",
        undated: "ללא תאריך",
        phd_thesis: "עבודת דוקטורט",
        masters_thesis: "תזה לתואר שני",
    },
    hyphenation: None,
};

/// Hindi, with CLDR's month names and their abbreviations (with ॰). The
/// `hyphenation` crate's Hindi patterns are loaded.
const HI: Words = Words {
    months: [
        "जन॰",
        "फ़र॰",
        "मार्च",
        "अप्रैल",
        "मई",
        "जून",
        "जुल॰",
        "अग॰",
        "सित॰",
        "अक्तू॰",
        "नव॰",
        "दिस॰",
    ],
    long_months: [
        "जनवरी",
        "फ़रवरी",
        "मार्च",
        "अप्रैल",
        "मई",
        "जून",
        "जुलाई",
        "अगस्त",
        "सितंबर",
        "अक्तूबर",
        "नवंबर",
        "दिसंबर",
    ],
    day: "{d}\u{a0}{m}\u{a0}{y}",
    long_day: "{d}\u{a0}{m}\u{a0}{y}",
    long_month: "{m}\u{a0}{y}",
    month: "{m}\u{a0}{y}",
    present: "वर्तमान",
    skills: "कौशल",
    languages: "भाषाएँ",
    nationality: "राष्ट्रीयता",
    footer: "पृष्ठ {page} / {pages}",
    document: "जीवन-वृत्त",
    numeric_separator: '/',
    numeric_year_first: false,
    equal_contribution: "समान योगदान",
    corresponding_author: "पत्राचार लेखक",
    colon: ": ",
    comma: ", ",
    groups: PublicationGroups {
        articles: "शोध-पत्रिकाओं में लेख",
        conference_papers: "सम्मेलन शोध-पत्र",
        books: "पुस्तकें",
        chapters: "पुस्तक अध्याय",
        preprints: "प्रीप्रिंट",
        reports: "रिपोर्टें",
        theses: "शोध-प्रबंध",
        other: "अन्य प्रकाशन",
        undated: "तिथि रहित",
        phd_thesis: "पीएच.डी. शोध-प्रबंध",
        masters_thesis: "स्नातकोत्तर लघु शोध-प्रबंध",
    },
    hyphenation: Some(Language::Hindi),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_twelve_distinct_months_and_a_footer_with_both_numbers() {
        for (code, lang) in Lang::ALL {
            let w = lang.words();
            for months in [w.months, w.long_months] {
                let mut sorted = months.to_vec();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(sorted.len(), 12, "{code}: {months:?}");
            }
            assert!(
                w.footer.contains("{page}") && w.footer.contains("{pages}"),
                "{code}"
            );
        }
    }

    #[test]
    fn every_language_names_each_group_of_publications_differently() {
        for (code, lang) in Lang::ALL {
            let g = &lang.words().groups;
            let mut names = vec![
                g.articles,
                g.conference_papers,
                g.books,
                g.chapters,
                g.preprints,
                g.reports,
                g.theses,
                g.other,
                g.undated,
            ];
            assert!(names.iter().all(|n| !n.trim().is_empty()), "{code}");
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), 9, "{code}: {names:?}");
        }
    }
}
