//! Reading the small files a person names (the passphrase file, the settings, templates)
//! within bounds: at most so many bytes (a passphrase file's first line only), so `/dev/zero`
//! or a huge file is refused at once in little memory; and without blocking forever, so a
//! FIFO that nobody writes to ends in a clear message after a wait. A pipe given as
//! `/dev/fd/N` reads as before.
//!
//! On Unix the file is opened non-blocking (opening a FIFO waits for a writer otherwise) and
//! each read waits with poll(2) until data, end of file or the deadline. Elsewhere the read
//! is bounded in size only.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

/// Overrides how long to wait for a file that has nothing to read yet (a FIFO), in
/// milliseconds; for scripts and tests.
pub const WAIT_ENV: &str = "DEBRIEF_READ_WAIT_MS";

/// How long to wait by default: time for a password manager to ask and answer.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// How long to wait here: [`WAIT_ENV`] or [`DEFAULT_WAIT`].
pub fn wait() -> Duration {
    std::env::var(WAIT_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(DEFAULT_WAIT, Duration::from_millis)
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// More than `max` bytes (of the first line, when reading a line).
    TooLarge {
        max: usize,
    },
    /// Nothing (or no end) came within `waited`.
    TimedOut {
        waited: Duration,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge { max } => write!(f, "it is longer than {}", size(*max)),
            ReadError::TimedOut { waited } => write!(
                f,
                "nothing came from it in {} (a FIFO or pipe that nobody writes to?)",
                match waited.as_millis() {
                    ms @ 0..1000 => format!("{ms} ms"),
                    ms if ms % 1000 == 0 => format!("{} s", ms / 1000),
                    _ => format!("{:.1} s", waited.as_secs_f64()),
                }
            ),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// `1 KiB`, `1 MiB`, or bytes.
fn size(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// The whole of `path`, at most `max` bytes, waiting at most `wait` for it.
pub fn read(path: &Path, max: usize, wait: Duration) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    let mut acc = Zeroizing::new(Vec::new());
    read_into(path, &mut acc, max + 1, wait, |_| false)?;
    if acc.len() > max {
        return Err(ReadError::TooLarge { max });
    }
    Ok(acc)
}

/// The first line of `path` (without its `\n` or `\r\n`), at most `max` bytes; the rest of
/// the file is not read.
pub fn first_line(
    path: &Path,
    max: usize,
    wait: Duration,
) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    let mut acc = Zeroizing::new(Vec::new());
    // A line of `max` bytes, a `\r` and its `\n` fit in `max + 2`.
    read_into(path, &mut acc, max + 2, wait, |got| got.contains(&b'\n'))?;
    let end = acc.iter().position(|&b| b == b'\n').unwrap_or(acc.len());
    let line = acc[..end].strip_suffix(b"\r").unwrap_or(&acc[..end]);
    if line.len() > max {
        return Err(ReadError::TooLarge { max });
    }
    Ok(Zeroizing::new(line.to_vec()))
}

/// Append what `path` holds to `acc` until end of file, `enough(acc)`, or `cap` bytes.
fn read_into(
    path: &Path,
    acc: &mut Vec<u8>,
    cap: usize,
    wait: Duration,
    enough: impl Fn(&[u8]) -> bool,
) -> Result<(), ReadError> {
    let mut file = open(path)?;
    let deadline = Instant::now() + wait;
    let mut chunk = Zeroizing::new([0u8; 4096]);
    while acc.len() < cap && !enough(acc) {
        ready(&file, deadline, wait)?;
        let room = (cap - acc.len()).min(chunk.len());
        match file.read(&mut chunk[..room]) {
            Ok(0) => break,
            Ok(n) => acc.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

#[cfg(unix)]
fn open(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Wait until `file` can be read (data or its end), or fail at `deadline`.
#[cfg(unix)]
fn ready(file: &std::fs::File, deadline: Instant, wait: Duration) -> Result<(), ReadError> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ReadError::TimedOut { waited: wait });
        }
        let mut fds = [PollFd::new(file, PollFlags::IN)];
        let timeout = Timespec {
            tv_sec: left.as_secs() as _,
            tv_nsec: left.subsec_nanos() as _,
        };
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => continue,
            Ok(_) => return Ok(()),
            Err(e) => return Err(ReadError::Io(e.into())),
        }
    }
}

#[cfg(not(unix))]
fn ready(_: &std::fs::File, _: Instant, _: Duration) -> Result<(), ReadError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHORT: Duration = Duration::from_millis(50);

    #[test]
    fn a_first_line_is_read_alone_and_only_up_to_its_bound() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("p");
        std::fs::write(&path, "correct horse\r\nsecond\n").expect("write");
        assert_eq!(
            &first_line(&path, 1024, SHORT).expect("line")[..],
            b"correct horse"
        );
        std::fs::write(&path, "x".repeat(1024)).expect("write");
        assert_eq!(first_line(&path, 1024, SHORT).expect("line").len(), 1024);
        std::fs::write(&path, format!("{}\r\n", "x".repeat(1024))).expect("write");
        assert_eq!(first_line(&path, 1024, SHORT).expect("line").len(), 1024);
        std::fs::write(&path, "x".repeat(1025)).expect("write");
        assert!(matches!(
            first_line(&path, 1024, SHORT),
            Err(ReadError::TooLarge { max: 1024 })
        ));
    }

    #[test]
    fn a_whole_file_is_refused_past_its_bound() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c");
        std::fs::write(&path, "a = 1\n").expect("write");
        assert_eq!(&read(&path, 6, SHORT).expect("read")[..], b"a = 1\n");
        let e = read(&path, 5, SHORT).expect_err("too large");
        assert_eq!(e.to_string(), "it is longer than 5 bytes");
        assert_eq!(size(1 << 20), "1 MiB");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn endless_files_are_refused_at_once() {
        let zero = Path::new("/dev/zero");
        assert!(matches!(
            first_line(zero, 1024, SHORT),
            Err(ReadError::TooLarge { .. })
        ));
        assert!(matches!(
            read(zero, 1 << 20, SHORT),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
