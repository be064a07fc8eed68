//! Ctrl-C, SIGTERM and SIGHUP while `encrypt` or `decrypt` changes the journal's files: in
//! that window a signal does not end the process. Before the new journal is in place it
//! stops the copy (SQLite's interrupt) and the change is undone; after, the change is
//! finished. Outside the window the signals do what they always do. (Windows: no window;
//! the record of leftovers covers an interrupted run there.)

/// Watches for the signals while one change of the files runs; dropped, the window ends.
pub(super) struct Watch {
    #[cfg(unix)]
    inner: Option<unix::Inner>,
}

impl Watch {
    /// Open the window; `sqlite` is interrupted when a signal comes before [`Watch::finishing`].
    pub fn start(sqlite: rusqlite::InterruptHandle) -> Watch {
        #[cfg(unix)]
        {
            Watch {
                inner: unix::Inner::start(sqlite),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = sqlite;
            Watch {}
        }
    }

    /// Whether a signal came since the window opened.
    pub fn interrupted(&self) -> bool {
        #[cfg(unix)]
        {
            self.inner.as_ref().is_some_and(unix::Inner::interrupted)
        }
        #[cfg(not(unix))]
        false
    }

    /// From now on the change is finished, whatever comes: SQLite is not interrupted any more.
    pub fn finishing(&self) {
        #[cfg(unix)]
        if let Some(inner) = &self.inner {
            inner.finishing();
        }
    }
}

#[cfg(unix)]
mod unix {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::thread::JoinHandle;
    use std::time::Duration;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    /// Registered once a process: `seen` is set by each signal; while `outside` is true the
    /// signal's default action runs as well (the process ends as usual).
    struct Shared {
        seen: Arc<AtomicBool>,
        outside: Arc<AtomicBool>,
    }

    static SHARED: OnceLock<Option<Shared>> = OnceLock::new();

    fn shared() -> Option<&'static Shared> {
        SHARED
            .get_or_init(|| {
                let seen = Arc::new(AtomicBool::new(false));
                let outside = Arc::new(AtomicBool::new(true));
                for signal in [SIGINT, SIGTERM, SIGHUP] {
                    signal_hook::flag::register_conditional_default(signal, Arc::clone(&outside))
                        .ok()?;
                    signal_hook::flag::register(signal, Arc::clone(&seen)).ok()?;
                }
                Some(Shared { seen, outside })
            })
            .as_ref()
    }

    pub(super) struct Inner {
        shared: &'static Shared,
        finishing: Arc<AtomicBool>,
        done: Arc<AtomicBool>,
        thread: Option<JoinHandle<()>>,
    }

    impl Inner {
        pub fn start(sqlite: rusqlite::InterruptHandle) -> Option<Inner> {
            let shared = shared()?;
            shared.seen.store(false, Ordering::SeqCst);
            shared.outside.store(false, Ordering::SeqCst);
            let finishing = Arc::new(AtomicBool::new(false));
            let done = Arc::new(AtomicBool::new(false));
            let (f, d, seen) = (
                Arc::clone(&finishing),
                Arc::clone(&done),
                Arc::clone(&shared.seen),
            );
            // A long copy is stopped from here: SQLite's interrupt is not for a signal handler.
            let thread = std::thread::spawn(move || {
                while !d.load(Ordering::SeqCst) {
                    if seen.load(Ordering::SeqCst) && !f.load(Ordering::SeqCst) {
                        sqlite.interrupt();
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            });
            Some(Inner {
                shared,
                finishing,
                done,
                thread: Some(thread),
            })
        }

        pub fn interrupted(&self) -> bool {
            self.shared.seen.load(Ordering::SeqCst)
        }

        pub fn finishing(&self) {
            self.finishing.store(true, Ordering::SeqCst);
        }
    }

    impl Drop for Inner {
        fn drop(&mut self) {
            self.done.store(true, Ordering::SeqCst);
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
            self.shared.outside.store(true, Ordering::SeqCst);
        }
    }
}
