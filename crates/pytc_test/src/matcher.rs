//! Matching a file's diagnostics against its assertions, both ways, line by line.

use std::collections::BTreeMap;

use crate::assertion::{Assertion, ErrorAssertion};

/// The rule of the info diagnostic `reveal_type(...)` produces.
pub const REVEALED_TYPE_RULE: &str = "revealed-type";

/// A diagnostic as the matcher sees it: where it starts and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDiagnostic {
    /// 1-based line of the start of its range.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub rule: &'static str,
    pub message: String,
}

impl FoundDiagnostic {
    /// For a `revealed-type` diagnostic, the type text: what the message quotes between its
    /// first and last backtick, or the whole message when it quotes nothing.
    pub fn revealed_type(&self) -> Option<&str> {
        if self.rule != REVEALED_TYPE_RULE {
            return None;
        }
        let quoted = self.message.find('`').zip(self.message.rfind('`')).filter(|(first, last)| first < last);
        Some(quoted.map_or(self.message.as_str(), |(first, last)| &self.message[first + 1..last]))
    }
}

impl std::fmt::Display for FoundDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.revealed_type() {
            Some(ty) => write!(f, "revealed: {ty}"),
            None => write!(f, "error: {} [{}] \"{}\"", self.column, self.rule, self.message),
        }
    }
}

/// What did not match on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMismatch {
    pub line: usize,
    pub unmatched_assertions: Vec<Assertion>,
    pub unexpected_diagnostics: Vec<FoundDiagnostic>,
}

/// Pair assertions with diagnostics on each line; return every line where something is left
/// over on either side, in line order.
pub fn match_file(assertions: &BTreeMap<usize, Vec<Assertion>>, diagnostics: &[FoundDiagnostic]) -> Vec<LineMismatch> {
    let mut diagnostics_by_line: BTreeMap<usize, Vec<&FoundDiagnostic>> = BTreeMap::new();
    for diagnostic in diagnostics {
        diagnostics_by_line.entry(diagnostic.line).or_default().push(diagnostic);
    }
    let mut lines: Vec<usize> = assertions.keys().chain(diagnostics_by_line.keys()).copied().collect();
    lines.sort_unstable();
    lines.dedup();
    lines
        .into_iter()
        .filter_map(|line| {
            let expected = assertions.get(&line).map_or(&[][..], Vec::as_slice);
            let found = diagnostics_by_line.get(&line).map_or(&[][..], Vec::as_slice);
            match_line(line, expected, found)
        })
        .collect()
}

fn match_line(line: usize, assertions: &[Assertion], diagnostics: &[&FoundDiagnostic]) -> Option<LineMismatch> {
    let mut used = vec![false; diagnostics.len()];
    // The most specific assertions choose first, so that `[rule] "text"` is not starved by a
    // plain `[rule]` taking the only diagnostic whose message holds "text".
    let mut order: Vec<usize> = (0..assertions.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(specificity(&assertions[index])));
    let mut unmatched = vec![false; assertions.len()];
    for index in order {
        let candidate = (0..diagnostics.len()).find(|&d| !used[d] && satisfies(diagnostics[d], &assertions[index]));
        match candidate {
            Some(d) => used[d] = true,
            None => unmatched[index] = true,
        }
    }
    let unmatched_assertions: Vec<Assertion> =
        assertions.iter().zip(&unmatched).filter(|(_, missing)| **missing).map(|(a, _)| a.clone()).collect();
    let unexpected_diagnostics: Vec<FoundDiagnostic> =
        diagnostics.iter().zip(&used).filter(|(_, used)| !**used).map(|(d, _)| (*d).clone()).collect();
    (!unmatched_assertions.is_empty() || !unexpected_diagnostics.is_empty()).then_some(LineMismatch {
        line,
        unmatched_assertions,
        unexpected_diagnostics,
    })
}

fn specificity(assertion: &Assertion) -> usize {
    match assertion {
        Assertion::Revealed(_) => 3,
        Assertion::Error(error) => {
            usize::from(error.column.is_some()) + usize::from(error.rule.is_some()) + usize::from(error.message.is_some())
        }
    }
}

/// Whether a diagnostic fulfils an assertion. `# error:` never matches a revealed type, and
/// `# revealed:` only matches one.
fn satisfies(diagnostic: &FoundDiagnostic, assertion: &Assertion) -> bool {
    match (assertion, diagnostic.revealed_type()) {
        (Assertion::Revealed(expected), Some(found)) => expected == found,
        (Assertion::Error(ErrorAssertion { column, rule, message }), None) => {
            column.is_none_or(|column| column == diagnostic.column)
                && rule.as_ref().is_none_or(|rule| rule == diagnostic.rule)
                && message.as_ref().is_none_or(|text| diagnostic.message.contains(text.as_str()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: usize, column: usize, rule: &'static str, message: &str) -> FoundDiagnostic {
        FoundDiagnostic { line, column, rule, message: message.to_string() }
    }

    fn error(column: Option<usize>, rule: Option<&str>, message: Option<&str>) -> Assertion {
        Assertion::Error(ErrorAssertion {
            column,
            rule: rule.map(str::to_string),
            message: message.map(str::to_string),
        })
    }

    fn at(line: usize, assertions: Vec<Assertion>) -> BTreeMap<usize, Vec<Assertion>> {
        BTreeMap::from([(line, assertions)])
    }

    #[test]
    fn matching_diagnostics_and_assertions_pass() {
        let diagnostics = [found(1, 5, "invalid-assignment", "cannot assign `str` to `int`")];
        let assertions = at(1, vec![error(Some(5), Some("invalid-assignment"), Some("`str`"))]);
        assert_eq!(match_file(&assertions, &diagnostics), vec![]);
    }

    #[test]
    fn a_missing_diagnostic_fails() {
        let assertions = at(3, vec![error(None, Some("invalid-assignment"), None)]);
        let mismatches = match_file(&assertions, &[]);
        assert_eq!(mismatches.len(), 1);
        assert_eq!(mismatches[0].line, 3);
        assert_eq!(mismatches[0].unmatched_assertions, assertions[&3]);
        assert!(mismatches[0].unexpected_diagnostics.is_empty());
    }

    #[test]
    fn an_extra_diagnostic_fails() {
        let diagnostics = [found(2, 1, "invalid-syntax", "unexpected indent")];
        let mismatches = match_file(&BTreeMap::new(), &diagnostics);
        assert_eq!(mismatches[0].unexpected_diagnostics, diagnostics.to_vec());
        assert!(mismatches[0].unmatched_assertions.is_empty());
    }

    #[test]
    fn a_different_revealed_type_fails_and_shows_both() {
        let diagnostics = [found(1, 1, REVEALED_TYPE_RULE, "Revealed type: `str`")];
        let mismatches = match_file(&at(1, vec![Assertion::Revealed("int".to_string())]), &diagnostics);
        assert_eq!(mismatches[0].unmatched_assertions, vec![Assertion::Revealed("int".to_string())]);
        assert_eq!(mismatches[0].unexpected_diagnostics[0].to_string(), "revealed: str");
        let same = match_file(&at(1, vec![Assertion::Revealed("str".to_string())]), &diagnostics);
        assert_eq!(same, vec![]);
    }

    #[test]
    fn revealed_and_error_assertions_do_not_match_each_other() {
        let diagnostics = [found(1, 1, REVEALED_TYPE_RULE, "Revealed type: `int`")];
        assert_eq!(match_file(&at(1, vec![error(None, Some(REVEALED_TYPE_RULE), None)]), &diagnostics).len(), 1);
        let diagnostics = [found(1, 1, "int", "int")];
        assert_eq!(match_file(&at(1, vec![Assertion::Revealed("int".to_string())]), &diagnostics).len(), 1);
    }

    #[test]
    fn column_rule_and_message_must_each_agree() {
        let diagnostics = [found(4, 9, "rule-a", "some message")];
        for wrong in [
            error(Some(8), Some("rule-a"), None),
            error(None, Some("rule-b"), None),
            error(None, Some("rule-a"), Some("other message")),
        ] {
            let mismatches = match_file(&at(4, vec![wrong.clone()]), &diagnostics);
            assert_eq!(mismatches.len(), 1, "{wrong} should not match");
        }
    }

    #[test]
    fn a_diagnostic_on_another_line_does_not_count() {
        let diagnostics = [found(2, 1, "rule-a", "m")];
        let mismatches = match_file(&at(1, vec![error(None, Some("rule-a"), None)]), &diagnostics);
        assert_eq!(mismatches.iter().map(|m| m.line).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn specific_assertions_choose_first() {
        let diagnostics = [found(1, 1, "rule", "alpha"), found(1, 5, "rule", "beta")];
        let assertions = at(1, vec![error(None, Some("rule"), None), error(None, Some("rule"), Some("alpha"))]);
        assert_eq!(match_file(&assertions, &diagnostics), vec![]);
    }

    #[test]
    fn each_diagnostic_satisfies_one_assertion() {
        let diagnostics = [found(1, 1, "rule", "m")];
        let assertions = at(1, vec![error(None, Some("rule"), None), error(None, Some("rule"), None)]);
        assert_eq!(match_file(&assertions, &diagnostics)[0].unmatched_assertions.len(), 1);
    }
}
