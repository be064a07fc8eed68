//! Words that come after a title without being a surname: the titled-name detector's short
//! lists of what a practitioner's notes hold after "Dr", "Mr", "Ms" and the rest.

/// After a title in any case: characters ("Dr Who", "Mr Men", "Mr Tumble"), brands and
/// software ("Dr Martens", "MS Teams"), puns ("Ms Understanding"), multiple sclerosis
/// ("MS Nurse") and phrases ("Mr Right").
#[rustfmt::skip]
pub const NOT_SURNAMES: &[&str] = &[
    "who", "men", "understanding", "right", "nobody", "universe", "world", "motivator",
    "fixit", "blobby", "whippy", "kipling", "muscle", "sheen", "tumble", "maker", "big",
    "nice", "clean", "happy", "tickle", "bump", "greedy", "grumpy", "strong", "google",
    "pepper", "martens", "feelgood", "plod", "potato", "freeze", "piggy", "sunshine",
    "congeniality",
    "teams", "word", "excel", "office", "forms", "outlook", "windows", "paint", "access",
    "society", "nurse", "clinic", "diagnosis", "symptoms", "relapse", "team", "trust",
];

/// After a title, written in lower case: words of every sentence ("mr and mrs", "the dr
/// said") and what notes say a doctor did or was seen for ("the dr prescribed", "a dr
/// appointment").
#[rustfmt::skip]
pub const NOT_LOWER_SURNAMES: &[&str] = &[
    "a", "an", "and", "or", "but", "nor", "the", "to", "of", "in", "on", "at", "for", "with",
    "from", "by", "as", "is", "was", "were", "are", "be", "been", "has", "had", "have",
    "who", "which", "that", "this", "then", "than", "if", "so", "not", "no", "also", "will",
    "would", "can", "could", "should", "may", "might", "must", "did", "does", "do", "just",
    "said", "says", "told", "tells", "asked", "asks", "called", "calls", "rang", "came",
    "comes", "left", "saw", "sees", "seen", "thinks", "thought", "felt", "feels", "agreed",
    "agrees", "explained", "explains", "advised", "advises", "prescribed", "prescribes",
    "recommended", "recommends", "suggested", "suggests", "wanted", "wants", "needed",
    "needs", "confirmed", "reported", "arrived", "visited", "examined", "referred", "noted",
    "mentioned", "gave", "gives", "went", "goes", "wrote", "writes", "phoned", "checked",
    "appointment", "appointments", "visit", "visits", "surgery", "letter", "letters",
    "note", "notes", "office", "practice", "referral", "report", "review", "receptionist",
    "symptoms", "diagnosis", "nurse", "clinic", "relapse", "fatigue", "medication",
];
