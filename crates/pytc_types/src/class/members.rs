//! Class members: what a class body binds or declares, instance attributes assigned
//! through `self` in its methods, and lookup along the MRO with type arguments applied.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, ScopeId};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::public::{SymbolName, symbol_public_type};
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, Type};

/// One member found on a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct ClassMember<'db> {
    pub ty: Type<'db>,
    /// The class (in the MRO) that defines it.
    pub owner: ClassLiteral<'db>,
    /// Assigned only through `self.x = ...` in a method (not visible on the class object).
    pub instance_only: bool,
    /// Declared with `ClassVar[...]`.
    pub class_var: bool,
    /// Defined by `object` itself (so not a user override of, e.g., `__eq__`).
    pub is_object_member: bool,
    /// Its type is declared (an annotation, a synthesized field) rather than inferred from
    /// the values assigned to it.
    pub declared: bool,
}

/// The class-body scope of a class.
pub(crate) fn class_body_scope(db: &dyn Db, class: ClassLiteral<'_>) -> Option<ScopeId> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let DefinitionKind::Class(node) = &definition.definition(db).kind else { return None };
    definition.index(db).scope_defined_by(node.node().node_index().load())
}

/// The statements of a class's body (`None` for classes made by a call, such as
/// `NamedTuple("P", ...)`).
pub(crate) fn class_body<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<&'db [ast::Stmt]> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    match &definition.definition(db).kind {
        DefinitionKind::Class(node) => Some(&node.node().body),
        _ => None,
    }
}

/// A member defined directly on `class` (its body or `self.x` in its methods).
pub fn own_class_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<ClassMember<'db>> {
    own_member_query(db, class, SymbolName::new(db, name))
}

/// A query: attribute lookups on a class repeat constantly and each may infer a body
/// assignment or a method's `self.x = ...`. A member whose inference reads itself
/// (`self.count = self.count + 1`) is iterated to a fixpoint (`member_fixpoint`).
#[salsa::tracked(returns(copy), cycle_fn = crate::class::member_fixpoint::next_round, cycle_initial = crate::class::member_fixpoint::first_round)]
fn own_member_query<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: SymbolName<'db>) -> Option<ClassMember<'db>> {
    let file = class.file(db);
    let scope = class_body_scope(db, class)?;
    let index = crate::semantic::class_index(db, class);
    let text = name.text(db);
    let is_object_member = crate::class::known::is_known(db, class, crate::class::KnownClass::Object);
    if let Some(symbol) = index.symbol_table(scope).symbol_id(text)
        && index.symbol_table(scope).symbol(symbol).is_bound() | index.symbol_table(scope).symbol(symbol).is_declared()
    {
        let use_def = index.use_def_map(scope);
        let mut declared = false;
        let mut class_var = false;
        for declaration in use_def.declarations(symbol) {
            let definition = DefinitionRef::of(db, file, *declaration);
            if let DefinitionKind::AnnotatedAssignment(assignment) = &definition.definition(db).kind {
                declared = true;
                class_var |= crate::infer::annotation::is_class_var_annotation(db, definition, &assignment.stmt.annotation);
            }
        }
        if let Some(ty) = symbol_public_type(db, file, scope, symbol) {
            let ty = if declared { ty } else { undeclared_member_type(db, class, text, ty) };
            return Some(ClassMember { ty, owner: class, instance_only: false, class_var, is_object_member, declared });
        }
    }
    match instance_attribute_type(db, class, text) {
        Some((ty, declared)) => {
            // `cls.x = ...` in a class method sets an attribute of the class object.
            let instance_only = !crate::class::self_attributes::self_attributes(db, class).get(text).is_some_and(|attribute| attribute.assigned_through_class);
            Some(ClassMember { ty, owner: class, instance_only, class_var: false, is_object_member, declared })
        }
        // A slot nothing assigns is still an attribute of instances, of a type nothing tells.
        None if crate::class::slots::is_own_slot(db, class, text) => {
            Some(ClassMember { ty: Type::UNKNOWN, owner: class, instance_only: true, class_var: false, is_object_member, declared: false })
        }
        None => None,
    }
}

/// The type of an undeclared class-body value (`mode = "fast"`, `response = None`): a
/// default that instances and subclasses may replace, so its literal widens to its class
/// (`str`; a subclass's `mode = "slow"` is no incompatible override), joined with what the
/// methods assign to `self.<name>` without declaring it (`self.response = Response()`).
/// A bare `None` with nothing assigned besides is `None | Unknown`, as zuban, pyrefly and ty
/// have it (not for dunders, where `None` is the meaning: `__hash__ = None`). Functions and classes of the body stay as they are, and so do sentinels (a type
/// of their own), the members of an enum and dunder values whose literals mean something
/// (`__match_args__`, `__slots__`).
fn undeclared_member_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str, body: Type<'db>) -> Type<'db> {
    if matches!(body, Type::Function(_) | Type::ClassObject(_)) {
        return body;
    }
    let widened = crate::infer::expr_widen(db, body);
    // Most values have no literal to widen: the enum question is asked only of those that do.
    let keeps_literal = widened != body
        && ((name.starts_with("__") && name.ends_with("__"))
            || body.union_elements(db).iter().any(|member| matches!(member, Type::Sentinel(_)))
            || crate::infer::literal::is_enum_class(db, class));
    match instance_attribute_type(db, class, name) {
        Some((assigned, false)) => Type::union_of(db, [widened, assigned]),
        _ if keeps_literal => body,
        // `parent = None` and nothing else assigned in the class: a placeholder that code
        // pytc does not follow fills in (through another instance, a subclass, a factory).
        // A dunder set to `None` means it (`__hash__ = None`: instances are unhashable).
        _ if matches!(widened, Type::None) && !(name.starts_with("__") && name.ends_with("__")) => Type::union_of(db, [Type::None, Type::UNKNOWN]),
        _ => widened,
    }
}

/// The type of `self.<name>` as assigned in the methods of the class: the declared type
/// when a method declares it (`self.x: int = ...`, with `true`), else the union of assigned
/// types (with `false`); `Unknown` for an attribute assigned in a ring of attributes too
/// large to follow (`self_attributes`).
fn instance_attribute_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<(Type<'db>, bool)> {
    let file = class.file(db);
    let index = crate::semantic::class_index(db, class);
    let attribute = crate::class::self_attributes::self_attributes(db, class).get(name)?;
    let mut declared = Vec::new();
    let mut assigned = Vec::new();
    // A declaration wins: the values assigned are not inferred then, so the declared type
    // never depends on them (an assignment `self.x = self.x or ""` reads that type).
    for (scope, place) in attribute.place_ids() {
        collect_self_assignments(db, index, file, scope, place, &mut declared, None);
    }
    for definition in attribute.bare_declaration_ids() {
        declared.extend(crate::infer::definition::declared_type(db, DefinitionRef::of(db, file, definition)));
    }
    if !declared.is_empty() {
        return Some((Type::union_of(db, declared), true));
    }
    if attribute.in_unfollowed_ring {
        return Some((Type::UNKNOWN, false));
    }
    for (scope, place) in attribute.place_ids() {
        collect_self_assignments(db, index, file, scope, place, &mut declared, Some(&mut assigned));
    }
    if !assigned.is_empty() {
        return Some((Type::union_of(db, assigned), false));
    }
    None
}

/// The declared types of the place `<receiver>.<name>` in one function scope, and the
/// assigned ones when `assigned` is given.
fn collect_self_assignments<'db>(
    db: &'db dyn Db,
    index: &pytc_semantic::SemanticIndex,
    file: pytc_db::File,
    scope: ScopeId,
    place_id: pytc_semantic::PlaceId,
    declared: &mut Vec<Type<'db>>,
    mut assigned: Option<&mut Vec<Type<'db>>>,
) {
    let table = index.symbol_table(scope);
    let use_def = index.use_def_map(scope);
    // Every assignment a use of the attribute or the end of the method sees: one the
    // method overwrites after reading it (`self.opts = []`, `self.opts.append(...)`,
    // `self.opts = ",".join(self.opts)`) still gives the attribute a value.
    let target = pytc_semantic::DefinitionTarget::Place(place_id);
    let mut definitions: Vec<pytc_semantic::DefinitionId> = use_def.public_place_bindings(place_id).definitions().collect();
    for (_, _, bindings) in use_def.uses().filter(|(_, recorded, _)| recorded.target == target) {
        definitions.extend(bindings.definitions());
    }
    // In source order, each once.
    definitions.sort_unstable();
    definitions.dedup();
    // A method that always raises (`self.done = True; raise EOFError`) makes no binding
    // public, but its assignments still define the attribute.
    if definitions.is_empty() && use_def.end_reachability() == pytc_semantic::ConstraintId::ALWAYS_FALSE {
        definitions = index
            .definitions()
            .filter(|(_, definition)| definition.scope == scope && definition.target == target)
            .map(|(id, _)| id)
            .collect();
    }
    for definition_id in definitions {
        let definition = DefinitionRef::of(db, file, definition_id);
        match &definition.definition(db).kind {
            DefinitionKind::AnnotatedAssignment(_) => {
                if let Some(ty) = crate::infer::definition::declared_type(db, definition) {
                    declared.push(ty);
                }
            }
            kind => {
                let Some(assigned) = assigned.as_deref_mut() else { continue };
                let ty = crate::infer::definition::binding_type(db, definition);
                // `self.mode = mode` keeps the parameter's declared type, literals and
                // all; a literal value (`self.mode = "fold"`) widens to its class.
                let copies_parameter = matches!(kind, DefinitionKind::Assignment(assignment)
                    if assignment.unpack.is_empty()
                    && matches!(&*assignment.stmt.value, ast::Expr::Name(value)
                        if table.symbol_id(value.id.as_str()).is_some_and(|symbol| table.symbol(symbol).is_parameter())));
                assigned.push(if copies_parameter { ty } else { crate::infer::expr_widen(db, ty) });
            }
        }
    }
}

/// The union of the values a class's methods assign to `self.<name>` (undeclared ones
/// widened), or `None` when none does.
pub(crate) fn assigned_through_self_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    instance_attribute_type(db, class, name).map(|(ty, _)| ty)
}

/// Whether a method of `class` assigns `self.<name>` (an implementation of a member the
/// body only declares).
pub(crate) fn assigned_through_self(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    instance_attribute_type(db, class, name).is_some()
}

/// Look `name` up along the MRO of `class` (the class itself first), with the owner's type
/// parameters replaced by the arguments `class` gives them.
///
/// An inferred instance attribute of type `Never` (nothing assigned to it has a value yet,
/// as in the first round of `self.x += 1` in a subclass of the class that assigns `x`) lets
/// the lookup go on to the bases: it is the member only when no base has one. An instance
/// attribute classes only assign (`self.x = 1`) is the declaration of the nearest base that
/// declares it (`x: int | None`), when one does before any base defines it otherwise.
pub fn class_member<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<ClassMember<'db>> {
    let mro = crate::class::class_mro(db, class.class(db));
    class_member_among(db, class, std::iter::once(class).chain(mro.classes.iter().copied()), name)
}

/// `class_member` looked up only in the classes after `pivot` in `class`'s MRO (what
/// `super(pivot, instance_of_class)` reads); `None` when `pivot` is not in it.
pub fn class_member_after<'db>(db: &'db dyn Db, class: ClassType<'db>, pivot: ClassLiteral<'db>, name: &str) -> Option<ClassMember<'db>> {
    let mro = crate::class::class_mro(db, class.class(db));
    let mut candidates = std::iter::once(class).chain(mro.classes.iter().copied());
    candidates.by_ref().find(|candidate| candidate.class(db) == pivot)?;
    class_member_among(db, class, candidates, name)
}

/// The member `name` of `class` from the first of `candidates` (classes of its MRO, in
/// order) that defines it, seen from `class`.
fn class_member_among<'db>(db: &'db dyn Db, class: ClassType<'db>, candidates: impl Iterator<Item = ClassType<'db>>, name: &str) -> Option<ClassMember<'db>> {
    let literal = class.class(db);
    let mut valueless = None;
    let mut assigned = None;
    for candidate in candidates {
        let own = own_class_member(db, candidate.class(db), name).filter(|_| !crate::class::dataclass::is_init_only_field(db, candidate.class(db), name));
        if let Some(member) = own.or_else(|| synthesized_member(db, candidate.class(db), name)) {
            let owner_view = if candidate.class(db) == literal { class } else { crate::class::ancestor_as_seen_from(db, class, candidate) };
            let specialization = crate::class::specialization_of(db, owner_view);
            let ty = specialization.apply(db, member.ty);
            let member = ClassMember { ty, ..member };
            let inferred_attribute = member.instance_only && !member.declared;
            if ty.is_never() && inferred_attribute {
                valueless.get_or_insert(member);
                continue;
            }
            if inferred_attribute {
                assigned.get_or_insert(member);
                continue;
            }
            if assigned.is_some() && !member.declared {
                break;
            }
            return Some(member);
        }
    }
    // A base pytc cannot see may declare what the methods only assign (`self.out = None`
    // where the base says `out: str | None`): the attribute's type is then not known.
    if let Some(member) = assigned
        && crate::class::has_dynamic_base(db, literal)
    {
        return Some(ClassMember { ty: Type::UNKNOWN, ..member });
    }
    assigned.or(valueless)
}

/// Every member name a class body defines (for protocol checks), in order.
pub fn class_member_names<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<String> {
    let Some(scope) = class_body_scope(db, class) else { return Vec::new() };
    let index = crate::semantic::class_index(db, class);
    let mut names: Vec<String> = index
        .symbol_table(scope)
        .symbols()
        .filter(|(_, symbol)| symbol.is_bound() || symbol.is_declared())
        .map(|(_, symbol)| symbol.name.to_string())
        .collect();
    let in_body: rustc_hash::FxHashSet<String> = names.iter().cloned().collect();
    let attributes = crate::class::self_attributes::self_attributes(db, class).iter();
    names.extend(attributes.filter(|attribute| attribute.in_method && !in_body.contains(&*attribute.name)).map(|attribute| attribute.name.to_string()));
    names
}

/// The class-body scope, for modules outside `class` that enumerate a body.
pub(crate) fn class_body_scope_public(db: &dyn Db, class: ClassLiteral<'_>) -> Option<ScopeId> {
    class_body_scope(db, class)
}

/// A member the class does not define but `@dataclass`, `NamedTuple` or
/// `@functools.total_ordering` synthesizes for it.
pub fn synthesized_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<ClassMember<'db>> {
    let ty = crate::class::dataclass::synthesized_member(db, class, name)
        .or_else(|| crate::class::namedtuple::synthesized_member(db, class, name))
        .or_else(|| crate::class::new_type::synthesized_member(db, class, name))
        .or_else(|| crate::class::functional::synthesized_enum_member(db, class, name))
        .or_else(|| crate::class::total_ordering::synthesized_member(db, class, name))?;
    Some(ClassMember { ty, owner: class, instance_only: false, class_var: false, is_object_member: false, declared: true })
}

/// The signatures of a synthesized `__new__` or `__init__` that constructing `class` calls
/// (fields as parameters, returning the instance), or `None` when the constructor is
/// written out or inherited from a class pytc does not synthesize for.
pub fn synthesized_constructor<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Option<Vec<crate::types::Signature<'db>>> {
    for name in ["__new__", "__init__"] {
        let Some(member) = class_member(db, class, name) else { continue };
        if member.is_object_member || own_class_member(db, member.owner, name).is_some() {
            continue;
        }
        let instance = Type::Instance(class);
        // Fields declared `Self` in any dataclass ancestor mean the class constructed.
        let literal = class.class(db);
        let ancestors = std::iter::once(literal).chain(crate::class::class_mro(db, literal).classes.iter().map(|ancestor| ancestor.class(db)));
        let selves = crate::generics::Specialization::from_pairs(ancestors.map(|ancestor| (crate::infer::annotation::self_typevar(db, ancestor), instance)));
        if let Type::Callable(callable) = selves.apply(db, member.ty) {
            return Some(callable.signatures(db).iter().map(|signature| crate::types::Signature { return_type: instance, ..signature.clone() }).collect());
        }
    }
    None
}

/// The class specialized by its own type parameters (`C[T]` inside `C`): the view the
/// synthesized members of a generic class are written in.
pub(crate) fn specialized_by_own_parameters<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> ClassType<'db> {
    let parameters = crate::class::type_parameters(db, class);
    ClassType::new(db, class, parameters.iter().map(|parameter| Type::TypeVar(*parameter)).collect::<Box<[_]>>())
}
