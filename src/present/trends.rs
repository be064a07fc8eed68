//! Trends as text: a sparkline of daily stress, the weekday-by-hour grid, bars per kind of
//! work, flag and tag, the body's regions, emotion quadrants and stress with and without, each with its n.

use std::fmt::Write as _;

use crate::analytics::{Bucket, Comparison, Figure, Trends};

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub use crate::analytics::tenths_text as tenths;

/// Daily means (0-10, in tenths) as a sparkline, one character a day.
pub fn sparkline(values: &[u32]) -> String {
    values
        .iter()
        .map(|v| SPARKS[((*v as usize) * (SPARKS.len() - 1) + 50) / 100])
        .collect()
}

fn bar(f: &Figure) -> String {
    match (f.mean_tenths, f.sd_tenths) {
        (Some(m), Some(sd)) => format!(
            "{:<10} {} ±{} (n={})",
            "█".repeat(((m + 5) / 10) as usize),
            tenths(m),
            tenths(sd),
            f.n
        ),
        _ => format!("not enough data (n={})", f.n),
    }
}

fn buckets(out: &mut String, title: &str, b: &[Bucket]) {
    if b.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    let w = b.iter().map(|x| x.label.chars().count()).max().unwrap_or(0);
    for x in b.iter().take(12) {
        let _ = writeln!(out, "  {:<w$}  {}", x.label, bar(&x.figure));
    }
}

/// The heading of the days compared, the same in the text, the interface and the README.
pub const WITH_WITHOUT_HEADING: &str =
    "Stress on days with and without a break, a long night or movement (associated, not caused)";

/// What the days compared are, said under the heading.
pub const WITH_WITHOUT_DAYS: &str = "Only days you were logging each count: from your first log of it, a day with another recovery log (or \"not possible today\") is a day without.";

fn helps(out: &mut String, c: &[Comparison]) {
    let _ = writeln!(out, "\n{WITH_WITHOUT_HEADING}\n  {WITH_WITHOUT_DAYS}");
    for x in c {
        let _ = writeln!(out, "  {}", comparison_line(x));
    }
}

/// "a break: 4.1 on 12 days with, 5.6 on 30 days without (since Mon 2 Nov)", or what is
/// missing.
pub fn comparison_line(x: &Comparison) -> String {
    let side = |s: &crate::analytics::Side| s.mean_tenths.map_or_else(|| "–".to_string(), tenths);
    let since = x.since.map(|d| d.format("since %a %-d %b").to_string());
    if x.enough {
        format!(
            "{}: {} on {} days with, {} on {} days without ({})",
            x.what,
            side(&x.with),
            x.with.days,
            side(&x.without),
            x.without.days,
            since.unwrap_or_default()
        )
    } else {
        format!(
            "{}: not enough data, needs {} rated days on each side ({} with, {} without{})",
            x.what,
            crate::analytics::MIN_DAYS_EACH_SIDE,
            x.with.days,
            x.without.days,
            since.map(|s| format!(", {s}")).unwrap_or_default()
        )
    }
}

/// A share of words with its n: "75% (3 of 4)"; "no earlier data" when there were no words
/// (a period with none has no share, not 0%).
pub fn share(n: usize, of: usize) -> String {
    match (n * 100 + of / 2).checked_div(of) {
        Some(p) => format!("{p}% ({n} of {of})"),
        None => "no earlier data".to_string(),
    }
}

fn heatmap(out: &mut String, t: &Trends) {
    let _ = writeln!(
        out,
        "\nWhen (mean stress by weekday and hour, 0-9, X for 10; · fewer than 5 ratings)\n       0     6     12    18   23"
    );
    for (d, row) in t.heatmap.cells.iter().enumerate() {
        let cells: String = row
            .iter()
            .map(|f| match f.mean_tenths {
                Some(m) if m >= 95 => 'X',
                Some(m) => char::from_digit((m + 5) / 10, 10).unwrap_or('?'),
                None => '·',
            })
            .collect();
        let _ = writeln!(out, "  {}  {cells}", WEEKDAYS[d]);
    }
}

/// The trends of a period as text; `period` names it ("Mon 24 Aug 2026 to Mon 23 Nov 2026").
pub fn trends_text(t: &Trends, period: &str) -> String {
    let mut out = format!("Trends · {period} · stress {}\n", t.overall.describe());
    if t.days.is_empty() {
        out.push_str("\nNo stress ratings in this period: trends appear once entries or check-ins have a rating.\n");
        return out;
    }
    let recent: Vec<u32> = t
        .days
        .iter()
        .rev()
        .take(60)
        .rev()
        .map(|d| d.mean_tenths)
        .collect();
    let _ = writeln!(
        out,
        "\nStress over time (daily mean, the last {} rated days)\n  {}",
        recent.len(),
        sparkline(&recent)
    );
    let last = |r: &[(chrono::NaiveDate, Option<u32>)]| {
        r.last()
            .and_then(|(_, m)| *m)
            .map_or_else(|| "not enough data".to_string(), tenths)
    };
    let _ = writeln!(
        out,
        "  7-day mean {} · 28-day mean {}",
        last(&t.rolling_7),
        last(&t.rolling_28)
    );
    heatmap(&mut out, t);
    buckets(&mut out, "Kind of work (mean ± spread)", &t.by_context);
    buckets(&mut out, "Made harder by", &t.by_flag);
    buckets(&mut out, "Tags", &t.by_tag);
    if !t.regions.is_empty() {
        let _ = writeln!(out, "\nThe body (check-ins each region came up in)");
        for r in t.regions.iter().take(8) {
            let most = r
                .by_context
                .first()
                .map(|(c, n)| format!(" · most with {c} ({n})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<16} {:>3} · intensity {}{most}",
                r.region,
                r.n,
                tenths(r.intensity_tenths)
            );
        }
    }
    let e = &t.emotions;
    if e.words_now > 0 {
        let _ = writeln!(
            out,
            "\nEmotions (share of the words chosen: this period / the one before)"
        );
        for (label, now, before) in &e.quadrants {
            let _ = writeln!(
                out,
                "  {label:<28} {:>13} / {}",
                share(*now, e.words_now),
                share(*before, e.words_before)
            );
        }
        let top: Vec<String> = e.top.iter().map(|(w, n)| format!("{w} ({n})")).collect();
        let _ = writeln!(out, "  most often: {}", top.join(", "));
    }
    helps(&mut out, &t.helps);
    out
}

/// What each signal compares, said once where signals are listed.
pub const SIGNALS_EXPLAINED: &str = "Signals compare your recent weeks with your own last months, never with other people. They describe what you logged; they are not a diagnosis.";

/// The early-warning signals, numbered, with where to find support.
pub fn signals_text(found: &[crate::analytics::Signal], support: &[String]) -> String {
    if found.is_empty() {
        return format!("No early-warning signals now.\n{SIGNALS_EXPLAINED}\n");
    }
    let mut out = format!("Early-warning signals\n{SIGNALS_EXPLAINED}\n");
    for (i, s) in found.iter().enumerate() {
        let _ = write!(
            out,
            "\n{}. {} ({})\n   {}\n",
            i + 1,
            s.kind.title(),
            s.kind.id(),
            s.sentence
        );
    }
    let _ = writeln!(
        out,
        "\nTo talk one through in supervision: debrief trends --signals --to-agenda N\n"
    );
    for line in support {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{}", switch_off_line(found.first().map(|s| s.kind)));
    out
}

/// How to switch signals off, all or one by name (`example`'s, when there is one).
pub fn switch_off_line(example: Option<crate::analytics::SignalKind>) -> String {
    let one = example.map_or("no_breaks", |k| k.id());
    format!(
        "Signals can be switched off under [trends] in config.toml: all with signals = false, or one at a time by name, e.g. signals_off = [\"{one}\"]."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{TrendRow, trends};
    use crate::domain::{Kind, Vocabulary};

    #[test]
    fn emotion_shares_show_their_n_and_no_share_of_nothing() {
        // Four words now, 3 of them high energy and unpleasant (anxious, anxious, angry) and
        // one calm: 3/4 = 75%; nothing chosen before. Before the change: "75% /   0%".
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let row = |words: &[&str]| TrendRow {
            day,
            kind: Kind::Checkin,
            stress: Some(5),
            emotions: words.iter().map(|w| (*w).to_string()).collect(),
            ..TrendRow::default()
        };
        let now = [row(&["anxious", "calm"]), row(&["anxious", "angry"])];
        let t = trends(&now, &[], Vocabulary::builtin());
        let text = trends_text(&t, "a week");
        let line = text
            .lines()
            .find(|l| l.contains("high energy, unpleasant"))
            .expect("the quarter's line");
        assert!(line.ends_with("75% (3 of 4) / no earlier data"), "{line}");
        let quarters = text.lines().filter(|l| l.contains(" of 4) / ")).count();
        assert_eq!(quarters, 4, "{text}");
        assert_eq!(text.matches("/ no earlier data").count(), 4, "{text}");
        // With words before: one of two, 50% (1 of 2).
        let t = trends(&now, &[row(&["angry", "sad"])], Vocabulary::builtin());
        assert!(trends_text(&t, "a week").contains("75% (3 of 4) / 50% (1 of 2)"));
        assert_eq!(share(0, 4), "0% (0 of 4)");
    }
}
