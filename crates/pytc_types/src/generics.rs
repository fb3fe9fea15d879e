//! Generics: substituting type variables (`Specialization`) and solving them from the
//! argument types of a call (`TypeVarSolver`), honouring bounds and constraints.

pub(crate) mod constrained;
pub(crate) mod declarations;
pub(crate) mod declared_variance_usage;
pub(crate) mod defaults;
pub(crate) mod generic_base;
pub(crate) mod generic_class;
pub(crate) mod instance_variable_access;
pub(crate) mod argument_bounds;
pub(crate) mod packed_type_arguments;
pub(crate) mod paramspec;
pub(crate) mod paramspec_components;
pub(crate) mod paramspec_default;
pub(crate) mod paramspec_expression;
pub(crate) mod paramspec_usage;
mod protocol_members;
pub(crate) mod scoping;
pub(crate) mod self_usage;
pub(crate) mod typevar_default;
pub(crate) mod typevartuple;
pub(crate) mod variance;

use pytc_db::Db;
use rustc_hash::FxHashMap;

use crate::types::{CallableType, ClassType, GuardKind, Signature, TupleType, Type, TypeVarType, UnionBuilder};

/// How deep substitution and solving descend; deeper structure is left alone.
const MAX_DEPTH: u32 = 32;

/// A mapping from type variables to types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Specialization<'db> {
    map: FxHashMap<TypeVarType<'db>, Type<'db>>,
}

impl<'db> Specialization<'db> {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (TypeVarType<'db>, Type<'db>)>) -> Self {
        Self { map: pairs.into_iter().collect() }
    }

    pub fn insert(&mut self, typevar: TypeVarType<'db>, ty: Type<'db>) {
        self.map.insert(typevar, ty);
    }

    /// What `typevar` is mapped to, if anything.
    pub fn get(&self, typevar: TypeVarType<'db>) -> Option<Type<'db>> {
        self.map.get(&typevar).copied()
    }

    /// `ty` with every mapped type variable replaced.
    pub fn apply(&self, db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
        if self.map.is_empty() {
            return ty;
        }
        self.apply_at(db, ty, 0)
    }

    pub fn apply_signature(&self, db: &'db dyn Db, signature: &Signature<'db>) -> Signature<'db> {
        if self.map.is_empty() {
            return signature.clone();
        }
        self.apply_signature_at(db, signature, 0)
    }

    fn apply_signature_at(&self, db: &'db dyn Db, signature: &Signature<'db>, depth: u32) -> Signature<'db> {
        if let Some(expanded) = self.apply_expanding_param_spec(db, signature, depth) {
            return expanded;
        }
        Signature {
            parameters: signature.parameters.iter().flat_map(|parameter| self.apply_parameter(db, parameter, depth)).collect(),
            return_type: self.apply_at(db, signature.return_type, depth),
            gradual_parameters: signature.gradual_parameters,
        }
    }

    fn apply_at(&self, db: &'db dyn Db, ty: Type<'db>, depth: u32) -> Type<'db> {
        pytc_syntax::ensure_stack(|| self.substitute_at(db, ty, depth))
    }

    fn substitute_at(&self, db: &'db dyn Db, ty: Type<'db>, depth: u32) -> Type<'db> {
        if depth > MAX_DEPTH {
            return ty;
        }
        let depth = depth + 1;
        let map_all = |types: &[Type<'db>]| types.iter().map(|t| self.apply_at(db, *t, depth)).collect::<Box<[_]>>();
        match ty {
            Type::TypeVar(typevar) => self.map.get(&typevar).copied().unwrap_or(ty),
            Type::SubclassOfTypeVar(typevar) => match self.map.get(&typevar) {
                Some(value) => crate::types::class_of_instance(db, *value),
                None => ty,
            },
            Type::Instance(class) if !class.arguments(db).is_empty() => {
                Type::Instance(ClassType::new(db, class.class(db), map_all(class.arguments(db))))
            }
            Type::ClassObject(class) if !class.arguments(db).is_empty() => {
                Type::ClassObject(ClassType::new(db, class.class(db), map_all(class.arguments(db))))
            }
            Type::SubclassOf(class) if !class.arguments(db).is_empty() => {
                Type::SubclassOf(ClassType::new(db, class.class(db), map_all(class.arguments(db))))
            }
            Type::Union(union) => {
                let mut builder = UnionBuilder::new(db);
                for element in union.elements(db) {
                    builder.add(self.apply_at(db, *element, depth));
                }
                builder.build()
            }
            Type::Tuple(tuple) => match tuple.variadic(db) {
                // A TypeVarTuple's tuple is spliced in: `tuple[int, *Ts]` with `Ts = (str,)`.
                Some(variadic) if variadic.as_typevar_tuple(db).is_some() => {
                    Type::Tuple(TupleType::spliced(db, &map_all(tuple.prefix(db)), self.apply_at(db, variadic, depth), &map_all(tuple.suffix(db))))
                }
                Some(variadic) => Type::Tuple(TupleType::new(db, map_all(tuple.prefix(db)), Some(self.apply_at(db, variadic, depth)), map_all(tuple.suffix(db)))),
                None => Type::Tuple(TupleType::new(db, map_all(tuple.prefix(db)), None, Box::default())),
            },
            Type::Callable(callable) => Type::Callable(CallableType::new(
                db,
                callable.signatures(db).iter().map(|s| self.apply_signature_at(db, s, depth)).collect::<Box<[_]>>(),
            )),
            Type::TypeGuard(guard) => {
                Type::TypeGuard(crate::types::TypeGuardType::new(db, guard.kind(db), self.apply_at(db, guard.guarded(db), depth)))
            }
            Type::TypeFormOf(form) => Type::TypeFormOf(crate::types::TypeFormType::new(db, self.apply_at(db, form.denoted(db), depth))),
            Type::AliasRef(reference) if !reference.arguments(db).is_empty() => {
                Type::AliasRef(crate::types::AliasReference::new(db, reference.alias(db), map_all(reference.arguments(db))))
            }
            Type::SubclassOf(_) | Type::ClassObject(_) | Type::Instance(_) => ty,
            _ => ty,
        }
    }
}

/// Call `visit` on every type variable inside `ty`.
pub fn walk_typevars<'db>(db: &'db dyn Db, ty: Type<'db>, visit: &mut dyn FnMut(TypeVarType<'db>)) {
    walk_at(db, ty, visit, true, 0);
}

/// Call `visit` on the type variables of `ty` outside its `Callable`s: those a variable's
/// annotation needs an enclosing scope for (`Callable[[T], T]` is generic on its own).
pub fn walk_typevars_outside_callables<'db>(db: &'db dyn Db, ty: Type<'db>, visit: &mut dyn FnMut(TypeVarType<'db>)) {
    walk_at(db, ty, visit, false, 0);
}

fn walk_at<'db>(db: &'db dyn Db, ty: Type<'db>, visit: &mut dyn FnMut(TypeVarType<'db>), callables: bool, depth: u32) {
    pytc_syntax::ensure_stack(|| walk_here(db, ty, visit, callables, depth));
}

fn walk_here<'db>(db: &'db dyn Db, ty: Type<'db>, visit: &mut dyn FnMut(TypeVarType<'db>), callables: bool, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    let depth = depth + 1;
    match ty {
        Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) => visit(typevar),
        Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => {
            for argument in class.arguments(db) {
                walk_at(db, *argument, visit, callables, depth);
            }
        }
        Type::AliasRef(reference) => {
            for argument in reference.arguments(db) {
                walk_at(db, *argument, visit, callables, depth);
            }
        }
        Type::Union(union) => {
            for element in union.elements(db) {
                walk_at(db, *element, visit, callables, depth);
            }
        }
        Type::Tuple(tuple) => {
            for element in tuple.prefix(db).iter().chain(tuple.variadic(db).iter()).chain(tuple.suffix(db)) {
                walk_at(db, *element, visit, callables, depth);
            }
        }
        Type::Callable(callable) if callables => {
            for signature in callable.signatures(db) {
                for parameter in &signature.parameters {
                    walk_at(db, parameter.annotated, visit, callables, depth);
                }
                walk_at(db, signature.return_type, visit, callables, depth);
            }
        }
        Type::TypeGuard(guard) => walk_at(db, guard.guarded(db), visit, callables, depth),
        Type::TypeFormOf(form) => walk_at(db, form.denoted(db), visit, callables, depth),
        _ => {}
    }
}

/// Whether `ty` mentions any type variable.
pub fn has_typevars<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    let mut found = false;
    walk_typevars(db, ty, &mut |_| found = true);
    found
}

/// Whether `ty` is a function or callable with type variables in its signatures (`def
/// escape(pattern: AnyStr) -> AnyStr`), which a call taking it as an argument instantiates.
pub fn is_generic_callable<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    if !matches!(ty, Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_)) {
        return false;
    }
    crate::call::signatures_of(db, ty).is_some_and(|signatures| {
        signatures.iter().any(|signature| {
            has_typevars(db, signature.return_type) || signature.parameters.iter().any(|parameter| has_typevars(db, parameter.annotated))
        })
    })
}

/// Solves the type variables of one call from (parameter type, argument type) pairs.
#[derive(Clone)]
pub struct TypeVarSolver<'db> {
    db: &'db dyn Db,
    /// Every lower bound seen for each variable, in order.
    lower_bounds: FxHashMap<TypeVarType<'db>, Vec<Type<'db>>>,
    /// The same lower bounds as a solution outside invariant positions takes them: a literal
    /// written as an expression widened to its class (`ident("a")` is `str`), a literal a
    /// declaration gave the argument kept (`ident(x)` with `x: Literal["a"]` is `Literal["a"]`).
    kept_bounds: FxHashMap<TypeVarType<'db>, Vec<Type<'db>>>,
    /// Where the lower bounds met by the walk in progress go (see `Recording`).
    recording: Recording,
    /// Upper bounds: the parameter types of a callable argument where the parameter's
    /// callable takes a variable (`Callable[[T], R]` given `def f(x: int)`: `T` at most `int`).
    upper_bounds: FxHashMap<TypeVarType<'db>, Vec<Type<'db>>>,
    /// Variables met as an invariant type argument (`Matrix[B, C]` given
    /// `Matrix[Literal[3], Literal[7]]`): their literals are kept, since a widened solution
    /// would not accept the argument. Also those a declared return type solves.
    invariant: rustc_hash::FxHashSet<TypeVarType<'db>>,
    /// The (protocol, argument) pairs being matched member by member, so a protocol whose
    /// members return the protocol again (`Iterator.__iter__`) is walked once.
    protocol_matches: Vec<(ClassType<'db>, Type<'db>)>,
}

impl<'db> TypeVarSolver<'db> {
    pub fn new(db: &'db dyn Db) -> Self {
        Self {
            db,
            lower_bounds: FxHashMap::default(),
            kept_bounds: FxHashMap::default(),
            recording: Recording::Written,
            upper_bounds: FxHashMap::default(),
            invariant: Default::default(),
            protocol_matches: Vec::new(),
        }
    }

    /// Record what `argument` (passed where `parameter` is expected) says about the
    /// variables in `parameter`. Its literals count as written ones, which a solution widens.
    pub fn infer(&mut self, parameter: Type<'db>, argument: Type<'db>) {
        self.infer_at(parameter, argument, 0);
    }

    /// Like `infer`, for a call argument whose literals came from where `origin` says: those
    /// of a declaration are kept in the solution (`mk(mode)` with `mode: Literal["r", "w"]`
    /// is a `list[Literal["r", "w"]]`), written ones widen (`mk("r")` is a `list[str]`).
    pub fn infer_argument(&mut self, parameter: Type<'db>, argument: Type<'db>, origin: &crate::call::LiteralOrigin) {
        use crate::call::LiteralOrigin;
        match origin {
            LiteralOrigin::Written => self.infer(parameter, argument),
            LiteralOrigin::Declared => self.record_walk(Recording::Declared, parameter, argument),
            LiteralOrigin::Elements(_) => {
                let kept = origin.apply(self.db, argument);
                self.record_walk(Recording::Exact, parameter, argument);
                self.record_walk(Recording::Kept, parameter, kept);
            }
        }
    }

    fn record_walk(&mut self, recording: Recording, parameter: Type<'db>, argument: Type<'db>) {
        self.recording = recording;
        self.infer_at(parameter, argument, 0);
        self.recording = Recording::Written;
    }

    /// A lower bound of a TypeVar, recorded as the walk in progress says.
    fn push_lower(&mut self, typevar: TypeVarType<'db>, bound: Type<'db>) {
        let kept = match self.recording {
            Recording::Written => crate::infer::expr_widen(self.db, bound),
            Recording::Declared | Recording::Kept => bound,
            Recording::Exact => {
                self.lower_bounds.entry(typevar).or_default().push(bound);
                return;
            }
        };
        self.kept_bounds.entry(typevar).or_default().push(kept);
        if self.recording != Recording::Kept {
            self.lower_bounds.entry(typevar).or_default().push(bound);
        }
    }

    /// Whether the walk in progress records exact bounds (the second walk over an argument's
    /// kept form records none: TypeVarTuples and ParamSpecs took theirs from the first).
    pub(crate) fn records_exact(&self) -> bool {
        self.recording != Recording::Kept
    }

    fn infer_at(&mut self, parameter: Type<'db>, argument: Type<'db>, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        let db = self.db;
        let depth = depth + 1;
        match (parameter, argument) {
            (Type::AliasRef(_), _) | (_, Type::AliasRef(_)) => self.infer_at(parameter.expand_top(db), argument.expand_top(db), depth),
            (Type::TypeVar(typevar), _) => self.push_lower(typevar, argument),
            (Type::TypeGuard(parameter_guard), Type::TypeGuard(argument_guard)) => {
                if parameter_guard.kind(db) == GuardKind::TypeIs {
                    if let Type::TypeVar(typevar) = parameter_guard.guarded(db) {
                        self.invariant.insert(typevar);
                    }
                }
                self.infer_at(parameter_guard.guarded(db), argument_guard.guarded(db), depth);
            }
            (Type::TypeFormOf(parameter_form), _) => {
                // A type form spells its type exactly: `Literal[1]` solves `T` as `Literal[1]`.
                if let Type::TypeVar(typevar) = parameter_form.denoted(db) {
                    self.invariant.insert(typevar);
                }
                if let Some(denoted) = crate::relation::type_form_denoted(db, argument) {
                    self.infer_at(parameter_form.denoted(db), denoted, depth);
                }
            }
            (Type::Union(union), _) => {
                // `T | None` with `int | None`: match the non-variable members first and solve
                // the variable from what remains.
                let elements = union.elements(db);
                let typevars: Vec<Type<'db>> = elements.iter().copied().filter(|e| matches!(e, Type::TypeVar(_))).collect();
                if typevars.len() == 1 {
                    let fixed: Vec<Type<'db>> = elements.iter().copied().filter(|e| !matches!(e, Type::TypeVar(_))).collect();
                    let mut generic_matches = Vec::new();
                    let remaining = argument.map_union(db, |member| {
                        if member.is_dynamic() {
                            return member;
                        }
                        if fixed.iter().any(|f| member.is_assignable_to(db, *f)) {
                            return Type::Never;
                        }
                        // A member of a generic class of the union solves the variable through
                        // it (`Path` for `AnyStr | PathLike[AnyStr]`: `AnyStr` is `str`).
                        match fixed.iter().find(|f| is_instance_of_generic(db, member, **f)) {
                            Some(generic) => {
                                generic_matches.push((*generic, member));
                                Type::Never
                            }
                            None => member,
                        }
                    });
                    for (generic, member) in generic_matches {
                        self.infer_at(generic, member, depth);
                    }
                    if !remaining.is_never() {
                        self.infer_at(typevars[0], remaining, depth);
                    }
                } else {
                    for element in elements {
                        if has_typevars(db, *element) {
                            self.infer_at(*element, argument, depth);
                        }
                    }
                }
            }
            (Type::Instance(parameter_class), Type::Instance(_) | Type::Tuple(_) | Type::IntLiteral(_) | Type::StringLiteral(_) | Type::BoolLiteral(_) | Type::BytesLiteral(_) | Type::LiteralString | Type::EnumLiteral(_)) => {
                let argument_instance = match argument {
                    Type::Instance(class) => Some(crate::class::namedtuple::named_tuple_as_sequence(db, class, parameter_class.class(db)).unwrap_or(class)),
                    Type::Tuple(tuple) => match crate::class::tuple_instance(db, tuple.element_union(db)) {
                        Type::Instance(class) => Some(class),
                        _ => None,
                    },
                    other => match other.literal_fallback_instance(db) {
                        Some(Type::Instance(class)) => Some(class),
                        _ => None,
                    },
                };
                match argument_instance.and_then(|argument_class| crate::class::find_ancestor(db, argument_class, parameter_class.class(db))) {
                    Some(ancestor) => {
                        let class_parameters = crate::class::type_parameters(db, parameter_class.class(db));
                        for (index, (p, a)) in parameter_class.arguments(db).iter().zip(ancestor.arguments(db)).enumerate() {
                            if let Type::TypeVar(typevar) = p
                                && let Some(class_parameter) = class_parameters.get(index)
                                && crate::class::variance_of(db, parameter_class.class(db), *class_parameter) == crate::types::Variance::Invariant
                            {
                                self.invariant.insert(*typevar);
                            }
                            self.infer_at(*p, *a, depth);
                        }
                    }
                    None if crate::class::is_protocol(db, parameter_class.class(db)) => {
                        self.infer_from_protocol_members(parameter_class, argument, depth);
                    }
                    None => {}
                }
            }
            // A function, or a class called through its constructor, for a callback protocol.
            (Type::Instance(parameter_class), Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) | Type::SubclassOfTypeVar(_))
                if crate::class::is_protocol(db, parameter_class.class(db)) =>
            {
                self.infer_from_callback_protocol(parameter, argument, depth);
            }
            (Type::Instance(parameter_class), Type::Union(union)) => {
                for element in union.elements(db) {
                    self.infer_at(Type::Instance(parameter_class), *element, depth);
                }
            }
            (Type::SubclassOf(parameter_class), Type::ClassObject(argument_class) | Type::SubclassOf(argument_class)) => {
                self.infer_at(Type::Instance(parameter_class), Type::Instance(argument_class), depth);
            }
            // `type[T]` given a class object: `T` is the class's instance type.
            (Type::SubclassOfTypeVar(typevar), _) => {
                for member in argument.union_elements(db) {
                    let instance = match member {
                        Type::ClassObject(class) if !crate::class::new_type::is_new_type(db, class.class(db)) => {
                            Type::Instance(defaults::with_default_arguments(db, class))
                        }
                        Type::SubclassOf(class) => Type::Instance(class),
                        Type::SubclassOfTypeVar(other) => Type::TypeVar(other),
                        Type::Dynamic(_) => member,
                        _ => continue,
                    };
                    self.push_lower(typevar, instance);
                }
            }
            (Type::SubclassOf(parameter_class), Type::Union(union)) => {
                for element in union.elements(db) {
                    self.infer_at(Type::SubclassOf(parameter_class), *element, depth);
                }
            }
            (Type::Tuple(parameter_tuple), Type::Tuple(argument_tuple)) if let Some(typevar) = parameter_tuple.variadic_typevar(db) => {
                if let Some((pairs, middle)) = typevartuple::match_middle(db, parameter_tuple, argument_tuple) {
                    for (p, a) in pairs {
                        self.infer_at(p, a, depth);
                    }
                    if self.records_exact() {
                        self.lower_bounds.entry(typevar).or_default().push(Type::Tuple(middle));
                    }
                }
            }
            (Type::Tuple(parameter_tuple), Type::Tuple(argument_tuple)) => {
                match (parameter_tuple.fixed_elements(db), argument_tuple.fixed_elements(db)) {
                    (Some(p), Some(a)) if p.len() == a.len() => {
                        for (p, a) in p.iter().zip(a) {
                            self.infer_at(*p, *a, depth);
                        }
                    }
                    _ => {
                        if let Some(variadic) = parameter_tuple.variadic(db) {
                            self.infer_at(variadic, argument_tuple.element_union(db), depth);
                        }
                    }
                }
            }
            (Type::Callable(parameter_callable), _)
                if let [parameter_signature] = &parameter_callable.signatures(db)[..]
                    && let Some(param_spec) = paramspec::param_spec_tail(db, parameter_signature) =>
            {
                self.infer_param_spec_callable(parameter_signature, param_spec, argument, depth);
            }
            (Type::Callable(parameter_callable), _) => {
                let Some(parameter_signature) = parameter_callable.signatures(db).first() else { return };
                let Some(argument_signature) = signature_taking(db, argument, parameter_signature) else { return };
                // A generic argument is taken at the instance the parameter asks for. Its
                // parameters then name this call's variables (`def same(x: U) -> U` given for
                // `Callable[[T], S]` is `(T) -> T`), and a variable bounded by itself is not
                // bounded at all.
                let instantiated = crate::relation::callable::instantiate_generic_source(db, &argument_signature, parameter_signature);
                let generic_argument = instantiated.is_some();
                let argument_signature = instantiated.unwrap_or(argument_signature);
                // A `def` that declares its return type returns that type, literals and all:
                // `Callable[..., T]` given `def f() -> Literal["a"]` solves `T` as
                // `Literal["a"]` (an inferred return, a lambda's, still widens).
                if declares_return(db, argument) {
                    let invariant = &mut self.invariant;
                    walk_typevars(db, parameter_signature.return_type, &mut |typevar| {
                        invariant.insert(typevar);
                    });
                }
                self.infer_at(parameter_signature.return_type, argument_signature.return_type, depth);
                // `Callable[[int, *Ts, T], R]`: `Ts` is at most what the argument's remaining
                // positional parameters accept, but for the last ones, which go to the
                // parameters after `*Ts`.
                if let Some(index) = parameter_signature.parameters.iter().position(|p| p.kind == crate::types::ParameterKind::Variadic && p.annotated.as_typevar_tuple(db).is_some())
                    && let Some(typevar) = parameter_signature.parameters[index].annotated.as_typevar_tuple(db)
                    && let Some(tail) = typevartuple::positional_tail(db, &argument_signature, index)
                {
                    let trailing: Vec<Type<'db>> = parameter_signature.parameters[index + 1..].iter().filter(|p| p.accepts_positional()).map(|p| p.annotated).collect();
                    if let Some((middle, last)) = typevartuple::split_last(db, tail, trailing.len()) {
                        self.upper_bounds.entry(typevar).or_default().push(Type::Tuple(middle));
                        for (parameter, argument) in trailing.into_iter().zip(last) {
                            match parameter {
                                Type::TypeVar(typevar) if typevar.kind(db) == crate::types::TypeVarKind::TypeVar => self.upper_bounds.entry(typevar).or_default().push(argument),
                                other => self.infer_at(other, argument, depth),
                            }
                        }
                    }
                }
                for (p, a) in parameter_signature.parameters.iter().zip(argument_signature.parameters.iter()) {
                    if p.annotated.as_typevar_tuple(db).is_some() {
                        break;
                    }
                    if !a.has_annotation {
                        continue;
                    }
                    // Parameters are contravariant: what the argument accepts bounds the
                    // variable from above.
                    match p.annotated {
                        Type::TypeVar(_) if generic_argument && a.annotated == p.annotated => {}
                        Type::TypeVar(typevar) => self.upper_bounds.entry(typevar).or_default().push(a.annotated),
                        other => self.infer_at(other, a.annotated, depth),
                    }
                }
            }
            _ => {}
        }
    }

    /// The solution of the variables of `typevars` (TypeVars and TypeVarTuples) that have a
    /// lower bound so far; the others stay unmapped. A TypeVarTuple solved from `*args: *Ts`
    /// gives `Callable[[*Ts], R]` its parameters (`call_with(identity, 1)` instantiates
    /// `identity` at `(int)`).
    pub fn solved_so_far(&self, typevars: &[TypeVarType<'db>]) -> Specialization<'db> {
        let bounded: Vec<TypeVarType<'db>> = typevars
            .iter()
            .copied()
            .filter(|typevar| typevar.kind(self.db) != crate::types::TypeVarKind::ParamSpec && self.lower_bounds.contains_key(typevar))
            .collect();
        self.clone().solve(&bounded).0
    }

    /// Each variable as exactly the join of its lower bounds (no literal widening), when every
    /// one has a lower bound and the join fits its bound or constraints; else `None`. A
    /// ParamSpec or TypeVarTuple takes the parameters or types its lower bounds agree on.
    pub fn solve_exactly(self, typevars: &[TypeVarType<'db>]) -> Option<Specialization<'db>> {
        let db = self.db;
        let mut specialization = Specialization::default();
        for typevar in typevars {
            let bounds = self.lower_bounds.get(typevar)?;
            match typevar.kind(db) {
                crate::types::TypeVarKind::TypeVar => {}
                crate::types::TypeVarKind::ParamSpec => {
                    specialization.insert(*typevar, paramspec::solve_param_spec(db, *typevar, Some(&bounds[..])));
                    continue;
                }
                crate::types::TypeVarKind::TypeVarTuple => {
                    specialization.insert(*typevar, self.solve_typevar_tuple(*typevar)?);
                    continue;
                }
            }
            let solution = Type::union_of(db, bounds.iter().copied());
            let fits = match typevar.bound(db) {
                Some(bound) => solution.is_assignable_to(db, bound),
                None => {
                    let constraints = typevar.constraints(db);
                    constraints.is_empty() || constraints.contains(&solution)
                }
            };
            if !fits {
                return None;
            }
            specialization.insert(*typevar, solution);
        }
        Some(specialization)
    }

    /// The solution: each variable's lower bounds joined (exactly when the variable is
    /// invariant in a container, else as kept: written literals widened, declared ones kept),
    /// else its first upper bound, checked against
    /// its bound or constraints. Returns the specialization and the variables whose solution
    /// violates them.
    pub fn solve(self, typevars: &[TypeVarType<'db>]) -> (Specialization<'db>, Vec<(TypeVarType<'db>, Type<'db>)>) {
        let db = self.db;
        let mut specialization = Specialization::default();
        let mut violations = Vec::new();
        let mut defaulted = Vec::new();
        for typevar in typevars {
            if typevar.kind(db) == crate::types::TypeVarKind::TypeVarTuple {
                match self.solve_typevar_tuple(*typevar) {
                    Some(solution) => specialization.insert(*typevar, solution),
                    None => {
                        let lower = self.lower_bounds.get(typevar).and_then(|bounds| bounds.first().copied()).unwrap_or(Type::UNKNOWN);
                        violations.push((*typevar, lower));
                        // Reported once, as the violation; the arguments are not checked again.
                        specialization.insert(*typevar, Type::UNKNOWN);
                    }
                }
                continue;
            }
            if typevar.kind(db) == crate::types::TypeVarKind::ParamSpec {
                let solution = paramspec::solve_param_spec(db, *typevar, self.lower_bounds.get(typevar).map(|lower| &lower[..]));
                specialization.insert(*typevar, solution);
                continue;
            }
            let Some(bounds) = self.lower_bounds.get(typevar).map(|lower| &lower[..]).or_else(|| self.upper_bounds.get(typevar).map(|upper| &upper[..1])) else {
                specialization.insert(*typevar, typevar.default(db).unwrap_or(Type::UNKNOWN));
                defaulted.push(*typevar);
                continue;
            };
            let joined = Type::union_of(db, bounds.iter().copied());
            let mut solution = match self.kept_bounds.get(typevar) {
                _ if self.invariant.contains(typevar) => joined,
                // Both walks over an argument met the variable alike: the kept bounds stand
                // for the exact ones.
                Some(kept) if self.lower_bounds.get(typevar).is_some_and(|lower| lower.len() == kept.len()) => Type::union_of(db, kept.iter().copied()),
                _ => crate::infer::expr_widen(db, joined),
            };
            let constraints = typevar.constraints(db);
            // A literal stays a literal when its widened class would not fit the variable
            // (`T = TypeVar("T", bound=LiteralString)`, constraints `Literal["a"]`, ...).
            let fits = |ty: Type<'db>| match typevar.bound(db) {
                Some(bound) => ty.is_assignable_to(db, bound),
                None => constraints.is_empty() || constraints.iter().any(|constraint| ty.is_assignable_to(db, *constraint)),
            };
            if !fits(solution) && fits(joined) {
                solution = joined;
            }
            if !constraints.is_empty() {
                // A constrained variable takes the first constraint every bound fits.
                match constraints.iter().find(|constraint| solution.is_assignable_to(db, **constraint)) {
                    Some(constraint) if !solution.is_dynamic() => solution = *constraint,
                    Some(_) => {}
                    None if stands_for_a_constraint(db, solution, constraints) => {}
                    None => violations.push((*typevar, solution)),
                }
            } else if let Some(bound) = typevar.bound(db)
                && !has_typevars(db, bound)
                && !solution.is_assignable_to(db, bound)
            {
                violations.push((*typevar, solution));
            }
            specialization.insert(*typevar, solution);
        }
        // A default naming an earlier variable (`def f[A, B = A]`) means that variable's
        // solution; a chain of such defaults is followed once per link.
        for _ in 0..defaulted.len() {
            for typevar in &defaulted {
                if let Some(default) = specialization.get(*typevar)
                    && has_typevars(db, default)
                {
                    let resolved = specialization.apply(db, default);
                    specialization.insert(*typevar, resolved);
                }
            }
        }
        (specialization, violations)
    }
}

/// Where `TypeVarSolver::push_lower` records a lower bound.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Recording {
    /// A bound from an argument whose literals were written: exact, and widened for the
    /// solution.
    Written,
    /// A bound from an argument whose literals a declaration gave it: the same both ways.
    Declared,
    /// The exact bounds of an argument whose kept form differs in places (`(x, "a")`).
    Exact,
    /// The kept form of that argument, walked after its exact type.
    Kept,
}

/// Whether `solution`, its dynamic members aside, is one constrained type variable in scope
/// each of whose constraints fits a constraint of the variable solved: whichever constraint
/// it stands for, that variable takes one too (`AnyStr` passed on to a function of `AnyStr`
/// is solved to the caller's `AnyStr`).
fn stands_for_a_constraint<'db>(db: &'db dyn Db, solution: Type<'db>, constraints: &[Type<'db>]) -> bool {
    let known = solution.map_union(db, |member| if member.is_dynamic() { Type::Never } else { member });
    let Type::TypeVar(argument) = known else { return false };
    let own = argument.constraints(db);
    !own.is_empty() && own.iter().all(|constraint| constraints.iter().any(|target| constraint.is_assignable_to(db, *target)))
}

/// Whether `value` is an instance of `generic`'s class (nominally or, for a protocol,
/// structurally) whatever `generic`'s type arguments, which contain type variables.
fn is_instance_of_generic<'db>(db: &'db dyn Db, value: Type<'db>, generic: Type<'db>) -> bool {
    let Type::Instance(class) = generic else { return false };
    if !has_typevars(db, generic) {
        return false;
    }
    let erased = ClassType::new(db, class.class(db), class.arguments(db).iter().map(|_| Type::UNKNOWN).collect::<Box<[_]>>());
    value.is_assignable_to(db, Type::Instance(erased))
}

/// The signature of a callable argument that a call shaped like `expected` would use: its
/// only one, or the first overload that takes the positional arguments `expected` passes
/// (`list` given for `Callable[[], V]` is called as `list()`; `float.__round__` for
/// `(int) -> T` is its `(SupportsIndex) -> float` overload).
fn signature_taking<'db>(db: &'db dyn Db, argument: Type<'db>, expected: &Signature<'db>) -> Option<Signature<'db>> {
    let mut signatures = crate::call::signatures_of(db, argument)?;
    if signatures.len() == 1 {
        return signatures.pop();
    }
    if expected.gradual_parameters || expected.parameters.iter().any(|p| !p.accepts_positional()) {
        return None;
    }
    let passed = expected.parameters.len();
    let shaped: Vec<Signature<'db>> = signatures.into_iter().filter(|signature| takes_positional_count(signature, passed)).collect();
    // With a variable among the passed types (`map`'s `(T1) -> S` given `int`) the overload
    // cannot be picked by them: only a return every fitting overload agrees on is certain
    // (`int` for `int`; nothing for `operator.mul`, whose overloads return their own variables).
    if expected.parameters.iter().any(|p| has_typevars(db, p.annotated)) {
        let first = shaped.first()?.return_type;
        let agreed = !has_typevars(db, first) && shaped.iter().all(|signature| signature.return_type == first);
        return agreed.then(|| Signature::gradual(unsolved_factory_instance(db, first)));
    }
    let mut chosen = shaped.into_iter().find(|signature| {
        // What the expected callable passes must fit the overload's parameters.
        expected.parameters.iter().zip(signature.parameters.iter().filter(|p| p.accepts_positional())).all(|(passed, parameter)| {
            has_typevars(db, parameter.annotated) || passed.annotated.is_assignable_to(db, parameter.annotated)
        })
    })?;
    chosen.return_type = unsolved_factory_instance(db, chosen.return_type);
    Some(chosen)
}

/// Whether a call passing `passed` positional arguments (and nothing else) fits the
/// signature's parameters.
fn takes_positional_count(signature: &Signature<'_>, passed: usize) -> bool {
    use crate::types::ParameterKind::{KeywordVariadic, Variadic};
    let positional = signature.parameters.iter().filter(|p| p.accepts_positional()).count();
    let required = signature.parameters.iter().filter(|p| !p.has_default && p.kind != Variadic && p.kind != KeywordVariadic).count();
    let variadic = signature.parameters.iter().any(|p| p.kind == Variadic);
    required <= passed
        && (passed <= positional || variadic)
        && signature.parameters.iter().all(|p| p.accepts_positional() || p.has_default || matches!(p.kind, Variadic | KeywordVariadic))
}

/// A generic class called as a factory makes an instance whose arguments nothing solves
/// (`list` called as `list()`: `list[Unknown]`).
fn unsolved_factory_instance<'db>(db: &'db dyn Db, returned: Type<'db>) -> Type<'db> {
    if let Type::Instance(class) = returned
        && class.arguments(db).is_empty()
    {
        let parameters = crate::class::type_parameters(db, class.class(db));
        if !parameters.is_empty() {
            return Type::Instance(ClassType::new(db, class.class(db), parameters.iter().map(|_| Type::UNKNOWN).collect::<Box<[_]>>()));
        }
    }
    returned
}

/// Whether a callable argument is a function (or bound method) whose `def` declares its
/// return type.
fn declares_return<'db>(db: &'db dyn Db, argument: Type<'db>) -> bool {
    match argument {
        Type::Function(function) => crate::infer::function::has_return_annotation(db, function),
        Type::BoundMethod(method) => crate::infer::function::has_return_annotation(db, method.function(db)),
        _ => false,
    }
}
