//! Dates as a reader sees them: "Jul 2025 – present", in the layout's language.

use crate::diag::{Code, Diagnostic, Origin};
use crate::lang::Lang;
use crate::reader::{Node, Reader, Value};

/// A calendar date at the precision the user gave, or "present".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Date {
    Year(i32),
    Month(i32, u8),
    Day(i32, u8, u8),
    Present,
}

/// The years a date may have: four digits, as a CV writes them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

impl Date {
    /// Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("present") {
            return Ok(Date::Present);
        }
        let form = "a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`";
        let shown = crate::diag::clip(s);
        let not_a_date = || format!("`{shown}` is not a date: {form}");
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u32>().map_err(|_| not_a_date())
            } else {
                Err(not_a_date())
            }
        };
        let year = num(parts[0], 4)? as i32;
        if !YEARS.contains(&year) {
            return Err(format!(
                "`{shown}`: the year {year} is not a year of a CV (years run from 1000 to 9999)"
            ));
        }
        match parts.len() {
            1 => Ok(Date::Year(year)),
            2 | 3 => {
                let month = num(parts[1], 2)?;
                if !(1..=12).contains(&month) {
                    return Err(format!(
                        "`{shown}`: month {month} does not exist (months are 01 to 12)"
                    ));
                }
                if parts.len() == 2 {
                    return Ok(Date::Month(year, month as u8));
                }
                let day = num(parts[2], 2)?;
                let last = days_in_month(year, month);
                if day == 0 || day > last {
                    return Err(format!(
                        "`{shown}`: day {day} does not exist ({} {year} has {last} days)",
                        month_name_en(month as u8)
                    ));
                }
                Ok(Date::Day(year, month as u8, day as u8))
            }
            _ => Err(not_a_date()),
        }
    }

    /// (year, month, day) with missing parts as `None`; `None` for present.
    fn key(self) -> Option<(i32, Option<u8>, Option<u8>)> {
        match self {
            Date::Year(y) => Some((y, None, None)),
            Date::Month(y, m) => Some((y, Some(m), None)),
            Date::Day(y, m, d) => Some((y, Some(m), Some(d))),
            Date::Present => None,
        }
    }

    /// Whether `self` is strictly before `other`, comparing only at the precision
    /// both dates have (so 2019 is not before 2019-05).
    pub fn is_before(self, other: Date) -> bool {
        match (self.key(), other.key()) {
            (_, None) => self != Date::Present,
            (None, Some(_)) => false,
            (Some((y1, m1, d1)), Some((y2, m2, d2))) => {
                if y1 != y2 {
                    return y1 < y2;
                }
                match (m1, m2) {
                    (Some(m1), Some(m2)) if m1 != m2 => m1 < m2,
                    (Some(_), Some(_)) => matches!((d1, d2), (Some(a), Some(b)) if a < b),
                    _ => false,
                }
            }
        }
    }

    pub fn year(self) -> Option<i32> {
        self.key().map(|k| k.0)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date as written in a file, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateField {
    pub date: Date,
    pub at: Origin,
}

/// Read the date `key`: a string (`"2019-09"`, `"present"`), a bare year (`2019`) or
/// an unquoted TOML date (`2019-09-01`).
pub fn read(r: &Reader, key: &str, node: &Node) -> Option<DateField> {
    if r.describe(node, crate::reader::Shape::Date) {
        return None;
    }
    let bad = |message: String| {
        r.report(
            Diagnostic::error(Code::BadDate, message, Some(node.at)).with_help(
                "write dates as `\"2019\"`, `\"2019-09\"`, `\"2019-09-01\"` or `\"present\"`",
            ),
        );
        None
    };
    let date = match &node.value {
        Value::String(s) => match Date::parse(s) {
            Ok(d) => d,
            Err(e) => return bad(e),
        },
        Value::Integer(y) => match i32::try_from(*y) {
            Ok(y) if YEARS.contains(&y) => Date::Year(y),
            _ => return bad(format!("{y} is not a year: years run from 1000 to 9999")),
        },
        Value::Datetime(d) => match (d.date, d.time) {
            (Some(day), None) => match Date::parse(&day.to_string()) {
                Ok(d) => d,
                Err(e) => return bad(e),
            },
            _ => return bad(format!("`{d}` is a time, not a date")),
        },
        other => {
            r.wrong_type(key, node.at, "a date", "\"2019-09\"", other);
            return None;
        }
    };
    Some(DateField { date, at: node.at })
}

/// Year, month and day of a moment given in seconds since 1970 (UTC), by Howard
/// Hinnant's civil-from-days algorithm.
pub fn civil(secs: i64) -> (i64, u32, u32) {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// English month abbreviation, for messages.
pub fn month_name_en(month: u8) -> &'static str {
    Lang::En.words().months[usize::from(month.clamp(1, 12)) - 1]
}

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// "Sep 2019"
    Short,
    /// "September 2019"
    Long,
    /// "09/2019" ("09.2019" in German, "2019.09" in Chinese)
    Numeric,
    /// "2019"
    Year,
}

impl crate::reader::Choice for DateFormat {
    const WORDS: &'static [(&'static str, DateFormat)] = &DateFormat::ALL;
}

impl DateFormat {
    pub const ALL: [(&'static str, DateFormat); 4] = [
        ("short", DateFormat::Short),
        ("long", DateFormat::Long),
        ("numeric", DateFormat::Numeric),
        ("year", DateFormat::Year),
    ];
}

/// How a layout writes dates: format, language, and the words that override the
/// language's (the word for an open end, single month names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateStyle {
    pub format: DateFormat,
    pub lang: Lang,
    /// Overrides the language's word for "present".
    pub present: Option<String>,
    /// Override the language's month names, short and long, one by one.
    pub months: [Option<String>; 12],
    pub long_months: [Option<String>; 12],
}

impl Default for DateStyle {
    fn default() -> Self {
        DateStyle {
            format: DateFormat::Short,
            lang: Lang::En,
            present: None,
            months: Default::default(),
            long_months: Default::default(),
        }
    }
}

impl DateStyle {
    /// Month `m` (1 to 12) as the short format writes it.
    fn month(&self, m: u8) -> &str {
        let i = usize::from(m) - 1;
        self.months[i]
            .as_deref()
            .unwrap_or(self.lang.words().months[i])
    }

    /// Month `m` (1 to 12) as the long format writes it.
    fn long_month(&self, m: u8) -> &str {
        let i = usize::from(m) - 1;
        self.long_months[i]
            .as_deref()
            .unwrap_or(self.lang.words().long_months[i])
    }
}

/// One date at the precision it was written: "2019", "Sep 2019", "September
/// 2019", "09/2019", "20 Jun 2024", "20/06/2024", or the word for present. Its
/// parts are joined by no-break spaces.
pub fn format_date(date: Date, style: &DateStyle) -> String {
    let lang = style.lang;
    match (date, style.format) {
        (Date::Day(y, m, d), DateFormat::Short) => {
            let month = style.month(m);
            day_date(lang.words().day, [d.into(), m.into(), y], month, month)
        }
        (Date::Day(y, m, d), DateFormat::Long) => {
            let (long, short) = (style.long_month(m), style.month(m));
            day_date(lang.words().long_day, [d.into(), m.into(), y], long, short)
        }
        (Date::Day(y, m, d), DateFormat::Numeric) => {
            let sep = lang.words().numeric_separator;
            if lang.words().numeric_year_first {
                format!("{y}{sep}{m:02}{sep}{d:02}")
            } else {
                format!("{d:02}{sep}{m:02}{sep}{y}")
            }
        }
        (Date::Present, _) => style
            .present
            .clone()
            .unwrap_or_else(|| lang.words().present.to_string()),
        (Date::Year(y), _) | (Date::Month(y, _) | Date::Day(y, _, _), DateFormat::Year) => {
            y.to_string()
        }
        (Date::Month(y, m), DateFormat::Short) => {
            let month = style.month(m);
            day_date(lang.words().month, [0, m.into(), y], month, month)
        }
        (Date::Month(y, m), DateFormat::Long) => {
            let month = style.long_month(m);
            day_date(lang.words().long_month, [0, m.into(), y], month, month)
        }
        (Date::Month(y, m), DateFormat::Numeric) => {
            let sep = lang.words().numeric_separator;
            if lang.words().numeric_year_first {
                format!("{y}{sep}{m:02}")
            } else {
                format!("{m:02}{sep}{y}")
            }
        }
    }
}

/// `pattern` (a language's [`Words::day`], `long_day`, `month` or `long_month`) with its
/// fields filled: `[day, month, year]` numbers, the month's name and its short
/// name.
///
/// [`Words::day`]: crate::lang::Words::day
fn day_date(pattern: &str, [d, m, y]: [i32; 3], month: &str, short: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let field = rest.get(open..open + 3).unwrap_or("");
        match field {
            "{d}" => out.push_str(&d.to_string()),
            "{n}" => out.push_str(&m.to_string()),
            "{y}" => out.push_str(&y.to_string()),
            "{m}" => out.push_str(month),
            "{s}" => out.push_str(short),
            _ => out.push_str(field),
        }
        rest = rest.get(open + field.len().max(1)..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A range in parts: the start, the dash between (when there are two dates to
/// show), and the end, so that each can be traced to where it is written. Whole:
/// "Sep 2019 – Oct 2023", "2015 – 2019", or a single date when both ends read the
/// same. The en dash has a narrow no-break space before it and a thin space after
/// it, so a narrow date column may wrap after the dash and nowhere else.
pub fn range_parts(start: Option<Date>, end: Option<Date>, style: &DateStyle) -> [String; 3] {
    const DASH: &str = "\u{202f}–\u{2009}";
    let date = |d: Date| unbreakable(format_date(d, style));
    match (start, end) {
        (Some(s), Some(e)) => {
            let (a, b) = (date(s), date(e));
            if a == b {
                [a, String::new(), String::new()]
            } else {
                [a, DASH.to_string(), b]
            }
        }
        (Some(s), None) => [date(s), String::new(), String::new()],
        (None, Some(e)) => [String::new(), String::new(), date(e)],
        (None, None) => [String::new(), String::new(), String::new()],
    }
}

/// A date that no line breaks inside. Its parts are joined by no-break spaces,
/// but Chinese, Japanese and Korean dates have no spaces, and a line may break
/// between an ideograph and a digit ("2021年4|月", UAX #14): a word joiner
/// (U+2060, drawn as nothing) between each two characters forbids that too.
/// Text below U+1100, where these scripts begin, is left as it is.
fn unbreakable(date: String) -> String {
    if date.chars().all(|c| u32::from(c) < 0x1100) {
        return date;
    }
    let mut out = String::with_capacity(date.len() * 2);
    for (i, c) in date.chars().enumerate() {
        if i > 0 {
            out.push('\u{2060}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole range, as it is printed.
    fn format_range(start: Option<Date>, end: Option<Date>, style: &DateStyle) -> String {
        let [head, dash, tail] = range_parts(start, end, style);
        head + &dash + &tail
    }

    fn style(format: DateFormat, lang: Lang) -> DateStyle {
        DateStyle {
            format,
            lang,
            ..DateStyle::default()
        }
    }

    #[test]
    fn ranges_read_naturally() {
        let en = style(DateFormat::Short, Lang::En);
        let r = format_range(Some(Date::Month(2025, 7)), Some(Date::Present), &en);
        assert_eq!(r, "Jul\u{a0}2025\u{202f}–\u{2009}present");
        assert_eq!(
            format_range(Some(Date::Year(2015)), Some(Date::Year(2015)), &en),
            "2015"
        );
    }

    /// A day is printed, in each language's order and grammar; month and year
    /// alone stay as they were.
    #[test]
    fn a_date_with_a_day_prints_the_day() {
        let day = Date::Day(2024, 6, 20);
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        for (lang, format, shown) in [
            (Lang::En, DateFormat::Short, "20 Jun 2024"),
            (Lang::En, DateFormat::Long, "20 June 2024"),
            (Lang::En, DateFormat::Numeric, "20/06/2024"),
            (Lang::En, DateFormat::Year, "2024"),
            (Lang::De, DateFormat::Long, "20. Juni 2024"),
            (Lang::De, DateFormat::Numeric, "20.06.2024"),
            (Lang::Fr, DateFormat::Long, "20 juin 2024"),
            (Lang::Pt, DateFormat::Long, "20 de junho de 2024"),
            (Lang::Pt, DateFormat::Short, "20 jun. 2024"),
            (Lang::Es, DateFormat::Long, "20 de junio de 2024"),
            (Lang::Pl, DateFormat::Long, "20 cze 2024"),
            (Lang::Fi, DateFormat::Long, "20.6.2024"),
            (Lang::Cs, DateFormat::Short, "20. 6. 2024"),
        ] {
            assert_eq!(
                format_date(day, &style(format, lang)),
                nb(shown),
                "{lang:?} {format:?}"
            );
        }
        let en = style(DateFormat::Short, Lang::En);
        assert_eq!(format_date(Date::Month(2024, 6), &en), nb("Jun 2024"));
        let mut custom = en.clone();
        custom.months[5] = Some("{y}".to_string());
        assert_eq!(
            format_date(day, &custom),
            nb("20 {y} 2024"),
            "a month name is not a pattern"
        );
    }

    #[test]
    fn every_language_has_its_months_and_its_present() {
        let cases = [
            (Lang::En, "Mar", "March", "present"),
            (Lang::Fr, "mars", "mars", "présent"),
            (Lang::De, "März", "März", "heute"),
            // Portuguese and Spanish join a long month to its year with "de".
            (Lang::Pt, "mar.", "março\u{a0}de", "presente"),
            (Lang::Es, "mar.", "marzo\u{a0}de", "actualidad"),
            (Lang::Ar, "مارس", "مارس", "حتى\u{a0}الآن"),
            (Lang::He, "מרץ", "מרץ", "היום"),
            (Lang::Hi, "मार्च", "मार्च", "वर्तमान"),
        ];
        for (lang, short, long, present) in cases {
            let d = Date::Month(2019, 3);
            assert_eq!(
                format_date(d, &style(DateFormat::Short, lang)),
                format!("{short}\u{a0}2019")
            );
            assert_eq!(
                format_date(d, &style(DateFormat::Long, lang)),
                format!("{long}\u{a0}2019")
            );
            assert_eq!(
                format_date(Date::Present, &style(DateFormat::Short, lang)),
                present
            );
        }
        let dec = Date::Month(2020, 12);
        assert_eq!(
            format_date(dec, &style(DateFormat::Short, Lang::Fr)),
            "déc.\u{a0}2020"
        );
        assert_eq!(
            format_date(dec, &style(DateFormat::Long, Lang::De)),
            "Dezember\u{a0}2020"
        );
        assert_eq!(
            format_date(dec, &style(DateFormat::Long, Lang::Pt)),
            "dezembro\u{a0}de\u{a0}2020"
        );
        assert_eq!(
            format_date(dec, &style(DateFormat::Short, Lang::Es)),
            "dic.\u{a0}2020"
        );
    }

    /// Chinese, Japanese and Korean write the year first, the month as its
    /// number with a counter; Arabic, Hebrew and Hindi name the month before the
    /// year, as the European languages do.
    #[test]
    fn each_language_orders_year_month_and_day_its_own_way() {
        let (april, day) = (Date::Month(2021, 4), Date::Day(2024, 6, 20));
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        for (lang, format, date, shown) in [
            (Lang::Zh, DateFormat::Short, april, "2021年4月"),
            (Lang::Zh, DateFormat::Long, april, "2021年4月"),
            (Lang::Zh, DateFormat::Short, day, "2024年6月20日"),
            (Lang::Ja, DateFormat::Short, april, "2021年4月"),
            (Lang::Ja, DateFormat::Short, day, "2024年6月20日"),
            (Lang::Ja, DateFormat::Long, day, "2024年6月20日"),
            (Lang::Ko, DateFormat::Short, april, "2021년 4월"),
            (Lang::Ko, DateFormat::Long, day, "2024년 6월 20일"),
            (Lang::Ar, DateFormat::Short, april, "أبريل 2021"),
            (Lang::Ar, DateFormat::Long, day, "20 يونيو 2024"),
            (Lang::He, DateFormat::Short, april, "אפר׳ 2021"),
            (Lang::He, DateFormat::Long, april, "אפריל 2021"),
            (Lang::He, DateFormat::Long, day, "20 ביוני 2024"),
            (Lang::Hi, DateFormat::Short, april, "अप्रैल 2021"),
            (Lang::Hi, DateFormat::Long, day, "20 जून 2024"),
        ] {
            assert_eq!(
                format_date(date, &style(format, lang)),
                nb(shown),
                "{lang:?} {format:?} {date:?}"
            );
        }
        let present = |lang| format_date(Date::Present, &style(DateFormat::Short, lang));
        assert_eq!(present(Lang::Zh), "至今");
        assert_eq!(present(Lang::Ja), "現在");
        assert_eq!(present(Lang::Ko), "현재");
        // A layout's month name takes the place of the language's, in its order.
        let mut custom = style(DateFormat::Short, Lang::Zh);
        custom.months[3] = Some("四月".to_string());
        assert_eq!(format_date(april, &custom), "2021年四月");
    }

    /// A Chinese range wraps after its dash only, as the others do: a word
    /// joiner between each two characters of its dates, none in other scripts.
    #[test]
    fn a_chinese_range_breaks_after_its_dash_only() {
        let zh = style(DateFormat::Short, Lang::Zh);
        let [head, dash, tail] = range_parts(Some(Date::Month(2021, 4)), Some(Date::Present), &zh);
        assert_eq!(
            head,
            "2\u{2060}0\u{2060}2\u{2060}1\u{2060}年\u{2060}4\u{2060}月"
        );
        assert_eq!(dash, "\u{202f}–\u{2009}");
        assert_eq!(tail, "至\u{2060}今");
        let ar = style(DateFormat::Short, Lang::Ar);
        let [head, _, _] = range_parts(Some(Date::Month(2021, 4)), None, &ar);
        assert_eq!(head, "أبريل\u{a0}2021");
    }

    #[test]
    fn seconds_become_calendar_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(1_700_000_000), (2023, 11, 14));
        assert_eq!(civil(951_782_400), (2000, 2, 29));
    }

    #[test]
    fn numeric_and_year_formats_and_a_custom_present() {
        let d = Date::Month(2019, 9);
        assert_eq!(
            format_date(d, &style(DateFormat::Numeric, Lang::En)),
            "09/2019"
        );
        assert_eq!(
            format_date(d, &style(DateFormat::Numeric, Lang::De)),
            "09.2019"
        );
        // Chinese, Japanese and Korean put the year first.
        for (lang, month, day) in [
            (Lang::Zh, "2019.09", "2024.06.20"),
            (Lang::Ja, "2019/09", "2024/06/20"),
            (Lang::Ko, "2019.09", "2024.06.20"),
            (Lang::He, "09.2019", "20.06.2024"),
            (Lang::Ar, "09/2019", "20/06/2024"),
        ] {
            let numeric = style(DateFormat::Numeric, lang);
            assert_eq!(format_date(d, &numeric), month, "{lang:?}");
            assert_eq!(format_date(Date::Day(2024, 6, 20), &numeric), day);
        }
        assert_eq!(format_date(d, &style(DateFormat::Year, Lang::En)), "2019");
        let now = DateStyle {
            present: Some("now".into()),
            ..DateStyle::default()
        };
        assert_eq!(
            format_range(Some(d), Some(Date::Present), &now),
            "Sep\u{a0}2019\u{202f}–\u{2009}now"
        );
    }
}
