//! The seed corpus: the Python blocks of the mdtests, the typeshed stubs built into pytc, and
//! the typing conformance suite's files when a copy is at hand (it is optional). Seeds are
//! read in a fixed order, so a campaign depends only on its seed and its sources.

use std::path::{Path, PathBuf};

/// One seed source file.
#[derive(Debug, Clone)]
pub struct Seed {
    pub name: String,
    pub text: String,
    pub stub: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Mdtest,
    Typeshed,
    Conformance,
}

impl Source {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "mdtest" => Some(Self::Mdtest),
            "typeshed" => Some(Self::Typeshed),
            "conformance" => Some(Self::Conformance),
            _ => None,
        }
    }
}

/// The seeds of `sources`, found from the workspace `root`.
pub fn load(root: &Path, sources: &[Source]) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for source in sources {
        match source {
            Source::Mdtest => {
                for path in files_under(&root.join("tests/mdtest"), "md") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        seeds.extend(python_blocks(&relative(root, &path), &text));
                    }
                }
            }
            Source::Typeshed => {
                let typeshed = pytc_typeshed::Typeshed::embedded();
                let mut paths: Vec<&str> = typeshed.files().filter(|path| path.ends_with(".pyi")).collect();
                paths.sort_unstable();
                for path in paths {
                    if let Some(text) = typeshed.read(path) {
                        seeds.push(Seed { name: format!("typeshed/{path}"), text: text.to_string(), stub: true });
                    }
                }
            }
            Source::Conformance => {
                if let Some(dir) = conformance_dir(root) {
                    for path in files_under(&dir, "py") {
                        if let Ok(text) = std::fs::read_to_string(&path) {
                            seeds.push(Seed {
                                name: format!("conformance/{}", relative(&dir, &path)),
                                text,
                                stub: false,
                            });
                        }
                    }
                }
            }
        }
    }
    seeds
}

/// The typing conformance tests, when a copy is beside the workspace (as in CI) or named by
/// `PYTC_CONFORMANCE_DIR`.
pub fn conformance_dir(root: &Path) -> Option<PathBuf> {
    let named = std::env::var_os("PYTC_CONFORMANCE_DIR").map(PathBuf::from);
    let candidates =
        [named, Some(root.join("../shared/conformance/tests")), Some(PathBuf::from("/work/shared/conformance/tests"))];
    candidates.into_iter().flatten().find(|dir| dir.is_dir())
}

/// The ` ```py ` and ` ```pyi ` blocks of a Markdown file.
fn python_blocks(name: &str, markdown: &str) -> Vec<Seed> {
    let mut seeds = Vec::new();
    let mut open: Option<(bool, String)> = None;
    for line in markdown.lines() {
        match &mut open {
            None => {
                let fence = line.trim_end();
                if fence == "```py" || fence == "```pyi" {
                    open = Some((fence == "```pyi", String::new()));
                }
            }
            Some((stub, text)) => {
                if line.trim_end() == "```" {
                    seeds.push(Seed {
                        name: format!("{name}#{}", seeds.len() + 1),
                        text: std::mem::take(text),
                        stub: *stub,
                    });
                    open = None;
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    seeds
}

/// Every file with this extension under `dir`, sorted.
fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|found| found == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_python_blocks_are_seeds() {
        let markdown = "# A\n\n```py\nx = 1\n```\n\n```toml\n[a]\n```\n\n```pyi\ndef f() -> int: ...\n```\n";
        let seeds = python_blocks("a.md", markdown);
        assert_eq!(seeds.len(), 2);
        assert_eq!((seeds[0].text.as_str(), seeds[0].stub), ("x = 1\n", false));
        assert_eq!((seeds[1].name.as_str(), seeds[1].stub), ("a.md#2", true));
    }

    #[test]
    fn the_workspace_has_mdtest_and_typeshed_seeds() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let seeds = load(&root, &[Source::Mdtest, Source::Typeshed]);
        assert!(seeds.iter().filter(|seed| seed.name.starts_with("tests/mdtest")).count() > 100);
        assert!(seeds.iter().any(|seed| seed.name == "typeshed/stdlib/builtins.pyi"));
    }
}
