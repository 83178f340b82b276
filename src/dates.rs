//! Dates as a reader sees them: "Jul 2025 – present", in the layout's language.

use crate::schema::Date;

/// A language for month names and the word for "present".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    De,
    Pt,
    Es,
}

impl Lang {
    pub const ALL: [(&'static str, Lang); 5] = [
        ("en", Lang::En),
        ("fr", Lang::Fr),
        ("de", Lang::De),
        ("pt", Lang::Pt),
        ("es", Lang::Es),
    ];

    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.split(['-', '_']).next().unwrap_or(code);
        Lang::ALL
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(base))
            .map(|(_, l)| *l)
    }

    fn months(self) -> [&'static str; 12] {
        match self {
            Lang::En => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
            Lang::Fr => [
                "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc.",
            ],
            Lang::De => [
                "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.",
                "Nov.", "Dez.",
            ],
            Lang::Pt => [
                "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.",
                "nov.", "dez.",
            ],
            Lang::Es => [
                "ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.",
                "nov.", "dic.",
            ],
        }
    }

    pub fn present(self) -> &'static str {
        match self {
            Lang::En => "present",
            Lang::Fr => "présent",
            Lang::De => "heute",
            Lang::Pt => "presente",
            Lang::Es => "actualidad",
        }
    }
}

/// English month abbreviation, for messages.
pub fn month_name_en(month: u8) -> &'static str {
    Lang::En.months()[usize::from(month.clamp(1, 12)) - 1]
}

/// One date: "2019", "Sep 2019", "Sep 2019" (days are not shown in a CV's date
/// column), or the word for present. Month and year are joined by a no-break space.
pub fn format_date(date: Date, lang: Lang) -> String {
    match date {
        Date::Year(y) => y.to_string(),
        Date::Month(y, m) | Date::Day(y, m, _) => {
            format!("{}\u{a0}{y}", lang.months()[usize::from(m) - 1])
        }
        Date::Present => lang.present().to_string(),
    }
}

/// A range: "Sep 2019 – Oct 2023", "2015 – 2019", or a single date when both ends
/// read the same. The en dash has a narrow no-break space before it and a thin space
/// after it, so a narrow date column may wrap after the dash and nowhere else.
pub fn format_range(start: Option<Date>, end: Option<Date>, lang: Lang) -> String {
    match (start, end) {
        (Some(s), Some(e)) => {
            let (a, b) = (format_date(s, lang), format_date(e, lang));
            if a == b {
                a
            } else {
                format!("{a}\u{202f}–\u{2009}{b}")
            }
        }
        (Some(s), None) => format_date(s, lang),
        (None, Some(e)) => format_date(e, lang),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_naturally() {
        let r = format_range(Some(Date::Month(2025, 7)), Some(Date::Present), Lang::En);
        assert_eq!(r, "Jul\u{a0}2025\u{202f}–\u{2009}present");
        assert_eq!(
            format_range(Some(Date::Year(2015)), Some(Date::Year(2015)), Lang::En),
            "2015"
        );
        assert_eq!(
            format_date(Date::Month(2019, 3), Lang::De),
            "März\u{a0}2019"
        );
        assert_eq!(format_date(Date::Present, Lang::Pt), "presente");
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
    }
}
