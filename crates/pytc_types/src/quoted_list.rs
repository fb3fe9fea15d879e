//! Names listed in a diagnostic message (`` `a`, `b`, `c` ``), cut after a few so a TypedDict
//! missing 5,000 keys or a class with 1,000 abstract methods still gives a line a person reads.

/// How many names a message lists before it says how many more there are.
const SHOWN: usize = 5;

/// `` `a`, `b`, `c` ``, or `` `a`, ..., `e` and 12 more `` past the first few.
pub(crate) fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    let shown: Vec<String> = names.iter().take(SHOWN).map(|name| format!("`{}`", name.as_ref())).collect();
    let mut list = shown.join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::quoted_list;

    #[test]
    fn short_lists_are_whole() {
        assert_eq!(quoted_list(&["a"]), "`a`");
        assert_eq!(quoted_list(&["a", "b", "c"]), "`a`, `b`, `c`");
    }

    #[test]
    fn long_lists_say_how_many_more() {
        let names: Vec<String> = (0..5000).map(|index| format!("k{index}")).collect();
        assert_eq!(quoted_list(&names), "`k0`, `k1`, `k2`, `k3`, `k4` and 4995 more");
    }
}
