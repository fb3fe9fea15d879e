//! Recursive type aliases: an alias whose value names itself, directly or through other
//! aliases (`Json: TypeAlias = list["Json"] | int`, `type Tree[T] = T | list[Tree[T]]`).
//!
//! Which aliases refer to which is read from the syntax of their values, never by evaluating
//! them (evaluating would need the alias being defined). A use of a recursive alias inside a
//! type argument, a tuple element or a callable becomes an `AliasReference`, expanded on
//! demand; a use at the top of a type is expanded one level at once. An alias that reaches
//! itself only through unions, `Annotated` and other aliases never bottoms out: it is an
//! error at its definition and reads as `Unknown`.

use pytc_db::Db;
use pytc_semantic::{Binding, DefinitionKind, NameResolution, ScopeId, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex};
use rustc_hash::FxHashSet;

use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{AliasReference, SpecialForm, Type, TypeAliasType};

/// One alias named in another alias's value, and whether a generic type (a type argument,
/// a tuple element, a callable) encloses the name.
type AliasUse<'db> = (TypeAliasType<'db>, bool);

impl<'db> InferContext<'db> {
    /// The alias a name refers to, when its only binding defines an alias: a `type`
    /// statement, `X: TypeAlias = ...`, `X = TypeAliasType(...)` or an unannotated module or
    /// class variable whose value is written as a type expression.
    pub(crate) fn alias_named(&mut self, name: &ast::ExprName) -> Option<TypeAliasType<'db>> {
        let db = self.db;
        let (definition, resolved) = self.only_definition_named(name)?;
        let is_alias = match &definition.definition(db).kind {
            DefinitionKind::TypeAlias(_) => true,
            DefinitionKind::AnnotatedAssignment(_) => self.is_explicit_alias(definition),
            DefinitionKind::Assignment(assignment) => {
                let module_or_class = matches!(self.index.scope(resolved).kind, ScopeKind::Module | ScopeKind::Class);
                module_or_class
                    && assignment.unpack.is_empty()
                    && assignment.stmt.targets.len() == 1
                    && match &*assignment.stmt.value {
                        ast::Expr::Call(call) => {
                            matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "TypeAliasType")
                                || matches!(&*call.func, ast::Expr::Attribute(a) if a.attr.as_str() == "TypeAliasType")
                        }
                        value => crate::infer::implicit_alias::written_as_type_expression(value),
                    }
            }
            _ => false,
        };
        is_alias.then(|| TypeAliasType::new(db, Box::<str>::from(name.id.as_str()), self.file, definition.id(db)))
    }

    /// Whether a name's only binding is an explicit alias, `X: TypeAlias = ...`.
    pub(crate) fn explicit_alias_named(&mut self, name: &ast::ExprName) -> bool {
        self.only_definition_named(name).is_some_and(|(definition, _)| self.is_explicit_alias(definition))
    }

    /// The one definition of this file that reaches every use of a name, with the scope
    /// that holds the name.
    fn only_definition_named(&mut self, name: &ast::ExprName) -> Option<(DefinitionRef<'db>, ScopeId)> {
        let node = name.node_index().load();
        let scope = if self.in_string_annotation || node.as_u32().is_none() { self.scope } else { self.index.scope_of_node(node) };
        let NameResolution::Symbol { scope: resolved, symbol } = self.index.resolve_name(scope, name.id.as_str()) else { return None };
        let bindings = self.index.use_def_map(resolved).public_bindings(symbol);
        let mut found = None;
        for reaching in bindings.iter() {
            let Binding::Definition(definition) = reaching.binding else { return None };
            if found.is_some_and(|found| found != definition) {
                return None;
            }
            found = Some(definition);
        }
        Some((DefinitionRef::of(self.db, self.file, found?), resolved))
    }

    /// Whether a definition is `X: TypeAlias = value`.
    fn is_explicit_alias(&mut self, definition: DefinitionRef<'db>) -> bool {
        let DefinitionKind::AnnotatedAssignment(assignment) = &definition.definition(self.db).kind else { return false };
        assignment.stmt.value.is_some()
            && matches!(&*assignment.stmt.annotation, ast::Expr::Name(_) | ast::Expr::Attribute(_))
            && self.quietly_infer(&assignment.stmt.annotation) == Type::SpecialForm(SpecialForm::TypeAlias)
    }

    /// The alias a name refers to, when that alias is recursive.
    pub(crate) fn recursive_alias_named(&mut self, name: &ast::ExprName) -> Option<TypeAliasType<'db>> {
        let alias = self.alias_named(name)?;
        alias_is_recursive(self.db, alias).then_some(alias)
    }

    /// A recursive alias named in a type expression, with its type arguments: a reference
    /// inside another type, expanded one level at the top. An alias that never bottoms out
    /// is `Unknown` (reported at its definition).
    pub(crate) fn recursive_alias_use(&mut self, alias: TypeAliasType<'db>, arguments: Vec<Type<'db>>) -> Type<'db> {
        let db = self.db;
        if alias_is_circular(db, alias) {
            return Type::UNKNOWN;
        }
        let reference = Type::AliasRef(AliasReference::new(db, alias, arguments.into_boxed_slice()));
        if self.type_argument_depth == 0 { reference.expand_top(db) } else { reference }
    }

    /// A recursive alias named where the name is evaluated at once (not quoted, not in a
    /// deferred annotation) must be bound there: inferring the name reports it if not.
    pub(crate) fn check_eager_alias_name(&mut self, name: &ast::Expr) {
        if !self.in_string_annotation && !self.deferred_annotations {
            self.infer_expression(name);
        }
    }

    fn quietly_infer(&mut self, expression: &ast::Expr) -> Type<'db> {
        let was_reporting = self.suspend_reporting();
        let ty = self.infer_expression(expression);
        self.resume_reporting(was_reporting);
        ty
    }

    /// Collect the aliases a type expression names, with whether each is enclosed by a
    /// generic type. `Literal[...]` holds values, not types, and `Annotated` metadata too.
    fn collect_alias_uses(&mut self, expression: &ast::Expr, guarded: bool, found: &mut Vec<AliasUse<'db>>) {
        pytc_syntax::ensure_stack(|| match expression {
            ast::Expr::StringLiteral(string) => {
                let Ok(parsed) = ruff_python_parser::parse_expression(string.value.to_str()) else { return };
                let was_in_string = self.in_string_annotation;
                self.in_string_annotation = true;
                self.collect_alias_uses(parsed.expr(), guarded, found);
                self.in_string_annotation = was_in_string;
            }
            ast::Expr::BinOp(binary) if binary.op == ast::Operator::BitOr => {
                self.collect_alias_uses(&binary.left, guarded, found);
                self.collect_alias_uses(&binary.right, guarded, found);
            }
            ast::Expr::Name(name) => {
                if let Some(alias) = self.alias_named(name) {
                    found.push((alias, guarded));
                }
            }
            ast::Expr::List(list) => {
                for element in &list.elts {
                    self.collect_alias_uses(element, guarded, found);
                }
            }
            ast::Expr::Subscript(subscript) => {
                let elements: Vec<&ast::Expr> = match &*subscript.slice {
                    ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                    other => vec![other],
                };
                if let ast::Expr::Name(name) = &*subscript.value
                    && let Some(alias) = self.alias_named(name)
                {
                    found.push((alias, guarded));
                    for element in elements {
                        self.collect_alias_uses(element, true, found);
                    }
                    return;
                }
                match self.quietly_infer(&subscript.value) {
                    Type::SpecialForm(SpecialForm::Literal) => {}
                    Type::SpecialForm(SpecialForm::Annotated) => {
                        if let Some(first) = elements.first() {
                            self.collect_alias_uses(first, guarded, found);
                        }
                    }
                    Type::SpecialForm(SpecialForm::Union | SpecialForm::Optional) => {
                        for element in elements {
                            self.collect_alias_uses(element, guarded, found);
                        }
                    }
                    _ => {
                        for element in elements {
                            self.collect_alias_uses(element, true, found);
                        }
                    }
                }
            }
            _ => {}
        })
    }
}

/// Whether an alias lists its type parameters (a `type` statement or a `TypeAliasType(...)`
/// call) rather than taking them from its value in order (`X: TypeAlias = list[T]`).
pub(crate) fn has_declared_parameters<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> bool {
    let definition = DefinitionRef::new(db, alias.file(db), alias.definition(db));
    match &definition.definition(db).kind {
        DefinitionKind::TypeAlias(_) => true,
        DefinitionKind::Assignment(assignment) => assignment.stmt.value.is_call_expr(),
        _ => false,
    }
}

/// The value expression of an alias's definition and a context whose scope resolves its
/// names.
fn alias_value<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> Option<(InferContext<'db>, &'db ast::Expr)> {
    let definition = DefinitionRef::new(db, alias.file(db), alias.definition(db));
    let mut context = InferContext::for_definition(db, definition);
    context.deferred_annotations = true;
    let value = match &definition.definition(db).kind {
        DefinitionKind::TypeAlias(node) => {
            if let Some(scope) = context.index.scope_defined_by(node.node().node_index().load()) {
                context.scope = scope;
            }
            &*node.value
        }
        DefinitionKind::AnnotatedAssignment(assignment) => assignment.stmt.value.as_deref()?,
        DefinitionKind::Assignment(assignment) => match &*assignment.stmt.value {
            ast::Expr::Call(call) => crate::aliases::type_alias_type::AliasCall::of(call).value?,
            value => value,
        },
        _ => return None,
    };
    Some((context, value))
}

/// The aliases an alias's value names.
#[salsa::tracked(returns(ref), cycle_result = no_alias_uses)]
fn alias_uses<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> Box<[AliasUse<'db>]> {
    let Some((mut context, value)) = alias_value(db, alias) else { return Box::default() };
    let mut found = Vec::new();
    context.collect_alias_uses(value, false, &mut found);
    found.into_boxed_slice()
}

fn no_alias_uses<'db>(_db: &'db dyn Db, _id: salsa::Id, _alias: TypeAliasType<'db>) -> Box<[AliasUse<'db>]> {
    Box::default()
}

/// Whether following the aliases named in `alias`'s value (only the unguarded ones when
/// `only_unguarded`) leads back to `alias`.
fn reaches_itself<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>, only_unguarded: bool) -> bool {
    let mut visited = FxHashSet::default();
    let mut pending = vec![alias];
    while let Some(current) = pending.pop() {
        if !visited.insert(current) {
            continue;
        }
        for &(named, guarded) in alias_uses(db, current).iter() {
            if only_unguarded && guarded {
                continue;
            }
            if named == alias {
                return true;
            }
            pending.push(named);
        }
    }
    false
}

/// Whether an alias names itself, directly or through other aliases.
#[salsa::tracked(returns(copy), cycle_result = no_recursion)]
pub(crate) fn alias_is_recursive<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> bool {
    reaches_itself(db, alias, false)
}

/// Whether an alias names itself with no generic type in between (`A = Union["A", int]`):
/// its expansion never bottoms out.
#[salsa::tracked(returns(copy), cycle_result = no_recursion)]
pub(crate) fn alias_is_circular<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> bool {
    reaches_itself(db, alias, true)
}

fn no_recursion<'db>(_db: &'db dyn Db, _id: salsa::Id, _alias: TypeAliasType<'db>) -> bool {
    false
}

/// One level of a reference: the alias's value with its parameters replaced by the
/// reference's arguments (missing ones are `Unknown`).
#[salsa::tracked(returns(copy), cycle_result = unknown_expansion)]
pub(crate) fn expand_reference<'db>(db: &'db dyn Db, reference: AliasReference<'db>) -> Type<'db> {
    let alias = reference.alias(db);
    let value = crate::infer::stmt::type_alias_value(db, alias);
    let parameters = crate::aliases::type_alias_type::alias_parameters(db, alias);
    if parameters.is_empty() {
        return value;
    }
    let arguments = reference.arguments(db);
    let pairs = parameters.into_iter().enumerate().map(|(index, parameter)| (parameter, arguments.get(index).copied().unwrap_or(Type::UNKNOWN)));
    crate::generics::Specialization::from_pairs(pairs).apply(db, value)
}

fn unknown_expansion<'db>(_db: &'db dyn Db, _id: salsa::Id, _reference: AliasReference<'db>) -> Type<'db> {
    Type::UNKNOWN
}
