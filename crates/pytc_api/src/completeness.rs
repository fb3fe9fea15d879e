//! How completely a package's public API is typed. Every public symbol (class members
//! included) is checked for missing annotations, declared types that are `Unknown` or partly
//! so (its own kind when the unknown part comes from a dependency pytc cannot type, see
//! `dependency_unknowns`), and variables whose type is only inferred (another checker may
//! infer it differently);
//! a symbol with no finding is fully known. The score is the share of fully known symbols.
//! A class or function re-exported from another public module of the package is counted
//! once, in the module that defines it.

use std::path::Path;

use pytc_db::Db;
use pytc_types::Type;
use pytc_types::api::{ApiLocation, ApiSignature, ApiSymbol, ApiSymbolKind, ApiType, Knownness};

use crate::dependency_unknowns::{DependencyBlame, because};
use crate::package::{ApiPackage, SourceLocation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    MissingParameterAnnotation,
    MissingReturnAnnotation,
    UnknownType,
    PartiallyUnknownType,
    /// An unknown part that comes from a dependency pytc cannot type.
    UnknownFromDependency,
    InferredType,
    UndefinedExport,
    UnresolvedImport,
}

impl FindingKind {
    pub const ALL: &'static [FindingKind] = &[
        Self::MissingParameterAnnotation,
        Self::MissingReturnAnnotation,
        Self::UnknownType,
        Self::PartiallyUnknownType,
        Self::UnknownFromDependency,
        Self::InferredType,
        Self::UndefinedExport,
        Self::UnresolvedImport,
    ];

    pub fn find(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::MissingParameterAnnotation => "missing-parameter-annotation",
            Self::MissingReturnAnnotation => "missing-return-annotation",
            Self::UnknownType => "unknown-type",
            Self::PartiallyUnknownType => "partially-unknown-type",
            Self::UnknownFromDependency => "unknown-from-dependency",
            Self::InferredType => "inferred-type",
            Self::UndefinedExport => "undefined-export",
            Self::UnresolvedImport => "unresolved-import",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CompletenessFinding {
    pub module: String,
    pub symbol: String,
    pub kind: FindingKind,
    pub message: String,
    pub location: SourceLocation,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ModuleCompleteness {
    pub module: String,
    pub symbols: usize,
    pub known: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Completeness {
    pub symbols: usize,
    pub known: usize,
    /// `known / symbols` as a percentage (100 for an empty API).
    pub score: f64,
    pub modules: Vec<ModuleCompleteness>,
    pub findings: Vec<CompletenessFinding>,
}

/// What a project leaves out of completeness (`[tool.pytc.api]`).
pub struct Omitted<'a> {
    /// A symbol (`module.name`, `module.Class.member`) left out with its members.
    pub symbol: &'a dyn Fn(&str) -> bool,
    /// A kind of finding that is not reported nor counted against the score.
    pub kind: &'a dyn Fn(FindingKind) -> bool,
}

impl Omitted<'_> {
    pub const NOTHING: Omitted<'static> = Omitted { symbol: &|_| false, kind: &|_| false };
}

/// The completeness of `package`'s public API, without what `omitted` leaves out.
pub fn completeness(package: &ApiPackage, cwd: &Path, omitted: &Omitted<'_>) -> Completeness {
    let db: &dyn Db = &package.db;
    let mut findings = Vec::new();
    let mut modules = Vec::new();
    let mut blame = DependencyBlame::new(package);
    for (module, api) in package.module_apis() {
        let mut counts = ModuleCompleteness { module: module.to_string(), symbols: 0, known: 0 };
        let mut walker = Walker { db, package, cwd, module, omitted, blame: &mut blame, findings: &mut findings, counts: &mut counts };
        for symbol in &api.symbols {
            // A re-export of another public module's class or function is scored there.
            let scored_elsewhere = symbol
                .defined_in
                .is_some_and(|file| file != api.file && package.modules.iter().any(|(_, public)| *public == file));
            if !scored_elsewhere {
                walker.symbol("", symbol);
            }
        }
        for name in &api.missing_from_module {
            if (omitted.symbol)(&format!("{module}.{name}")) || (omitted.kind)(FindingKind::UndefinedExport) {
                continue;
            }
            walker.counts.symbols += 1;
            let location = ApiLocation { file: api.file, range: Default::default() };
            walker.report(name, location, FindingKind::UndefinedExport, format!("`{name}` is listed in `__all__` but the module does not define it"));
        }
        modules.push(counts);
    }
    let symbols = modules.iter().map(|module| module.symbols).sum();
    let known = modules.iter().map(|module| module.known).sum();
    let score = if symbols == 0 { 100.0 } else { known as f64 * 100.0 / symbols as f64 };
    Completeness { symbols, known, score, modules, findings }
}

struct Walker<'a, 'db> {
    db: &'db dyn Db,
    package: &'a ApiPackage,
    cwd: &'a Path,
    module: &'a str,
    omitted: &'a Omitted<'a>,
    blame: &'a mut DependencyBlame,
    findings: &'a mut Vec<CompletenessFinding>,
    counts: &'a mut ModuleCompleteness,
}

impl<'db> Walker<'_, 'db> {
    fn report(&mut self, symbol: &str, location: ApiLocation, kind: FindingKind, message: String) {
        if (self.omitted.kind)(kind) {
            return;
        }
        self.findings.push(CompletenessFinding {
            module: self.module.to_string(),
            symbol: symbol.to_string(),
            kind,
            message,
            location: self.package.source_location(location, self.cwd),
        });
    }

    fn symbol(&mut self, prefix: &str, symbol: &ApiSymbol<'db>) {
        let name = format!("{prefix}{}", symbol.name);
        if (self.omitted.symbol)(&format!("{}.{name}", self.module)) {
            return;
        }
        let before = self.findings.len();
        let location = symbol.location;
        match &symbol.kind {
            ApiSymbolKind::Class(class) => {
                for base in &class.bases {
                    self.check_type(&name, location, "base class", base);
                }
                for key in &class.typed_dict_keys {
                    self.check_type(&name, location, &format!("type of key `{}`", key.name), &key.ty);
                }
            }
            ApiSymbolKind::Function(function) => {
                for signature in &function.overloads {
                    self.signature(&name, location, signature);
                }
            }
            ApiSymbolKind::Property { ty: None, .. } => {
                self.report(&name, location, FindingKind::MissingReturnAnnotation, format!("property `{name}` has no return annotation"));
            }
            ApiSymbolKind::Property { ty: Some(ty), .. } => self.check_type(&name, location, "property type", ty),
            ApiSymbolKind::Variable(variable) => {
                if variable.imported && variable.ty.knownness == Knownness::Unknown {
                    let message = format!("`{name}` is re-exported from an import pytc cannot resolve (a missing module or name, or an import cycle)");
                    self.report(&name, location, FindingKind::UnresolvedImport, message);
                } else if variable.declared {
                    self.check_type(&name, location, "declared type", &variable.ty);
                } else if is_constant_name(&symbol.name) && is_simple_literal(variable.ty.ty) {
                    // `MAX_SIZE = 50`, `__version__ = "2.0"`: a constant assigned a simple
                    // literal has the literal's class as its type for every checker.
                } else if let Some(import) = (variable.ty.knownness != Knownness::Known).then(|| self.blame.blame(self.db, location)).flatten() {
                    let shown = variable.ty.display(self.db);
                    let message = format!("`{name}` has no declared type and pytc infers `{shown}`: {}", because(&import));
                    self.report(&name, location, FindingKind::UnknownFromDependency, message);
                } else {
                    let shown = variable.ty.display(self.db);
                    self.report(
                        &name,
                        location,
                        FindingKind::InferredType,
                        format!("`{name}` has no declared type; pytc infers `{shown}`, other checkers may infer differently"),
                    );
                }
            }
            ApiSymbolKind::TypeAlias(value) => self.check_type(&name, location, "aliased type", value),
            ApiSymbolKind::TypeVar(typevar) => {
                for bound in typevar.bound.iter().chain(&typevar.constraints) {
                    self.check_type(&name, location, "bound", bound);
                }
            }
            ApiSymbolKind::Module(_) => {}
        }
        self.counts.symbols += 1;
        if self.findings.len() == before {
            self.counts.known += 1;
        }
        if let ApiSymbolKind::Class(class) = &symbol.kind {
            let prefix = format!("{name}.");
            for member in &class.members {
                self.symbol(&prefix, member);
            }
        }
    }

    fn signature(&mut self, name: &str, location: ApiLocation, signature: &ApiSignature<'db>) {
        for parameter in &signature.parameters {
            match &parameter.annotation {
                None => self.report(
                    name,
                    location,
                    FindingKind::MissingParameterAnnotation,
                    format!("parameter `{}` of `{name}` has no annotation", parameter.name),
                ),
                Some(ty) => self.check_type(name, location, &format!("type of parameter `{}`", parameter.name), ty),
            }
        }
        match &signature.returns {
            // `__init__` returns `None` whatever it says; checkers agree on that.
            None if name.ends_with("__init__") => {}
            None => {
                let inferred = signature.inferred_return.map(|ty| format!("; pytc infers `{}`", ty.display(self.db))).unwrap_or_default();
                self.report(name, location, FindingKind::MissingReturnAnnotation, format!("`{name}` has no return annotation{inferred}"));
            }
            Some(ty) => self.check_type(name, location, "return type", ty),
        }
    }

    fn check_type(&mut self, name: &str, location: ApiLocation, what: &str, ty: &ApiType<'db>) {
        let shown = ty.display(self.db);
        if ty.knownness != Knownness::Known
            && let Some(import) = self.blame.blame(self.db, location)
        {
            let message = format!("the {what} of `{name}` is {}: {}", describe(ty.knownness, &shown), because(&import));
            self.report(name, location, FindingKind::UnknownFromDependency, message);
            return;
        }
        match ty.knownness {
            Knownness::Known => {}
            Knownness::Unknown => self.report(name, location, FindingKind::UnknownType, format!("the {what} of `{name}` is unknown")),
            Knownness::PartiallyUnknown => self.report(
                name,
                location,
                FindingKind::PartiallyUnknownType,
                format!("the {what} of `{name}` is partially unknown: `{shown}`"),
            ),
        }
    }
}

/// `unknown`, or `partially unknown (`shown`)`.
fn describe(knownness: Knownness, shown: &str) -> String {
    match knownness {
        Knownness::PartiallyUnknown => format!("partially unknown (`{shown}`)"),
        _ => "unknown".to_string(),
    }
}

/// A constant's name by convention: all capitals (`MAX_SIZE`), or a module dunder such as
/// `__version__`.
fn is_constant_name(name: &str) -> bool {
    let is_dunder = name.len() > 4 && name.starts_with("__") && name.ends_with("__");
    is_dunder || (name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase))
}

/// A literal `int`, `str`, `bytes` or `bool` value.
fn is_simple_literal(ty: Type<'_>) -> bool {
    matches!(ty, Type::IntLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::BoolLiteral(_))
}
