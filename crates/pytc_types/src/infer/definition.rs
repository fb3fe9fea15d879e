//! The types of definitions: what each binding assigns (`binding_type`) and what each
//! declaration declares (`declared_type`). Both are queries keyed by one definition, so a
//! name's type is computed once and shared by every use.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, ParameterKind, UnpackStep};
use pytc_syntax::ast;

use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::modules::{KnownModule, known_module};
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, SpecialForm, TupleType, Type, TypeAliasType};

/// The declared type of a declaration, or `None` for a binding that declares nothing.
/// A query: a name's declared type is what every importer and every assignment check uses.
#[salsa::tracked(returns(copy), cycle_result = declared_cycle)]
pub fn declared_type<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Option<Type<'db>> {
    let semantic = definition.definition(db);
    match &semantic.kind {
        DefinitionKind::AnnotatedAssignment(assignment) => {
            if let Some(special) = typing_special_form(db, definition) {
                return Some(special);
            }
            let mut context = InferContext::for_definition(db, definition);
            let declared = context.annotation_declared_type(&assignment.stmt.annotation);
            match declared {
                crate::infer::annotation::Declared::Type(ty) => Some(ty),
                // `x: Final = 1` and `X: TypeAlias = int` take the value's type.
                crate::infer::annotation::Declared::InferFromValue => Some(binding_type(db, definition)),
            }
        }
        DefinitionKind::Parameter(parameter) if parameter.parameter.annotation.is_some() => Some(binding_type(db, definition)),
        DefinitionKind::Function(_)
        | DefinitionKind::Class(_)
        | DefinitionKind::Import(_)
        | DefinitionKind::ImportFrom(_)
        | DefinitionKind::TypeParameter(_)
        | DefinitionKind::TypeAlias(_) => Some(binding_type(db, definition)),
        _ => None,
    }
}

fn declared_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _definition: DefinitionRef<'db>) -> Option<Type<'db>> {
    Some(Type::UNKNOWN)
}

/// The type a binding gives its target. A query: every use of the name reads it, so a
/// binding is inferred once however many uses (and later bindings' uses) reach it. A binding
/// that depends on itself (through a loop, or a decorator naming the function it decorates)
/// is iterated to a fixpoint (`binding_fixpoint`), whichever binding of the cycle is asked
/// first.
#[salsa::tracked(returns(copy), cycle_fn = crate::infer::binding_fixpoint::next_round, cycle_initial = crate::infer::binding_fixpoint::first_round)]
pub fn binding_type<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Type<'db> {
    // A recursive alias reached by iteration or unpacking (`for x in list[Json]`) is
    // expanded: a name's type is never a bare reference.
    bound_type(db, definition).expand_top(db)
}

/// The value of an explicit alias (`X: TypeAlias = list`) is a type expression, where a
/// bare generic class (or its `typing` spelling, `List`, `Type`) stands for the class with
/// every argument its default or `Unknown`: the alias is already specialized and takes no
/// type arguments of its own.
fn explicit_alias_value<'db>(db: &'db dyn Db, value: Type<'db>) -> Type<'db> {
    let class = match value {
        Type::ClassObject(class) if class.arguments(db).is_empty() => Some(class),
        Type::SpecialForm(SpecialForm::BuiltinAlias(alias)) => alias.class(db).map(|class| ClassType::bare(db, class)),
        Type::SpecialForm(SpecialForm::Type) => KnownClass::Type.class(db).map(|class| ClassType::bare(db, class)),
        _ => None,
    };
    match class {
        Some(class) => Type::ClassObject(crate::generics::defaults::with_every_argument(db, class)),
        None => value,
    }
}

fn bound_type<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Type<'db> {
    if let Some(special) = typing_special_form(db, definition) {
        return special;
    }
    let semantic = definition.definition(db);
    let mut context = InferContext::for_definition(db, definition);
    match &semantic.kind {
        DefinitionKind::Import(import) => context.import_type(&import.alias, import.binds_full_module),
        DefinitionKind::ImportFrom(import) => context.import_from_type(&import.stmt, &import.alias),
        DefinitionKind::StarImport(import) => {
            let name = crate::semantic::definition_symbol_name(db, definition);
            context.star_import_type(&import.stmt, name.as_deref().unwrap_or(""))
        }
        DefinitionKind::Function(function) => crate::infer::function::function_definition_type(db, definition, function),
        DefinitionKind::Class(class) => {
            let literal = ClassLiteral::new(db, definition.file(db), definition.id(db), Box::<str>::from(class.name.as_str()));
            let class_object = Type::ClassObject(ClassType::bare(db, literal));
            context.apply_class_decorators(class, class_object)
        }
        DefinitionKind::TypeAlias(alias) => {
            let name = match &*alias.name {
                ast::Expr::Name(name) => name.id.as_str(),
                _ => "<alias>",
            };
            Type::TypeAlias(TypeAliasType::new(db, Box::<str>::from(name), definition.file(db), definition.id(db)))
        }
        DefinitionKind::Assignment(assignment) => {
            let value = context.infer_assigned_value(&assignment.stmt.value, definition);
            if let Some(sentinel) = crate::sentinel::sentinel_of_assignment(db, context.index, definition, value) {
                return sentinel;
            }
            let ty = unpack(&mut context, value, &assignment.unpack);
            narrow_to_declared(db, definition, ty)
        }
        DefinitionKind::AnnotatedAssignment(assignment) => {
            let declared = context.annotation_declared_type(&assignment.stmt.annotation);
            let value = assignment.stmt.value.as_ref().map(|value| {
                let expected = match declared {
                    crate::infer::annotation::Declared::Type(ty) => Some(ty),
                    crate::infer::annotation::Declared::InferFromValue => None,
                };
                context.infer_expression_with(value, expected)
            });
            match (declared, value) {
                (crate::infer::annotation::Declared::Type(declared), Some(value)) => {
                    let narrows = match declared {
                        Type::Union(_) => true,
                        // `x: Sequence[str] = []` holds a `list[str]` until reassigned.
                        Type::Instance(declared_class) => is_instance_of_proper_subclass(db, value, declared_class),
                        _ => false,
                    };
                    if narrows && value.is_assignable_to(db, declared) && !value.is_dynamic() { keep_gradual_members(db, declared, value) } else { declared }
                }
                (crate::infer::annotation::Declared::Type(declared), None) => declared,
                (crate::infer::annotation::Declared::InferFromValue, Some(value)) => {
                    let is_alias = matches!(context.infer_qualifier(&assignment.stmt.annotation), Some((crate::types::SpecialForm::TypeAlias, None)));
                    if is_alias { explicit_alias_value(db, value) } else { value }
                }
                (crate::infer::annotation::Declared::InferFromValue, None) => Type::UNKNOWN,
            }
        }
        DefinitionKind::AugmentedAssignment(augmented) => context.augmented_assignment_type(augmented),
        DefinitionKind::For(for_definition) => {
            let iterable = context.infer_expression(&for_definition.stmt.iter);
            let element = if for_definition.stmt.is_async {
                context.async_iteration_type(iterable)
            } else {
                context.iteration_type(iterable)
            };
            let ty = unpack(&mut context, element.unwrap_or(Type::UNKNOWN), &for_definition.unpack);
            narrow_to_declared(db, definition, ty)
        }
        DefinitionKind::With(with) => {
            let item = &with.stmt.items[with.item_index as usize];
            let manager = context.infer_expression(&item.context_expr);
            let entered = context.enter_type(manager, with.stmt.is_async);
            unpack(&mut context, entered, &with.unpack)
        }
        DefinitionKind::ExceptHandler(handler) => {
            let caught = handler.handler.type_.as_deref().map_or(Type::UNKNOWN, |ty| context.infer_expression(ty));
            let instance = context.exception_instance(caught);
            if handler.is_star {
                match crate::class::known::builtin_class(db, "ExceptionGroup") {
                    Some(group) => Type::Instance(ClassType::new(db, group, Box::from([instance]))),
                    None => Type::UNKNOWN,
                }
            } else {
                instance
            }
        }
        DefinitionKind::Comprehension(comprehension) => {
            let iterable = context.infer_expression(&comprehension.comprehension.iter);
            let element = if comprehension.comprehension.is_async {
                context.async_iteration_type(iterable)
            } else {
                context.iteration_type(iterable)
            };
            unpack(&mut context, element.unwrap_or(Type::UNKNOWN), &comprehension.unpack)
        }
        DefinitionKind::MatchCapture(capture) => context.match_capture_type(capture),
        DefinitionKind::NamedExpression(named) => context.infer_expression(&named.value),
        DefinitionKind::Parameter(parameter) => context.parameter_type(parameter),
        DefinitionKind::TypeParameter(type_param) => context.type_param_type(type_param),
        DefinitionKind::Delete(_) => Type::Never,
    }
}

/// The declared union narrowed to the assigned `value`, except where a member of the value
/// fits only a member the declaration made gradual (`path_type: type[Any] | None =
/// self.type`): that member stays as declared, since spelling `Any` there asks pytc not to
/// track the value's own type. A member that fits a fully static declared member narrows
/// (`x: int | Any = 1` is `Literal[1]`).
fn keep_gradual_members<'db>(db: &'db dyn Db, declared: Type<'db>, value: Type<'db>) -> Type<'db> {
    let declared_members = declared.union_elements(db);
    // `type[Any]` is the plain `type` instance, with no dynamic part to find.
    let is_gradual = |member: &Type<'db>| member.contains_dynamic(db) || member.is_type_of_any(db);
    if !declared_members.iter().any(is_gradual) {
        return value;
    }
    value.map_union(db, |member| {
        let fits_static = declared_members.iter().any(|declared| !is_gradual(declared) && member.is_assignable_to(db, *declared));
        if fits_static {
            return member;
        }
        declared_members.iter().copied().find(|declared| member.is_assignable_to(db, *declared)).unwrap_or(member)
    })
}

/// Whether `value` is an instance of a class that nominally derives from `declared`'s class
/// without being it (a `list[str]` for a declared `Sequence[str]`; not an `int` for `float`).
fn is_instance_of_proper_subclass<'db>(db: &'db dyn Db, value: Type<'db>, declared: ClassType<'db>) -> bool {
    matches!(value, Type::Instance(value_class)
        if value_class.class(db) != declared.class(db) && crate::class::find_ancestor(db, value_class, declared.class(db)).is_some())
}

/// An assignment to a name that is declared elsewhere in the scope takes the declared type,
/// narrowed to the assigned type when that fits. A name declared `Any` stays `Any`: the
/// declaration says the name may hold anything, and a later value does not take that back
/// (`element: Any` then `for element in items`), as the declaration with a value does.
/// A value of unknown type (`Any`) narrows the name to `Any` (`limit = settings["limit"]`
/// for a declared `int | None` may be any of its members, and nothing says which), as mypy
/// and ty do; the declaration with a value keeps its declared type.
fn narrow_to_declared<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>, assigned: Type<'db>) -> Type<'db> {
    if let Some(declared) = crate::semantic::symbol_declared_type(db, definition) {
        if declared.is_dynamic() {
            return declared;
        }
        return if assigned.is_dynamic() || assigned.is_assignable_to(db, declared) { assigned } else { declared };
    }
    // A name a `class` statement declares keeps its class where an assignment gives it a
    // value the class object is not (`C = register(C)` with `def register(cls: type)`).
    match crate::semantic::symbol_class_declaration(db, definition) {
        Some(class) if !assigned.is_dynamic() && !assigned.is_assignable_to(db, class) => class,
        _ => assigned,
    }
}

/// Names in `typing`/`typing_extensions` that are special forms are recognized by their
/// definition here, whatever the stub declares for them.
fn typing_special_form<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Option<Type<'db>> {
    let module = known_module(db, definition.file(db))?;
    if !matches!(module, KnownModule::Typing | KnownModule::TypingExtensions) {
        return None;
    }
    let semantic = definition.definition(db);
    if semantic.scope != pytc_semantic::ScopeId::MODULE {
        return None;
    }
    let name = crate::semantic::definition_symbol_name(db, definition)?;
    // `TypeVar`, `ParamSpec`... stay classes: calling them creates type variables.
    SpecialForm::from_typing_name(&name).map(Type::SpecialForm)
}

/// Follow an unpacking path from the assigned value down to one target. A union unpacks
/// member by member (`a, b = t` with `t: tuple[int, str] | tuple[None, None]` gives `a` the
/// type `int | None`).
fn unpack<'db>(context: &mut InferContext<'db>, value: Type<'db>, path: &[UnpackStep]) -> Type<'db> {
    let db = context.db;
    let mut current = value;
    for step in path {
        current = match current {
            Type::Union(union) => {
                let members: Vec<Type<'db>> = union.elements(db).iter().map(|member| unpack_step(context, *member, step)).collect();
                Type::union_of(db, members)
            }
            other => unpack_step(context, other, step),
        };
    }
    current
}

/// One step of an unpacking path applied to a value that is not a union.
fn unpack_step<'db>(context: &mut InferContext<'db>, value: Type<'db>, step: &UnpackStep) -> Type<'db> {
    let db = context.db;
    match crate::class::namedtuple::as_tuple(db, value) {
        Type::Tuple(tuple) if step.starred.is_none() && tuple.fixed_elements(db).is_some_and(|e| e.len() == step.length as usize) => {
            tuple.prefix(db)[step.index as usize]
        }
        Type::Tuple(tuple) if step.starred.is_some() && tuple.fixed_elements(db).is_some() => {
            let elements = tuple.prefix(db);
            let starred = step.starred.unwrap_or(0) as usize;
            let after = step.length as usize - starred - 1;
            if step.is_starred() {
                let middle = elements.get(starred..elements.len().saturating_sub(after)).unwrap_or(&[]);
                list_of(db, Type::union_of(db, middle.iter().copied()))
            } else if (step.index as usize) < starred {
                elements.get(step.index as usize).copied().unwrap_or(Type::UNKNOWN)
            } else {
                let from_end = step.length as usize - step.index as usize;
                elements.len().checked_sub(from_end).and_then(|i| elements.get(i)).copied().unwrap_or(Type::UNKNOWN)
            }
        }
        Type::Tuple(tuple)
            if let Some(starred) = step.starred
                && let Some((leading, middle, trailing)) =
                    tuple.starred_unpacking(db, starred as usize, step.length as usize - starred as usize - 1) =>
        {
            if step.is_starred() {
                list_of(db, middle)
            } else if (step.index as usize) < leading.len() {
                leading[step.index as usize]
            } else {
                trailing[step.index as usize - starred as usize - 1]
            }
        }
        other => {
            let element = context.iteration_type(other).unwrap_or(Type::UNKNOWN);
            if step.is_starred() { list_of(db, element) } else { element }
        }
    }
}

pub(crate) fn list_of<'db>(db: &'db dyn Db, element: Type<'db>) -> Type<'db> {
    match KnownClass::List.class(db) {
        Some(list) => Type::Instance(ClassType::new(db, list, Box::from([element]))),
        None => Type::UNKNOWN,
    }
}

impl<'db> InferContext<'db> {
    /// The type of a parameter inside the function body.
    fn parameter_type(&mut self, parameter: &pytc_semantic::ParameterDefinition) -> Type<'db> {
        let db = self.db;
        if let Some(annotation) = &parameter.parameter.annotation
            && matches!(parameter.kind, ParameterKind::VarPositional | ParameterKind::VarKeyword)
        {
            let keyword = parameter.kind == ParameterKind::VarKeyword;
            if let Some(param_spec) = self.variadic_param_spec(annotation, keyword) {
                return Type::TypeVar(crate::generics::paramspec::component_typevar(db, param_spec, keyword));
            }
        }
        let annotated = match &parameter.parameter.annotation {
            Some(annotation) => {
                let ty = self.parameter_annotation_type(annotation, parameter.kind);
                Some(ty)
            }
            None => None,
        };
        let element = match annotated {
            Some(ty) => ty,
            None => {
                if parameter.index == 0 && matches!(parameter.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword) {
                    if let Some(implicit) = self.implicit_receiver_type(parameter.function) {
                        return implicit;
                    }
                }
                Type::UNKNOWN
            }
        };
        if matches!(parameter.kind, ParameterKind::VarKeyword)
            && let Some(annotation) = &parameter.parameter.annotation
            && let Some(typed_dict) = self.unpacked_typed_dict(annotation)
        {
            return Type::Instance(typed_dict);
        }
        match parameter.kind {
            ParameterKind::VarPositional => {
                if matches!(element, Type::Tuple(_))
                    && let Some(annotation) = &parameter.parameter.annotation
                    && self.unpacked_operand(annotation).is_some()
                {
                    element
                } else {
                    Type::Tuple(TupleType::homogeneous(db, element))
                }
            }
            ParameterKind::VarKeyword => match (KnownClass::Dict.class(db), KnownClass::Str.instance(db)) {
                (Some(dict), key) => Type::Instance(ClassType::new(db, dict, Box::from([key, element]))),
                _ => Type::UNKNOWN,
            },
            _ => element,
        }
    }
}

