//! `pytc api diff`: the changes from an old version of a package's public API to a new one.
//! Modules, names and class members are matched by name; signatures, types, bases and
//! class flags of each matched pair are compared, types with the real type relation
//! (`pytc_types::api::compare_across`). Each change is classified by a [`DiffRule`].

mod accesses;
mod calls;
mod rules;
mod signature;
mod special_forms;

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use pytc_types::Type;
use pytc_types::api::{ApiClass, ApiLocation, ApiSymbol, ApiSymbolKind, ApiType, compare_across, inherited_member_api};

pub use rules::{Bump, DiffRule};

use crate::example::{ApiExample, Snippet};
use crate::package::{ApiPackage, SourceLocation};

/// One change, with both locations (when the symbol exists on that side) and, for a type
/// change, both types.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ApiChange {
    pub rule: &'static str,
    pub bump: Bump,
    pub module: String,
    /// The symbol within the module (`f`, `C.method`).
    pub symbol: String,
    pub message: String,
    pub old_location: Option<SourceLocation>,
    pub new_location: Option<SourceLocation>,
    pub old_type: Option<String>,
    pub new_type: Option<String>,
    /// Calling code that shows the change breaks callers (breaking changes only, filled in by
    /// [`crate::attach_examples`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<ApiExample>,
    /// The snippets that may show it, tried in order.
    #[serde(skip)]
    pub(crate) candidates: Vec<Snippet>,
}

/// The changes from `old` to `new`, breaking ones first, then in module and name order.
pub fn diff<'a>(old: &'a ApiPackage, new: &'a ApiPackage, cwd: &Path) -> Vec<ApiChange> {
    let mut differ = Differ { old, new, cwd, module: String::new(), changes: Vec::new() };
    let old_modules = old.module_apis();
    let new_modules = new.module_apis();
    for (name, old_api) in &old_modules {
        differ.module = name.to_string();
        match new_modules.iter().find(|(new_name, _)| new_name == name) {
            None => {
                let location = ApiLocation { file: old_api.file, range: Default::default() };
                differ.report(DiffRule::ModuleRemoved, "", format!("module `{name}` was removed"), Some(location), None);
                differ.show_with(vec![Snippet::importing_module(name)]);
            }
            Some((_, new_api)) => {
                // A class or function re-exported from another public module on both sides is
                // compared in the module that defines it; here only its name matters.
                let is_reexport = |package: &ApiPackage, module_file, symbol: &ApiSymbol<'_>| {
                    symbol.defined_in.is_some_and(|file| file != module_file && package.modules.iter().any(|(_, public)| *public == file))
                };
                let shallow = |symbols: &[ApiSymbol<'_>], package, file| -> Vec<bool> { symbols.iter().map(|s| is_reexport(package, file, s)).collect() };
                let (old_shallow, new_shallow) = (shallow(&old_api.symbols, old, old_api.file), shallow(&new_api.symbols, new, new_api.file));
                let compared = |symbols: &[ApiSymbol<'a>], shallow: &[bool], other: &[ApiSymbol<'a>], other_shallow: &[bool]| -> Vec<ApiSymbol<'a>> {
                    let other_shallow: FxHashSet<&str> =
                        other.iter().zip(other_shallow).filter(|(_, is_shallow)| **is_shallow).map(|(o, _)| o.name.as_str()).collect();
                    symbols
                        .iter()
                        .zip(shallow)
                        .filter(|(symbol, is_shallow)| !(**is_shallow && other_shallow.contains(symbol.name.as_str())))
                        .map(|(symbol, _)| symbol.clone())
                        .collect()
                };
                let old_symbols = compared(&old_api.symbols, &old_shallow, &new_api.symbols, &new_shallow);
                let new_symbols = compared(&new_api.symbols, &new_shallow, &old_api.symbols, &old_shallow);
                differ.symbols("", &old_symbols, &new_symbols);
            }
        }
    }
    for (name, new_api) in &new_modules {
        if !old_modules.iter().any(|(old_name, _)| old_name == name) {
            differ.module = name.to_string();
            let location = ApiLocation { file: new_api.file, range: Default::default() };
            differ.report(DiffRule::SymbolAdded, "", format!("module `{name}` was added"), None, Some(location));
        }
    }
    let mut changes = differ.changes;
    changes.sort_by(|a, b| b.bump.cmp(&a.bump).then_with(|| a.module.cmp(&b.module)).then_with(|| a.symbol.cmp(&b.symbol)));
    changes
}

pub(crate) struct Differ<'a> {
    pub(crate) old: &'a ApiPackage,
    pub(crate) new: &'a ApiPackage,
    cwd: &'a Path,
    module: String,
    changes: Vec<ApiChange>,
}

impl<'a> Differ<'a> {
    pub(crate) fn report(&mut self, rule: DiffRule, symbol: &str, message: String, old: Option<ApiLocation>, new: Option<ApiLocation>) {
        self.report_types(rule, symbol, message, old, new, None);
    }

    pub(crate) fn report_types(
        &mut self,
        rule: DiffRule,
        symbol: &str,
        message: String,
        old: Option<ApiLocation>,
        new: Option<ApiLocation>,
        types: Option<(String, String)>,
    ) {
        let (old_type, new_type) = types.map_or((None, None), |(old, new)| (Some(old), Some(new)));
        self.changes.push(ApiChange {
            rule: rule.name(),
            bump: rule.bump(),
            module: self.module.clone(),
            symbol: symbol.to_string(),
            message,
            old_location: old.map(|location| self.old.source_location(location, self.cwd)),
            new_location: new.map(|location| self.new.source_location(location, self.cwd)),
            old_type,
            new_type,
            example: None,
            candidates: Vec::new(),
        });
    }

    /// Calling code that may show the change just reported breaks callers.
    pub(crate) fn show_with(&mut self, candidates: Vec<Snippet>) {
        if let Some(change) = self.changes.last_mut() {
            change.candidates = candidates;
        }
    }

    fn symbols(&mut self, prefix: &str, old: &[ApiSymbol<'a>], new: &[ApiSymbol<'a>]) {
        let member = !prefix.is_empty();
        let new_by_name: FxHashMap<&str, &ApiSymbol<'a>> = new.iter().map(|symbol| (symbol.name.as_str(), symbol)).collect();
        let old_names: FxHashSet<&str> = old.iter().map(|symbol| symbol.name.as_str()).collect();
        for old_symbol in old {
            let name = format!("{prefix}{}", old_symbol.name);
            match new_by_name.get(old_symbol.name.as_str()) {
                None => {
                    let rule = if member { DiffRule::MemberRemoved } else { DiffRule::SymbolRemoved };
                    let what = old_symbol.kind.name();
                    self.report(rule, &name, format!("{what} `{name}` was removed"), Some(old_symbol.location), None);
                    let candidates =
                        if member { accesses::member_reads(&self.module, &name, false) } else { vec![Snippet::importing(&self.module, &old_symbol.name)] };
                    self.show_with(candidates);
                }
                Some(new_symbol) => self.symbol(&name, old_symbol, new_symbol, member),
            }
        }
        for new_symbol in new {
            if !old_names.contains(new_symbol.name.as_str()) {
                let name = format!("{prefix}{}", new_symbol.name);
                if let ApiSymbolKind::Function(function) = &new_symbol.kind
                    && function.is_abstract
                {
                    self.report(DiffRule::AbstractMethodAdded, &name, format!("abstract method `{name}` was added"), None, Some(new_symbol.location));
                    continue;
                }
                let message = match &new_symbol.kind {
                    ApiSymbolKind::Variable(variable) if matches!(variable.ty.ty, Type::EnumLiteral(_)) => {
                        format!("enum member `{name}` was added (an exhaustive `match` on the enum needs a case for it)")
                    }
                    kind => format!("{} `{name}` was added", kind.name()),
                };
                self.report(DiffRule::SymbolAdded, &name, message, None, Some(new_symbol.location));
            }
        }
    }

    fn symbol(&mut self, name: &str, old: &ApiSymbol<'a>, new: &ApiSymbol<'a>, member: bool) {
        let locations = (Some(old.location), Some(new.location));
        match (&old.kind, &new.kind) {
            (ApiSymbolKind::Class(old_class), ApiSymbolKind::Class(new_class)) => self.class(name, old_class, new_class, locations),
            (ApiSymbolKind::Function(old_function), ApiSymbolKind::Function(new_function)) => {
                self.function(name, old_function, new_function, locations);
            }
            (ApiSymbolKind::Property { ty: old_ty, settable: old_settable }, ApiSymbolKind::Property { ty: new_ty, .. }) => {
                if let (Some(old_ty), Some(new_ty)) = (old_ty, new_ty) {
                    if self.attribute_type(name, old_ty, new_ty, *old_settable, locations) {
                        let old_shown = old_ty.display(&self.old.db);
                        self.show_with(accesses::typed_uses(&self.module, name, &old_shown, *old_settable));
                    }
                }
            }
            (ApiSymbolKind::Variable(old_variable), ApiSymbolKind::Variable(new_variable)) => {
                self.variable_qualifiers(name, old_variable, new_variable, member, locations);
                // Only declared types are promised: an inferred one (`__version__ = "1.0"`
                // is `Literal["1.0"]`) changes with every value. A module variable is read by
                // importers; a class attribute may also be assigned, unless it is `Final`.
                if old_variable.declared && new_variable.declared {
                    let settable = member && !old_variable.is_final && !new_variable.is_final;
                    if self.attribute_type(name, &old_variable.ty, &new_variable.ty, settable, locations) {
                        let old_shown = old_variable.ty.display(&self.old.db);
                        self.show_with(accesses::typed_uses(&self.module, name, &old_shown, settable));
                    }
                }
            }
            (ApiSymbolKind::TypeAlias(old_value), ApiSymbolKind::TypeAlias(new_value)) => {
                // An alias is used both as a parameter and as a return type: invariant.
                if self.attribute_type(name, old_value, new_value, true, locations) {
                    let old_shown = old_value.display(&self.old.db);
                    self.show_with(accesses::alias_uses(&self.module, name, &old_shown));
                }
            }
            (ApiSymbolKind::TypeVar(old_typevar), ApiSymbolKind::TypeVar(new_typevar)) if old_typevar.kind == new_typevar.kind => {
                self.type_variable(name, old_typevar, new_typevar, locations);
            }
            (ApiSymbolKind::Module(_), ApiSymbolKind::Module(_)) => {}
            (old_kind, new_kind) => {
                let message = format!("`{name}` was a {} and is now a {}", old_kind.name(), new_kind.name());
                self.report(DiffRule::SymbolKindChanged, name, message, locations.0, locations.1);
            }
        }
    }

    fn class(&mut self, name: &str, old: &ApiClass<'a>, new: &ApiClass<'a>, locations: (Option<ApiLocation>, Option<ApiLocation>)) {
        if !old.is_final && new.is_final {
            self.report(DiffRule::ClassMadeFinal, name, format!("class `{name}` was made `@final`"), locations.0, locations.1);
            self.show_with(accesses::subclass(&self.module, name));
        }
        for base in &old.bases {
            let shown = base.display(&self.old.db);
            // The same class with other type arguments (`Base[T]` to `Base[T, U]`) is still
            // that base; whether instances still fit `Base[...]` is left to the relation
            // when the arguments can be compared.
            let class_name = |shown: &str| shown.split('[').next().unwrap_or_default().to_string();
            let kept = new.bases.iter().any(|new_base| {
                let new_shown = new_base.display(&self.new.db);
                new_shown == shown
                    || class_name(&new_shown) == class_name(&shown)
                    || compare_across(&self.old.db, base.ty, &self.new.db, new_base.ty).is_some_and(|c| c.new_assignable_to_old)
            });
            if !kept {
                self.report(DiffRule::BaseClassRemoved, name, format!("class `{name}` no longer derives from `{shown}`"), locations.0, locations.1);
                self.show_with(accesses::upcast(&self.module, name, &shown));
            }
        }
        if new.is_protocol {
            for member in &new.members {
                if !old.members.iter().any(|old_member| old_member.name == member.name) {
                    let member_name = format!("{name}.{}", member.name);
                    self.report(
                        DiffRule::AbstractMethodAdded,
                        &member_name,
                        format!("protocol `{name}` gained member `{}`: existing implementations may lack it", member.name),
                        None,
                        Some(member.location),
                    );
                }
            }
            let old_members: Vec<ApiSymbol<'a>> = old.members.clone();
            let new_members: Vec<ApiSymbol<'a>> =
                new.members.iter().filter(|member| old_members.iter().any(|old| old.name == member.name)).cloned().collect();
            self.symbols(&format!("{name}."), &old_members, &new_members);
            return;
        }
        if old.is_typed_dict && new.is_typed_dict {
            self.typed_dict_keys(name, &old.typed_dict_keys, &new.typed_dict_keys, locations);
        }
        // A member that moved to a base class is still there; a removed enum member has
        // its own rule.
        let mut old_members: Vec<ApiSymbol<'a>> = old
            .members
            .iter()
            .filter(|member| new.members.iter().any(|m| m.name == member.name) || !new.inherited_members.contains(&member.name))
            .cloned()
            .collect();
        old_members.retain(|member| {
            let removed_enum_member = old.enum_members.contains(&member.name) && !new.members.iter().any(|m| m.name == member.name);
            if removed_enum_member {
                let member_name = format!("{name}.{}", member.name);
                self.report(DiffRule::EnumMemberRemoved, &member_name, format!("enum member `{member_name}` was removed"), Some(member.location), locations.1);
                self.show_with(accesses::member_reads(&self.module, &member_name, true));
            }
            !removed_enum_member
        });
        self.symbols(&format!("{name}."), &old_members, &new.members);
        // A member the class now defines itself overrides what it inherited: callers that
        // used the inherited one now get the override.
        for member in &new.members {
            if old.members.iter().any(|old_member| old_member.name == member.name) || !old.inherited_members.contains(&member.name) {
                continue;
            }
            if let Some(inherited) = inherited_member_api(&self.old.db, old, &member.name) {
                self.symbol(&format!("{name}.{}", member.name), &inherited, member, true);
            }
        }
    }

    /// A variable, attribute, property or alias type: readers need the new type assignable
    /// to the old one; writers (when `settable`) the old assignable to the new. True when a
    /// change was reported.
    fn attribute_type(
        &mut self,
        name: &str,
        old: &ApiType<'a>,
        new: &ApiType<'a>,
        settable: bool,
        locations: (Option<ApiLocation>, Option<ApiLocation>),
    ) -> bool {
        let (old_shown, new_shown) = (old.display(&self.old.db), new.display(&self.new.db));
        if old_shown == new_shown {
            return false;
        }
        let types = Some((old_shown.clone(), new_shown.clone()));
        let (rule, message) = match compare_across(&self.old.db, old.ty, &self.new.db, new.ty) {
            None => (DiffRule::TypeChangeUndecided, format!("the type of `{name}` changed from `{old_shown}` to `{new_shown}`; pytc cannot compare them")),
            Some(c) if c.new_assignable_to_old && (!settable || c.old_assignable_to_new) => {
                if c.old_assignable_to_new {
                    return false;
                }
                (DiffRule::AttributeTypeNarrowed, format!("the type of `{name}` narrowed from `{old_shown}` to `{new_shown}`"))
            }
            Some(_) => (DiffRule::AttributeTypeChanged, format!("the type of `{name}` changed from `{old_shown}` to `{new_shown}`")),
        };
        self.report_types(rule, name, message, locations.0, locations.1, types);
        true
    }
}
