//! A deterministic generator of realistic practice journals, for benchmarks and the
//! `debrief-gen` example: ten years of reflections, check-ins (body sensations, emotions)
//! and supervision notes (agenda, decisions, actions), 40-400 words each, tags, stress and
//! energy. The same entries can be written as a debrief journal or as jrnl's plain text.
//!
//! Shared by `benches/journal.rs` and `examples/debrief-gen.rs` through `#[path]`, so the
//! library itself carries no test data. All wording is invented for this generator.

#![allow(dead_code)]

use std::io::Write;

use chrono::{DateTime, Duration, TimeZone, Utc};
use debrief::domain::*;
use uuid::Uuid;

/// Bump when the output changes, so cached benchmark journals are rebuilt.
pub const VERSION: u32 = 5;
/// The default seed.
pub const SEED: u64 = 20_261_122;
/// A word that appears in about one entry in 500 (for "search a rare word").
pub const RARE_WORD: &str = "trampoline";
/// Words that appear in a large share of entries (for "search a common phrase").
pub const COMMON_PHRASE: &str = "home visit";
/// A tag carried by a modest share of entries (for "tag filter").
pub const FILTER_TAG: &str = "court";

/// SplitMix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

const ROLES: &[&str] = &[
    "the mother",
    "the father",
    "the grandmother",
    "the foster carer",
    "the young person",
    "Child A",
    "Child B",
    "the older sibling",
    "the stepfather",
    "the aunt",
    "the class teacher",
    "the health visitor",
    "the school nurse",
    "the GP",
    "the IRO",
    "the duty manager",
];
const PLACES: &[&str] = &[
    "the family home",
    "the contact centre",
    "the school",
    "the surgery",
    "the ward",
    "the youth club",
    "the placement",
    "the office",
    "the car park",
    "the court building",
    "the hostel",
    "the day centre",
    "the police station",
    "the library",
];
const CONCERNS: &[&str] = &[
    "school attendance",
    "neglect",
    "domestic abuse",
    "parental mental health",
    "drug and alcohol use",
    "housing",
    "the care plan",
    "contact arrangements",
    "weight loss",
    "missing episodes",
    "self-harm",
    "the safety plan",
    "unexplained bruising",
    "sleep",
    "debt",
    "the tenancy",
    "online safety",
];
const FEELINGS: &[&str] = &[
    "anxious",
    "calm",
    "frustrated",
    "hopeful",
    "drained",
    "relieved",
    "uneasy",
    "sad",
    "angry",
    "proud",
    "guilty",
    "overwhelmed",
    "numb",
    "tender",
    "irritable",
    "settled",
    "unsettled",
    "exhausted",
    "grateful",
    "tearful",
    "protective",
    "helpless",
    "curious",
    "lighter",
];
const SENSATIONS_TEXT: &[&str] = &[
    "a tight chest",
    "tense shoulders",
    "a clenched jaw",
    "a knot in my stomach",
    "a fast heartbeat",
    "shallow breathing",
    "a headache behind my eyes",
    "heavy legs",
    "a lump in my throat",
    "clammy hands",
    "a stiff neck",
    "a churning stomach",
    "tired eyes",
    "warmth in my chest",
    "loose shoulders",
    "slow, easy breathing",
];
const HABITS: &[&str] = &[
    "rushed the ending",
    "over-explained",
    "went quiet",
    "started problem-solving too early",
    "talked over the silence",
    "held back my view",
    "stayed curious",
    "named what I saw",
    "paused before answering",
    "kept to the plan",
];
const TASKS: &[&str] = &[
    "the case notes",
    "the assessment",
    "the strategy discussion minutes",
    "the conference report",
    "the chronology",
    "a referral to the mental health team",
    "the court statement",
    "the review paperwork",
    "a transfer summary",
    "the risk assessment",
    "a safeguarding referral",
];
const IDEAS: &[&str] = &[
    "the reflective cycle",
    "attachment theory",
    "the window of tolerance",
    "trauma-informed practice",
    "relationship-based practice",
    "strengths-based work",
    "systemic thinking",
    "motivational interviewing",
];
const RECOVERY: &[&str] = &[
    "went for a walk at lunch",
    "did some slow breathing in the car",
    "talked it through with a colleague",
    "wrote it down straight away",
    "ate lunch away from my desk",
    "left on time",
    "played music on the drive back",
    "turned the work phone off at seven",
    "went swimming",
    "phoned a friend",
    "took ten quiet minutes",
    "skipped lunch again",
];

const VISIT: &[&str] = &[
    "Arrived at {place} just after nine and {role} opened the door.",
    "{Role} seemed {feeling} and kept coming back to {concern}.",
    "The home visit started late because nobody answered at first.",
    "I asked about {concern} and the answer did not match what {role2} had told me.",
    "We sat at the kitchen table and went through the safety plan line by line.",
    "{Role} showed me the bedroom and the new drawings on the wall.",
    "I noticed I {habit} when the conversation turned to {concern}.",
    "Left the home visit with {sensation} and sat in the car before driving off.",
    "I think the family are starting to trust me, although it still feels fragile.",
    "The dog barked the whole time and it was hard to hear {role}.",
    "{Role2} arrived halfway through and the mood in the room changed.",
];
const REFLECT: &[&str] = &[
    "Looking back at today, I felt {feeling} most of the time.",
    "My body noticed it before my head did: {sensation}.",
    "Thinking with {idea}: what happened, what I felt, what I would do differently.",
    "I notice a pattern where I {habit} when I feel {feeling}.",
    "What went well: I stayed with {role} even when it was uncomfortable.",
    "Next time I would slow down and ask about {concern} earlier.",
    "I {recover}, and it helped a little.",
    "I am not sure I was heard today, and that leaves me {feeling}.",
    "The home visit this morning is still with me.",
];
const CHECKIN: &[&str] = &[
    "Quick check-in before {task}.",
    "Noticing {sensation} after the phone call.",
    "Energy is low; I {recover}.",
    "Feeling {feeling} after the home visit.",
    "Stress is building quietly around {concern}.",
];
const SUPERVISE: &[&str] = &[
    "My supervisor asked what I was carrying and it was more than I had realised.",
    "We talked about caseload numbers again.",
    "I named the feeling I get before visits: {sensation}.",
    "We used {idea} to unpick the last home visit.",
    "Felt {feeling} afterwards, which surprised me.",
    "We agreed I would hand over {task} to make room for the court deadline.",
    "It helped to hear that my worry about {concern} is proportionate.",
];
const RARE: &str =
    "The children had a {rare} in the garden, which told me something about the summer.";

const TAGS: &[&str] = &[
    "home-visit",
    "court",
    "duty",
    "team",
    "training",
    "safeguarding",
    "boundaries",
    "risk",
    "learning",
    "self-care",
    "admin",
    "car",
];
const WORK: &[&str] = &[
    "home visit",
    "office duty",
    "court",
    "meeting",
    "supervision",
    "recording",
    "travel",
    "training",
];
const AGENDA: &[(&str, &str)] = &[
    ("Actions from last time", "management"),
    ("A case needing a second view", "management"),
    ("A dilemma about consent", "development"),
    ("How the work is landing on me", "support"),
    ("Training and CPD", "development"),
    ("Workload and cover", "mediation"),
];

/// One generated entry.
pub struct GenEntry {
    pub uuid: Uuid,
    pub created: DateTime<Utc>,
    pub content: EntryContent,
}

fn fill(rng: &mut Rng, template: &str) -> String {
    let mut out = template.to_string();
    let slots: &[(&str, &[&str])] = &[
        ("place", PLACES),
        ("concern", CONCERNS),
        ("feeling", FEELINGS),
        ("sensation", SENSATIONS_TEXT),
        ("habit", HABITS),
        ("task", TASKS),
        ("idea", IDEAS),
        ("recover", RECOVERY),
        ("role", ROLES),
        ("role2", ROLES),
    ];
    for (name, bank) in slots {
        let lower = format!("{{{name}}}");
        while out.contains(&lower) {
            let v = *rng.pick(bank);
            out = out.replacen(&lower, v, 1);
        }
        let upper = format!("{{{}}}", capitalise(name));
        while out.contains(&upper) {
            let v = capitalise(rng.pick::<&str>(bank));
            out = out.replacen(&upper, &v, 1);
        }
    }
    out.replace("{rare}", RARE_WORD)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn body(rng: &mut Rng, pool: &[&str], min: usize, max: usize) -> String {
    let target = rng.between(min as i64, max as i64) as usize;
    let mut paragraphs = Vec::new();
    let mut para = Vec::new();
    let mut words = 0;
    while words < target {
        let s = sentence(rng, pool);
        words += s.split_whitespace().count();
        para.push(s);
        if para.len() >= rng.between(3, 6) as usize {
            paragraphs.push(para.join(" "));
            para.clear();
        }
    }
    if rng.chance(0.002) {
        para.push(fill(rng, RARE));
    }
    if !para.is_empty() {
        paragraphs.push(para.join(" "));
    }
    paragraphs.join("\n\n")
}

/// A random template from `pool`, filled in.
fn sentence(rng: &mut Rng, pool: &[&str]) -> String {
    let template = *rng.pick(pool);
    fill(rng, template)
}

/// `n` entries, oldest first, spread over 2015-2024, mostly in working hours.
pub fn entries(n: usize, seed: u64) -> Vec<GenEntry> {
    let mut rng = Rng::new(seed);
    let start = Utc
        .with_ymd_and_hms(2015, 1, 1, 0, 0, 0)
        .single()
        .expect("start");
    let days = 3652;
    let mut times: Vec<DateTime<Utc>> = (0..n)
        .map(|_| {
            let minute = if rng.chance(0.8) {
                rng.between(8 * 60, 18 * 60)
            } else {
                rng.between(18 * 60, 23 * 60)
            };
            start
                + Duration::days(rng.below(days) as i64)
                + Duration::minutes(minute)
                + Duration::seconds(rng.between(0, 59))
        })
        .collect();
    times.sort();
    times.into_iter().map(|t| entry(&mut rng, t)).collect()
}

fn rating(rng: &mut Rng, centre: i64) -> Option<Rating> {
    let v = (centre + rng.between(-3, 3)).clamp(0, 10);
    Rating::new("rating", v).ok()
}

fn entry(rng: &mut Rng, created: DateTime<Utc>) -> GenEntry {
    let roll = rng.below(100);
    let kind = match roll {
        0..=64 => Kind::Reflection,
        65..=89 => Kind::Checkin,
        90..=94 => Kind::Supervision,
        95..=97 => Kind::Recovery,
        _ => Kind::Learning,
    };
    let work = rng.pick(WORK).to_string();
    let centre = match work.as_str() {
        "court" => 7,
        "home visit" => 6,
        "recording" => 4,
        _ => 5,
    };
    let mut tags: Vec<Tag> = Vec::new();
    if work == "home visit" {
        tags.push(Tag::parse("home-visit").expect("tag"));
    }
    if work == "court" {
        tags.push(Tag::parse(FILTER_TAG).expect("tag"));
    }
    for _ in 0..rng.below(3) {
        let t = Tag::parse(rng.pick::<&str>(TAGS)).expect("tag");
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags.sort();
    let mut common = Common {
        stress: rating(rng, centre),
        energy: rating(rng, 5),
        work_context: Some(match work.as_str() {
            "office duty" => "duty_office".to_string(),
            w => w.replace(' ', "_"),
        }),
        tags,
        flags: Flags {
            starred: rng.chance(0.02),
            for_supervision: rng.chance(0.05),
            unfinished: rng.chance(0.03),
        },
        ..Default::default()
    };
    let details = match kind {
        Kind::Reflection => {
            let pool = if work == "home visit" { VISIT } else { REFLECT };
            common.title = Some(capitalise(&format!("{} — {}", work, rng.pick(CONCERNS))));
            common.body = body(rng, pool, 40, 400);
            let mut guided = Guided::default();
            if rng.chance(0.2) {
                guided.template = Some("driscoll".into());
                guided.answers = vec![
                    StageAnswer {
                        stage: "what".into(),
                        answer: sentence(rng, VISIT),
                    },
                    StageAnswer {
                        stage: "so_what".into(),
                        answer: sentence(rng, REFLECT),
                    },
                    StageAnswer {
                        stage: "now_what".into(),
                        answer: fill(rng, "Next time I will ask about {concern} sooner."),
                    },
                ];
            }
            Details::Reflection(guided)
        }
        Kind::Checkin => {
            common.body = body(rng, CHECKIN, 40, 120);
            let mut checkin = CheckIn::default();
            let vocab = debrief::domain::Vocabulary::builtin();
            let regions = vocab.ids(debrief::domain::vocab::List::Regions);
            let sensations = vocab.ids(debrief::domain::vocab::List::Sensations);
            for _ in 0..rng.between(0, 3) {
                checkin.sensations.push(BodySensation {
                    region: rng.pick(&regions).to_string(),
                    sensation: rng.pick(&sensations).to_string(),
                    intensity: rng.below(4) as u8,
                });
            }
            for _ in 0..rng.between(1, 3) {
                checkin.emotions.push(Emotion {
                    word: rng.pick(FEELINGS).to_string(),
                    intensity: Some(rng.between(1, 3) as u8),
                });
            }
            if rng.chance(0.15) {
                let flags = vocab.ids(debrief::domain::vocab::List::Flags);
                checkin.difficulties.push(rng.pick(&flags).to_string());
            }
            Details::Checkin(checkin)
        }
        Kind::Learning => {
            common.stress = None;
            common.energy = None;
            common.work_context = None;
            common.title = Some(capitalise(&format!(
                "{} on {}",
                rng.pick(&["Reading", "A podcast", "Training"]),
                rng.pick(CONCERNS)
            )));
            let activity = *rng.pick(&debrief::domain::Activity::ALL);
            let answers = if rng.chance(0.6) {
                vec![StageAnswer {
                    stage: "learned".into(),
                    answer: sentence(rng, REFLECT),
                }]
            } else {
                Vec::new()
            };
            Details::Learning(debrief::domain::Learning {
                activity,
                author: None,
                link: None,
                minutes: Some(rng.between(10, 240) as u32),
                answers,
            })
        }
        Kind::Recovery => {
            let movement =
                debrief::domain::Vocabulary::builtin().ids(debrief::domain::vocab::List::Movement);
            common.stress = None;
            common.energy = None;
            common.work_context = None;
            common.tags.clear();
            Details::Recovery(match rng.below(4) {
                0 => debrief::domain::Recovery::Sleep {
                    minutes: rng.between(300, 540) as u16,
                    quality: Some(rng.between(2, 9) as u8),
                },
                1 => debrief::domain::Recovery::Break {
                    minutes: Some(rng.between(5, 40) as u16),
                },
                2 => debrief::domain::Recovery::Move {
                    movement: rng.pick(&movement).to_string(),
                    minutes: Some(rng.between(5, 45) as u16),
                },
                _ => debrief::domain::Recovery::None,
            })
        }
        Kind::Supervision => {
            common.title = Some("Supervision".into());
            common.body = body(rng, SUPERVISE, 60, 300);
            let agenda = (0..rng.between(2, 4))
                .map(|_| {
                    let (text, function) = *rng.pick(AGENDA);
                    AgendaItem {
                        id: None,
                        text: text.into(),
                        function: Some(function.into()),
                        discussion: None,
                    }
                })
                .collect();
            let actions = (0..rng.between(1, 3))
                .map(|_| ActionItem {
                    text: format!("Finish {}", rng.pick(TASKS)),
                    owner: Some("me".into()),
                    due_on: Some((created + Duration::days(14)).date_naive()),
                    status: *rng.pick(&[
                        ActionStatus::Open,
                        ActionStatus::Done,
                        ActionStatus::Dropped,
                    ]),
                    ..Default::default()
                })
                .collect();
            Details::Supervision(Supervision {
                held_on: Some(created.date_naive()),
                supervisor: Some("team manager".into()),
                session_type: Some("individual".into()),
                agenda,
                decisions: vec![Decision::new(format!(
                    "Review {} next session",
                    rng.pick(CONCERNS)
                ))],
                actions,
                support: None,
                learning: None,
                next_on: None,
            })
        }
    };
    let content = EntryContent { common, details };
    let uuid = Uuid::from_u64_pair(rng.next(), rng.next());
    GenEntry {
        uuid,
        created,
        content,
    }
}

/// Write entries into a new debrief journal at `path`, in batches.
pub fn build_journal(path: &std::path::Path, entries: &[GenEntry]) -> debrief::Result<()> {
    let options = debrief::storage::StoreOptions {
        key: None,
        backups: path.with_extension("backups"),
        busy_timeout: std::time::Duration::from_secs(5),
        now: debrief::clock::Clock::system().now(),
    };
    let mut store = debrief::storage::Store::open(path, &options)?;
    for chunk in entries.chunks(5_000) {
        let rows = chunk.iter().map(|e| debrief::storage::ImportRow {
            cpd: None,
            covered: Vec::new(),
            uuid: e.uuid,
            created: e.created,
            utc_offset_s: 0,
            updated: e.created,
            deleted: None,
            content: e.content.clone(),
        });
        let report = store.import(rows, debrief::storage::OnConflict::Skip, false)?;
        if let Some(problem) = report.rows.iter().find_map(|r| match r {
            debrief::storage::RowOutcome::Rejected(why) => Some(why.clone()),
            _ => None,
        }) {
            return Err(debrief::Error::invalid("corpus", problem));
        }
    }
    store.optimize()?;
    Ok(())
}

/// Write entries in jrnl's plain-text format (`[YYYY-MM-DD hh:mm:ss AM] Title.`), oldest
/// first, tags as `@tag` and the stress rating as a last line.
pub fn write_jrnl(out: &mut impl Write, entries: &[GenEntry]) -> std::io::Result<()> {
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let c = &e.content.common;
        let title = c
            .title
            .clone()
            .unwrap_or_else(|| e.content.headline().to_string());
        let title = title.trim_end_matches('.');
        writeln!(
            out,
            "[{}] {}.",
            e.created.format("%Y-%m-%d %I:%M:%S %p"),
            title
        )?;
        writeln!(out, "{}", c.body)?;
        if let Details::Reflection(g) = &e.content.details {
            for a in &g.answers {
                writeln!(out, "\n{}\n{}", a.stage, a.answer)?;
            }
        }
        if !c.tags.is_empty() {
            let tags: Vec<String> = c.tags.iter().map(|t| format!("@{t}")).collect();
            writeln!(out, "\n{}", tags.join(" "))?;
        }
        if let Some(s) = c.stress {
            writeln!(out, "Stress: {s}/10.")?;
        }
    }
    Ok(())
}
