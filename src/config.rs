//! Settings from `config.toml`. Filled in by the terminal-interface work; the core has no settings yet.
