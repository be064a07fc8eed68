//! CPD records as a registrant stakes their registration on them: looking at an entry as a
//! record (nothing kept), making and unmaking a record, and the registration year's status.
//! A record counts for the year of its CPD date (the activity's date, not the day it was
//! written up), and only a complete one counts: description, what was learnt and the impact
//! on practice written, and for the peer requirement a written peer reflection.

use chrono::{DateTime, NaiveDate, Utc};

use crate::clock::Clock;
use crate::domain::EntryId;
use crate::domain::cpd::{CpdRecord, RegistrationYear, Requirement, is_written};
use crate::storage::Store;
use crate::{Error, Result};

/// An entry made into a CPD record, as it reads now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub entry: EntryId,
    pub record: CpdRecord,
    /// When it was made into a record.
    pub made: DateTime<Utc>,
}

impl Made {
    /// The form's fields not written yet (placeholders and a few words do not count).
    pub fn missing(&self) -> Vec<&'static str> {
        self.record.missing()
    }

    pub fn complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// A written peer reflection kept with the record.
    pub fn has_peer(&self) -> bool {
        self.record.peer.as_deref().is_some_and(is_written)
    }
}

/// The registration year as the regulator would see the records in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearStatus {
    pub year: RegistrationYear,
    pub today: NaiveDate,
    pub requirement: Requirement,
    /// The records dated in the year, oldest first.
    pub records: Vec<Made>,
}

impl YearStatus {
    /// The year is over (its last day has passed).
    pub fn closed(&self) -> bool {
        self.today > self.year.last
    }

    /// Complete records, and complete ones with a written peer reflection.
    pub fn counts(&self) -> (usize, usize) {
        let complete: Vec<&Made> = self.records.iter().filter(|m| m.complete()).collect();
        let with_peer = complete.iter().filter(|m| m.has_peer()).count();
        (complete.len(), with_peer)
    }

    /// Enough complete records, and enough of them with a peer reflection.
    pub fn met(&self) -> bool {
        let (complete, with_peer) = self.counts();
        complete >= self.requirement.records as usize
            && with_peer >= self.requirement.with_peer as usize
    }

    /// What stands between the records and the requirement, one line each: a record's
    /// unwritten fields, then how many more complete records or peer reflections are needed.
    pub fn gaps(&self) -> Vec<String> {
        let mut gaps: Vec<String> = self
            .records
            .iter()
            .filter(|m| !m.complete())
            .map(|m| format!("record #{}: no {} written", m.entry, list(&m.missing())))
            .collect();
        let (complete, with_peer) = self.counts();
        let short = (self.requirement.records as usize).saturating_sub(complete);
        if short > 0 {
            gaps.push(format!(
                "{} more complete record{}",
                short,
                if short == 1 { "" } else { "s" }
            ));
        }
        let peer_short = (self.requirement.with_peer as usize).saturating_sub(with_peer);
        if peer_short > 0 {
            gaps.push(format!(
                "a written peer reflection on {} complete record{}",
                peer_short,
                if peer_short == 1 { "" } else { "s" }
            ));
        }
        gaps
    }
}

/// Entry `id` as a CPD record would read, dated by the entry; nothing is kept. With `peer`,
/// that peer reflection stands in for the one kept (if any).
pub fn preview(store: &Store, id: EntryId, peer: Option<&str>) -> Result<CpdRecord> {
    let entry = store.get(id)?;
    let kept = store.cpd_mark(id)?.and_then(|m| m.peer);
    let peer = peer.map(str::to_string).or(kept);
    CpdRecord::of_entry(&entry, cpd_date(&entry), peer.as_deref())
}

/// Make entry `id` into a CPD record (again: it keeps the day first made, and `peer`
/// replaces the peer reflection kept). Refused for an entry that cannot be one, and for a
/// CPD date after today.
pub fn record(store: &mut Store, clock: &Clock, id: EntryId, peer: Option<&str>) -> Result<Made> {
    if peer.is_some_and(|p| p.trim().is_empty()) {
        return Err(Error::invalid(
            "peer",
            "the peer reflection is empty: write what you learnt from discussing it with a peer, or leave --peer out",
        ));
    }
    let peer = peer.map(str::trim);
    let record = preview(store, id, peer)?;
    let today = clock.local(clock.now()).date_naive();
    if record.date > today {
        return Err(Error::invalid(
            "cpd",
            format!(
                "entry {id} is dated {}, after today: a CPD record is dated by the activity, once it has happened",
                record.date
            ),
        ));
    }
    let mark = store.mark_cpd(id, clock.now(), peer)?;
    Ok(Made {
        entry: id,
        record,
        made: mark.made,
    })
}

/// Unmake entry `id`'s CPD record; the entry stays. A conflict (not "not found") when the
/// entry exists but was never made a record.
pub fn remove(store: &mut Store, id: EntryId) -> Result<()> {
    store.get(id)?;
    match store.unmark_cpd(id)? {
        true => Ok(()),
        false => Err(Error::Conflict(format!(
            "entry {id} is not a CPD record, so nothing was removed: `debrief cpd list` shows the records"
        ))),
    }
}

/// The records dated in `year` (the current one when `None`), as they read now.
pub fn year_status(
    store: &Store,
    clock: &Clock,
    requirement: &Requirement,
    year: Option<RegistrationYear>,
) -> Result<YearStatus> {
    let today = clock.local(clock.now()).date_naive();
    let year = match year {
        Some(y) => y,
        None => RegistrationYear::containing(today, requirement.start()?),
    };
    let mut records = Vec::new();
    for mark in store.cpd_marks_all()? {
        let entry = store.get(mark.entry)?;
        let date = cpd_date(&entry);
        if date < year.first || date > year.last {
            continue;
        }
        records.push(Made {
            entry: mark.entry,
            record: CpdRecord::of_entry(&entry, date, mark.peer.as_deref())?,
            made: mark.made,
        });
    }
    records.sort_by_key(|m| (m.record.date, m.entry));
    Ok(YearStatus {
        year,
        today,
        requirement: requirement.clone(),
        records,
    })
}

/// "description", "description or learning", "description, learning or impact on practice".
pub fn list(fields: &[&str]) -> String {
    match fields {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The CPD date of an entry: the day of the activity or reflection on the writer's own
/// calendar (`--at` or the form's When field corrects it), never the day it became a record.
fn cpd_date(entry: &crate::domain::Entry) -> NaiveDate {
    entry.meta.created.date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::{Activity, Details, EntryContent, Kind, Learning, StageAnswer};

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("time")
    }

    fn clock(y: i32, m: u32, d: u32) -> Clock {
        Clock::fixed(at(y, m, d), jiff::tz::TimeZone::UTC)
    }

    fn answer(stage: &str, text: &str) -> StageAnswer {
        StageAnswer {
            stage: stage.into(),
            answer: text.into(),
        }
    }

    /// A learning activity done on `day` with the given impact answer.
    fn learning(store: &mut Store, day: DateTime<Utc>, impact: &str) -> EntryId {
        let mut c = EntryContent::of_kind(Kind::Learning);
        c.common.title = Some("Chronologies webinar".into());
        c.details = Details::Learning(Learning {
            activity: Activity::Course,
            answers: vec![
                answer("why", "I write chronologies every week for court."),
                answer(
                    "learned",
                    "A chronology is an analysis, not a list of events.",
                ),
                answer("practice", impact),
            ],
            ..Learning::default()
        });
        store.add_entry(&c, day, 0, day).expect("add")
    }

    const IMPACT: &str = "I now mark what each event meant for the child.";

    #[test]
    fn a_record_counts_for_the_year_of_its_activity_not_of_its_writing_up() {
        let mut store = Store::open_in_memory().expect("store");
        let nov10 = learning(&mut store, at(2026, 11, 10), IMPACT);
        let nov30 = learning(&mut store, at(2026, 11, 30), IMPACT);
        let dec1 = learning(&mut store, at(2026, 12, 1), IMPACT);
        // All three made into records on 7 December 2026.
        let dec7 = clock(2026, 12, 7);
        for id in [nov10, nov30, dec1] {
            record(&mut store, &dec7, id, None).expect("record");
        }
        let req = Requirement::default();
        let this = year_status(&store, &dec7, &req, None).expect("status");
        let ids = |s: &YearStatus| s.records.iter().map(|m| m.entry).collect::<Vec<_>>();
        assert_eq!(ids(&this), [dec1], "2026-27 holds only what was done in it");
        let last = RegistrationYear::ending_in(2026, req.start().expect("start"));
        let before = year_status(&store, &dec7, &req, Some(last)).expect("status");
        assert_eq!(ids(&before), [nov10, nov30]);
        assert!(before.closed() && !this.closed());
    }

    #[test]
    fn a_leap_year_start_reads_29_february_into_the_right_year() {
        let mut store = Store::open_in_memory().expect("store");
        let leap = learning(&mut store, at(2028, 2, 29), IMPACT);
        let later = clock(2028, 3, 2);
        record(&mut store, &later, leap, None).expect("record");
        let req = Requirement {
            year_starts: "03-01".into(),
            ..Requirement::default()
        };
        let ending = RegistrationYear::ending_in(2028, req.start().expect("start"));
        assert_eq!(
            ending.last,
            NaiveDate::from_ymd_opt(2028, 2, 29).expect("day")
        );
        let s = year_status(&store, &later, &req, Some(ending)).expect("status");
        assert_eq!(s.records.len(), 1);
        let s = year_status(&store, &later, &req, None).expect("status");
        assert!(s.records.is_empty(), "not in the year from 1 March 2028");
    }

    #[test]
    fn placeholders_do_not_meet_the_requirement() {
        let mut store = Store::open_in_memory().expect("store");
        let day = clock(2026, 11, 20);
        let good = learning(&mut store, at(2026, 11, 2), IMPACT);
        let placeholder = learning(&mut store, at(2026, 11, 3), "(not written yet)");
        record(&mut store, &day, good, Some("(not written yet)")).expect("record");
        record(&mut store, &day, placeholder, None).expect("record");
        let req = Requirement::default();
        let s = year_status(&store, &day, &req, None).expect("status");
        assert_eq!(s.counts(), (1, 0));
        assert!(!s.met());
        let gaps = s.gaps();
        assert!(
            gaps.contains(&format!(
                "record #{placeholder}: no impact on practice written"
            )),
            "{gaps:?}"
        );
        assert!(
            gaps.iter().any(|g| g.starts_with("1 more complete record")),
            "{gaps:?}"
        );
        assert!(
            gaps.iter().any(|g| g.contains("peer reflection")),
            "{gaps:?}"
        );
        // Written properly, both count and the peer reflection meets the rest.
        let mut content = store.get(placeholder).expect("get").content;
        if let Details::Learning(l) = &mut content.details {
            l.answers[2].answer = IMPACT.into();
        }
        store
            .update_entry(placeholder, &content, day.now())
            .expect("update");
        record(
            &mut store,
            &day,
            good,
            Some("My supervisor asked how I would explain it to the family."),
        )
        .expect("record");
        let s = year_status(&store, &day, &req, None).expect("status");
        assert_eq!(s.counts(), (2, 1));
        assert!(s.met() && s.gaps().is_empty());
    }

    #[test]
    fn looking_is_not_recording_and_removing_unmakes_only_a_record() {
        let mut store = Store::open_in_memory().expect("store");
        let day = clock(2026, 11, 20);
        let id = learning(&mut store, at(2026, 11, 2), IMPACT);
        preview(&store, id, None).expect("preview");
        let req = Requirement::default();
        assert!(
            year_status(&store, &day, &req, None)
                .expect("status")
                .records
                .is_empty()
        );
        let err = remove(&mut store, id).expect_err("never made");
        assert_eq!(err.exit_code(), crate::error::exit::CONFLICT);
        record(&mut store, &day, id, None).expect("record");
        remove(&mut store, id).expect("remove");
        assert!(store.get(id).is_ok(), "the entry stays");
        assert!(
            year_status(&store, &day, &req, None)
                .expect("status")
                .records
                .is_empty()
        );
        let checkin = store
            .add_entry(
                &EntryContent::of_kind(Kind::Checkin),
                at(2026, 11, 2),
                0,
                at(2026, 11, 2),
            )
            .expect("add");
        let err = record(&mut store, &day, checkin, None).expect_err("a check-in");
        assert_eq!(err.exit_code(), crate::error::exit::INVALID);
    }

    #[test]
    fn a_field_needs_a_few_real_words() {
        for no in [
            "",
            "  ",
            "(not written yet)",
            "n/a",
            "TBC",
            "to do",
            "-",
            "Better.",
            "a b",
        ] {
            assert!(!is_written(no), "{no:?}");
        }
        for yes in [
            IMPACT,
            "I ask sooner now.",
            "Three short words",
            "I will not rush in to fill the silence later.",
        ] {
            assert!(is_written(yes), "{yes:?}");
        }
    }
}
