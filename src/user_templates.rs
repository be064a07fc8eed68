//! The user's own reflective models, read from their templates folder: every `*.toml` file,
//! each within a size bound. Parsing and checking them is `domain::templates`' (pure); this
//! module is the file reading the pure domain does not do.

use std::path::Path;

use crate::domain::templates::{self, Template};

/// The largest template file read (a template is a few kilobytes).
pub const MAX_TEMPLATE_BYTES: usize = 1 << 20;

/// Read every `*.toml` in `dir` as a template, in file-name order: the templates that are
/// valid, and one line for each file that is not (file, line, problem). A missing folder
/// has none of either.
pub fn load_dir(dir: &Path) -> (Vec<Template>, Vec<String>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut files: Vec<std::path::PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    for file in files {
        let shown = file.display().to_string();
        let read = crate::bounded::read(&file, MAX_TEMPLATE_BYTES, crate::bounded::wait());
        match read.map(|bytes| String::from_utf8(bytes.to_vec())) {
            Ok(Ok(text)) => match templates::parse(&shown, &text) {
                Ok(t) => found.push(t),
                Err(why) => problems.push(why),
            },
            Ok(Err(_)) => problems.push(format!("{shown}: cannot be read (it is not UTF-8 text)")),
            Err(e) => problems.push(format!("{shown}: cannot be read ({e})")),
        }
    }
    (found, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_templates_add_and_override_and_broken_ones_are_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let own = "id = \"placement\"\nname = \"Placement log\"\ncitation = \"My university\"\n[[stages]]\nkey = \"event\"\ntitle = \"Event\"\nprompts = [\"What happened?\"]\nmaps_to = \"description\"\n";
        let gibbs = "id = \"gibbs\"\nname = \"Gibbs, our way\"\ncitation = \"Gibbs 1988\"\n[[stages]]\nkey = \"description\"\ntitle = \"Description\"\nprompts = [\"What happened?\"]\n";
        std::fs::write(dir.path().join("placement.toml"), own).expect("write");
        std::fs::write(dir.path().join("gibbs.toml"), gibbs).expect("write");
        std::fs::write(dir.path().join("broken.toml"), "id = ").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not a template").expect("write");
        let (found, problems) = load_dir(dir.path());
        assert_eq!(found.len(), 2);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("broken.toml: line 1"), "{problems:?}");
        let all = templates::merged(found);
        assert_eq!(all[0].name, "Gibbs, our way", "an override keeps its place");
        assert_eq!(all.last().map(|t| t.id.as_str()), Some("placement"));
        assert_eq!(all.len(), templates::shipped().len() + 1);
        assert_eq!(load_dir(&dir.path().join("none")), (Vec::new(), Vec::new()));
    }
}
