//! `debrief trends` on the real binary: figures from a small journal, each with its n, as
//! text and JSON; an empty journal says what is missing; a bad range is refused.

use super::cli::Journal;

#[test]
fn trends_show_each_figure_with_its_n() {
    let j = Journal::new();
    for (i, stress) in [3, 5, 7, 6, 8, 4].iter().enumerate() {
        j.run(&[
            "checkin",
            "--stress",
            &stress.to_string(),
            "--body",
            "chest:tight:2",
            "--emotion",
            "anxious",
            "--context",
            "home-visit",
            "--at",
            &format!("{} days ago", i + 1),
        ]);
    }
    j.run(&["log", "break", "15", "--at", "1 days ago"]);
    let out = j.run(&["trends"]);
    for part in [
        "stress 5.5 (n=6)",
        "Stress over time (daily mean, the last 6 rated days)",
        "When (mean stress by weekday and hour",
        "home visit",
        "5.5 ±1.7 (n=6)",
        "chest",
        "high energy, unpleasant",
        "Stress on days with and without a break, a long night or movement (associated, not caused)",
        "a break: not enough data, needs 5 rated days on each side (1 with, 0 without, since",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    let json = j.json(&["trends", "--json"]);
    let t = &json["trends"];
    assert_eq!(t["overall"]["n"], 6);
    assert_eq!(t["overall"]["mean_tenths"], 55);
    assert_eq!(t["days"].as_array().expect("days").len(), 6);
    assert_eq!(t["by_context"][0]["label"], "home visit");
    assert_eq!(t["regions"][0]["n"], 6);
    assert_eq!(t["helps"][0]["enough"], false);
    let cells: u64 = t["heatmap"]["cells"]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r.as_array().expect("cells").iter())
        .map(|c| c["n"].as_u64().expect("n"))
        .sum();
    assert_eq!(cells, 6, "every rating is in one cell");
}

#[test]
fn an_empty_period_and_bad_ranges() {
    let j = Journal::new();
    let out = j.run(&["trends"]);
    assert!(out.contains("No stress ratings in this period"), "{out}");
    j.fails(&["trends", "--range", "forever"], "use 4w, 3m, 1y or all");
    j.fails(&["trends", "--since", "someday"], "cannot read the date");
    j.fails(
        &["trends", "--since", "yesterday", "--until", "3 days ago"],
        "--since must come before --until",
    );
}

#[test]
fn signals_are_listed_explained_and_go_on_the_agenda() {
    let j = Journal::new();
    let calm = j.run(&["trends", "--signals"]);
    assert!(calm.starts_with("No early-warning signals now."), "{calm}");
    // Five of the last seven check-ins at 7 or more.
    for (i, stress) in [9, 8, 3, 7, 8, 4, 7].iter().enumerate() {
        j.run(&[
            "checkin",
            "--stress",
            &stress.to_string(),
            "--at",
            &format!("{} days ago", i + 1),
        ]);
    }
    let out = j.run(&["trends", "--signals"]);
    for part in [
        "1. High stress in recent check-ins",
        "Stress was 7 or more in 5 of your last 7 check-ins",
        "never with other people",
        "Samaritans",
        "--to-agenda N",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    let json = j.json(&["trends", "--signals", "--json"]);
    assert_eq!(json["signals"][0]["kind"], "high_recent_stress");
    j.fails(
        &["trends", "--signals", "--to-agenda", "2"],
        "there is no signal 2: choose 1 to 1",
    );
    assert!(
        j.run(&["trends", "--signals", "--to-agenda", "1"])
            .contains("On the next supervision agenda as item 1, under support.")
    );
    // The person may choose the function; a wrong one is refused before anything is queued.
    j.fails(
        &[
            "trends",
            "--signals",
            "--to-agenda",
            "1",
            "--function",
            "chat",
        ],
        "unknown supervision function 'chat'",
    );
    assert!(
        j.run(&[
            "trends",
            "--signals",
            "--to-agenda",
            "1",
            "--function",
            "mediation"
        ])
        .contains("as item 2, under mediation.")
    );
    let agenda = j.run(&["supervision", "agenda"]);
    // In the first person, under support by default and under mediation when chosen.
    assert!(
        agenda.contains(
            "1. High stress in recent check-ins: Stress was 7 or more in 5 of my last 7 check-ins"
        ),
        "{agenda}"
    );
    let line = |n: &str| {
        agenda
            .lines()
            .find(|l| l.trim_start().starts_with(n))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("1.").ends_with("(support)"), "{agenda}");
    assert!(line("2.").ends_with("(mediation)"), "{agenda}");
}

#[test]
fn one_signal_can_be_switched_off_by_name() {
    let j = Journal::new();
    for (i, stress) in [9, 8, 3, 7, 8, 4, 7].iter().enumerate() {
        j.run(&[
            "checkin",
            "--stress",
            &stress.to_string(),
            "--at",
            &format!("{} days ago", i + 1),
        ]);
    }
    let out = j.run(&["trends", "--signals"]);
    assert!(
        out.contains("1. High stress in recent check-ins (high_recent_stress)"),
        "{out}"
    );
    assert!(
        out.contains("signals_off = [\"high_recent_stress\"]"),
        "{out}"
    );
    let config = j.dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[trends]\nsignals_off = [\"high_recent_stress\"]\n",
    )
    .expect("config");
    let c = config.to_str().expect("path");
    let out = j.run(&["--config", c, "trends", "--signals"]);
    assert!(out.starts_with("No early-warning signals now."), "{out}");
    std::fs::write(&config, "[trends]\nsignals_off = [\"few_breakz\"]\n").expect("config");
    j.fails(
        &["--config", c, "config"],
        "unknown signal 'few_breakz' in signals_off: use stress_above_usual",
    );
}

#[test]
fn trends_and_signals_can_be_switched_off() {
    let j = Journal::new();
    let config = j.dir.path().join("config.toml");
    std::fs::write(&config, "[trends]\nsignals = false\n").expect("config");
    let c = config.to_str().expect("path");
    j.fails(
        &["--config", c, "trends", "--signals"],
        "signals are switched off in the settings: set signals = true under [trends]",
    );
    assert!(j.run(&["--config", c, "trends"]).starts_with("Trends"));
    std::fs::write(&config, "[trends]\nshow = false\n").expect("config");
    j.fails(
        &["--config", c, "trends"],
        "trends are switched off in the settings",
    );
    j.cmd().args(["--config", c, "trends"]).assert().code(5);
    std::fs::write(&config, "[trends]\nshow = \"no\"\n").expect("config");
    j.fails(
        &["--config", c, "config"],
        "line 1 (key `trends`): invalid type: string \"no\", expected a boolean; use show = true|false",
    );
}
