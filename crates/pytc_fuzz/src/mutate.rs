//! Mutations of Python source: line and token splices from other seeds, duplication and
//! deletion, swapped and re-indented lines, deep nesting of expressions and blocks, long
//! repetitions, and random bytes (control characters, non-ASCII and, rarely, bytes that are
//! not UTF-8). A large seed is cut to a window of lines first, so checks stay quick.

use crate::rng::Rng;
use crate::seeds::Seed;

/// The most lines of a seed a mutant starts from.
const WINDOW_LINES: usize = 120;

/// One mutant: the bytes of a file and whether it is checked as a stub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    pub bytes: Vec<u8>,
    pub stub: bool,
    /// The seed it grew from.
    pub origin: String,
}

/// A mutant of a random seed, with one to four mutations.
pub fn mutant(seeds: &[Seed], rng: &mut Rng) -> Mutant {
    let seed = rng.pick(seeds);
    let mut lines = window(&lines_of(seed.text.as_bytes()), rng);
    for _ in 0..rng.between(1, 4) {
        mutate(&mut lines, seeds, rng);
    }
    let stub = if rng.chance(1, 20) { !seed.stub } else { seed.stub };
    Mutant { bytes: lines.concat(), stub, origin: seed.name.clone() }
}

/// The lines of `text`, each with its line end.
pub fn lines_of(text: &[u8]) -> Vec<Vec<u8>> {
    text.split_inclusive(|&byte| byte == b'\n').map(<[u8]>::to_vec).collect()
}

fn window(lines: &[Vec<u8>], rng: &mut Rng) -> Vec<Vec<u8>> {
    if lines.len() <= WINDOW_LINES {
        return lines.to_vec();
    }
    let length = rng.between(20, WINDOW_LINES);
    let start = rng.below(lines.len() - length + 1);
    lines[start..start + length].to_vec()
}

fn random_lines<'a>(seeds: &'a [Seed], rng: &mut Rng, count: usize) -> Vec<Vec<u8>> {
    let lines = lines_of(rng.pick(seeds).text.as_bytes());
    if lines.is_empty() {
        return Vec::new();
    }
    let start = rng.below(lines.len());
    lines[start..(start + count).min(lines.len())].to_vec()
}

fn mutate(lines: &mut Vec<Vec<u8>>, seeds: &[Seed], rng: &mut Rng) {
    if lines.is_empty() {
        lines.extend(random_lines(seeds, rng, 10));
        return;
    }
    let at = rng.below(lines.len());
    let span = rng.between(1, 5).min(lines.len() - at);
    match rng.below(11) {
        0 => {
            lines.drain(at..at + span);
        }
        1 => {
            let copy: Vec<Vec<u8>> = lines[at..at + span].to_vec();
            let times = if rng.chance(1, 4) { rng.between(10, 300) } else { 1 };
            let to = rng.below(lines.len() + 1);
            for _ in 0..times {
                lines.splice(to..to, copy.iter().cloned());
            }
        }
        2 => {
            let count = rng.between(1, 10);
            let spliced = random_lines(seeds, rng, count);
            lines.splice(at..at, spliced);
        }
        3 => {
            let other = rng.below(lines.len());
            lines.swap(at, other);
        }
        4 => {
            let line = &mut lines[at];
            if rng.chance(1, 2) {
                line.splice(0..0, b"    ".iter().copied().take(rng.between(1, 4)));
            } else {
                let blanks = line.iter().take_while(|&&byte| byte == b' ' || byte == b'\t').count();
                line.drain(..blanks.min(rng.between(1, 4)));
            }
        }
        5 | 6 => splice_tokens(&mut lines[at], seeds, rng),
        7 => nest_expression(&mut lines[at], rng),
        8 => nest_block(lines, at, span, rng),
        9 => random_bytes(&mut lines[at], rng),
        _ => {
            let tokens = tokens_of(&lines[at]);
            if !tokens.is_empty() {
                let (start, _) = tokens[rng.below(tokens.len())];
                let end = tokens[rng.below(tokens.len())].1;
                if start < end {
                    lines[at].drain(start..end);
                }
            }
        }
    }
}

/// Token spans of a line: runs of word bytes (non-ASCII counts as word, so characters stay
/// whole), runs of blanks, and each other byte.
fn tokens_of(line: &[u8]) -> Vec<(usize, usize)> {
    let class = |byte: u8| {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80 {
            0
        } else if byte == b' ' || byte == b'\t' {
            1
        } else {
            2
        }
    };
    let mut tokens = Vec::new();
    let mut start = 0;
    while start < line.len() {
        let kind = class(line[start]);
        let mut end = start + 1;
        if kind != 2 {
            while end < line.len() && class(line[end]) == kind {
                end += 1;
            }
        }
        tokens.push((start, end));
        start = end;
    }
    tokens
}

/// Replace a token of `line` by one from another seed, or insert one.
fn splice_tokens(line: &mut Vec<u8>, seeds: &[Seed], rng: &mut Rng) {
    let donor = random_lines(seeds, rng, 1).concat();
    let donor_tokens = tokens_of(&donor);
    if donor_tokens.is_empty() {
        return;
    }
    let (from, to) = *rng.pick(&donor_tokens);
    let token = donor[from..to].to_vec();
    let tokens = tokens_of(line);
    if tokens.is_empty() || rng.chance(1, 3) {
        let at = tokens.get(rng.below(tokens.len() + 1)).map_or(line.len(), |&(start, _)| start);
        line.splice(at..at, token);
    } else {
        let (start, end) = *rng.pick(&tokens);
        line.splice(start..end, token);
    }
}

/// Wrap a run of tokens of `line` in many brackets, operators or calls.
fn nest_expression(line: &mut Vec<u8>, rng: &mut Rng) {
    const WRAPPERS: [(&str, &str); 10] = [
        ("(", ")"),
        ("[", "]"),
        ("{", "}"),
        ("list[", "]"),
        ("f(", ")"),
        ("not ", ""),
        ("-", ""),
        ("await ", ""),
        ("lambda: ", ""),
        ("x if ", " else y"),
    ];
    let tokens = tokens_of(line);
    let (start, end) = if tokens.is_empty() {
        (0, 0)
    } else {
        let first = rng.below(tokens.len());
        (tokens[first].0, tokens[(first + rng.below(5)).min(tokens.len() - 1)].1)
    };
    let (open, close) = *rng.pick(&WRAPPERS);
    let depth = if rng.chance(1, 5) { rng.between(100, 1000) } else { rng.between(2, 60) };
    line.splice(end..end, close.repeat(depth).into_bytes());
    line.splice(start..start, open.repeat(depth).into_bytes());
}

/// Put lines `at..at + span` inside many nested blocks.
fn nest_block(lines: &mut Vec<Vec<u8>>, at: usize, span: usize, rng: &mut Rng) {
    const HEADERS: [&str; 6] = ["if x:", "def f():", "class C:", "for x in y:", "with a:", "while x:"];
    let depth = if rng.chance(1, 5) { rng.between(50, 200) } else { rng.between(2, 20) };
    let mut nested = Vec::new();
    for level in 0..depth {
        nested.push(format!("{}{}\n", " ".repeat(level), rng.pick(&HEADERS)).into_bytes());
    }
    for line in &lines[at..at + span] {
        let mut indented = " ".repeat(depth).into_bytes();
        indented.extend_from_slice(line.trim_ascii_start());
        if !indented.ends_with(b"\n") {
            indented.push(b'\n');
        }
        nested.push(indented);
    }
    lines.splice(at..at + span, nested);
}

/// Insert a few random bytes: punctuation, control characters, non-ASCII characters, and in
/// one case of ten a byte that is not UTF-8.
fn random_bytes(line: &mut Vec<u8>, rng: &mut Rng) {
    const PIECES: [&str; 16] = [
        "\0", "\x0c", "\t", "\r", "\\", "'", "\"", "\"\"\"", "#", ":", "é", "😀", "\u{2028}", "\u{feff}", "\u{0301}",
        "ß",
    ];
    let mut inserted = Vec::new();
    for _ in 0..rng.between(1, 8) {
        if rng.chance(1, 10) {
            inserted.push(*rng.pick(&[0xff, 0xfe, 0xc3, 0x80, 0xed]));
        } else {
            inserted.extend_from_slice(rng.pick(&PIECES).as_bytes());
        }
    }
    let at = rng.below(line.len() + 1);
    line.splice(at..at, inserted);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Seed> {
        let seed = |name: &str, text: &str| Seed { name: name.into(), text: text.into(), stub: false };
        vec![seed("a", "def f(x: int) -> str:\n    return str(x)\n"), seed("b", "class C:\n    y: list[int] = []\n")]
    }

    #[test]
    fn mutants_are_deterministic_and_varied() {
        let seeds = seeds();
        let make = |iteration| mutant(&seeds, &mut Rng::for_iteration(42, iteration));
        assert_eq!(make(5), make(5));
        let distinct: std::collections::HashSet<Vec<u8>> = (0..200).map(|iteration| make(iteration).bytes).collect();
        assert!(distinct.len() > 100, "{} distinct mutants of 200", distinct.len());
        assert!((0..2000).any(|iteration| std::str::from_utf8(&make(iteration).bytes).is_err()), "some are not UTF-8");
    }

    #[test]
    fn tokens_keep_characters_whole() {
        let line = "x = fé(1)\n".as_bytes();
        let tokens: Vec<&[u8]> = tokens_of(line).iter().map(|&(start, end)| &line[start..end]).collect();
        assert_eq!(tokens, [&b"x"[..], b" ", b"=", b" ", "fé".as_bytes(), b"(", b"1", b")", b"\n"]);
    }
}
