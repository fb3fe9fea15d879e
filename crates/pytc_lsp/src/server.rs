//! The `LanguageServer` implementation: translates protocol messages into session commands
//! and snapshot reads. Notifications only queue a command, so nothing here blocks the loop
//! that reads messages; requests are answered on snapshots (see `requests`).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::server_capabilities;
use crate::diagnostics::file_diagnostics_isolated;
use crate::position::PositionEncoding;
use crate::requests::{read, read_all};
use crate::semantic_tokens::{SentTokens, encoded_tokens};
use crate::session::{Command, DiagnosticsMode, SessionHandle};
use crate::settings::ClientSettings;
use crate::workspace::WorkspaceConfig;

/// What the client said it supports, as far as the server cares.
#[derive(Debug, Default, Clone, Copy)]
struct ClientSupport {
    dynamic_file_watching: bool,
    configuration: bool,
}

pub struct Server {
    client: Client,
    session: SessionHandle,
    support: std::sync::Mutex<ClientSupport>,
    /// The workspace folders, whose scoped settings the server asks the client for.
    folders: std::sync::Mutex<Vec<Uri>>,
    /// The semantic tokens last sent for each document, for `full/delta` requests.
    sent_tokens: Arc<SentTokens>,
    shutdown_requested: Arc<AtomicBool>,
}

impl Server {
    pub fn new(client: Client, session: SessionHandle, shutdown_requested: Arc<AtomicBool>) -> Self {
        Self {
            client,
            session,
            support: std::sync::Mutex::default(),
            folders: std::sync::Mutex::default(),
            sent_tokens: Arc::default(),
            shutdown_requested,
        }
    }

    fn support(&self) -> ClientSupport {
        *self.support.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn folders(&self) -> std::sync::MutexGuard<'_, Vec<Uri>> {
        self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Ask the client for the `pytc` settings section, editor-wide and for each workspace
    /// folder, when it can answer. Without an editor-wide section (`null`) the settings
    /// known so far (`initializationOptions`) stay; a folder without one uses the
    /// editor-wide settings.
    async fn pull_configuration(&self) {
        if !self.support().configuration {
            return;
        }
        let folders = self.folders().clone();
        let item = |scope_uri: Option<Uri>| ConfigurationItem { scope_uri, section: Some("pytc".to_string()) };
        let items = std::iter::once(item(None)).chain(folders.iter().cloned().map(Some).map(item)).collect();
        let Ok(values) = self.client.configuration(items).await else { return };
        let Some((editor, scoped)) = values.split_first() else { return };
        let folder_settings = folders
            .iter()
            .zip(scoped)
            .filter(|(_, value)| !value.is_null())
            .filter_map(|(uri, value)| Some((uri.to_file_path()?.into_owned(), ClientSettings::from_json(Some(value)))))
            .collect();
        let settings = (!editor.is_null()).then(|| ClientSettings::from_json(Some(editor)));
        self.session.send(Command::Configure { settings, folder_settings });
    }

    /// A test-only request that panics inside the request machinery, to prove that a
    /// panicking request is isolated. Registered only when `PYTC_LSP_DEBUG_METHODS` is set.
    pub async fn debug_panic(&self, _params: Value) -> Result<Value> {
        read(&self.session, None, |_| -> Value { panic!("pytc/debugPanic was requested") }).await
    }

    /// A test-only request that holds its snapshot until an edit cancels it (or ten seconds
    /// pass), to prove that cancelled reads are answered with `ContentModified`.
    pub async fn debug_wait_for_cancellation(&self, _params: Value) -> Result<Value> {
        read(&self.session, None, |snapshot| {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while std::time::Instant::now() < deadline {
                salsa::Database::unwind_if_revision_cancelled(&snapshot.db);
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Value::String("not cancelled".into())
        })
        .await
    }
}

/// A refused rename, as the error the client shows.
fn rename_refused(error: &pytc_ide::RenameError) -> tower_lsp_server::jsonrpc::Error {
    tower_lsp_server::jsonrpc::Error::invalid_params(format!("pytc: {error}"))
}

fn is_python(language_id: &str, uri: &Uri) -> bool {
    let path = uri.path().as_str();
    language_id == "python" || path.ends_with(".py") || path.ends_with(".pyi")
}

/// The workspace folders the client names: its `workspaceFolders`, else its `rootUri`.
fn folders_of(params: &InitializeParams) -> Vec<Uri> {
    let folders: Vec<Uri> = params.workspace_folders.iter().flatten().map(|folder| folder.uri.clone()).collect();
    if !folders.is_empty() {
        return folders;
    }
    #[allow(deprecated)]
    params.root_uri.iter().cloned().collect()
}

fn paths_of(folders: &[Uri]) -> Vec<PathBuf> {
    folders.iter().filter_map(|uri| uri.to_file_path().map(|path| path.into_owned())).collect()
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = PositionEncoding::negotiate(
            capabilities.general.as_ref().and_then(|general| general.position_encodings.as_deref()),
        );
        let workspace = capabilities.workspace.as_ref();
        let pulls = capabilities.text_document.as_ref().is_some_and(|text| text.diagnostic.is_some());
        let refreshes = workspace
            .and_then(|workspace| workspace.diagnostics.as_ref())
            .and_then(|diagnostics| diagnostics.refresh_support)
            .unwrap_or(false);
        // A client that pulls but cannot be asked to pull again (Neovim 0.11) would never
        // see a file's diagnostics change when only its imports changed: push to it.
        let mode = if pulls && refreshes { DiagnosticsMode::Pull } else { DiagnosticsMode::Push };
        *self.support.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = ClientSupport {
            dynamic_file_watching: workspace
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watch| watch.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|workspace| workspace.configuration).unwrap_or(false),
        };
        let folders = folders_of(&params);
        let config = WorkspaceConfig {
            roots: paths_of(&folders),
            settings: ClientSettings::from_json(params.initialization_options.as_ref()),
            folder_settings: Default::default(),
        };
        *self.folders() = folders;
        let poll_disk = !self.support().dynamic_file_watching;
        self.session.send(Command::Initialize { config, encoding, mode, poll_disk });
        Ok(InitializeResult {
            capabilities: server_capabilities(encoding, mode),
            server_info: Some(ServerInfo { name: "pytc".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.support().dynamic_file_watching {
            let watchers = ["**/*.py", "**/*.pyi", "**/pyproject.toml", "**/pytc.toml"]
                .into_iter()
                .map(|pattern| FileSystemWatcher { glob_pattern: GlobPattern::String(pattern.to_string()), kind: None })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "pytc-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            let _ = self.client.register_capability(vec![registration]).await;
        }
        self.pull_configuration().await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        // Clients may open every document with this server (a TOML file, a notebook's text):
        // only Python is checked.
        if !is_python(&document.language_id, &document.uri) {
            return;
        }
        self.session.send(Command::Open { uri: document.uri, text: document.text, version: document.version });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let document = params.text_document;
        self.session.send(Command::Change { uri: document.uri, version: document.version, changes: params.content_changes });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.sent_tokens.forget(&params.text_document.uri);
        self.session.send(Command::Close { uri: params.text_document.uri });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let structure_changed = params.changes.iter().any(|event| event.typ != FileChangeType::CHANGED);
        let paths = params.changes.iter().filter_map(|event| event.uri.to_file_path().map(|path| path.into_owned())).collect();
        self.session.send(Command::FilesChanged { paths, structure_changed });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.support().configuration {
            self.pull_configuration().await;
        } else {
            let settings = Some(ClientSettings::from_json(Some(&params.settings)));
            self.session.send(Command::Configure { settings, folder_settings: Default::default() });
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let uris = |folders: Vec<WorkspaceFolder>| -> Vec<Uri> { folders.into_iter().map(|folder| folder.uri).collect() };
        let (added, removed) = (uris(params.event.added), uris(params.event.removed));
        {
            let mut folders = self.folders();
            folders.retain(|folder| !removed.contains(folder));
            folders.extend(added.iter().filter(|uri| !removed.contains(uri)).cloned());
        }
        self.session.send(Command::Roots { added: paths_of(&added), removed: paths_of(&removed) });
        // A new folder may have settings of its own.
        if !added.is_empty() {
            self.pull_configuration().await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        read(&self.session, Some(position.text_document.uri.clone()), move |snapshot| {
            let (file, offset) = snapshot.request_position(&position)?;
            let hover = pytc_ide::hover(&snapshot.db, file, offset)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: hover.markdown() }),
                range: Some(snapshot.range(file, hover.range)),
            })
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        read(&self.session, Some(position.text_document.uri.clone()), move |snapshot| {
            let (file, offset) = snapshot.request_position(&position)?;
            let uri = position.text_document.uri;
            let list = pytc_ide::completion_list(&snapshot.db, file, offset, &snapshot.workspace_files());
            let items: Vec<CompletionItem> = list.items.into_iter().map(|item| crate::completion::to_lsp(snapshot, &uri, file, item)).collect();
            Some(CompletionResponse::List(CompletionList { is_incomplete: list.incomplete, items }))
        })
        .await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        let data: Option<crate::completion::ItemData> = item.data.clone().and_then(|data| serde_json::from_value(data).ok());
        let Some(data) = data else { return Ok(item) };
        read(&self.session, Some(data.uri.clone()), move |snapshot| match crate::completion::target_of(snapshot, &data) {
            Some(target) => crate::completion::resolve(snapshot, item, target),
            None => item,
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let include_declaration = params.context.include_declaration;
        read(&self.session, Some(position.text_document.uri.clone()), move |snapshot| {
            let (file, offset) = snapshot.request_position(&position)?;
            let files = snapshot.workspace_files();
            let references = pytc_ide::references(&snapshot.db, file, offset, &files, include_declaration);
            snapshot.locations(references.into_iter().map(|reference| (reference.target.file, reference.target.range)))
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let position = params.text_document_position_params;
        read(&self.session, Some(position.text_document.uri.clone()), move |snapshot| {
            let (file, offset) = snapshot.request_position(&position)?;
            let highlights: Vec<DocumentHighlight> = pytc_ide::document_highlights(&snapshot.db, file, offset)
                .into_iter()
                .map(|reference| DocumentHighlight {
                    range: snapshot.range(file, reference.target.range),
                    kind: Some(if reference.binds { DocumentHighlightKind::WRITE } else { DocumentHighlightKind::READ }),
                })
                .collect();
            (!highlights.is_empty()).then_some(highlights)
        })
        .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let answer = read(&self.session, Some(params.text_document.uri.clone()), move |snapshot| {
            let Some((file, offset)) = snapshot.request_position(&params) else { return Ok(None) };
            match pytc_ide::prepare_rename(&snapshot.db, file, offset) {
                Ok(target) => Ok(Some(PrepareRenameResponse::Range(snapshot.range(file, target.range)))),
                Err(pytc_ide::RenameError::NoSymbol) => Ok(None),
                Err(error) => Err(rename_refused(&error)),
            }
        })
        .await?;
        answer
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let new_name = params.new_name;
        let answer = read(&self.session, Some(position.text_document.uri.clone()), move |snapshot| {
            let Some((file, offset)) = snapshot.request_position(&position) else { return Ok(None) };
            let files = snapshot.workspace_files();
            let edits = pytc_ide::rename(&snapshot.db, file, offset, &new_name, &files).map_err(|error| rename_refused(&error))?;
            let mut changes: std::collections::HashMap<Uri, Vec<TextEdit>> = std::collections::HashMap::new();
            for (file, ranges) in edits {
                let Some(uri) = snapshot.uri(file) else { continue };
                let edits = ranges.into_iter().map(|range| TextEdit { range: snapshot.range(file, range), new_text: new_name.clone() });
                changes.entry(uri).or_default().extend(edits);
            }
            Ok((!changes.is_empty()).then(|| WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }))
        })
        .await?;
        answer
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        navigate(&self.session, params.text_document_position_params, pytc_ide::goto_definition).await
    }

    async fn goto_declaration(&self, params: request::GotoDeclarationParams) -> Result<Option<request::GotoDeclarationResponse>> {
        navigate(&self.session, params.text_document_position_params, pytc_ide::goto_declaration).await
    }

    async fn goto_type_definition(&self, params: request::GotoTypeDefinitionParams) -> Result<Option<request::GotoTypeDefinitionResponse>> {
        navigate(&self.session, params.text_document_position_params, pytc_ide::goto_type_definition).await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let position = params.text_document_position_params;
        read(&self.session, Some(position.text_document.uri.clone()), move |snapshot| {
            let (file, offset) = snapshot.request_position(&position)?;
            let help = pytc_ide::signature_help(&snapshot.db, file, offset)?;
            let encoding = snapshot.encoding;
            let signatures = help
                .signatures
                .into_iter()
                .map(|signature| {
                    let offsets = |range: pytc_syntax::TextRange| {
                        let start = encoding.length(&signature.label[..range.start().to_usize()]);
                        [start, start + encoding.length(&signature.label[range.to_std_range()])]
                    };
                    let parameters = signature
                        .parameters
                        .iter()
                        .map(|range| ParameterInformation { label: ParameterLabel::LabelOffsets(offsets(*range)), documentation: None })
                        .collect();
                    SignatureInformation {
                        documentation: signature.documentation.map(|text| {
                            Documentation::MarkupContent(MarkupContent { kind: MarkupKind::PlainText, value: text })
                        }),
                        parameters: Some(parameters),
                        active_parameter: signature.active_parameter.and_then(|index| u32::try_from(index).ok()),
                        label: signature.label,
                    }
                })
                .collect::<Vec<_>>();
            let active = signatures.get(help.active_signature).and_then(|signature| signature.active_parameter);
            Some(SignatureHelp {
                signatures,
                active_signature: u32::try_from(help.active_signature).ok(),
                active_parameter: active,
            })
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        read(&self.session, Some(uri.clone()), move |snapshot| {
            let file = snapshot.file(&uri)?;
            let symbols = pytc_ide::document_symbols(&snapshot.db, file);
            Some(DocumentSymbolResponse::Nested(crate::symbols::to_lsp(snapshot, file, symbols)))
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let query = params.query;
        read_all(&self.session, move |snapshots| {
            Some(WorkspaceSymbolResponse::Flat(crate::symbols::workspace_symbols(snapshots, &query)))
        })
        .await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let sent = self.sent_tokens.clone();
        read(&self.session, Some(uri.clone()), move |snapshot| {
            let file = snapshot.file(&uri)?;
            Some(SemanticTokensResult::Tokens(sent.record(uri, encoded_tokens(snapshot, file, None))))
        })
        .await
    }

    async fn semantic_tokens_full_delta(&self, params: SemanticTokensDeltaParams) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let previous = params.previous_result_id;
        let sent = self.sent_tokens.clone();
        read(&self.session, Some(uri.clone()), move |snapshot| {
            let file = snapshot.file(&uri)?;
            Some(match sent.delta(uri, &previous, encoded_tokens(snapshot, file, None)) {
                Ok(delta) => SemanticTokensFullDeltaResult::TokensDelta(delta),
                Err(full) => SemanticTokensFullDeltaResult::Tokens(full),
            })
        })
        .await
    }

    async fn semantic_tokens_range(&self, params: SemanticTokensRangeParams) -> Result<Option<SemanticTokensRangeResult>> {
        let uri = params.text_document.uri;
        let range = params.range;
        read(&self.session, Some(uri.clone()), move |snapshot| {
            let file = snapshot.file(&uri)?;
            let range = snapshot.text_range(file, range);
            let data = encoded_tokens(snapshot, file, Some(range));
            Some(SemanticTokensRangeResult::Tokens(SemanticTokens { result_id: None, data }))
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri;
        let range = params.range;
        read(&self.session, Some(uri.clone()), move |snapshot| {
            let file = snapshot.file(&uri)?;
            let range = snapshot.text_range(file, range);
            let options = pytc_ide::InlayHintOptions { parameter_names: snapshot.inlay_hints.parameter_names };
            let hints = pytc_ide::inlay_hints(&snapshot.db, file, range, options)
                .into_iter()
                .map(|hint| {
                    let position = snapshot.range(file, pytc_syntax::TextRange::empty(hint.offset)).start;
                    let edit = |text: String| vec![TextEdit { range: Range::new(position, position), new_text: text }];
                    InlayHint {
                        position,
                        label: InlayHintLabel::String(hint.label),
                        kind: Some(match hint.kind {
                            pytc_ide::InlayHintKind::ParameterName => InlayHintKind::PARAMETER,
                            pytc_ide::InlayHintKind::VariableType | pytc_ide::InlayHintKind::ReturnType => InlayHintKind::TYPE,
                        }),
                        text_edits: hint.insert.map(edit),
                        tooltip: None,
                        padding_left: Some(hint.kind == pytc_ide::InlayHintKind::ReturnType),
                        padding_right: Some(hint.kind == pytc_ide::InlayHintKind::ParameterName),
                        data: None,
                    }
                })
                .collect();
            Some(hints)
        })
        .await
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = read(&self.session, Some(uri.clone()), move |snapshot| {
            snapshot.file(&uri).map(|file| file_diagnostics_isolated(snapshot, file)).unwrap_or_default()
        })
        .await?;
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
        })))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let diagnostics = params.context.diagnostics;
        let only = params.context.only;
        let wanted = move |kind: &CodeActionKind| only.as_ref().is_none_or(|only| only.iter().any(|prefix| kind.as_str().starts_with(prefix.as_str())));
        let range = params.range;
        read(&self.session, Some(uri.clone()), move |snapshot| {
            let file = snapshot.file(&uri)?;
            let action = |fix: pytc_ide::QuickFix, kind: CodeActionKind, diagnostics: Option<Vec<Diagnostic>>| {
                let edit = TextEdit { range: snapshot.range(file, fix.edit.range), new_text: fix.edit.new_text };
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(kind),
                    diagnostics,
                    edit: Some(WorkspaceEdit { changes: Some([(uri.clone(), vec![edit])].into()), ..WorkspaceEdit::default() }),
                    ..CodeAction::default()
                })
            };
            let mut actions: Vec<CodeActionOrCommand> = Vec::new();
            // The workspace's modules, listed once and only when a name is to be imported.
            let mut workspace: Option<Vec<pytc_db::File>> = None;
            if wanted(&CodeActionKind::QUICKFIX) {
                for diagnostic in diagnostics.into_iter().filter(|diagnostic| diagnostic.source.as_deref() == Some(crate::diagnostics::SOURCE)) {
                    let Some(NumberOrString::String(rule)) = &diagnostic.code else { continue };
                    let range = snapshot.text_range(file, diagnostic.range);
                    let mut fixes = Vec::new();
                    if rule == pytc_checker::UNUSED_IGNORE_COMMENT.name {
                        let unused = pytc_checker::unused_part_of_message(&diagnostic.message);
                        fixes.extend(unused.and_then(|unused| pytc_ide::remove_suppression_fix(&snapshot.db, file, range, unused)));
                    } else {
                        if rule == pytc_ide::UNRESOLVED_REFERENCE.name {
                            let workspace = workspace.get_or_insert_with(|| snapshot.workspace_files());
                            fixes.extend(pytc_ide::import_fixes(&snapshot.db, file, workspace, range));
                        }
                        if crate::diagnostics::comment_can_suppress(rule) {
                            fixes.extend(pytc_ide::suppress_rule_fix(&snapshot.db, file, range, rule));
                        }
                    }
                    actions.extend(fixes.into_iter().map(|fix| action(fix, CodeActionKind::QUICKFIX, Some(vec![diagnostic.clone()]))));
                }
            }
            if wanted(&CodeActionKind::REFACTOR_REWRITE) {
                let fixes = pytc_ide::insert_annotation_actions(&snapshot.db, file, snapshot.text_range(file, range));
                actions.extend(fixes.into_iter().map(|fix| action(fix, CodeActionKind::REFACTOR_REWRITE, None)));
            }
            (!actions.is_empty()).then_some(actions)
        })
        .await
    }
}

/// A go-to request: the places `find` gives for the name at the request's position.
async fn navigate(
    session: &SessionHandle,
    position: TextDocumentPositionParams,
    find: fn(&dyn pytc_db::Db, pytc_db::File, pytc_syntax::TextSize) -> Vec<pytc_ide::NavigationTarget>,
) -> Result<Option<GotoDefinitionResponse>> {
    read(session, Some(position.text_document.uri.clone()), move |snapshot| {
        let (file, offset) = snapshot.request_position(&position)?;
        let targets = find(&snapshot.db, file, offset);
        let locations = snapshot.locations(targets.into_iter().map(|target| (target.file, target.range)))?;
        Some(GotoDefinitionResponse::Array(locations))
    })
    .await
}
