//! Properties of the guard: any spelling of a found identifier that folds to the same is
//! found (separators, full-width characters, look-alike letters, invisible characters,
//! case, apostrophes, diacritics on names); redaction leaves nothing to find; every hit's
//! span lies on the original text's character boundaries and is the text it reports.

use proptest::prelude::*;

use super::*;

/// A guard whose list holds "Jane Doe", "Kai", "Zoë" and "O'Brien".
fn guard_with_names() -> Guard {
    let key = [3; 32];
    let listed = [
        ("Jane Doe", "the mother"),
        ("kai", "Child A"),
        ("ZOË", "the sister"),
        ("O'Brien", "the father"),
    ]
    .iter()
    .filter_map(|(n, r)| names::listed(&key, n, r))
    .collect();
    Guard {
        names: names::NameList::new(&key, listed),
    }
}

/// Identifiers the guard finds, their kind, and what may stand for each space in them.
const IDENTIFIERS: &[(&str, HitKind, &[&str])] = &[
    (
        "943 476 5919",
        HitKind::NhsNumber,
        &[" ", "", ".", "/", "-", "  ", " - "],
    ),
    (
        "AB 12 34 56 C",
        HitKind::NiNumber,
        &[" ", "", ".", "/", "-", "  "],
    ),
    ("JG 10 37 59 A", HitKind::NiNumber, &[" ", "", "-", "  "]),
    ("SW1A 1AA", HitKind::Postcode, &[" ", "", "   "]),
    ("EC1A 1BB", HitKind::Postcode, &[" ", "  "]),
    ("07700 900123", HitKind::Phone, &[" ", "", ".", "-", "  "]),
    ("020 7946 0958", HitKind::Phone, &[" ", "", ".", "-", "  "]),
    ("someone@example.com", HitKind::Email, &[" "]),
    ("Mrs Smith", HitKind::TitledName, &[" ", "  ", ". "]),
    ("Dr Patel", HitKind::TitledName, &[" ", ". "]),
];

/// Names on [`guard_with_names`]'s list, as written in text, and what may stand for a space.
const NAMES: &[(&str, &[&str])] = &[
    ("Jane Doe", &[" ", "  ", "-", "\u{2010}"]),
    ("Kai", &[" "]),
    ("Zoë", &[" "]),
    ("O'Brien", &[" "]),
];

const INVISIBLE: [char; 6] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
];

/// A Cyrillic letter drawn like `c`, if there is one.
fn look_alike(c: char) -> Option<char> {
    let pairs = [
        ('A', 'А'),
        ('B', 'В'),
        ('C', 'С'),
        ('E', 'Е'),
        ('H', 'Н'),
        ('K', 'К'),
        ('M', 'М'),
        ('O', 'О'),
        ('P', 'Р'),
        ('T', 'Т'),
        ('X', 'Х'),
        ('S', 'Ѕ'),
        ('I', 'І'),
        ('J', 'Ј'),
        ('a', 'а'),
        ('c', 'с'),
        ('e', 'е'),
        ('o', 'о'),
        ('p', 'р'),
        ('x', 'х'),
        ('y', 'у'),
        ('i', 'і'),
        ('j', 'ј'),
        ('s', 'ѕ'),
    ];
    pairs.iter().find(|(l, _)| *l == c).map(|(_, x)| *x)
}

/// How to spell an identifier: its case, a choice for each space, and for each character
/// how to write it and whether an invisible character goes before it.
#[derive(Clone, Debug)]
struct Spelling {
    case: u8,
    seps: Vec<usize>,
    chars: Vec<(u8, u8)>,
}

fn spelling() -> impl Strategy<Value = Spelling> {
    (
        0..3u8,
        proptest::collection::vec(0..8usize, 8),
        proptest::collection::vec((0..5u8, 0..12u8), 40),
    )
        .prop_map(|(case, seps, chars)| Spelling { case, seps, chars })
}

/// `id` spelt another way that the guard must read as the same; `names` allows what only
/// the names list folds (diacritics, any case of every letter).
fn respell(id: &str, seps: &[&str], s: &Spelling, names: bool) -> String {
    let cased = match s.case {
        1 => id.to_lowercase(),
        2 => id.to_uppercase(),
        _ => id.to_string(),
    };
    let mut spaced = String::new();
    let mut k = 0;
    for c in cased.chars() {
        match c {
            ' ' => {
                spaced.push_str(seps[s.seps[k % s.seps.len()] % seps.len()]);
                k += 1;
            }
            '@' => spaced.push_str(["@", "(at)", " [at] ", "\u{FF20}"][s.seps[0] % 4]),
            '\'' => spaced.push(['\'', '\u{2019}', '\u{2BC}'][s.seps[1] % 3]),
            'ë' | 'Ë' => spaced.push_str(["ë", "e\u{308}", "e"][s.seps[2] % 3]),
            c => spaced.push(c),
        }
    }
    let mut out = String::new();
    for (i, c) in spaced.chars().enumerate() {
        let (how, invisible) = s.chars[i % s.chars.len()];
        if let Some(z) = INVISIBLE.get(invisible as usize) {
            out.push(*z);
        }
        match how {
            1 if c.is_ascii_graphic() => {
                out.push(char::from_u32(c as u32 + 0xFEE0).unwrap_or(c));
            }
            2 => out.push(look_alike(c).unwrap_or(c)),
            3 if names && c.is_ascii_alphabetic() => {
                out.push(c);
                out.push('\u{301}');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Is everything of `text[outer]` outside `inner` invisible (or a combining mark)?
fn covers(text: &str, inner: &std::ops::Range<usize>, outer: std::ops::Range<usize>) -> bool {
    let rest = |s: &str| {
        s.chars()
            .all(|c| fold::invisible(c) || unicode_normalization::char::is_combining_mark(c))
    };
    outer.start <= inner.start
        && inner.end <= outer.end
        && rest(&text[outer.start..inner.start])
        && rest(&text[inner.end..outer.end])
}

/// Text with identifiers, spelt any way, mixed into words and punctuation.
fn risky_text() -> impl Strategy<Value = String> {
    let identifier = (0..IDENTIFIERS.len(), spelling())
        .prop_map(|(i, s)| respell(IDENTIFIERS[i].0, IDENTIFIERS[i].2, &s, false));
    let name =
        (0..NAMES.len(), spelling()).prop_map(|(i, s)| respell(NAMES[i].0, NAMES[i].1, &s, true));
    let pieces = prop_oneof![
        identifier,
        name,
        Just("DOB 12/03/1987".to_string()),
        Just("aged 15".to_string()),
        Just("14 Acacia Avenue".to_string()),
        Just("20461187".to_string()),
        Just("Jane Doe's".to_string()),
        "[a-z]{1,8}",
        "[0-9]{1,12}",
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("é 日本 ".to_string()),
        Just("\u{200B}".to_string()),
    ];
    proptest::collection::vec(pieces, 0..20).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn any_spelling_of_an_identifier_is_found(i in 0..IDENTIFIERS.len(), s in spelling()) {
        let (id, kind, seps) = IDENTIFIERS[i];
        let spelt = respell(id, seps, &s, false);
        let text = format!("seen {spelt} today");
        let hits = scan(&text);
        prop_assert_eq!(hits.len(), 1, "{:?}: {:?}", text, hits);
        prop_assert_eq!(hits[0].kind, kind, "{:?}", text);
        prop_assert!(covers(&text, &hits[0].span, 5..5 + spelt.len()), "{:?}: {:?}", text, hits);
    }

    #[test]
    fn any_spelling_of_a_listed_name_is_found(i in 0..NAMES.len(), s in spelling()) {
        let (name, seps) = NAMES[i];
        let spelt = respell(name, seps, &s, true);
        let text = format!("seen {spelt} today");
        let hits = guard_with_names().scan(&text);
        prop_assert_eq!(hits.len(), 1, "{:?}: {:?}", text, hits);
        prop_assert_eq!(hits[0].kind, HitKind::ListedName, "{:?}", text);
        prop_assert!(covers(&text, &hits[0].span, 5..5 + spelt.len()), "{:?}: {:?}", text, hits);
    }

    #[test]
    fn redacted_text_has_nothing_left_to_find(text in risky_text()) {
        let guard = guard_with_names();
        let (redacted, n) = guard.redact(&text);
        prop_assert_eq!(guard.scan(&redacted), Vec::<Hit>::new(), "{:?}", redacted);
        prop_assert_eq!(n, guard.scan(&text).len());
        let hits = scan(&text);
        prop_assert_eq!(scan(&redact(&text, &hits)), Vec::<Hit>::new(), "{:?}", text);
    }

    #[test]
    fn hits_lie_on_the_original_characters(
        text in prop_oneof![risky_text(), "\\PC{0,200}".prop_map(String::from)],
    ) {
        let guard = guard_with_names();
        for h in guard.scan(&text).iter().chain(scan(&text).iter()) {
            prop_assert!(h.span.start < h.span.end, "{:?}: {:?}", text, h);
            prop_assert!(text.is_char_boundary(h.span.start), "{:?}: {:?}", text, h);
            prop_assert!(text.is_char_boundary(h.span.end), "{:?}: {:?}", text, h);
            prop_assert_eq!(&text[h.span.clone()], h.text.as_str());
        }
    }
}
