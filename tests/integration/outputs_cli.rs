//! What leaves debrief: no escape sequence or control character from an entry reaches the
//! terminal or a Markdown/CSV file, whatever the command (issue 23, point 4); exports are
//! whole or absent (point 8); files read for a passphrase, settings or templates are read
//! within bounds (point 9).

use std::fs;

use super::cli::Journal;

/// The hostile strings of the issue: clear screen, OSC 52 (set the clipboard) ended by BEL,
/// carriage return, an 8-bit CSI (U+009B), a right-to-left override and an isolate.
const TITLE: &str = "t \u{1b}[2J";
const BODY: &str =
    "b \u{1b}]52;c;cHduZWQ=\u{7} cr\r c1\u{9b}2J rtl\u{202e}X iso\u{2066}Y bold\u{1b}[1m";

/// What must never appear in output: ESC, BEL, NUL, CR, C1 and bidirectional controls.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_harmless(what: &str, out: &str) {
    let bad: Vec<String> = out
        .chars()
        .filter(|c| acts(*c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} wrote {bad:?}: {out:?}");
}

/// A journal holding the hostile text in a reflection flagged for supervision, a learning
/// activity, an agenda item, a supervision note's action, and a body with NUL (from standard
/// input: an argument cannot carry one).
fn hostile() -> Journal {
    let j = Journal::new();
    j.add(&[
        "--title",
        TITLE,
        BODY,
        "--for-supervision",
        "--tag",
        "court",
        "--stress",
        "8",
    ]);
    j.cmd()
        .args(["add", "-"])
        .write_stdin(format!("nul \0 here {BODY}\n"))
        .assert()
        .success();
    j.run(&["supervision", "agenda", "add", BODY]);
    j.run(&[
        "supervision",
        "add",
        "--supervisor",
        TITLE,
        "--action",
        "act \u{1b}[2J \u{7} rtl\u{202e}X; owner=me",
        "--notes",
        BODY,
    ]);
    j.add(&[
        "--title",
        TITLE,
        BODY,
        "--for-supervision",
        "--at",
        "1 hour ago",
    ]);
    j
}

/// Every command that prints journal text, as text.
fn commands() -> Vec<Vec<&'static str>> {
    [
        &["list"][..],
        &["show", "1"],
        &["show", "2"],
        &["search", "rtl"],
        &["supervision", "prep", "--allow-identifiers"],
        &["supervision", "prep", "--full", "--allow-identifiers"],
        &["supervision", "agenda"],
        &["supervision", "actions", "--all"],
        &["review", "week", "--print"],
        &["cpd", "1"],
        &["cpd", "record", "1"],
        &["cpd", "1", "--markdown"],
        &["cpd", "list"],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
    ]
    .into_iter()
    .map(|a| a.to_vec())
    .collect()
}

fn each_command_is_harmless(j: &Journal, label: &str) {
    for args in commands() {
        let out = j.cmd().args(&args).output().expect("run");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{label} {args:?}: {stderr}");
        assert_harmless(&format!("{label} {args:?} (stdout)"), &stdout);
        assert_harmless(&format!("{label} {args:?} (stderr)"), &stderr);
        // The text was printed, made visible.
        assert!(
            stdout.contains("^[") || stdout.contains("<U+"),
            "{label} {args:?} printed none of the text: {stdout}"
        );
    }
}

#[test]
fn no_command_prints_control_characters_from_an_entry() {
    let j = hostile();
    // The hostile text is in the journal as it was written, and shows visibly.
    let show = j.run(&["show", "1"]);
    assert!(
        show.contains("t ^[[2J") && show.contains("<U+202E>"),
        "{show}"
    );
    let prep = j.run(&["supervision", "prep", "--allow-identifiers"]);
    assert!(prep.contains("^[]52;c;cHduZWQ=^G"), "{prep}");
    each_command_is_harmless(&j, "written");
}

#[test]
fn text_that_came_in_by_import_is_as_harmless() {
    let a = hostile();
    let bundle = a.dir.path().join("hostile.json");
    a.run(&["export", "-o", bundle.to_str().expect("path")]);
    // A NUL inside a string, as any JSON can carry it.
    let text = fs::read_to_string(&bundle).expect("bundle");
    assert!(
        text.contains("\\u001b]52"),
        "the bundle keeps the text exactly"
    );
    fs::write(&bundle, text.replace("rtl", "nul\\u0000rtl")).expect("edit");
    let b = Journal::new();
    b.run(&["import", bundle.to_str().expect("path")]);
    assert!(
        b.json(&["show", "1", "--json"])["body"]
            .as_str()
            .expect("body")
            .contains('\0'),
        "the import kept the NUL"
    );
    each_command_is_harmless(&b, "imported");
}

#[test]
fn markdown_and_csv_files_carry_no_control_characters_but_json_keeps_the_text() {
    let j = hostile();
    let dir = j.dir.path();
    let path = |name: &str| dir.join(name).to_str().expect("path").to_string();
    j.run(&["export", "--format", "md", "-o", &path("all.md")]);
    j.run(&["export", "--format", "md", "-o", &path("each/")]);
    j.run(&["export", "--format", "csv", "-o", &path("all.csv")]);
    j.run(&["export", "-o", &path("all.json")]);
    j.run(&["cpd", "1", "--markdown", "-o", &path("cpd.md")]);
    j.run(&[
        "supervision",
        "prep",
        "--allow-identifiers",
        "-o",
        &path("prep.md"),
    ]);
    let mut files = vec![dir.join("all.md"), dir.join("all.csv"), dir.join("cpd.md")];
    files.push(dir.join("prep.md"));
    files.extend(
        fs::read_dir(dir.join("each"))
            .expect("folder")
            .map(|e| e.expect("entry").path()),
    );
    for f in &files {
        let text = fs::read_to_string(f).expect("read");
        assert_harmless(&f.display().to_string(), &text);
        assert!(
            text.contains("<U+202E>") || f.ends_with("all.csv"),
            "{}",
            f.display()
        );
    }
    let csv = fs::read_to_string(dir.join("all.csv")).expect("csv");
    assert!(csv.contains("t ^[[2J"), "{csv}");
    // JSON escapes controls itself; its strings keep the exact text.
    let bundle: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("all.json")).expect("json"))
            .expect("json");
    let bodies: Vec<&str> = bundle["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["body"].as_str())
        .collect();
    assert!(bodies.iter().any(|b| b.contains(BODY)), "{bodies:?}");
}

/// Run debrief under a file-size limit (`ulimit -f`, in blocks), as a full disk would stop
/// a write part way.
fn limited(j: &Journal, blocks: u32, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f {blocks}; exec \"$@\""))
        .arg("sh")
        .arg(bin)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", j.dir.path())
        .env("TZ", "Europe/London")
        .env("DEBRIEF_DB", j.db())
        .output()
        .expect("sh")
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_output_that_cannot_be_finished_leaves_nothing() {
    let j = Journal::new();
    j.add(&["--title", "short", "a short one", "--for-supervision"]);
    j.add(&["--template", "gibbs", "--stage", "description=the visit"]);
    // 300 kB: past the limit below in any format (the limit stays above SQLite's 32 kB
    // shared-memory file, so the journal itself opens).
    j.cmd()
        .args(["add", "-", "--for-supervision"])
        .write_stdin("long ".repeat(60_000))
        .assert()
        .success();
    let out = j.dir.path().join("out");
    fs::create_dir(&out).expect("out");
    fs::write(out.join("mine.txt"), "not debrief's").expect("mine");
    let at = |name: &str| out.join(name).to_str().expect("path").to_string();
    let runs: Vec<Vec<String>> = vec![
        vec!["export".into(), "-o".into(), at("all.json")],
        vec![
            "export".into(),
            "--format".into(),
            "md".into(),
            "-o".into(),
            at("all.md"),
        ],
        vec![
            "export".into(),
            "--format".into(),
            "md".into(),
            "-o".into(),
            at("each/"),
        ],
        vec![
            "export".into(),
            "--format".into(),
            "md".into(),
            "-o".into(),
            at(""),
        ],
        vec![
            "supervision".into(),
            "prep".into(),
            "--full".into(),
            "-o".into(),
            at("prep.md"),
        ],
    ];
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = limited(&j, 100, &args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write") && stderr.contains("nothing was left there"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert_eq!(listing(&out), ["mine.txt"], "{args:?} left something");
    }
    // Without the limit the same commands write whole files.
    j.run(&["export", "-o", &at("all.json")]);
    j.run(&["export", "--format", "md", "-o", &at("each/")]);
    assert_eq!(listing(&out), ["all.json", "each", "mine.txt"]);
    assert_eq!(listing(&out.join("each")).len(), 3);
}

/// debrief in `sh -c SCRIPT` on the journal of `j` (for descriptors and pipes), with
/// `DEBRIEF` naming the binary and a short wait for files that have nothing to read.
fn shell(j: &Journal, script: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", j.dir.path())
        .env("TZ", "Europe/London")
        .env("DEBRIEF_DB", j.db())
        .env("DEBRIEF_READ_WAIT_MS", "400")
        .env("DEBRIEF", assert_cmd::cargo::cargo_bin("debrief"))
        .output()
        .expect("sh")
}

fn refused(out: &std::process::Output, message: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains(message), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

#[test]
fn a_passphrase_file_is_read_to_its_first_line_within_bounds() {
    let j = Journal::new();
    j.add(&["kept plain"]);
    let big = j.dir.path().join("big.txt");
    fs::write(&big, "x".repeat(2 << 20)).expect("big");
    let line = "is longer than 1 KiB";
    for file in [big.to_str().expect("path"), "/dev/zero"] {
        let out = j
            .cmd()
            .args(["--passphrase-file", file, "encrypt"])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .expect("run");
        refused(&out, line);
    }
    // A FIFO that nobody writes to: given up after the wait, not blocking forever.
    let fifo = j.dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let out = j
        .cmd()
        .env("DEBRIEF_READ_WAIT_MS", "300")
        .args(["--passphrase-file", fifo.to_str().expect("path"), "encrypt"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("run");
    refused(
        &out,
        "nothing came from it in 300 ms (a FIFO or pipe that nobody writes to?)",
    );
    let store = j.store();
    assert_eq!(
        store.count_entries().expect("count"),
        1,
        "still plain and whole"
    );
    drop(store);
    // A descriptor (/dev/fd/3) still works, a pipe whose writer is late included.
    let out = shell(
        &j,
        r#"printf 'pass one\nnot read\n' | { "$DEBRIEF" --passphrase-file /dev/fd/3 encrypt 3<&0; }"#,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = shell(
        &j,
        r#"{ sleep 0.2; printf 'pass '; sleep 0.1; printf 'one\n'; } | { "$DEBRIEF" --passphrase-file /dev/fd/3 list 3<&0; }"#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("kept plain"),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn settings_and_template_files_are_read_within_bounds() {
    let j = Journal::new();
    let big = j.dir.path().join("big.toml");
    fs::write(&big, format!("# {}\n", "x".repeat(1 << 20))).expect("big");
    for file in [big.to_str().expect("path"), "/dev/zero"] {
        let out = j
            .cmd()
            .args(["--config", file, "config"])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .expect("run");
        refused(
            &out,
            "(it is longer than 1 MiB); starting with the default settings",
        );
    }
    // A template folder holding one template too large to be one: the others are in use.
    let templates = j.dir.path().join(".config/debrief/templates");
    fs::create_dir_all(&templates).expect("templates");
    fs::write(
        templates.join("huge.toml"),
        format!("# {}\n", "x".repeat(1 << 20)),
    )
    .expect("huge");
    let out = j.cmd().args(["templates"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("huge.toml: cannot be read (it is longer than 1 MiB)"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("gibbs"));
}
