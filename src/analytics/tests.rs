//! Trends on small fixtures whose every figure was worked out by hand, and properties that
//! hold for any rows: rolling means stay within the data, bucket counts add up, and n under
//! five never yields a number.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::domain::{Recovery, Vocabulary};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn rated(d: u32, hour: u8, stress: u8) -> TrendRow {
    TrendRow {
        day: day(d),
        weekday: day(d).weekday().num_days_from_monday() as u8,
        hour,
        kind: Kind::Checkin,
        stress: Some(stress),
        ..TrendRow::default()
    }
}

#[test]
fn a_figure_needs_five_ratings() {
    assert_eq!(Figure::of(&[9, 9, 9, 9]).mean_tenths, None);
    assert_eq!(Figure::of(&[9, 9, 9, 9]).n, 4);
    // 2, 4, 4, 4, 6: mean 4.0, variance (4+0+0+0+4)/5 = 1.6, sd 1.26 -> 1.3.
    let f = Figure::of(&[2, 4, 4, 4, 6]);
    assert_eq!((f.n, f.mean_tenths, f.sd_tenths), (5, Some(40), Some(13)));
    assert_eq!(f.describe(), "4.0 (n=5)");
    assert_eq!(Figure::of(&[1]).describe(), "not enough data (n=1)");
}

#[test]
fn daily_and_rolling_means_by_hand() {
    // 2 Nov: 4 and 6 (mean 5.0); 3 Nov: 8; 9 Nov: 2 and 3 and 1 (mean 2.0).
    let rows = vec![
        rated(2, 9, 4),
        rated(2, 17, 6),
        rated(3, 10, 8),
        rated(9, 8, 2),
        rated(9, 12, 3),
        rated(9, 20, 1),
    ];
    let days = daily_means(&days_of(&rows));
    let means: Vec<(NaiveDate, usize, u32)> =
        days.iter().map(|d| (d.day, d.n, d.mean_tenths)).collect();
    assert_eq!(means, [(day(2), 2, 50), (day(3), 1, 80), (day(9), 3, 20)]);
    // 7 days ending 9 Nov: 3 to 9 Nov, ratings 8, 2, 3, 1 (n=4, too few); 28 days: all six,
    // (4+6+8+2+3+1)/6 = 4.0.
    let r7 = rolling(&days, 7);
    assert_eq!(r7[2], (day(9), None));
    assert_eq!(r7[1], (day(3), None), "three ratings");
    let r28 = rolling(&days, 28);
    assert_eq!(r28[2], (day(9), Some(40)));
}

#[test]
fn the_heatmap_puts_each_rating_at_its_weekday_and_hour() {
    // 2 Nov 2026 is a Monday.
    let rows: Vec<TrendRow> = [3, 5, 7, 5, 5].iter().map(|s| rated(2, 9, *s)).collect();
    let h = heatmap(&days_of(&rows));
    assert_eq!(h.cells[0][9].n, 5);
    assert_eq!(h.cells[0][9].mean_tenths, Some(50));
    assert_eq!(h.cells[1][9].n, 0);
    assert_eq!(h.cells.iter().flatten().map(|c| c.n).sum::<usize>(), 5);
}

#[test]
fn buckets_regions_and_what_helps_by_hand() {
    let rows: Vec<TrendRow> = (0..6)
        .map(|i| TrendRow {
            context: Some(if i < 5 { "home_visit" } else { "court" }.into()),
            body: vec![
                ("chest".into(), 2),
                ("chest".into(), 3),
                ("jaw_mouth".into(), 1),
            ],
            ..rated(2 + i, 10, 4 + i as u8)
        })
        .collect();
    let b = buckets(&days_of(&rows), |d| &d.contexts, |c| c.to_string());
    assert_eq!(b[0].label, "home_visit");
    // 4, 5, 6, 7, 8: mean 6.0, variance 2, sd 1.41 -> 1.4.
    assert_eq!(
        (b[0].figure.mean_tenths, b[0].figure.sd_tenths),
        (Some(60), Some(14))
    );
    assert_eq!(
        (b[1].label.as_str(), b[1].figure.mean_tenths),
        ("court", None)
    );
    let r = regions(&days_of(&rows));
    // The strongest sensation of a region counts once per check-in: chest 3 each time.
    assert_eq!(
        (r[0].region.as_str(), r[0].n, r[0].intensity_tenths),
        ("chest", 6, 30)
    );
    assert_eq!(r[0].by_context[0], ("home_visit".to_string(), 5));

    // Nothing logged about recovery: no comparison has a day on either side.
    let helps = compare(&days_of(&rows));
    assert!(helps.iter().all(|c| !c.enough && c.since.is_none()));
}

/// A year and a month of daily check-ins (400 days from Sat 1 Nov 2025): stress 6 for the
/// first 380 days, then 20 days in which breaks were logged every other day (10 days at
/// stress 4) and the 10 days between them at stress 5. Sleep is logged every night, 7 hours.
fn a_year_with_breaks_at_the_end(between: Option<Recovery>) -> Vec<TrendRow> {
    let first = NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let mut rows = Vec::new();
    for i in 0..400i64 {
        let d = first + chrono::Duration::days(i);
        let at = |stress: Option<u8>, recovery: Option<Recovery>| TrendRow {
            day: d,
            weekday: d.weekday().num_days_from_monday() as u8,
            hour: 9,
            kind: if recovery.is_some() {
                Kind::Recovery
            } else {
                Kind::Checkin
            },
            stress,
            recovery,
            ..TrendRow::default()
        };
        let late = i >= 380;
        let break_day = late && i % 2 == 0;
        rows.push(at(
            Some(if break_day {
                4
            } else if late {
                5
            } else {
                6
            }),
            None,
        ));
        if break_day {
            rows.push(at(None, Some(Recovery::Break { minutes: Some(15) })));
        } else if let Some(r) = between.clone().filter(|_| late) {
            rows.push(at(None, Some(r)));
        }
    }
    rows
}

#[test]
fn with_and_without_compare_only_days_the_person_was_logging() {
    // Breaks only: before the fix the 390 other days were "without" (380 at 6 and 10 at 5:
    // 2330/390 = 5.97 -> 6.0). Now no day without a break was logged: nothing to compare.
    let rows = a_year_with_breaks_at_the_end(None);
    let c = &compare(&days_of(&rows))[0];
    assert_eq!(
        c.with,
        Side {
            days: 10,
            mean_tenths: Some(40)
        }
    );
    assert_eq!(c.without.days, 0);
    assert!(!c.enough);
    assert_eq!(c.since, NaiveDate::from_ymd_opt(2026, 11, 16), "day 380");

    // "Not possible today" on the days between: 10 days without, all at 5.0; the 380 days
    // before the first break stay out.
    let rows = a_year_with_breaks_at_the_end(Some(Recovery::None));
    let c = &compare(&days_of(&rows))[0];
    assert_eq!(
        c.without,
        Side {
            days: 10,
            mean_tenths: Some(50)
        }
    );
    assert!(c.enough);
    assert_eq!(
        crate::present::trends::comparison_line(c),
        "a break: 4.0 on 10 days with, 5.0 on 10 days without (since Mon 16 Nov)"
    );

    // A night logged between the breaks counts as a logged day too.
    let night = Recovery::Sleep {
        minutes: 420,
        quality: None,
    };
    let rows = a_year_with_breaks_at_the_end(Some(night));
    let helps = compare(&days_of(&rows));
    assert_eq!(helps[0].without.days, 10);
    // Sleep was logged only on those 10 days, all long nights: nothing shorter to compare.
    assert_eq!((helps[1].with.days, helps[1].without.days), (10, 0));
    assert!(!helps[1].enough);
}

#[test]
fn with_and_without_need_five_days_on_each_side() {
    // Breaks on 2-6 Nov (5 days, stress 3); "not possible today" on 9-12 Nov (4 days,
    // stress 7): 4 days without is too few. A fifth on 13 Nov (stress 8): 5 and 5, means
    // 3.0 and (7*4+8)/5 = 7.2.
    let log = |d: u32, r: Recovery| TrendRow {
        kind: Kind::Recovery,
        stress: None,
        recovery: Some(r),
        ..rated(d, 13, 0)
    };
    let mut rows: Vec<TrendRow> = Vec::new();
    for d in 2..=6 {
        rows.push(rated(d, 9, 3));
        rows.push(log(d, Recovery::Break { minutes: None }));
    }
    for d in 9..=12 {
        rows.push(rated(d, 9, 7));
        rows.push(log(d, Recovery::None));
    }
    let c = compare(&days_of(&rows))[0].clone();
    assert_eq!((c.with.days, c.without.days, c.enough), (5, 4, false));
    assert_eq!(
        crate::present::trends::comparison_line(&c),
        "a break: not enough data, needs 5 rated days on each side (5 with, 4 without, since Mon 2 Nov)"
    );
    rows.push(rated(13, 9, 8));
    rows.push(log(13, Recovery::None));
    let c = compare(&days_of(&rows))[0].clone();
    assert_eq!(
        c.without,
        Side {
            days: 5,
            mean_tenths: Some(72)
        }
    );
    assert!(c.enough);
}

#[test]
fn emotions_are_placed_in_their_quarter_now_and_before() {
    let v = Vocabulary::builtin();
    let with = |words: &[&str]| TrendRow {
        emotions: words.iter().map(|w| (*w).to_string()).collect(),
        ..rated(2, 9, 5)
    };
    let now = vec![with(&["anxious", "calm"]), with(&["anxious"])];
    let before = vec![with(&["sad"])];
    let t = trends(&now, &before, v);
    assert_eq!((t.emotions.words_now, t.emotions.words_before), (3, 1));
    let high_unpleasant = &t.emotions.quadrants[0];
    assert_eq!((high_unpleasant.1, high_unpleasant.2), (2, 0));
    assert_eq!(t.emotions.top[0], ("anxious".to_string(), 2));
}

fn rows() -> impl Strategy<Value = Vec<TrendRow>> {
    proptest::collection::vec(
        (1u32..29, 0u8..24, proptest::option::of(0u8..=10), 0usize..3),
        0..120,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(d, hour, stress, c)| TrendRow {
                stress,
                context: Some(["home_visit", "court", "travel"][c].to_string()),
                ..rated(d, hour, 0)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn rolling_means_stay_within_the_data(rows in rows(), window in 1i64..40) {
        let days = daily_means(&days_of(&rows));
        let values: Vec<u32> = rows.iter().filter_map(|r| r.stress).map(|s| u32::from(s) * 10).collect();
        for (_, m) in rolling(&days, window) {
            if let Some(m) = m {
                prop_assert!(values.iter().any(|v| *v <= m) && values.iter().any(|v| *v >= m));
            }
        }
    }

    #[test]
    fn bucket_counts_add_up_and_small_ones_hide_their_mean(rows in rows()) {
        let rated = rows.iter().filter(|r| r.stress.is_some()).count();
        let b = buckets(&days_of(&rows), |d| &d.contexts, |c| c.to_string());
        prop_assert_eq!(b.iter().map(|x| x.figure.n).sum::<usize>(), rated);
        let h = heatmap(&days_of(&rows));
        prop_assert_eq!(h.cells.iter().flatten().map(|c| c.n).sum::<usize>(), rated);
        for f in b.iter().map(|x| x.figure).chain(h.cells.iter().flatten().copied()) {
            prop_assert_eq!(f.mean_tenths.is_some(), f.n >= MIN_N);
        }
    }
}
