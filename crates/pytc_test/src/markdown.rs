//! Reading an mdtest Markdown file into test cases.
//!
//! Every header starts a section; a section holding ` ```py ` / ` ```pyi ` blocks is a test
//! case named by its header path. A `` `path`: `` line just above a block names the file it
//! becomes; a ` ```toml ` block configures its section and every nested one.

use crate::config::{CaseConfig, merge_tables};

/// The folder every relative path of a case lives under; it is the case's project root.
pub const PROJECT_ROOT: &str = "/src";

/// Code-block languages kept as documentation only, unless a path annotation names a file.
const PROSE_LANGUAGES: &[&str] = &["text", "sh", "shell", "bash", "console", "json", "output"];

/// One test case: the files of one Markdown section and the configuration in effect there.
#[derive(Debug, Clone)]
pub struct TestCase {
    /// `file stem - Header - Nested header`: unique within the file.
    pub name: String,
    /// The Markdown line of the section's header (1-based; 0 for content before any header).
    pub header_line: usize,
    pub files: Vec<EmbeddedFile>,
    pub config: CaseConfig,
}

/// Whether the checker checks a file or the case only needs it to exist (a `py.typed` marker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Checked,
    Data,
}

/// A file of a case, assembled from one or more code blocks with the same path.
#[derive(Debug, Clone)]
pub struct EmbeddedFile {
    /// Absolute path in the in-memory file system.
    pub path: String,
    pub role: FileRole,
    pub source: String,
    /// Where each block starts, to turn a file line back into a Markdown line.
    pub blocks: Vec<BlockStart>,
}

/// The first line of a code block, both in the assembled file and in the Markdown file.
#[derive(Debug, Clone, Copy)]
pub struct BlockStart {
    pub file_line: usize,
    pub markdown_line: usize,
}

impl EmbeddedFile {
    /// The Markdown line (1-based) a line of this file (1-based) came from.
    pub fn markdown_line(&self, file_line: usize) -> usize {
        let block = self.blocks.iter().rev().find(|block| block.file_line <= file_line).unwrap_or(&self.blocks[0]);
        block.markdown_line + (file_line - block.file_line)
    }
}

/// A mistake in the Markdown file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for MarkdownError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Split a Markdown file into test cases. `stem` prefixes every case name.
pub fn parse_markdown(stem: &str, text: &str) -> Result<Vec<TestCase>, MarkdownError> {
    let mut parser = Parser { stem, sections: vec![Section::root()], cases: Vec::new() };
    let lines: Vec<&str> = text.lines().collect();
    let mut pending_path: Option<(String, usize)> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let line_number = index + 1;
        if let Some(fence) = Fence::open(line) {
            let (body, next) = fence.body(&lines, index + 1).ok_or_else(|| MarkdownError {
                line: line_number,
                message: "code block is never closed".to_string(),
            })?;
            parser.block(fence.language, body, line_number + 1, pending_path.take())?;
            index = next;
            continue;
        }
        if let Some((level, title)) = header(line) {
            if let Some((_, path_line)) = pending_path.take() {
                return Err(dangling_path(path_line));
            }
            parser.header(level, title, line_number)?;
        } else if let Some(path) = path_annotation(line) {
            if let Some((_, path_line)) = pending_path.replace((path, line_number)) {
                return Err(dangling_path(path_line));
            }
        } else if !line.trim().is_empty()
            && let Some((_, path_line)) = pending_path.take()
        {
            return Err(dangling_path(path_line));
        }
        index += 1;
    }
    if let Some((_, path_line)) = pending_path {
        return Err(dangling_path(path_line));
    }
    parser.finish()
}

fn dangling_path(line: usize) -> MarkdownError {
    MarkdownError { line, message: "a `path`: line must be followed directly by a code block".to_string() }
}

/// A Markdown header: its level and title.
fn header(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&byte| byte == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// `` `pkg/mod.py`: `` names the path of the following block.
fn path_annotation(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix('`')?.strip_suffix("`:")?;
    (!inner.is_empty() && !inner.contains('`')).then(|| inner.to_string())
}

/// An opening code fence: ```` ``` ```` or `~~~`, at least three, with a language.
struct Fence<'a> {
    marker: char,
    width: usize,
    language: &'a str,
}

impl<'a> Fence<'a> {
    fn open(line: &'a str) -> Option<Self> {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return None;
        }
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let width = trimmed.chars().take_while(|c| *c == marker).count();
        if width < 3 {
            return None;
        }
        let info = trimmed[width..].trim();
        let language = info.split_whitespace().next().unwrap_or("");
        Some(Self { marker, width, language })
    }

    /// The lines up to the closing fence, and the index just after it.
    fn body(&self, lines: &[&'a str], start: usize) -> Option<(Vec<&'a str>, usize)> {
        let close = lines[start..].iter().position(|line| self.closes(line))?;
        Some((lines[start..start + close].to_vec(), start + close + 1))
    }

    fn closes(&self, line: &str) -> bool {
        let trimmed = line.trim();
        trimmed.chars().take_while(|c| *c == self.marker).count() >= self.width
            && trimmed.chars().all(|c| c == self.marker)
    }
}

/// A header section being read.
struct Section {
    level: usize,
    title: String,
    line: usize,
    config: Option<toml::Table>,
    files: Vec<EmbeddedFile>,
}

impl Section {
    fn root() -> Self {
        Self { level: 0, title: String::new(), line: 0, config: None, files: Vec::new() }
    }
}

struct Parser<'a> {
    stem: &'a str,
    /// The open sections, outermost first; the root (level 0) is always there.
    sections: Vec<Section>,
    cases: Vec<TestCase>,
}

impl Parser<'_> {
    fn header(&mut self, level: usize, title: &str, line: usize) -> Result<(), MarkdownError> {
        if title.is_empty() {
            return Err(MarkdownError { line, message: "header has no title".to_string() });
        }
        while self.sections.last().is_some_and(|section| section.level >= level) {
            self.close_section()?;
        }
        self.sections.push(Section { level, title: title.to_string(), line, config: None, files: Vec::new() });
        Ok(())
    }

    fn block(
        &mut self,
        language: &str,
        body: Vec<&str>,
        first_line: usize,
        path: Option<(String, usize)>,
    ) -> Result<(), MarkdownError> {
        let fence_line = first_line - 1;
        let section = self.sections.last_mut().expect("the root section is never closed");
        let role = match (language, &path) {
            ("py" | "python" | "pyi", _) => FileRole::Checked,
            ("toml", None) => {
                if section.config.is_some() {
                    return Err(MarkdownError {
                        line: fence_line,
                        message: "a section may hold only one toml block".to_string(),
                    });
                }
                let table = body.join("\n").parse::<toml::Table>().map_err(|error| MarkdownError {
                    line: fence_line,
                    message: format!("invalid toml: {error}"),
                })?;
                section.config = Some(table);
                return Ok(());
            }
            (_, Some(_)) => FileRole::Data,
            (language, None) if PROSE_LANGUAGES.contains(&language) => return Ok(()),
            (language, None) => {
                return Err(MarkdownError {
                    line: fence_line,
                    message: format!(
                        "unknown code block language `{language}`: use py, pyi or toml for tests, \
                         or one of {PROSE_LANGUAGES:?} for prose"
                    ),
                });
            }
        };
        let default_name = if language == "pyi" { "test.pyi" } else { "test.py" };
        let relative = path.as_ref().map_or(default_name, |(path, _)| path.as_str());
        let absolute = absolute_path(relative).map_err(|message| MarkdownError { line: fence_line, message })?;
        if role == FileRole::Checked && (language == "pyi") != absolute.ends_with(".pyi") {
            return Err(MarkdownError {
                line: fence_line,
                message: format!("a ```{language} block cannot be the file `{relative}`"),
            });
        }
        let mut text = body.join("\n");
        text.push('\n');
        match section.files.iter_mut().find(|file| file.path == absolute) {
            Some(file) => {
                let file_line = file.source.lines().count() + 1;
                file.blocks.push(BlockStart { file_line, markdown_line: first_line });
                file.source.push_str(&text);
            }
            None => section.files.push(EmbeddedFile {
                path: absolute,
                role,
                source: text,
                blocks: vec![BlockStart { file_line: 1, markdown_line: first_line }],
            }),
        }
        Ok(())
    }

    /// Close the innermost section, turning it into a case when it holds checked files.
    fn close_section(&mut self) -> Result<(), MarkdownError> {
        let section = self.sections.pop().expect("close_section is never called on the root");
        self.add_case(section, None)
    }

    fn add_case(&mut self, section: Section, inherited: Option<toml::Table>) -> Result<(), MarkdownError> {
        if !section.files.iter().any(|file| file.role == FileRole::Checked) {
            if !section.files.is_empty() {
                return Err(MarkdownError {
                    line: section.line,
                    message: "section has data files but no py or pyi block to check".to_string(),
                });
            }
            return Ok(());
        }
        let mut table = inherited.unwrap_or_else(|| self.inherited_config());
        if let Some(own) = &section.config {
            merge_tables(&mut table, own);
        }
        let config = CaseConfig::from_table(table)
            .map_err(|message| MarkdownError { line: section.line, message: format!("invalid config: {message}") })?;
        let name = std::iter::once(self.stem)
            .chain(self.sections.iter().skip(1).map(|open| open.title.as_str()))
            .chain((section.level > 0).then_some(section.title.as_str()))
            .collect::<Vec<_>>()
            .join(" - ");
        if self.cases.iter().any(|case| case.name == name) {
            return Err(MarkdownError { line: section.line, message: format!("two cases are named `{name}`") });
        }
        self.cases.push(TestCase { name, header_line: section.line, files: section.files, config });
        Ok(())
    }

    /// The configuration of every open section, outermost first, merged.
    fn inherited_config(&self) -> toml::Table {
        let mut table = toml::Table::new();
        for open in &self.sections {
            if let Some(own) = &open.config {
                merge_tables(&mut table, own);
            }
        }
        table
    }

    fn finish(mut self) -> Result<Vec<TestCase>, MarkdownError> {
        while self.sections.len() > 1 {
            self.close_section()?;
        }
        let root = self.sections.pop().expect("the root section is always open");
        let root_config = root.config.clone().unwrap_or_default();
        self.add_case(root, Some(root_config))?;
        Ok(self.cases)
    }
}

/// The absolute in-memory path of a case file: relative paths live under the project root.
fn absolute_path(path: &str) -> Result<String, String> {
    if path.split('/').any(|part| part == ".." || part == ".") || path.ends_with('/') || path.contains("//") {
        return Err(format!("path `{path}` must be normalized (no `.`, `..`, `//` or trailing `/`)"));
    }
    Ok(if path.starts_with('/') { path.to_string() } else { format!("{PROJECT_ROOT}/{path}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_cases_and_blocks_become_files() {
        let text = "# Top\n\n## First\n\n```py\nx = 1\n```\n\n## Second\n\n`pkg/mod.py`:\n\n```py\ny = 2\n```\n\n```pyi\nz: int\n```\n";
        let cases = parse_markdown("doc", text).unwrap();
        let names: Vec<&str> = cases.iter().map(|case| case.name.as_str()).collect();
        assert_eq!(names, ["doc - Top - First", "doc - Top - Second"]);
        assert_eq!(cases[0].files[0].path, "/src/test.py");
        assert_eq!(cases[0].files[0].source, "x = 1\n");
        assert_eq!(cases[0].files[0].blocks[0].markdown_line, 6);
        let paths: Vec<&str> = cases[1].files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(paths, ["/src/pkg/mod.py", "/src/test.pyi"]);
    }

    #[test]
    fn blocks_with_the_same_path_are_joined_and_map_back_to_markdown_lines() {
        let text = "# Case\n```py\na = 1\nb = 2\n```\nprose\n```py\nc = 3\n```\n";
        let cases = parse_markdown("doc", text).unwrap();
        let file = &cases[0].files[0];
        assert_eq!(file.source, "a = 1\nb = 2\nc = 3\n");
        assert_eq!(file.markdown_line(2), 4);
        assert_eq!(file.markdown_line(3), 8);
    }

    #[test]
    fn config_is_inherited_and_overridden_by_nested_sections() {
        let text = "# Outer\n```toml\n[environment]\npython-version = \"3.9\"\npython-platform = \"win32\"\n```\n\
                    ## Inner\n```toml\n[environment]\npython-version = \"3.11\"\n```\n```py\nx = 1\n```\n";
        let cases = parse_markdown("doc", text).unwrap();
        let environment = &cases[0].config.environment;
        assert_eq!(environment.python_version.as_deref(), Some("3.11"));
        assert_eq!(environment.python_platform.as_deref(), Some("win32"));
    }

    #[test]
    fn content_before_any_header_is_a_case_named_after_the_file() {
        let cases = parse_markdown("doc", "```py\nx = 1\n```\n# Later\n```py\ny = 1\n```\n").unwrap();
        let names: Vec<&str> = cases.iter().map(|case| case.name.as_str()).collect();
        assert_eq!(names, ["doc - Later", "doc"]);
    }

    #[test]
    fn data_files_are_written_but_not_checked() {
        let text = "# Case\n`/venv/site-packages/lib/py.typed`:\n```text\n```\n```py\nimport lib\n```\n";
        let cases = parse_markdown("doc", text).unwrap();
        assert_eq!(cases[0].files[0].role, FileRole::Data);
        assert_eq!(cases[0].files[0].path, "/venv/site-packages/lib/py.typed");
        assert_eq!(cases[0].files[1].role, FileRole::Checked);
    }

    #[test]
    fn mistakes_in_the_markdown_are_errors() {
        let error = |text: &str| parse_markdown("doc", text).unwrap_err().message;
        assert!(error("# A\n```py\nx = 1\n").contains("never closed"));
        assert!(error("# A\n`a.py`:\nprose\n```py\n```\n").contains("followed directly"));
        assert!(error("# A\n```pyhton\n```\n").contains("unknown code block language"));
        assert!(error("# A\n`a.pyi`:\n```py\n```\n").contains("cannot be the file"));
        assert!(error("# A\n`../a.py`:\n```py\n```\n").contains("normalized"));
        assert!(error("# A\n```py\n```\n# A\n```py\n```\n").contains("two cases"));
        assert!(error("# A\n```toml\nenvironment = 3\n```\n```py\n```\n").contains("invalid config"));
        assert!(error("# A\n```toml\n[environment]\npython-versoin = \"3.9\"\n```\n```py\n```\n").contains("python-versoin"));
    }

    #[test]
    fn fences_inside_code_blocks_and_long_fences_are_handled() {
        let text = "# A\n````py\n```\nx = 1\n````\n";
        let cases = parse_markdown("doc", text).unwrap();
        assert_eq!(cases[0].files[0].source, "```\nx = 1\n");
    }
}
