//! Name resolution: the bindings that reach a load (narrowed by the predicates on the way),
//! then enclosing scopes, then builtins. Unresolved names are reported here.

use pytc_db::declare_rule;
use pytc_semantic::{Binding, ConstraintId, DefinitionKind, ScopeId, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::infer::public::{module_symbol, symbol_public_type};
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{Type, UnionBuilder};

declare_rule! {
    /// A name that is not defined in any enclosing scope nor in builtins.
    ///
    /// ```python
    /// print(undefined_name)  # error: [unresolved-reference]
    /// ```
    pub static UNRESOLVED_REFERENCE = {
        name: "unresolved-reference",
        summary: "a name is used but never defined",
        level: Error,
    }
}

declare_rule! {
    /// A name that is unbound on some path to its use.
    ///
    /// ```python
    /// if flag:
    ///     x = 1
    /// print(x)  # warning: [possibly-unbound]
    /// ```
    pub static POSSIBLY_UNBOUND = {
        name: "possibly-unbound",
        summary: "a name may be unbound where it is used",
        level: Warn,
    }
}

impl<'db> InferContext<'db> {
    pub(crate) fn infer_name_load(&mut self, name: &ast::ExprName) -> Type<'db> {
        let node = name.node_index().load();
        let scope = if self.in_string_annotation || node.as_u32().is_none() {
            self.scope
        } else {
            self.index.scope_of_node(node)
        };
        if self.in_string_annotation || node.as_u32().is_none() || (self.in_annotation && self.deferred_annotations) {
            return self.lookup_by_name(name, scope, true);
        }
        // Names not local to the scope resolve through enclosing scopes and builtins.
        match self.index.resolve_name(scope, name.id.as_str()) {
            pytc_semantic::NameResolution::Symbol { scope: resolved, .. } if resolved == scope => {}
            _ => {
                let bindings = self.index.use_def_map(scope).bindings_at_use(node);
                // The use itself is unreachable (`sys.platform == "win32" and winonly()`).
                if bindings.is_some_and(|bindings| bindings.is_empty()) {
                    return Type::Never;
                }
                // `global x` then `import x` (or `x = ...`) in this scope: every path binds it
                // here, so whether the module binds it too does not matter.
                let bound_here = bindings.is_some_and(|bindings| {
                    !bindings.is_empty() && bindings.iter().all(|reaching| matches!(reaching.binding, Binding::Definition(_)))
                });
                let outer = self.lookup_enclosing_from(name.id.as_str(), scope);
                // Where the inner scope runs the name may be bound though no binding is
                // public (a function that always ends by raising publishes none).
                let outer = match (self.type_where_inner_scope_runs(name, scope), outer) {
                    (Some(where_it_runs), _) => where_it_runs,
                    (None, Some(outer)) => outer,
                    (None, None) if bound_here => Type::UNKNOWN,
                    (None, None) => {
                        self.report_unresolved(name);
                        return Type::UNKNOWN;
                    }
                };
                // A free or `global` name still flows through this scope: narrowing (and
                // assignments to a `global`) apply on top of its outer type.
                let Some(bindings) = bindings else { return outer };
                let mut types = Vec::new();
                for reaching in bindings.iter() {
                    let (base, binding) = match reaching.binding {
                        Binding::Definition(definition) => {
                            (crate::infer::definition::binding_type(self.db, DefinitionRef::of(self.db, self.file, definition)), Some(definition))
                        }
                        Binding::Unbound | Binding::Deleted(_) => (outer, None),
                    };
                    types.push(self.apply_constraint(scope, reaching.constraint, base, name.id.as_str(), binding));
                }
                return if types.is_empty() { outer } else { Type::union_of(self.db, types) };
            }
        }
        let use_def = self.index.use_def_map(scope);
        let Some(bindings) = use_def.bindings_at_use(node) else {
            return self.lookup_by_name(name, scope, true);
        };
        if bindings.is_empty() {
            // The use itself is unreachable.
            return Type::Never;
        }
        let mut builder = UnionBuilder::new(self.db);
        let mut may_be_unbound = false;
        for reaching in bindings.iter() {
            match reaching.binding {
                Binding::Definition(definition) => {
                    let definition_ref = DefinitionRef::of(self.db, self.file, definition);
                    let ty = match self.contextual_lambda_parameter(scope, name.id.as_str(), definition_ref) {
                        Some(contextual) => contextual,
                        None => match self.assigned_for_choice(definition_ref) {
                            Some(assigned) => assigned,
                            None => crate::infer::definition::binding_type(self.db, definition_ref),
                        },
                    };
                    let narrowed = self.apply_constraint(scope, reaching.constraint, ty, name.id.as_str(), Some(definition));
                    builder.add(narrowed);
                }
                Binding::Unbound | Binding::Deleted(_) => {
                    if reaching.constraint != ConstraintId::ALWAYS_FALSE && !self.constraint_is_never(scope, reaching.constraint) {
                        may_be_unbound = true;
                    }
                }
            }
        }
        let bound_type = builder.build();
        let symbol_is_local = self
            .index
            .symbol_table(scope)
            .symbol_by_name(name.id.as_str())
            .is_some_and(|symbol| symbol.is_local());
        if !may_be_unbound {
            return bound_type;
        }
        // Stubs are never executed and declare names without values (`x: int`): a name
        // declared or bound anywhere in its own scope is defined.
        if self.index.is_stub()
            && let Some(symbol) = self.index.symbol_table(scope).symbol_id(name.id.as_str())
            && let Some(public) = symbol_public_type(self.db, self.file, scope, symbol)
        {
            return Type::union(self.db, bound_type, public);
        }
        let scope_kind = self.index.scope(scope).kind;
        let bound_anywhere = !bindings.definitions().next().is_none();
        if symbol_is_local && scope_kind.is_function_like() && scope_kind != ScopeKind::TypeParams {
            if bound_anywhere {
                self.report(name.range, &POSSIBLY_UNBOUND, format!("Name `{}` may be unbound", name.id));
                return bound_type;
            }
            // A nested function binding it through `nonlocal` may have run by now.
            if let Some(symbol) = self.index.symbol_table(scope).symbol_id(name.id.as_str())
                && self.index.symbol_table(scope).symbol(symbol).is_rebound_from_nested()
            {
                return symbol_public_type(self.db, self.file, scope, symbol).unwrap_or(Type::UNKNOWN);
            }
            self.report(name.range, &UNRESOLVED_REFERENCE, format!("Name `{}` is used before it is defined", name.id));
            return Type::UNKNOWN;
        }
        // A class body falls back to enclosing scopes and builtins, a module to builtins only:
        // a module-level name read before its binding runs is a `NameError`. Stubs are never
        // executed, so they may refer to names bound further down.
        let fallback = if scope_kind == ScopeKind::Module && !self.index.is_stub() {
            self.resolve(pytc_semantic::NameResolution::Builtins, name.id.as_str())
        } else {
            self.lookup_enclosing(name.id.as_str(), scope)
        };
        match fallback {
            Some(ty) => Type::union(self.db, bound_type, ty),
            None if bound_anywhere => {
                self.report(name.range, &POSSIBLY_UNBOUND, format!("Name `{}` may be unbound", name.id));
                bound_type
            }
            None if symbol_is_local => {
                self.report(name.range, &UNRESOLVED_REFERENCE, format!("Name `{}` is used before it is defined", name.id));
                Type::UNKNOWN
            }
            None => {
                self.report_unresolved(name);
                Type::UNKNOWN
            }
        }
    }

    /// A name a comprehension, class body or type-parameter list reads from an enclosing
    /// scope: its type where the inner scope runs (narrowing there included), from the
    /// enclosing scope's bindings the semantic index records for this load. A nested function
    /// or lambda runs later, but when the enclosing function never binds the name again after
    /// defining it, the index records the bindings at the definition point the same way.
    /// `None` when nothing is recorded or no binding reaches that point (the public type
    /// applies then).
    fn type_where_inner_scope_runs(&mut self, name: &ast::ExprName, scope: ScopeId) -> Option<Type<'db>> {
        if !matches!(
            self.index.scope(scope).kind,
            ScopeKind::Comprehension | ScopeKind::Class | ScopeKind::TypeParams | ScopeKind::Function | ScopeKind::Lambda
        ) {
            return None;
        }
        let pytc_semantic::NameResolution::Symbol { scope: enclosing, .. } = self.index.resolve_name(scope, name.id.as_str()) else {
            return None;
        };
        let bindings = self.index.use_def_map(enclosing).bindings_at_use(name.node_index().load())?;
        let mut types = Vec::new();
        for reaching in bindings.iter() {
            if let Binding::Definition(definition) = reaching.binding {
                let ty = crate::infer::definition::binding_type(self.db, DefinitionRef::of(self.db, self.file, definition));
                types.push(self.apply_constraint(enclosing, reaching.constraint, ty, name.id.as_str(), Some(definition)));
            }
        }
        (!types.is_empty()).then(|| Type::union_of(self.db, types))
    }

    /// Whether `symbol` of the class body `scope` is only annotated there (`type: type[T]`,
    /// no value): that does not bind the name in the class namespace, so a deferred
    /// annotation naming it means the enclosing or builtin name (attrs' stubs declare an
    /// attribute `type: type[_T] | None`).
    fn only_annotated_in_class(&self, scope: ScopeId, symbol: pytc_semantic::SymbolId) -> bool {
        if self.index.scope(scope).kind != ScopeKind::Class {
            return false;
        }
        let use_def = self.index.use_def_map(scope);
        let annotation_only = |definition: &pytc_semantic::DefinitionId| {
            matches!(&self.index.definition(*definition).kind, DefinitionKind::AnnotatedAssignment(assignment) if assignment.stmt.node().value.is_none())
        };
        let declarations = use_def.declarations(symbol);
        !declarations.is_empty()
            && declarations.iter().all(annotation_only)
            && use_def.public_bindings(symbol).definitions().all(|definition| annotation_only(&definition))
    }

    /// Whether every definition of `symbol` in the class body `scope` comes after `at` (or
    /// holds it: `def re(self) -> re.Pattern`) and is a function or variable (not a class or type alias, which annotations may name
    /// ahead). A deferred annotation then means the enclosing or builtin name, as in
    /// `def __init__(self, flags: re.RegexFlag)` in a class that later defines a property
    /// `re`: Python evaluates a method's deferred annotations in the module's namespace, and
    /// mypy reads class names only after their definition (forward references only to
    /// classes and aliases).
    fn only_defined_later_in_class(&self, scope: ScopeId, symbol: pytc_semantic::SymbolId, at: pytc_syntax::TextSize) -> bool {
        if self.index.scope(scope).kind != ScopeKind::Class {
            return false;
        }
        let use_def = self.index.use_def_map(scope);
        let is_later_value = |definition: pytc_semantic::DefinitionId| {
            let definition = self.index.definition(definition);
            let names_type = match &definition.kind {
                DefinitionKind::Class(_) | DefinitionKind::TypeAlias(_) | DefinitionKind::Import(_) | DefinitionKind::ImportFrom(_) => true,
                DefinitionKind::AnnotatedAssignment(assignment) => {
                    spells_type_alias(&assignment.stmt.node().annotation)
                }
                _ => false,
            };
            // Its own signature or annotation is not after it, but the name is not bound yet.
            let inside_own_statement = match &definition.kind {
                DefinitionKind::Function(function) => function.node().range.contains(at),
                DefinitionKind::AnnotatedAssignment(assignment) => assignment.stmt.node().range.contains(at),
                _ => false,
            };
            (definition.name_range.start() > at || inside_own_statement) && !names_type
        };
        let declarations = use_def.declarations(symbol);
        let mut bindings = use_def.public_bindings(symbol).definitions().peekable();
        (bindings.peek().is_some() || !declarations.is_empty())
            && declarations.iter().all(|definition| is_later_value(*definition))
            && bindings.all(is_later_value)
    }

    /// A name without a recorded use: look it up in the scope's public symbols, then in
    /// enclosing scopes and builtins.
    fn lookup_by_name(&mut self, name: &ast::ExprName, scope: ScopeId, whole_scope: bool) -> Type<'db> {
        let text = name.id.as_str();
        let position = if self.in_string_annotation { self.string_annotation_start } else { Some(name.range.start()) };
        if whole_scope
            && let Some(symbol) = self.index.symbol_table(scope).symbol_id(text)
            && !self.only_annotated_in_class(scope, symbol)
        {
            // A class name defined only further down yields to an outer name, when there is one.
            if let Some(at) = position
                && self.only_defined_later_in_class(scope, symbol, at)
                && let Some(outer) = self.lookup_enclosing(text, scope)
            {
                return outer;
            }
            if let Some(ty) = symbol_public_type(self.db, self.file, scope, symbol) {
                return ty;
            }
        }
        match self.lookup_enclosing(text, scope) {
            Some(ty) => ty,
            None => {
                self.report_unresolved(name);
                Type::UNKNOWN
            }
        }
    }

    /// The type a lambda's context gives the parameter `definition` of the lambda whose scope
    /// is `scope` (see `lambda_parameters`), while that lambda's body is inferred.
    fn contextual_lambda_parameter(&self, scope: ScopeId, name: &str, definition: DefinitionRef<'db>) -> Option<Type<'db>> {
        let (_, given) = self.contextual_lambda_parameters.iter().rev().find(|(lambda, _)| *lambda == scope)?;
        if !matches!(definition.definition(self.db).kind, pytc_semantic::DefinitionKind::Parameter(_)) {
            return None;
        }
        given.iter().find(|(parameter, _)| &**parameter == name).map(|(_, ty)| *ty)
    }

    fn report_unresolved(&mut self, name: &ast::ExprName) {
        let text = name.id.as_str();
        // Names of a class body (`__qualname__`, `__module__`) or a method's closure (`__class__`).
        if matches!(text, "__debug__" | "reveal_type" | "reveal_locals" | "__class__" | "__qualname__" | "__module__") {
            return;
        }
        self.report(name.range, &UNRESOLVED_REFERENCE, format!("Name `{text}` used when not defined"));
    }

    /// Look `name` up in the scopes enclosing `scope` by Python's rules, then in the
    /// module's star imports and builtins.
    pub(crate) fn lookup_enclosing(&mut self, name: &str, scope: ScopeId) -> Option<Type<'db>> {
        let resolution = self.index.resolve_name_in_enclosing_scopes(scope, name);
        self.resolve(resolution, name)
    }

    /// Look `name` up as read in `scope` (its own symbols included).
    fn lookup_enclosing_from(&mut self, name: &str, scope: ScopeId) -> Option<Type<'db>> {
        let resolution = self.index.resolve_name(scope, name);
        self.resolve(resolution, name)
    }

    fn resolve(&mut self, resolution: pytc_semantic::NameResolution, name: &str) -> Option<Type<'db>> {
        let db = self.db;
        match resolution {
            pytc_semantic::NameResolution::Symbol { scope, symbol } => {
                let public = symbol_public_type(db, self.file, scope, symbol);
                // A global with no binding that can run (one bound only under a false static
                // condition, say) reads the builtin of that name, as Python's lookup does.
                if public.is_none() && self.index.scope(scope).kind == ScopeKind::Module {
                    return self.resolve(pytc_semantic::NameResolution::Builtins, name);
                }
                public
            }
            pytc_semantic::NameResolution::Builtins => {
                for star_import in self.index.star_imports(ScopeId::MODULE) {
                    let definition = DefinitionRef::of(db, self.file, *star_import);
                    if let pytc_semantic::DefinitionKind::StarImport(import) = &definition.definition(db).kind
                        && let Some(ty) = self.star_import_member(&import.stmt, name)
                    {
                        return Some(ty);
                    }
                }
                crate::infer::implicit_globals::implicit_module_global(db, name).or_else(|| self.builtin_symbol(name))
            }
        }
    }

    pub(crate) fn builtin_symbol(&self, name: &str) -> Option<Type<'db>> {
        let builtins = KnownModule::Builtins.file(self.db)?;
        if builtins == self.file {
            return None;
        }
        // Only what the builtins module has at run time: not the stub's private names
        // (`_T`) nor what it imports for its own annotations (`Any`, `Sequence`, `sys`).
        let private = name.starts_with('_') && !(name.starts_with("__") && name.ends_with("__"));
        let public = !private && pytc_semantic::is_importable_from(self.db, builtins, name);
        public.then(|| module_symbol(self.db, builtins, name)).flatten().or_else(|| {
            // `reveal_type` works without an import, as in every type checker: `typing`'s
            // from Python 3.11, `typing_extensions`' before.
            (name == "reveal_type")
                .then(|| {
                    [KnownModule::Typing, KnownModule::TypingExtensions]
                        .into_iter()
                        .find_map(|module| module_symbol(self.db, module.file(self.db)?, name))
                })
                .flatten()
        })
    }
}

/// `TypeAlias` or `typing.TypeAlias` as written (an explicit alias's annotation).
fn spells_type_alias(annotation: &ast::Expr) -> bool {
    match annotation {
        ast::Expr::Name(name) => name.id.as_str() == "TypeAlias",
        ast::Expr::Attribute(attribute) => attribute.attr.as_str() == "TypeAlias",
        _ => false,
    }
}
