//! `debrief show`: one entry in full, with its details.

use clap::Args;

use super::Context;
use super::output::{local, markers, print_json, tag_list};
use crate::domain::{Entry, EntryRef};
use crate::text::{visible, visible_line};
use crate::transfer::EntryRecord;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry: its number from `debrief list`, or its UUID.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print JSON (see the README's "Machine output").
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: ShowArgs) -> anyhow::Result<()> {
    let r: EntryRef = args.id.parse()?;
    let store = ctx.open_store()?;
    let entry = store.get(store.resolve(&r)?)?;
    if args.json {
        return print_json(&EntryRecord::from(&entry));
    }
    print!("{}", render(ctx, &entry));
    Ok(())
}

fn render(ctx: &Context, e: &Entry) -> String {
    let st = ctx.style;
    let c = &e.content;
    let mut out = String::new();
    let when = local(e.created).format("%A %-d %B %Y, %H:%M");
    out += &format!(
        "{}  {}  {}\n",
        st.bold(&format!("#{}", e.id)),
        c.kind,
        st.dim(&when.to_string())
    );
    if let Some(d) = e.deleted {
        out += &format!(
            "{}\n",
            st.bold(&format!(
                "In the trash since {}",
                d.with_timezone(&chrono::Local).format("%-d %B %Y %H:%M")
            ))
        );
    }
    if let Some(t) = &c.title {
        out += &format!("{}\n", st.bold(&visible_line(t)));
    }
    let mut meta = Vec::new();
    if let Some(s) = c.stress {
        meta.push(format!("{}/10", st.stress(s)));
    }
    if let Some(en) = c.energy {
        meta.push(format!("energy {en}/10"));
    }
    if let Some(w) = &c.work_context {
        meta.push(format!("work: {}", visible_line(w)));
    }
    let m = markers(c.starred, c.for_supervision, c.unfinished);
    if !m.is_empty() {
        let mut words = Vec::new();
        if c.starred {
            words.push("★ starred");
        }
        if c.for_supervision {
            words.push("⚑ for supervision");
        }
        if c.unfinished {
            words.push("✎ finish later");
        }
        meta.push(words.join(", "));
    }
    if !c.tags.is_empty() {
        meta.push(tag_list(&c.tags));
    }
    if !meta.is_empty() {
        out += &format!("{}\n", meta.join("  ·  "));
    }
    out.push('\n');
    if !c.body.is_empty() {
        out += &visible(&c.body);
        if !c.body.ends_with('\n') {
            out.push('\n');
        }
    }
    for a in &c.answers {
        out += &format!(
            "\n{}\n{}\n",
            st.bold(&visible_line(&a.stage)),
            visible(&a.answer)
        );
    }
    if !c.sensations.is_empty() {
        out += &format!("\n{}\n", st.bold("Body"));
        for s in &c.sensations {
            out += &format!("  {}\n", visible_line(&s.describe()));
        }
    }
    if !c.emotions.is_empty() {
        let words: Vec<String> = c
            .emotions
            .iter()
            .map(|em| visible_line(&em.describe()).into_owned())
            .collect();
        out += &format!("\n{} {}\n", st.bold("Emotions:"), words.join(", "));
    }
    if let Some(s) = &c.supervision {
        out += &format!("\n{}\n", st.bold("Supervision"));
        let mut line = Vec::new();
        if let Some(d) = s.held_on {
            line.push(format!("held {d}"));
        }
        if let Some(p) = &s.supervisor {
            line.push(format!("with {}", visible_line(p)));
        }
        if let Some(t) = &s.session_type {
            line.push(format!("({})", visible_line(t)));
        }
        if !line.is_empty() {
            out += &format!("  {}\n", line.join(" "));
        }
        for a in &s.agenda {
            out += &format!("  agenda: {}\n", visible_line(&a.text));
        }
        for d in &s.decisions {
            out += &format!("  decision: {}\n", visible_line(d));
        }
        for a in &s.actions {
            let mut l = format!("  action [{}]: {}", a.status, visible_line(&a.text));
            if let Some(o) = &a.owner {
                l += &format!(" (who: {})", visible_line(o));
            }
            if let Some(d) = a.due_on {
                l += &format!(" (due {d})");
            }
            out += &l;
            out.push('\n');
        }
    }
    out
}
