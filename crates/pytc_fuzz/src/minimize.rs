//! Delta debugging: the smallest input (by lines, then by characters) that still fails the
//! same way, within a limit on the number of checks.

/// Shrink `input` while `still_fails` holds: remove chunks of lines, halving the chunk size,
/// then chunks of characters (bytes where the input is not UTF-8). At most `max_checks`
/// calls of `still_fails`.
pub fn minimize(input: &[u8], max_checks: usize, mut still_fails: impl FnMut(&[u8]) -> bool) -> Vec<u8> {
    let mut checks = 0;
    let lines: Vec<Vec<u8>> = input.split_inclusive(|&byte| byte == b'\n').map(<[u8]>::to_vec).collect();
    let lines = reduce(lines, &mut checks, max_checks, &mut still_fails);
    let joined = lines.concat();
    let units: Vec<Vec<u8>> = match std::str::from_utf8(&joined) {
        Ok(text) => text.chars().map(|c| c.to_string().into_bytes()).collect(),
        Err(_) => joined.iter().map(|&byte| vec![byte]).collect(),
    };
    reduce(units, &mut checks, max_checks, &mut still_fails).concat()
}

fn reduce(
    mut units: Vec<Vec<u8>>,
    checks: &mut usize,
    max_checks: usize,
    still_fails: &mut impl FnMut(&[u8]) -> bool,
) -> Vec<Vec<u8>> {
    let mut chunk = units.len().div_ceil(2).max(1);
    loop {
        let mut removed = false;
        let mut start = 0;
        while start < units.len() {
            if *checks >= max_checks {
                return units;
            }
            let end = (start + chunk).min(units.len());
            let candidate: Vec<u8> = units[..start].iter().chain(&units[end..]).flatten().copied().collect();
            *checks += 1;
            if still_fails(&candidate) {
                units.drain(start..end);
                removed = true;
            } else {
                start = end;
            }
        }
        if chunk == 1 && !removed {
            return units;
        }
        chunk = (chunk / 2).max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinks_to_what_the_failure_needs() {
        let input = b"import os\nx = 1\ny = boom(2)\nz = 3\n";
        let minimal = minimize(input, 1000, |candidate| candidate.windows(4).any(|w| w == b"boom"));
        assert_eq!(minimal, b"boom");
        let two_lines = minimize(input, 1000, |candidate| {
            let text = String::from_utf8_lossy(candidate);
            text.contains("os") && text.contains('3')
        });
        assert_eq!(String::from_utf8_lossy(&two_lines), "os3");
    }

    #[test]
    fn stops_at_the_check_limit_with_a_failing_input() {
        let input = "a\n".repeat(100);
        let mut calls = 0;
        let result = minimize(input.as_bytes(), 5, |candidate| {
            calls += 1;
            !candidate.is_empty()
        });
        assert_eq!(calls, 5);
        assert!(!result.is_empty() && result.len() < input.len());
    }
}
