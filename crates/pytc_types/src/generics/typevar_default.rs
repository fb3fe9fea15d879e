//! Checks of a type variable's declaration that relate its parts to each other: a
//! constraint may not be generic, a default must satisfy the bound and be one of the
//! constraints, and in a type parameter list a parameter without a default may not
//! follow one with a default, nor may a defaulted `TypeVar` follow a `TypeVarTuple`; and
//! the variable a `TypeVar(...)` call is assigned to must have the name the call gives; a
//! `TypeVarTuple` takes neither constraints nor a bound, and a class has at most one; a
//! `ParamSpec`'s default is a parameter list, `...` or a ParamSpec, and a `TypeVarTuple`'s an
//! unpacked tuple or TypeVarTuple.

use pytc_db::Rule;
use pytc_syntax::{Ranged, TextRange, ast};

use crate::call::special::INVALID_TYPE_VARIABLE;
use crate::infer::InferContext;
use crate::types::{Type, TypeVarKind, TypeVarType};

impl<'db> InferContext<'db> {
    /// Report the constraints of a `TypeVar(...)` call that mention type variables.
    pub(crate) fn check_typevar_constraints(&mut self, call: &ast::ExprCall, constraints: &[Type<'db>]) {
        let db = self.db;
        for (expression, constraint) in call.arguments.args.iter().skip(1).zip(constraints) {
            if crate::generics::has_typevars(db, *constraint) {
                self.report(expression_range(expression), &INVALID_TYPE_VARIABLE, "A type variable's constraints cannot be generic");
            }
        }
    }

    /// Report a default that is not assignable to the bound, or not one of the constraints.
    pub(crate) fn check_typevar_default(&mut self, range: TextRange, bound: Option<Type<'db>>, constraints: &[Type<'db>], default: Option<Type<'db>>) {
        let db = self.db;
        let Some(default) = default else { return };
        if let Type::TypeVar(other) = default {
            self.check_typevar_default_typevar(range, bound, constraints, other);
            return;
        }
        if default.contains_dynamic(db) || crate::generics::has_typevars(db, default) {
            return;
        }
        if let Some(bound) = bound
            && !crate::generics::has_typevars(db, bound)
            && !default.is_assignable_to(db, bound)
        {
            self.report(
                range,
                &INVALID_TYPE_VARIABLE,
                format!("The default `{}` is not assignable to the bound `{}`", default.display(db), bound.display(db)),
            );
        }
        if !constraints.is_empty() && !constraints.iter().any(|constraint| default.is_equivalent_to(db, *constraint)) {
            self.report(
                range,
                &INVALID_TYPE_VARIABLE,
                format!("The default `{}` is not one of the constraints", default.display(db)),
            );
        }
    }

    /// A default that is another type variable: its bound must be assignable to this bound,
    /// and when this variable is constrained, the default's constraints must be among them.
    fn check_typevar_default_typevar(&mut self, range: TextRange, bound: Option<Type<'db>>, constraints: &[Type<'db>], other: TypeVarType<'db>) {
        let db = self.db;
        let other_constraints = other.constraints(db);
        let other_upper = match other.bound(db) {
            Some(bound) => Some(bound),
            None if !other_constraints.is_empty() => Some(Type::union_of(db, other_constraints.to_vec())),
            None => None,
        };
        if let Some(bound) = bound
            && !crate::generics::has_typevars(db, bound)
            && other_upper.is_some_and(|upper| !upper.contains_dynamic(db) && !upper.is_assignable_to(db, bound))
        {
            self.report(
                range,
                &INVALID_TYPE_VARIABLE,
                format!("The default `{}` has an upper bound that is not assignable to the bound `{}`", other.name(db), bound.display(db)),
            );
        }
        if constraints.is_empty() {
            return;
        }
        let among_constraints = |ty: &Type<'db>| constraints.iter().any(|constraint| ty.is_equivalent_to(db, *constraint));
        let fits = if other_constraints.is_empty() { other.bound(db).is_some_and(|bound| among_constraints(&bound)) } else { other_constraints.iter().all(among_constraints) };
        if !fits {
            self.report(
                range,
                &INVALID_TYPE_VARIABLE,
                format!("The default `{}` is not limited to the constraints of this type variable", other.name(db)),
            );
        }
    }

    /// Report a ParamSpec default that is not a list of types, `...` or a ParamSpec.
    pub(crate) fn check_param_spec_default_form(&mut self, default: &ast::Expr, rule: &'static Rule) {
        let spells_list = matches!(default, ast::Expr::List(_) | ast::Expr::EllipsisLiteral(_)) || self.spells_parameter_list(default);
        if !spells_list {
            self.report(default.range(), rule, "The default of a ParamSpec must be a list of types, `...` or a ParamSpec");
        }
    }

    /// Report a TypeVarTuple default that is not unpacked (`*tuple[int, str]`, `*Ts`).
    pub(crate) fn check_typevar_tuple_default_form(&mut self, default: &ast::Expr, rule: &'static Rule) {
        if self.unpacked_operand(default).is_none() {
            self.report(default.range(), rule, "The default of a TypeVarTuple must be an unpacked tuple or TypeVarTuple");
        }
    }

    /// Report `Name = TypeVar("Other")` (also `ParamSpec`/`TypeVarTuple`).
    pub(crate) fn check_typevar_name(&mut self, targets: &[ast::Expr], value: &ast::Expr, value_type: Type<'db>) {
        let db = self.db;
        let ([ast::Expr::Name(target)], ast::Expr::Call(call), Type::TypeVarObject(typevar)) = (targets, value, value_type) else { return };
        if typevar.kind(db) == TypeVarKind::TypeVarTuple {
            let has_bound = call.arguments.keywords.iter().any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "bound"));
            if call.arguments.args.len() > 1 || has_bound {
                self.report(expression_range(value), &INVALID_TYPE_VARIABLE, "A TypeVarTuple cannot have constraints or a bound");
            }
        }
        if **typevar.name(db) != *target.id.as_str() {
            self.report(
                expression_range(value),
                &INVALID_TYPE_VARIABLE,
                format!("The name `{}` given to the type variable must match the variable `{}` it is assigned to", typevar.name(db), target.id),
            );
        }
    }

    /// Report ordering errors in a list of type parameters (`Generic[...]` or a PEP 695
    /// list): a parameter without a default after one with a default, a default naming a
    /// type parameter that does not come before it, and a defaulted `TypeVar` right after a
    /// `TypeVarTuple`.
    pub(crate) fn check_type_parameter_order(&mut self, range: TextRange, parameters: &[TypeVarType<'db>]) {
        let db = self.db;
        let mut seen_default: Option<TypeVarType<'db>> = None;
        let mut seen_variadic = false;
        if parameters.iter().filter(|p| p.kind(db) == TypeVarKind::TypeVarTuple).count() > 1 {
            self.report(range, &INVALID_TYPE_VARIABLE, "A generic class can have at most one TypeVarTuple parameter");
        }
        for (index, parameter) in parameters.iter().enumerate() {
            let has_default = parameter.default(db).is_some();
            if let Some(default) = parameter.declared_default(db) {
                let mut named = Vec::new();
                crate::generics::walk_typevars(db, default, &mut |typevar| named.push(typevar));
                if let Some(later) = named.into_iter().find(|typevar| !parameters[..index].contains(typevar)) {
                    self.report(
                        range,
                        &INVALID_TYPE_VARIABLE,
                        format!(
                            "The default of `{}` refers to `{}`, which is not a type parameter before it",
                            parameter.name(db),
                            later.name(db)
                        ),
                    );
                }
            }
            if has_default && seen_variadic && parameter.kind(db) == TypeVarKind::TypeVar {
                self.report(
                    range,
                    &INVALID_TYPE_VARIABLE,
                    format!("Type variable `{}` has a default but follows a TypeVarTuple", parameter.name(db)),
                );
            }
            match seen_default {
                Some(earlier) if !has_default && parameter.kind(db) != TypeVarKind::TypeVarTuple => {
                    self.report(
                        range,
                        &INVALID_TYPE_VARIABLE,
                        format!(
                            "Type variable `{}` without a default cannot follow `{}`, which has one",
                            parameter.name(db),
                            earlier.name(db)
                        ),
                    );
                }
                None if has_default => seen_default = Some(*parameter),
                _ => {}
            }
            seen_variadic |= parameter.kind(db) == TypeVarKind::TypeVarTuple;
        }
    }
}

fn expression_range(expression: &ast::Expr) -> TextRange {
    crate::infer::annotation::expression_range(expression)
}
