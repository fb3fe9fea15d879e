//! A read-only view of one workspace folder at one revision: a clone of its database plus
//! the open documents. Requests run on snapshots on the blocking pool, never on the thread
//! that owns the mutable databases; an edit cancels the queries still running on older
//! snapshots.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use pytc_checker::RuleLevels;
use pytc_db::{File, FilePath, Files, source_text};
use pytc_project::{Baseline, Project, ProjectDatabase};
use tower_lsp_server::ls_types::{Location, Position, Range, TextDocumentPositionParams, Uri};
use pytc_syntax::{TextRange, TextSize};

use crate::document::Document;
use crate::position::{LineMap, PositionEncoding, to_size};
use crate::settings::InlayHintSettings;
use crate::uris::{file_path_of_uri, uri_of_file_path};

/// A document the editor has open, and the `File` input holding its text.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub file: File,
    pub document: Arc<Document>,
}

pub type DocumentTable = HashMap<Uri, OpenDocument>;

/// A project's Python files as `pytc check` finds them, walked once per folder database
/// and again only after files are created or deleted (see `Folder::files_changed`).
pub type ProjectFiles = std::sync::OnceLock<Vec<std::path::PathBuf>>;

#[derive(Clone)]
pub struct Snapshot {
    pub db: ProjectDatabase,
    pub documents: Arc<DocumentTable>,
    pub encoding: PositionEncoding,
    /// The levels diagnostics are reported at.
    pub rule_levels: Arc<RuleLevels>,
    /// The configured baseline, whose diagnostics are not shown.
    pub baseline: Option<Arc<Baseline>>,
    /// The folder's project (none before `initialize` names one).
    pub project: Option<Arc<Project>>,
    pub project_files: Arc<ProjectFiles>,
    /// The folder's inlay-hint settings.
    pub inlay_hints: InlayHintSettings,
}

impl Snapshot {
    /// The file behind a URI: the open document, or a Python file that exists on disk.
    pub fn file(&self, uri: &Uri) -> Option<File> {
        if let Some(open) = self.documents.get(uri) {
            return Some(open.file);
        }
        let is_python = |path: &std::path::Path| path.extension().is_some_and(|extension| extension == "py" || extension == "pyi");
        match file_path_of_uri(uri) {
            FilePath::System(path) if path.is_file() && is_python(&path) => Some(Files::system(&self.db, &path)),
            FilePath::System(_) => None,
            vendored @ FilePath::Vendored(_) => self.db_files().lookup(&vendored),
        }
    }

    fn db_files(&self) -> &Files {
        pytc_db::Db::files(&self.db)
    }

    /// The text of a file and its line map (cached for open documents). An open document's
    /// text is its file's source in the same snapshot, except for the read-only embedded
    /// stubs, whose source stays the stub's whatever the editor holds.
    pub fn text_and_lines(&self, file: File) -> (Arc<str>, Cow<'_, LineMap>) {
        let text = source_text(&self.db, file).clone();
        let editable = matches!(file.path(&self.db), FilePath::System(_));
        let open = self.documents.values().find(|open| open.file == file && editable);
        match open {
            Some(open) => (text, Cow::Borrowed(open.document.lines())),
            None => {
                let lines = LineMap::new(&text);
                (text, Cow::Owned(lines))
            }
        }
    }

    /// The byte offset of a position a request asks about, `None` past the last line (a
    /// position past the end of a line clamps to its end).
    pub fn request_offset(&self, file: File, position: Position) -> Option<TextSize> {
        let (text, lines) = self.text_and_lines(file);
        lines.has_line(position).then(|| to_size(lines.offset(&text, position, self.encoding)))
    }

    /// The file and byte offset a position request is about: `None` for a document the
    /// server does not know or a position past its last line.
    pub fn request_position(&self, position: &TextDocumentPositionParams) -> Option<(File, TextSize)> {
        let file = self.file(&position.text_document.uri)?;
        Some((file, self.request_offset(file, position.position)?))
    }

    /// The byte range of an LSP range in a file (clamped to the text).
    pub fn text_range(&self, file: File, range: Range) -> TextRange {
        let (text, lines) = self.text_and_lines(file);
        lines.text_range(&text, range, self.encoding)
    }

    pub fn range(&self, file: File, range: TextRange) -> Range {
        let (text, lines) = self.text_and_lines(file);
        lines.range(&text, range, self.encoding)
    }

    /// The URI of a file: the one the editor opened it under, else one made from its path.
    pub fn uri(&self, file: File) -> Option<Uri> {
        if let Some((uri, _)) = self.documents.iter().find(|(_, open)| open.file == file) {
            return Some(uri.clone());
        }
        uri_of_file_path(file.path(&self.db), &source_text(&self.db, file))
    }

    /// The workspace's modules: the project's Python files (as `pytc check` finds them) and
    /// the open documents.
    pub fn workspace_files(&self) -> Vec<File> {
        let on_disk = self.project_files.get_or_init(|| {
            self.project.as_ref().and_then(|project| project.python_files().ok()).map(|found| found.files).unwrap_or_default()
        });
        let mut files: Vec<File> = self.documents.values().map(|open| open.file).collect();
        files.extend(on_disk.iter().map(|path| Files::system(&self.db, path)));
        files
    }

    pub fn location(&self, file: File, range: TextRange) -> Option<Location> {
        Some(Location::new(self.uri(file)?, self.range(file, range)))
    }

    /// The locations of the (file, range) targets that have a URI; `None` when none has.
    pub fn locations(&self, targets: impl IntoIterator<Item = (File, TextRange)>) -> Option<Vec<Location>> {
        let locations: Vec<Location> = targets.into_iter().filter_map(|(file, range)| self.location(file, range)).collect();
        (!locations.is_empty()).then_some(locations)
    }
}
