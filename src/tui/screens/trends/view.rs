//! Drawing the Trends screen: the views' tab line and period, then one view: signals, a line
//! chart with a sparkline of ratings, the calendar and weekday-by-hour grids, bars per kind
//! of work, the body map, emotion quadrants and stress with and without. Every figure shows its n.

use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, Chart, Dataset, GraphType, Paragraph, Sparkline, Widget, Wrap,
};

use super::{Tab, TrendsScreen};
use crate::analytics::{Bucket, Trends};
use crate::domain::vocab::List;
use crate::present::trends::{SIGNALS_EXPLAINED, comparison_line, share, tenths};
use crate::tui::msg::TrendsLoaded;
use crate::tui::screen::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::body_map;
use crate::tui::widgets::heat::heat_style;

/// The area below the first `top` rows of `area`.
pub(super) fn below(area: Rect, top: u16) -> Rect {
    let top = top.min(area.height);
    Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    }
}

pub(super) fn row(area: Rect, y: u16) -> Rect {
    Rect {
        y: area.y + y,
        height: u16::from(y < area.height),
        ..area
    }
}

pub fn render(s: &TrendsScreen, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    if area.height == 0 {
        return;
    }
    let t = &ctx.theme;
    tab_line(s, area.width, t).render(row(area, 0), buf);
    let Some(l) = &s.loaded else {
        let text = s
            .error
            .clone()
            .unwrap_or_else(|| "Gathering trends…".into());
        let style = if s.error.is_some() { t.error } else { t.dim };
        Line::styled(text, style).render(row(area, 2), buf);
        return;
    };
    period_line(s, l, ctx).render(row(area, 1), buf);
    let body = below(area, 3);
    let tr = &l.trends;
    if s.tab == Tab::Signals {
        return signals(s, body, buf, ctx);
    }
    if tr.days.is_empty() && matches!(s.tab, Tab::OverTime | Tab::Calendar | Tab::When) {
        Paragraph::new(vec![
            Line::styled("No stress ratings in this period.", t.text),
            Line::styled(
                "Trends appear once check-ins or entries have a stress rating; r changes the range.",
                t.dim,
            ),
        ])
        .wrap(Wrap { trim: false })
        .render(body, buf);
        return;
    }
    match s.tab {
        Tab::OverTime => over_time(l, body, buf, t),
        Tab::Calendar => super::grids::calendar(l, s.scroll, body, buf, t),
        Tab::When => super::grids::when(tr, body, buf, t),
        Tab::Work => work(tr, s.scroll, body, buf, t),
        Tab::Body => body_view(tr, body, buf, ctx),
        Tab::Emotions => emotions(tr, body, buf, t),
        Tab::Helps => helps(tr, body, buf, t),
        Tab::Signals => {}
    }
}

/// The views, the current one marked; in a narrow window only the current one and its place.
fn tab_line(s: &TrendsScreen, width: u16, t: &Theme) -> Line<'static> {
    let tabs = s.tabs();
    let full: usize = tabs.iter().map(|x| x.label().len() + 3).sum();
    if full > usize::from(width) {
        let i = tabs.iter().position(|x| *x == s.tab).unwrap_or(0);
        return Line::from(vec![
            Span::styled(format!(" {} ", s.tab.label()), t.selected),
            Span::styled(format!("  {} of {} · Tab: next", i + 1, tabs.len()), t.dim),
        ]);
    }
    let mut spans = Vec::new();
    for x in tabs {
        let style = if x == s.tab { t.selected } else { t.text };
        spans.push(Span::styled(format!(" {} ", x.label()), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn period_line(s: &TrendsScreen, l: &TrendsLoaded, ctx: &Ctx) -> Line<'static> {
    let t = &ctx.theme;
    // Two-figure years in a narrow window, so the figure stays whole.
    let format = if ctx.size.0 < 80 {
        "%-d %b %y"
    } else {
        "%-d %b %Y"
    };
    let day = |d: NaiveDate| d.format(format).to_string();
    let mut spans = vec![
        Span::styled(format!("{} to {} · ", day(l.from), day(l.to)), t.text),
        Span::styled(
            format!("mean stress {}", l.trends.overall.describe()),
            t.title,
        ),
    ];
    let n = s.signals().len();
    if n > 0 && s.tab != Tab::Signals {
        spans.push(Span::styled(
            format!(" · {n} signal{}", if n == 1 { "" } else { "s" }),
            t.notice,
        ));
    }
    Line::from(spans)
}

fn signals(s: &TrendsScreen, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = &ctx.theme;
    let found = s.signals();
    let mut lines = Vec::new();
    if found.is_empty() {
        lines.push(Line::styled("No early-warning signals now.", t.text));
    }
    for (i, sig) in found.iter().enumerate() {
        let on = i == s.selected;
        lines.push(Line::from(vec![
            Span::styled(if on { "› " } else { "  " }, t.key),
            Span::styled(
                sig.kind.title().to_string(),
                if on { t.selected } else { t.heading },
            ),
        ]));
        lines.push(Line::styled(format!("  {}", sig.sentence), t.text));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(SIGNALS_EXPLAINED, t.dim));
    if !found.is_empty() {
        lines.push(Line::styled(
            "a: put the selected one on your next supervision agenda · F2: where to get support",
            t.dim,
        ));
        lines.push(Line::raw(""));
        lines.extend(
            ctx.vocab
                .support
                .lines
                .iter()
                .map(|x| Line::styled(x.clone(), t.text)),
        );
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        crate::present::trends::switch_off_line(found.get(s.selected).map(|x| x.kind)),
        t.dim,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// Daily means as dots, the 7- and 28-day means as lines, and below them how many ratings
/// each day (or group of days) had.
fn over_time(l: &TrendsLoaded, area: Rect, buf: &mut Buffer, t: &Theme) {
    let tr = &l.trends;
    let start = l.from;
    let x = |d: NaiveDate| (d - start).num_days() as f64;
    let span = (l.to - start).num_days().max(1) as f64;
    let daily: Vec<(f64, f64)> = tr
        .days
        .iter()
        .map(|d| (x(d.day), f64::from(d.mean_tenths) / 10.0))
        .collect();
    let line = |r: &[(NaiveDate, Option<u32>)]| -> Vec<(f64, f64)> {
        r.iter()
            .filter_map(|(d, m)| m.map(|m| (x(*d), f64::from(m) / 10.0)))
            .collect()
    };
    let (r7, r28) = (line(&tr.rolling_7), line(&tr.rolling_28));
    let datasets = vec![
        Dataset::default()
            .name("daily mean")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(t.dim)
            .data(&daily),
        Dataset::default()
            .name("7-day mean")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.heading)
            .data(&r7),
        Dataset::default()
            .name("28-day mean")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.notice)
            .data(&r28),
    ];
    let date = |days: f64| {
        (start + Duration::days(days as i64))
            .format("%-d %b %y")
            .to_string()
    };
    let spark_rows = if area.height >= 14 { 3 } else { 0 };
    // The legend gets a line of its own under the chart: drawn inside, it would hide the
    // newest days.
    let chart_area = Rect {
        height: area.height.saturating_sub(spark_rows + 1),
        ..area
    };
    Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, span]).style(t.dim).labels([
            date(0.0),
            date(span / 2.0),
            date(span),
        ]))
        .y_axis(
            Axis::default()
                .title("stress")
                .bounds([0.0, 10.0])
                .style(t.dim)
                .labels(["0", "5", "10"]),
        )
        .legend_position(None)
        .render(chart_area, buf);
    Line::from(vec![
        Span::styled("• daily mean   ", t.dim),
        Span::styled("⠤⠤ 7-day mean   ", t.heading),
        Span::styled("⠤⠤ 28-day mean", t.notice),
    ])
    .render(row(area, chart_area.height), buf);
    if spark_rows > 0 {
        sparkline(l, below(area, area.height - spark_rows), buf, t);
    }
}

/// How many ratings each day had, in as many columns as fit (a column sums several days
/// when the range is longer than the window is wide).
fn sparkline(l: &TrendsLoaded, area: Rect, buf: &mut Buffer, t: &Theme) {
    let start = l.from;
    let days = (l.to - start).num_days().max(1) as usize + 1;
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let per = days.div_ceil(width);
    let mut counts = vec![0u64; days.div_ceil(per)];
    for d in &l.trends.days {
        let i = (d.day - start).num_days().max(0) as usize / per;
        if let Some(c) = counts.get_mut(i) {
            *c += d.n as u64;
        }
    }
    let what = if per == 1 {
        "ratings each day".to_string()
    } else {
        format!("ratings every {per} days")
    };
    Line::styled(
        format!("{what} (most {})", counts.iter().max().unwrap_or(&0)),
        t.dim,
    )
    .render(row(area, 0), buf);
    Sparkline::default()
        .data(&counts)
        .style(t.heading)
        .render(below(area, 1), buf);
}

/// Bars of mean stress per kind of work, difficulty and tag, each with its spread and n.
fn work(tr: &Trends, scroll: u16, area: Rect, buf: &mut Buffer, t: &Theme) {
    let groups = [
        ("Kind of work", &tr.by_context),
        ("Made harder by", &tr.by_flag),
        ("Tags", &tr.by_tag),
    ];
    let mut y = 0u16;
    let mut skip = usize::from(scroll);
    for (title, buckets) in groups {
        if buckets.is_empty() || y >= area.height {
            continue;
        }
        Line::styled(format!("{title} (mean stress ± spread, n)"), t.heading)
            .render(row(area, y), buf);
        y += 1;
        let shown: Vec<&Bucket> = buckets.iter().skip(skip.min(buckets.len())).collect();
        skip = skip.saturating_sub(buckets.len());
        let n = (shown.len() as u16).min(area.height.saturating_sub(y));
        bars(
            &shown[..usize::from(n)],
            Rect {
                y: area.y + y,
                height: n,
                ..area
            },
            buf,
            t,
        );
        y += n + 1;
    }
    if y == 0 {
        Line::styled(
            "No rated entries with a kind of work, a flag or a tag.",
            t.dim,
        )
        .render(row(area, 0), buf);
    }
}

fn bars(buckets: &[&Bucket], area: Rect, buf: &mut Buffer, t: &Theme) {
    let label_w = buckets
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let bars: Vec<Bar> = buckets
        .iter()
        .map(|b| {
            let f = &b.figure;
            let label = format!("{:<label_w$}", b.label);
            match (f.mean_tenths, f.sd_tenths) {
                (Some(m), Some(sd)) => Bar::default()
                    .label(Line::from(label))
                    .value(u64::from(m))
                    .text_value(format!("{} ±{} n={}", tenths(m), tenths(sd), f.n))
                    .style(t.stress(((m + 5) / 10) as u8))
                    .value_style(heat_style(t, ((m + 5) / 10) as u8)),
                _ => Bar::default()
                    .label(Line::from(label))
                    .value(0)
                    .text_value(format!("not enough data (n={})", f.n))
                    .value_style(t.dim),
            }
        })
        .collect();
    BarChart::default()
        .direction(Direction::Horizontal)
        .data(ratatui::widgets::BarGroup::default().bars(&bars))
        .max(100)
        .bar_width(1)
        .bar_gap(0)
        .label_style(t.text)
        .render(area, buf);
}

/// The body map, each region's letter styled by how often it came up, and the regions with
/// their figures.
fn body_view(tr: &Trends, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = &ctx.theme;
    if tr.regions.is_empty() {
        Line::styled("No body check-ins in this period.", t.dim).render(row(area, 0), buf);
        return;
    }
    let most = tr.regions.iter().map(|r| r.n).max().unwrap_or(1).max(1);
    let share = |key: char| -> Option<usize> {
        let region = ctx.vocab.regions.iter().find(|r| r.key == Some(key))?;
        let label = ctx.vocab.label(List::Regions, &region.id);
        tr.regions
            .iter()
            .find(|f| f.region == label)
            .map(|f| f.n * 3 / most)
    };
    let show_art = area.width >= 50;
    if show_art {
        Paragraph::new(body_map::lines(t.dim, |c| match share(c) {
            None => t.dim,
            Some(0) => t.stress_low,
            Some(1) => t.stress_mid,
            Some(_) => t.stress_high,
        }))
        .render(
            Rect {
                width: body_map::WIDTH.min(area.width),
                ..area
            },
            buf,
        );
    }
    let right = if show_art {
        Rect {
            x: area.x + body_map::WIDTH + 1,
            width: area.width.saturating_sub(body_map::WIDTH + 1),
            ..area
        }
    } else {
        area
    };
    let mut lines = vec![Line::styled(
        "Check-ins each region came up in · mean intensity (0-3) · kinds of work most often",
        t.heading,
    )];
    let label_w = tr
        .regions
        .iter()
        .map(|r| r.region.chars().count())
        .max()
        .unwrap_or(0)
        .min(18);
    for r in &tr.regions {
        // By kind of work: the three it came up with most.
        let with: Vec<String> = r
            .by_context
            .iter()
            .take(3)
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let with = if with.is_empty() {
            String::new()
        } else {
            format!(" · {}", with.join(", "))
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<w$}", r.region, w = label_w), t.text),
            Span::styled(
                format!("{:>4} · {}{with}", r.n, tenths(r.intensity_tenths)),
                t.text,
            ),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(right, buf);
}

fn emotions(tr: &Trends, area: Rect, buf: &mut Buffer, t: &Theme) {
    let e = &tr.emotions;
    if e.words_now == 0 {
        Line::styled("No emotion words chosen in this period.", t.dim).render(row(area, 0), buf);
        return;
    }
    let pct = |n: usize, of: usize| (n * 100 + of / 2).checked_div(of).unwrap_or(0);
    let before = match e.words_before {
        0 => "no earlier data for the period before".to_string(),
        n => format!("against the {n} of the period before"),
    };
    let mut lines = vec![Line::styled(
        format!("Share of the {} words chosen, {before}", e.words_now),
        t.heading,
    )];
    for (label, now, was) in &e.quadrants {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<26}"), t.text),
            Span::styled(
                format!("{:<11}", "█".repeat(pct(*now, e.words_now) / 10)),
                t.heading,
            ),
            Span::styled(
                format!(
                    "{}  (before: {})",
                    share(*now, e.words_now),
                    share(*was, e.words_before)
                ),
                t.text,
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let top: Vec<String> = e.top.iter().map(|(w, n)| format!("{w} ({n})")).collect();
    lines.push(Line::styled(
        format!("Most often: {}", top.join(", ")),
        t.text,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

fn helps(tr: &Trends, area: Rect, buf: &mut Buffer, t: &Theme) {
    let mut lines = vec![
        Line::styled(crate::present::trends::WITH_WITHOUT_HEADING, t.heading),
        Line::styled(crate::present::trends::WITH_WITHOUT_DAYS, t.dim),
        Line::raw(""),
    ];
    for c in &tr.helps {
        let style = if c.enough { t.text } else { t.dim };
        lines.push(Line::styled(comparison_line(c), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Log sleep, breaks and movement with l on the timeline.",
        t.dim,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
