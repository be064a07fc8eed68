//! Reading the typed details of an entry's kind: stage answers, a check-in's body, emotions
//! and flags, a recovery entry, a learning activity, a supervision session with its items. Strict like the rest of reading.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::from_ms;
use crate::domain::recovery::{MAX_MINUTES, Recovery};
use crate::domain::reviewed::ReviewOf;
use crate::domain::{
    ActionItem, AgendaItem, BodySensation, CheckIn, Decision, Emotion, EntryId, ItemId, Learning,
    StageAnswer, Supervision,
};
use crate::{Error, Result};

/// A reflection's or a learning activity's stage answers, in stage order.
pub(super) fn load_answers(conn: &Connection, id: EntryId) -> Result<Vec<StageAnswer>> {
    collect(
        conn,
        "SELECT stage, answer FROM stage_answers WHERE entry_id = ?1 ORDER BY position",
        id,
        |r| {
            Ok(StageAnswer {
                stage: r.get(0)?,
                answer: r.get(1)?,
            })
        },
    )
}

/// The review a reflection answers, if it answers one.
pub(super) fn load_review_of(conn: &Connection, id: EntryId) -> Result<Option<ReviewOf>> {
    let row: Option<(String, i64, i64)> = conn
        .prepare_cached("SELECT kind, from_ms, to_ms FROM review_periods WHERE entry_id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(kind, from, to)| {
        Ok(ReviewOf {
            kind: kind.parse().map_err(|_| Error::Corrupt {
                what: "a kind of review",
                value: kind.clone(),
            })?,
            from: from_ms(from),
            to: from_ms(to),
        })
    })
    .transpose()
}

pub(super) fn load_learning(conn: &Connection, id: EntryId) -> Result<Learning> {
    type Row = (String, Option<String>, Option<String>, Option<i64>);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT activity, author, link, minutes FROM learning_activities WHERE entry_id = ?1",
        )?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((activity, author, link, minutes)) = row else {
        return Err(Error::Corrupt {
            what: "a learning activity without its details",
            value: id.to_string(),
        });
    };
    Ok(Learning {
        activity: activity.parse().map_err(|_| Error::Corrupt {
            what: "a kind of learning",
            value: activity.clone(),
        })?,
        author,
        link,
        minutes: minutes
            .map(|m| {
                u32::try_from(m).map_err(|_| Error::Corrupt {
                    what: "a number of minutes",
                    value: m.to_string(),
                })
            })
            .transpose()?,
        answers: load_answers(conn, id)?,
    })
}

pub(super) fn load_checkin(conn: &Connection, id: EntryId) -> Result<CheckIn> {
    let raw_sensations: Vec<(String, String, i64)> = collect(
        conn,
        "SELECT region, sensation, intensity FROM body_sensations WHERE entry_id = ?1 ORDER BY id",
        id,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let sensations = raw_sensations
        .into_iter()
        .map(|(region, sensation, intensity)| {
            Ok(BodySensation {
                region,
                sensation,
                intensity: small("a sensation intensity", intensity, 0..=3)?,
            })
        })
        .collect::<Result<_>>()?;
    let raw_emotions: Vec<(String, Option<i64>)> = collect(
        conn,
        "SELECT word, intensity FROM emotions WHERE entry_id = ?1 ORDER BY id",
        id,
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let emotions = raw_emotions
        .into_iter()
        .map(|(word, intensity)| {
            Ok(Emotion {
                word,
                intensity: intensity
                    .map(|n| small("an emotion intensity", n, 1..=3))
                    .transpose()?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(CheckIn {
        sensations,
        emotions,
        difficulties: collect(
            conn,
            "SELECT flag FROM difficulty_flags WHERE entry_id = ?1 ORDER BY flag",
            id,
            |r| r.get(0),
        )?,
    })
}

pub(super) fn load_recovery(conn: &Connection, id: EntryId) -> Result<Recovery> {
    type Row = (String, Option<i64>, Option<i64>, Option<String>);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT activity, minutes, quality, movement FROM recovery WHERE entry_id = ?1",
        )?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((activity, minutes, quality, movement)) = row else {
        return Err(Error::Corrupt {
            what: "a recovery entry without its details",
            value: id.to_string(),
        });
    };
    decode_recovery(activity, minutes, quality, movement)
}

/// A recovery row's values as a [`Recovery`], strictly.
pub(super) fn decode_recovery(
    activity: String,
    minutes: Option<i64>,
    quality: Option<i64>,
    movement: Option<String>,
) -> Result<Recovery> {
    let minutes = minutes
        .map(|m| {
            u16::try_from(m)
                .ok()
                .filter(|m| *m <= MAX_MINUTES)
                .ok_or_else(|| Error::Corrupt {
                    what: "a number of minutes",
                    value: m.to_string(),
                })
        })
        .transpose()?;
    let corrupt = || Error::Corrupt {
        what: "a recovery entry",
        value: activity.clone(),
    };
    Ok(match activity.as_str() {
        "sleep" => Recovery::Sleep {
            minutes: minutes.ok_or_else(corrupt)?,
            quality: quality
                .map(|q| small("a sleep quality", q, 0..=10))
                .transpose()?,
        },
        "break" => Recovery::Break { minutes },
        "move" => Recovery::Move {
            movement: movement.ok_or_else(corrupt)?,
            minutes,
        },
        "none" => Recovery::None,
        _ => return Err(corrupt()),
    })
}

pub(super) fn load_supervision(conn: &Connection, id: EntryId) -> Result<Supervision> {
    type Session = [Option<String>; 6];
    let session: Option<Session> = conn
        .prepare_cached(
            "SELECT held_on, supervisor, session_type, support, learning, next_on
             FROM supervision_sessions WHERE entry_id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ])
        })
        .optional()?;
    let Some(
        [
            held_on,
            supervisor,
            session_type,
            support,
            learning,
            next_on,
        ],
    ) = session
    else {
        return Ok(Supervision::default());
    };
    let agenda = collect(
        conn,
        "SELECT id, text, function, discussion FROM agenda_items WHERE entry_id = ?1
         ORDER BY position, id",
        id,
        |r| {
            Ok(AgendaItem {
                id: Some(ItemId(r.get(0)?)),
                text: r.get(1)?,
                function: r.get(2)?,
                discussion: r.get(3)?,
            })
        },
    )?;
    let decisions = collect(
        conn,
        "SELECT id, text FROM decisions WHERE entry_id = ?1 ORDER BY position, id",
        id,
        |r| {
            Ok(Decision {
                id: Some(ItemId(r.get(0)?)),
                text: r.get(1)?,
            })
        },
    )?;
    let actions = collect(
        conn,
        &format!("SELECT {ACTION_COLUMNS} FROM actions WHERE entry_id = ?1 ORDER BY id"),
        id,
        RawAction::read,
    )?
    .into_iter()
    .map(RawAction::decode)
    .collect::<Result<_>>()?;
    Ok(Supervision {
        held_on: held_on.as_deref().map(decode_date).transpose()?,
        supervisor,
        session_type,
        agenda,
        decisions,
        support,
        learning,
        actions,
        next_on: next_on.as_deref().map(decode_date).transpose()?,
    })
}

/// The columns [`RawAction::read`] reads, in order.
pub(super) const ACTION_COLUMNS: &str = "id, text, owner, due_on, status, closed_ms, reason";

/// An action as stored, before its values are checked.
pub(super) struct RawAction {
    id: i64,
    text: String,
    owner: Option<String>,
    due_on: Option<String>,
    status: String,
    closed_ms: Option<i64>,
    reason: Option<String>,
}

impl RawAction {
    /// Read [`ACTION_COLUMNS`] from the start of a row.
    pub(super) fn read(r: &Row<'_>) -> rusqlite::Result<RawAction> {
        Ok(RawAction {
            id: r.get(0)?,
            text: r.get(1)?,
            owner: r.get(2)?,
            due_on: r.get(3)?,
            status: r.get(4)?,
            closed_ms: r.get(5)?,
            reason: r.get(6)?,
        })
    }

    pub(super) fn decode(self) -> Result<ActionItem> {
        Ok(ActionItem {
            id: Some(ItemId(self.id)),
            text: self.text,
            owner: self.owner,
            due_on: self.due_on.as_deref().map(decode_date).transpose()?,
            status: self.status.parse().map_err(|_| Error::Corrupt {
                what: "an action status",
                value: self.status.clone(),
            })?,
            closed: self.closed_ms.map(from_ms),
            reason: self.reason,
        })
    }
}

pub(super) fn collect<T>(
    conn: &Connection,
    sql: &str,
    id: EntryId,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id.0], f)?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

pub(super) fn decode_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::Corrupt {
        what: "a date",
        value: s.escape_debug().to_string(),
    })
}
pub(super) fn small(what: &'static str, n: i64, range: std::ops::RangeInclusive<u8>) -> Result<u8> {
    u8::try_from(n)
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(|| Error::Corrupt {
            what,
            value: n.to_string(),
        })
}
