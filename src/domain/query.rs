//! The search box's little language: free words plus filters that combine, e.g.
//! `boundar* kind:checkin tag:court since:last-monday stress>=6 is:starred`. Pure.

use jiff::Zoned;

use super::entry::{Kind, Rating};
use super::filter::{EntryFilter, MAX_FILTER_TAGS};
use super::tags::Tag;
use super::when::parse_when;

/// Marks the start of a matched word in a search hit's snippet (a private-use character, so
/// no text holds it).
pub const MATCH_START: char = '\u{E000}';
/// Marks the end of a matched word in a search hit's snippet.
pub const MATCH_END: char = '\u{E001}';

/// A parsed search: the words for full-text search, the filter, and any filter words
/// that could not be read (shown to the user, never fatal).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub filter: EntryFilter,
    pub problems: Vec<String>,
}

/// The filter words, for help text.
pub const FILTER_HELP: &str = "kind:checkin  tag:court (or #court)  since:yesterday  until:2026-11-01  stress>=6  is:starred  is:unfinished  is:supervision";

/// The most words one search looks for (more would only slow it down; a pasted page is
/// not a query).
pub const MAX_TERMS: usize = 64;

/// Parse `input` against `now` (for date words; use `-` for spaces: `since:3-days-ago`).
/// More than [`MAX_TERMS`] search words is a problem, and the words are dropped.
pub fn parse_query(input: &str, now: &Zoned) -> Query {
    let mut q = Query::default();
    let mut words = Vec::new();
    let mut left_out: std::collections::HashSet<Tag> = std::collections::HashSet::new();
    for word in input.split_whitespace() {
        let lower = word.to_lowercase();
        if let Some(v) = lower.strip_prefix("kind:") {
            match v.parse::<Kind>() {
                Ok(k) => q.filter.kind = Some(k),
                Err(e) => q.problems.push(e.to_string()),
            }
        } else if let Some(v) = lower.strip_prefix("tag:").or_else(|| {
            lower
                .strip_prefix('#')
                .filter(|r| r.starts_with(char::is_alphabetic))
        }) {
            match Tag::parse(v) {
                Ok(t) if q.filter.tags.contains(&t) || left_out.contains(&t) => {}
                Ok(t) if q.filter.tags.len() == MAX_FILTER_TAGS => {
                    left_out.insert(t);
                }
                Ok(t) => q.filter.tags.push(t),
                Err(e) => q.problems.push(e.to_string()),
            }
        } else if let Some(v) = lower.strip_prefix("since:") {
            match when(v, now) {
                Ok(w) => q.filter.since = Some(w.since()),
                Err(e) => q.problems.push(e),
            }
        } else if let Some(v) = lower.strip_prefix("until:") {
            match when(v, now) {
                Ok(w) => q.filter.until = Some(w.until()),
                Err(e) => q.problems.push(e),
            }
        } else if let Some(v) = lower
            .strip_prefix("stress>=")
            .or_else(|| lower.strip_prefix("stress:"))
        {
            let v = v.trim_end_matches('+');
            match v
                .parse::<i64>()
                .map_err(|_| ())
                .and_then(|n| Rating::new("stress", n).map_err(|_| ()))
            {
                Ok(r) => q.filter.min_stress = Some(r),
                Err(()) => q
                    .problems
                    .push(format!("stress>= needs a number from 0 to 10, not '{v}'")),
            }
        } else if let Some(v) = lower.strip_prefix("is:") {
            match v {
                "starred" | "star" => q.filter.starred = true,
                "unfinished" | "later" => q.filter.unfinished = true,
                "supervision" | "flagged" => q.filter.for_supervision = true,
                other => q.problems.push(format!(
                    "is:{other} is not a filter: use is:starred, is:unfinished or is:supervision"
                )),
            }
        } else {
            words.push(word);
        }
    }
    if !left_out.is_empty() {
        q.problems.push(format!(
            "a search filters by at most {MAX_FILTER_TAGS} tags: {} more were left out",
            left_out.len()
        ));
    }
    if words.len() > MAX_TERMS {
        q.problems.push(format!(
            "a search looks for at most {MAX_TERMS} words, and this has {}: use the few that matter",
            words.len()
        ));
        words.clear();
    }
    q.text = words.join(" ");
    q
}

fn when(v: &str, now: &Zoned) -> Result<super::when::When, String> {
    parse_when(v, now)
        .or_else(|_| parse_when(&v.replace('-', " "), now))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> Zoned {
        jiff::civil::date(2026, 11, 22)
            .at(15, 0, 0, 0)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .expect("now")
    }

    #[test]
    fn filters_and_words_separate() {
        let q = parse_query(
            "boundar* kind:checkin tag:Court #home-visit stress>=6 is:starred dog",
            &now(),
        );
        assert_eq!(q.text, "boundar* dog");
        assert_eq!(q.filter.kind, Some(Kind::Checkin));
        let tags: Vec<&str> = q.filter.tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["court", "home-visit"]);
        assert_eq!(q.filter.min_stress.map(Rating::value), Some(6));
        assert!(q.filter.starred);
        assert!(q.problems.is_empty());
    }

    #[test]
    fn dates_accept_dashes_for_spaces() {
        let q = parse_query("since:3-days-ago until:2026-11-21", &now());
        assert_eq!(
            q.filter.since.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-19T00:00:00+00:00")
        );
        assert_eq!(
            q.filter.until.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-22T00:00:00+00:00")
        );
    }

    #[test]
    fn unreadable_filters_are_reported_not_fatal() {
        let q = parse_query("kind:visit stress>=11 is:sad since:blursday words", &now());
        assert_eq!(q.text, "words");
        assert_eq!(q.problems.len(), 4, "{:?}", q.problems);
    }

    #[test]
    fn a_pasted_page_is_not_a_query() {
        let page = "home ".repeat(10_000);
        let q = parse_query(&page, &now());
        assert!(q.text.is_empty());
        assert!(
            q.problems[0].contains("at most 64 words"),
            "{:?}",
            q.problems
        );
        let ok = parse_query(&"word ".repeat(64), &now());
        assert!(ok.problems.is_empty());
    }

    /// Found by fuzzing: a thousand tags made a search fail (SQLite's depth limit). Repeats
    /// count once; past the limit the rest are left out, and that is said.
    #[test]
    fn a_pasted_page_of_tags_is_not_a_filter() {
        let tags: String = (0..100).map(|i| format!("#t{i} #t{i} ")).collect();
        let q = parse_query(&format!("visit {tags}"), &now());
        assert_eq!(q.text, "visit");
        assert_eq!(q.filter.tags.len(), MAX_FILTER_TAGS);
        assert!(q.filter.check().is_ok());
        assert_eq!(
            q.problems,
            [format!(
                "a search filters by at most {MAX_FILTER_TAGS} tags: {} more were left out",
                100 - MAX_FILTER_TAGS
            )]
        );
        let repeated = parse_query(&"#court ".repeat(5_000), &now());
        assert_eq!(repeated.filter.tags.len(), 1);
        assert!(repeated.problems.is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = parse_query(&s, &now());
        }
    }
}
