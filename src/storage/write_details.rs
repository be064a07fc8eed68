//! Writing the typed details of an entry's kind: stage answers and a review's period, a
//! check-in's body, emotions and flags, a learning activity, a recovery entry.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::supervision::write_supervision;
use super::to_ms;
use super::write::exec;
use crate::Result;
use crate::domain::reviewed::ReviewOf;
use crate::domain::{CheckIn, Details, EntryId, Learning, Recovery, StageAnswer};

/// Write the details of a new entry.
pub(super) fn write_details(
    tx: &Connection,
    id: EntryId,
    details: &Details,
    now: DateTime<Utc>,
) -> Result<()> {
    match details {
        Details::Reflection(g) => {
            write_answers(tx, id, &g.answers)?;
            write_review_of(tx, id, g.review.as_ref())
        }
        Details::Checkin(c) => write_checkin(tx, id, c),
        Details::Supervision(s) => write_supervision(tx, id, s, None, now),
        Details::Recovery(r) => write_recovery(tx, id, r),
        Details::Learning(l) => write_learning(tx, id, l),
    }
}

/// Bring an entry's stored details from `old` to `new` (of the same kind), touching only
/// what changed.
pub(super) fn rewrite_details(
    tx: &Connection,
    id: EntryId,
    old: &Details,
    new: &Details,
    now: DateTime<Utc>,
) -> Result<()> {
    match (old, new) {
        (Details::Reflection(a), Details::Reflection(b)) if a != b => {
            if a.answers != b.answers {
                exec(tx, "DELETE FROM stage_answers WHERE entry_id = ?1", [id.0])?;
                write_answers(tx, id, &b.answers)?;
            }
            if a.review != b.review {
                exec(tx, "DELETE FROM review_periods WHERE entry_id = ?1", [id.0])?;
                write_review_of(tx, id, b.review.as_ref())?;
            }
        }
        (Details::Checkin(a), Details::Checkin(b)) if a != b => {
            exec(
                tx,
                "DELETE FROM body_sensations WHERE entry_id = ?1",
                [id.0],
            )?;
            exec(tx, "DELETE FROM emotions WHERE entry_id = ?1", [id.0])?;
            exec(
                tx,
                "DELETE FROM difficulty_flags WHERE entry_id = ?1",
                [id.0],
            )?;
            write_checkin(tx, id, b)?;
        }
        (Details::Learning(a), Details::Learning(b)) if a != b => {
            exec(
                tx,
                "DELETE FROM learning_activities WHERE entry_id = ?1",
                [id.0],
            )?;
            exec(tx, "DELETE FROM stage_answers WHERE entry_id = ?1", [id.0])?;
            write_learning(tx, id, b)?;
        }
        (Details::Recovery(a), Details::Recovery(b)) if a != b => {
            exec(tx, "DELETE FROM recovery WHERE entry_id = ?1", [id.0])?;
            write_recovery(tx, id, b)?;
        }
        (Details::Supervision(a), Details::Supervision(b)) if a != b => {
            write_supervision(tx, id, b, Some(a), now)?;
        }
        _ => {}
    }
    Ok(())
}

fn write_review_of(tx: &Connection, id: EntryId, review: Option<&ReviewOf>) -> Result<()> {
    if let Some(r) = review {
        exec(
            tx,
            "INSERT INTO review_periods (entry_id, kind, from_ms, to_ms) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, r.kind.as_str(), to_ms(r.from), to_ms(r.to)],
        )?;
    }
    Ok(())
}

fn write_answers(tx: &Connection, id: EntryId, answers: &[StageAnswer]) -> Result<()> {
    for (pos, a) in answers.iter().enumerate() {
        exec(
            tx,
            "INSERT INTO stage_answers (entry_id, position, stage, answer) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, pos as i64, a.stage, a.answer],
        )?;
    }
    Ok(())
}

fn write_checkin(tx: &Connection, id: EntryId, c: &CheckIn) -> Result<()> {
    for s in &c.sensations {
        exec(
            tx,
            "INSERT INTO body_sensations (entry_id, region, sensation, intensity) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, s.region, s.sensation, s.intensity],
        )?;
    }
    for e in &c.emotions {
        exec(
            tx,
            "INSERT INTO emotions (entry_id, word, intensity) VALUES (?1, ?2, ?3)",
            params![id.0, e.word, e.intensity],
        )?;
    }
    for flag in &c.difficulties {
        exec(
            tx,
            "INSERT OR IGNORE INTO difficulty_flags (entry_id, flag) VALUES (?1, ?2)",
            params![id.0, flag],
        )?;
    }
    Ok(())
}

fn write_learning(tx: &Connection, id: EntryId, l: &Learning) -> Result<()> {
    exec(
        tx,
        "INSERT INTO learning_activities (entry_id, activity, author, link, minutes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.0, l.activity.as_str(), l.author, l.link, l.minutes],
    )?;
    write_answers(tx, id, &l.answers)
}

fn write_recovery(tx: &Connection, id: EntryId, r: &Recovery) -> Result<()> {
    let (quality, movement) = match r {
        Recovery::Sleep { quality, .. } => (*quality, None),
        Recovery::Move { movement, .. } => (None, Some(movement.as_str())),
        Recovery::Break { .. } | Recovery::None => (None, None),
    };
    exec(
        tx,
        "INSERT INTO recovery (entry_id, activity, minutes, quality, movement) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.0, r.activity(), r.minutes(), quality, movement],
    )?;
    Ok(())
}
