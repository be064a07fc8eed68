//! Trends as text: a sparkline of daily stress, the weekday-by-hour grid, bars per kind of
//! work, flag and tag, the body's regions, emotion quadrants and what helps, each with its n.

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

fn helps(out: &mut String, c: &[Comparison]) {
    let _ = writeln!(
        out,
        "\nWhat helps (stress associated with each, not caused by it)"
    );
    for x in c {
        let _ = writeln!(out, "  {}", comparison_line(x));
    }
}

/// "a break: 4.1 on 12 days with, 5.6 on 30 days without", or what is missing.
pub fn comparison_line(x: &Comparison) -> String {
    let side = |s: &crate::analytics::Side| s.mean_tenths.map_or_else(|| "–".to_string(), tenths);
    if x.enough {
        format!(
            "{}: {} on {} days with, {} on {} days without",
            x.what,
            side(&x.with),
            x.with.days,
            side(&x.without),
            x.without.days
        )
    } else {
        format!(
            "{}: not enough data, needs {} rated days on each side ({} with, {} without)",
            x.what,
            crate::analytics::MIN_DAYS_EACH_SIDE,
            x.with.days,
            x.without.days
        )
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
            "\nEmotions (share of words chosen: this period / the one before)"
        );
        let pct = |n: usize, of: usize| (n * 100 + of / 2).checked_div(of).unwrap_or(0);
        for (label, now, before) in &e.quadrants {
            let _ = writeln!(
                out,
                "  {label:<28} {:>3}% / {:>3}%",
                pct(*now, e.words_now),
                pct(*before, e.words_before)
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
        let _ = write!(out, "\n{}. {}\n   {}\n", i + 1, s.kind.title(), s.sentence);
    }
    let _ = writeln!(
        out,
        "\nTo talk one through in supervision: debrief trends --signals --to-agenda N\n"
    );
    for line in support {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "\nSignals can be switched off: signals = false under [trends] in config.toml."
    );
    out
}
