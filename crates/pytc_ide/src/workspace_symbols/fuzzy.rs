//! Fuzzy matching of a typed query against symbol names, as editors' "go to symbol" boxes
//! expect: the query's characters in order, ignoring case, with matches at word starts
//! (`gth` in `get_type_hints`, `TH` in `TypeHints`) and whole prefixes ranked first.

/// A query, lower-cased once for all the names it is matched against.
pub(crate) struct Query {
    text: String,
    lower: Vec<char>,
}

impl Query {
    pub(crate) fn new(text: &str) -> Self {
        Self { text: text.to_string(), lower: text.chars().map(lowered).collect() }
    }

    /// How well the query matches `name`: `None` when its characters do not all appear in
    /// `name` in order (ignoring case); higher is better. An empty query matches everything.
    pub(crate) fn score(&self, name: &str) -> Option<u32> {
        let query = self.text.as_str();
        if query.is_empty() {
            return Some(0);
        }
        if query.len() > name.len() {
            return None;
        }
        if name == query {
            return Some(3000);
        }
        if name.eq_ignore_ascii_case(query) {
            return Some(2900);
        }
        if starts_with_ignoring_case(name, query) {
            return Some(2000);
        }
        if let Some(at) = find_ignoring_case(name, query) {
            let at_boundary = is_word_start(name, at);
            return Some(if at_boundary { 1500 } else { 1000 } - penalty(at));
        }
        subsequence_score(&self.lower, name)
    }
}

/// Where `needle` first occurs in `haystack`, ignoring case (without allocating for ASCII).
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    if haystack.is_ascii() && needle.is_ascii() {
        let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
        return haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle));
    }
    // Lower-casing can change lengths (`İ`): a position that is not a boundary of the
    // original name is no match rather than a wrong place.
    haystack.to_lowercase().find(&needle.to_lowercase()).filter(|&at| haystack.is_char_boundary(at))
}

fn starts_with_ignoring_case(name: &str, prefix: &str) -> bool {
    name.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn penalty(count: usize) -> u32 {
    u32::try_from(count.min(200)).unwrap_or(200)
}

/// The query as a subsequence of the name: word starts it lands on count for, characters
/// skipped between matches count against. Each query character takes the next word start
/// that has it when one comes before the next plain occurrence would end the match early.
fn subsequence_score(query: &[char], name: &str) -> Option<u32> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut position = 0;
    let mut word_starts = 0u32;
    let mut skipped = 0usize;
    for (at, &wanted) in query.iter().enumerate() {
        let found = (position..chars.len()).find(|&index| lowered(chars[index].1) == wanted)?;
        let at_word_start = (found..chars.len())
            .find(|&index| lowered(chars[index].1) == wanted && is_word_start(name, chars[index].0))
            .filter(|&index| index == found || rest_fits(&chars, index + 1, &query[at + 1..]));
        let chosen = at_word_start.unwrap_or(found);
        if at_word_start.is_some() {
            word_starts += 1;
        }
        skipped += chosen - position;
        position = chosen + 1;
    }
    Some((500 + word_starts * 60).saturating_sub(penalty(skipped)))
}

/// Whether the rest of the query still matches from `from` on: jumping ahead to a word
/// start must not lose the match.
fn rest_fits(chars: &[(usize, char)], from: usize, rest: &[char]) -> bool {
    let mut position = from;
    for &wanted in rest {
        match (position..chars.len()).find(|&index| lowered(chars[index].1) == wanted) {
            Some(found) => position = found + 1,
            None => return false,
        }
    }
    true
}

fn lowered(ch: char) -> char {
    ch.to_lowercase().next().unwrap_or(ch)
}

/// Whether a word starts at byte `at` of `name`: the first character, one after `_`, or a
/// capital after a lower-case letter or digit.
fn is_word_start(name: &str, at: usize) -> bool {
    let Some(previous) = name[..at].chars().next_back() else { return true };
    let Some(current) = name[at..].chars().next() else { return false };
    previous == '_' && current != '_' || current.is_uppercase() && (previous.is_lowercase() || previous.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn match_score(query: &str, name: &str) -> Option<u32> {
        Query::new(query).score(name)
    }

    #[test]
    fn the_query_must_appear_in_order() {
        assert_eq!(match_score("xyz", "get_type_hints"), None);
        assert_eq!(match_score("sth", "get_type_hints"), None);
        assert_eq!(match_score("longer_than_the_name", "name"), None);
        assert!(match_score("gth", "get_type_hints").is_some());
        assert_eq!(match_score("", "anything"), Some(0));
    }

    #[test]
    fn names_that_are_not_ascii_match_without_panicking() {
        assert!(match_score("größe", "max_größe").is_some());
        assert!(match_score("x", "İİx").is_some());
        assert!(match_score("ix", "İİx").is_some());
        assert_eq!(match_score("q", "İİx"), None);
    }

    #[test]
    fn exact_then_prefix_then_substring_then_scattered() {
        let score = |query, name| match_score(query, name).unwrap();
        assert!(score("Node", "Node") > score("node", "Node"));
        assert!(score("node", "Node") > score("node", "NodeVisitor"));
        assert!(score("node", "NodeVisitor") > score("visitor", "NodeVisitor"));
        assert!(score("visitor", "NodeVisitor") > score("isitor", "NodeVisitor"));
        assert!(score("isitor", "NodeVisitor") > score("nv", "NodeVisitor"));
    }

    #[test]
    fn word_starts_rank_above_scattered_letters() {
        let score = |query, name| match_score(query, name).unwrap();
        // `t` and `h` can start words in the first name only.
        assert!(score("gth", "get_type_hints") > score("gth", "getathing"));
        assert!(score("TH", "TypeHints") > score("th", "tabhelper"));
        // Jumping to a word start never loses a match that a plain occurrence keeps.
        assert!(match_score("ab", "a_b").is_some());
        assert!(match_score("aab", "a_ab").is_some());
    }
}
