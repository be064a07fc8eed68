//! The command line: argument definitions (clap) and one file per subcommand. Each command
//! turns raw flags into validated domain values, calls the core, and prints the result
//! through [`output`]. Errors are the core's typed [`crate::Error`]s; the binary maps them to
//! exit codes.

mod add;
mod backup;
pub(crate) mod check;
mod checkin;
mod config;
mod cpd;
mod delete;
mod docs;
mod edit;
mod encryption;
mod filters;
mod flags;
mod learn;
mod list;
mod names;
mod output;
mod paths;
mod rescued;
mod review;
mod saved;
mod search;
mod show;
mod supervision;
mod tags;
mod templates;
mod transfer;
mod trends;
mod vocab;

use std::path::PathBuf;
use std::str::FromStr;

use clap::{Parser, Subcommand};

use crate::present::color::ColorChoice;
use crate::session::Session;

/// debrief: a private reflective-practice journal for the terminal.
///
/// Run without a command to open the journal in the terminal interface.
#[derive(Debug, Parser)]
#[command(
    name = "debrief",
    version,
    about,
    long_about = None,
    max_term_width = 100,
    after_help = EXAMPLES
)]
pub struct Cli {
    /// The journal file (default: your data folder; see `debrief paths`).
    #[arg(
        long,
        global = true,
        env = crate::paths::DB_ENV,
        value_name = "PATH",
        help_heading = "Global options",
        hide_env_values = true
    )]
    pub db: Option<PathBuf>,

    /// The settings file (default: your config folder; see `debrief paths`).
    #[arg(
        long,
        global = true,
        env = crate::paths::CONFIG_ENV,
        value_name = "PATH",
        help_heading = "Global options",
        hide_env_values = true
    )]
    pub config: Option<PathBuf>,

    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        value_parser = ColorChoice::from_str,
        help_heading = "Global options"
    )]
    pub color: ColorChoice,

    /// A file whose first line is the passphrase of an encrypted journal (`/dev/fd/3` for a
    /// file descriptor). Without it, debrief asks on the terminal.
    #[arg(
        long,
        global = true,
        env = crate::secret::PASSPHRASE_FILE_ENV,
        value_name = "FILE",
        help_heading = "Global options",
        hide_env_values = true
    )]
    pub passphrase_file: Option<PathBuf>,

    /// Without a command: print the newest N entries instead of opening the journal.
    #[arg(short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  debrief                                   open the journal (in a terminal)
  debrief add \"Visit ran long #home-visit\" --stress 7
  echo \"a thought\" | debrief                a new entry from a pipe
  debrief list --since \"last monday\" --tag court
  debrief search \"boundar* kind:checkin\"
  debrief show 12";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new entry (from the arguments, `-` for standard input, or your editor).
    #[command(after_help = "Examples:
  debrief add \"Visit ran long; I held the boundary #home-visit\" --stress 7
  debrief add --kind checkin --stress 5 --sensation shoulders:tight:2 --emotion worried:2
  debrief add \"yesterday: the visit went well\"     dated yesterday, as in jrnl
  debrief add                                      opens $VISUAL or $EDITOR")]
    Add(add::AddArgs),
    /// A body check-in: stress, energy, where it sits in the body, emotions, context.
    #[command(after_help = "Examples:
  debrief checkin --stress 6 --energy 4 --body chest:tight --body shoulders:tense:3 \\
                  --emotion anxious:2 --context home-visit --flag lone-late
  debrief checkin --stress 3 --note \"calmer after the walk\" --at \"yesterday 17:30\"
  debrief vocab regions                       the words it accepts")]
    Checkin(checkin::CheckinArgs),
    /// Log what helps: sleep, a break, movement, or that nothing was possible today.
    #[command(after_help = "Examples:
  debrief log sleep 6.5 --quality 4 --at \"this morning\"
  debrief log break 15
  debrief log move lunchtime-walk 20
  debrief log none")]
    Log(checkin::LogArgs),
    /// Record a learning activity (article, podcast, course, ...) and what you learned.
    #[command(after_help = "Examples:
  debrief learn \"Moving Social Work podcast\" --type podcast --minutes 40 --link URL
  debrief learn \"Trauma-informed practice\" --type course --minutes 3h \\
               --learned \"...\" --practice \"...\" --benefits \"...\"
  debrief learn \"Conversation with a parent\" --type conversation --reflect
  debrief list --kind learning")]
    Learn(learn::LearnArgs),
    /// A review that asks about your own recent entries: after-visit, week, month or
    /// supervision.
    #[command(after_help = "Examples:
  debrief review week                the last 7 days: a summary and questions quoting you
  debrief review supervision         everything since the last supervision note
  debrief review month --json")]
    Review(review::ReviewArgs),
    /// CPD records for your registration: make one from a reflection or learning activity,
    /// see the year's status, list what was made.
    #[command(after_help = "Examples:
  debrief cpd 12                       entry 12 as a CPD record, ready to paste
  debrief cpd 12 --peer \"...\" --markdown -o cpd-12.md
  debrief cpd status                   deadline, days left, records made, the requirement
  debrief cpd list --year 2026         records of the year ending 30 November 2026")]
    Cpd(cpd::CpdArgs),
    /// Supervision: record a session, follow its actions, keep the next agenda, prepare.
    #[command(after_help = "Examples:
  debrief supervision add --editor                  a session on a page in your editor
  debrief supervision actions --overdue             what is past its date
  debrief supervision action 7 done
  debrief supervision agenda add \"a second view on the Jones case\" --function management
  debrief supervision prep -o prep.md               the pack for next time")]
    Supervision(supervision::SupervisionArgs),
    /// Stress over time, by weekday and hour, kind of work, the body, and stress with and without a break.
    #[command(after_help = "Examples:
  debrief trends                      the last three months
  debrief trends --range 1y
  debrief trends --since 2026-09-01 --until 2026-09-30 --json")]
    Trends(trends::TrendsArgs),
    /// Write entries to a bundle that `debrief import` reads back (all, or those filtered).
    #[command(after_help = "Examples:
  debrief export -o journal.json                  every entry, the trash included
  debrief export --since 2026-09-01 --kind checkin > autumn.json")]
    Export(transfer::ExportArgs),
    /// Bring in a bundle from `debrief export` (entries matched by UUID; newer ones win).
    #[command(after_help = "Examples:
  debrief import journal.json --dry-run           what would be added, updated, skipped
  debrief import journal.json")]
    Import(transfer::ImportArgs),
    /// Back up the journal, list the backups, check one, or restore one.
    #[command(after_help = "Examples:
  debrief backup                         a copy in the backups folder
  debrief backup /media/usb/             a copy on a USB stick
  debrief backup --list
  debrief backup --verify /media/usb/debrief-20261123T180500.000Z-manual.db
  debrief backup --restore PATH          asks first; the journal is backed up before")]
    Backup(backup::BackupArgs),
    /// Encrypt the journal with a passphrase (SQLCipher): the whole file, search index included.
    #[command(after_help = "Examples:
  debrief encrypt                              asks for the new passphrase twice
  debrief --passphrase-file ~/.debrief-pass encrypt
  debrief encrypt --remove-plain-backups       also wipes the plain backups debrief kept")]
    Encrypt(encryption::EncryptArgs),
    /// Write an encrypted journal back as a plain one (asks first).
    Decrypt(encryption::DecryptArgs),
    /// Change the passphrase of an encrypted journal.
    #[command(after_help = "Examples:
  debrief passphrase                           asks for the current one, then the new one twice
  debrief --passphrase-file old.txt passphrase --new-passphrase-file new.txt")]
    Passphrase(encryption::PassphraseArgs),
    /// List the files holding text the journal could not take, or print one (decrypting it).
    #[command(after_help = "Examples:
  debrief rescued                                      the rescue files, newest first
  debrief rescued ~/.local/share/debrief/debrief-unsaved-20261204T101500.encrypted")]
    Rescued(rescued::RescuedArgs),
    /// Look for details that could identify someone (NHS numbers, postcodes, names, ...).
    #[command(
        after_help = "Examples:
  debrief check 12            one entry
  debrief check --all         every entry, the trash included
  debrief check --all --json",
        override_usage = "debrief check <ID|--all> [--json]"
    )]
    Check(check::CheckArgs),
    /// Names never to write (kept only as keyed hashes), each with a role to write instead.
    #[command(after_help = "Examples:
  debrief names                                   the list: roles, never names
  debrief names add --as \"the mother\"            asks for the name (not in shell history)
  debrief names add --as \"Child A\" < names.txt   one name a line
  debrief names remove 3")]
    Names(names::NamesArgs),
    /// List the reflective models (shipped and your own), or show one in full.
    #[command(after_help = "Examples:
  debrief templates                 every model, with yours marked
  debrief templates show gibbs      stages, prompts and the CPD field each feeds
  debrief templates --json")]
    Templates(templates::TemplatesArgs),
    /// List the words check-ins and the recovery log accept (yours from the settings too).
    Vocab(vocab::VocabArgs),
    /// List entries, newest first.
    #[command(after_help = "Examples:
  debrief list -n 50 --since \"last monday\" --tag home-visit --min-stress 6
  debrief list --on yesterday --tag court --or --tag home
  debrief list --kind checkin --json")]
    List(list::ListArgs),
    /// Full-text search, best match first.
    #[command(after_help = "Examples:
  debrief search boundar*                   a prefix
  debrief search tense kind:checkin stress>=6 since:last-monday
  debrief search -- -dash                   a word that begins with a dash")]
    Search(search::SearchArgs),
    /// Show one entry in full.
    Show(show::ShowArgs),
    /// Edit an entry's text in your editor.
    Edit(edit::EditArgs),
    /// Move an entry to the trash (or delete it for good with --purge).
    Delete(delete::DeleteArgs),
    /// Bring an entry back from the trash.
    Restore(delete::RestoreArgs),
    /// List tags with how many entries carry each.
    Tags(tags::TagsArgs),
    /// Show where the journal, settings, backups and log live.
    Paths(paths::PathsArgs),
    /// Check the settings file, or write (--init) or print (--default) the default one.
    Config(config::ConfigArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions(docs::CompletionsArgs),
    /// Print the manual page (roff).
    Man,
}

/// Run a parsed command. `None` (no command) is handled by the caller.
pub fn run(session: &Session, command: Command) -> crate::Result<()> {
    output::set_colour(painter(session).color);
    let own_use = matches!(
        command,
        Command::Encrypt(_)
            | Command::Decrypt(_)
            | Command::Passphrase(_)
            | Command::Backup(_)
            | Command::Rescued(_)
            | Command::Completions(_)
            | Command::Man
    );
    // Every command that concerns the journal first removes what an interrupted encrypt or
    // decrypt left beside it (said after the command).
    if !matches!(
        command,
        Command::Completions(_) | Command::Man | Command::Config(_)
    ) {
        session.tidy_leftovers();
    }
    let result = match command {
        Command::Add(a) => add::run(session, a),
        Command::Checkin(a) => checkin::checkin(session, a),
        Command::Log(a) => checkin::log(session, a),
        Command::Vocab(a) => vocab::run(session, a),
        Command::Templates(a) => templates::run(session, a),
        Command::Learn(a) => learn::run(session, a),
        Command::Review(a) => review::run(session, a),
        Command::Cpd(a) => cpd::run(session, a),
        Command::Supervision(a) => supervision::run(session, a),
        Command::Trends(a) => trends::run(session, a),
        Command::Check(a) => check::run(session, a),
        Command::Names(a) => names::run(session, a),
        Command::Backup(a) => backup::run(session, a),
        Command::Rescued(a) => rescued::run(session, a),
        Command::Encrypt(a) => encryption::encrypt(session, a),
        Command::Decrypt(a) => encryption::decrypt(session, a),
        Command::Passphrase(a) => encryption::passphrase(session, a),
        Command::Export(a) => transfer::export(session, a),
        Command::Import(a) => transfer::import(session, a),
        Command::List(a) => list::run(session, a),
        Command::Search(a) => search::run(session, a),
        Command::Show(a) => show::run(session, a),
        Command::Edit(a) => edit::run(session, a),
        Command::Delete(a) => delete::run(session, a),
        Command::Restore(a) => delete::restore(session, a),
        Command::Tags(a) => tags::run(session, a),
        Command::Paths(a) => paths::run(session, a),
        Command::Config(a) => config::run(session, a),
        Command::Completions(a) => docs::completions(a),
        Command::Man => docs::man(),
    };
    // After the command: a journal encrypted meanwhile (by `encrypt` in another window,
    // while this one waited) did use the passphrase.
    if !own_use {
        note_unused_passphrase(session);
    }
    say_leftovers(session);
    result
}

/// What an interrupted encrypt or decrypt left and opening the journal removed (or could
/// not), one line each on standard error.
fn say_leftovers(session: &Session) {
    for line in session.leftover_lines() {
        eprintln!("debrief: {}", crate::text::visible_line(&line));
    }
}

/// A passphrase file given for a journal that is not encrypted is not used: said once on
/// standard error, after the command, so nobody takes a plain journal for an encrypted one.
fn note_unused_passphrase(session: &Session) {
    let journal = &session.paths.journal;
    if session.passphrase_file.is_some() && crate::storage::cipher::looks_plain(journal) {
        output::note(format_args!(
            "debrief: note: {} is not encrypted, so the passphrase file was not used (`debrief encrypt` encrypts it)",
            journal.display()
        ));
    }
}

/// Bare `debrief` outside a terminal: text piped in becomes a new entry (as in jrnl);
/// otherwise the newest `limit` entries (10 by default) are printed.
pub fn bare(session: &Session, limit: Option<usize>, piped: bool) -> crate::Result<()> {
    output::set_colour(painter(session).color);
    let result = (|| {
        if piped && limit.is_none() {
            if add::from_stdin(session)? {
                return Ok(());
            }
            eprintln!("debrief: standard input was empty, so nothing was saved");
        }
        list::run(session, list::ListArgs::recent(limit.unwrap_or(10)))
    })();
    note_unused_passphrase(session);
    say_leftovers(session);
    result
}

/// Whether standard output gets colour in this session.
fn painter(session: &Session) -> output::Painter {
    use std::io::IsTerminal;
    output::Painter {
        color: session
            .color
            .use_color_here(std::io::stdout().is_terminal()),
    }
}
