//! Checks of a generic class as a whole: the order of its type parameters (defaults last,
//! no defaulted `TypeVar` after a `TypeVarTuple`), bases that reach the same ancestor with
//! different type arguments (`class C(Parent[T1, T2], Grandparent[T2, T1])`), and generic
//! metaclasses (`metaclass=Meta[T]`), which the type system does not support, and type
//! variables with a declared variance used against it in a base (`class C(Inv[T_co])`).

use pytc_semantic::DefinitionKind;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use rustc_hash::FxHashMap;

use crate::check::INVALID_GENERIC_CLASS;
use crate::infer::InferContext;
use crate::types::{ClassLiteral, ClassType, Type, TypeVarType, Variance};

impl<'db> InferContext<'db> {
    /// The class a `class` statement of this file defines.
    pub(crate) fn defined_class_literal(&self, class: &ast::StmtClassDef) -> Option<ClassLiteral<'db>> {
        let definition = self.index.definitions_for_node(class.node_index().load()).first().copied()?;
        if !matches!(self.index.definition(definition).kind, DefinitionKind::Class(_)) {
            return None;
        }
        Some(ClassLiteral::new(self.db, self.file, definition.as_u32(), Box::<str>::from(class.name.as_str())))
    }

    /// Check the parameter order, the consistency of the bases' type arguments and the
    /// metaclass of a generic class.
    pub(crate) fn check_generic_class(&mut self, class: &ast::StmtClassDef) {
        let Some(literal) = self.defined_class_literal(class) else { return };
        let db = self.db;
        let parameters = crate::class::type_parameters(db, literal);
        let header_range = class.type_params.as_ref().map(|p| p.range()).or_else(|| class.arguments.as_ref().map(|a| a.range()));
        if let Some(range) = header_range {
            self.check_type_parameter_order(range, parameters);
        }
        if let Some(arguments) = &class.arguments {
            self.check_consistent_base_arguments(literal, arguments);
            self.check_generic_metaclass(arguments);
            self.check_base_variance(arguments);
            self.check_base_typevar_scope(arguments);
        }
    }

    /// Report when two bases reach the same ancestor with different type arguments.
    fn check_consistent_base_arguments(&mut self, literal: ClassLiteral<'db>, arguments: &ast::Arguments) {
        let db = self.db;
        let bases = &crate::class::class_header(db, literal).bases;
        let mut seen: FxHashMap<ClassLiteral<'db>, ClassType<'db>> = FxHashMap::default();
        for base in bases {
            for ancestor in std::iter::once(*base).chain(crate::class::ancestors(db, *base)) {
                if ancestor.arguments(db).is_empty() {
                    continue;
                }
                match seen.get(&ancestor.class(db)) {
                    Some(earlier) if !Type::Instance(*earlier).is_equivalent_to(db, Type::Instance(ancestor)) => {
                        let message = format!(
                            "Bases of `{}` specialize `{}` inconsistently: `{}` and `{}`",
                            literal.name(db),
                            ancestor.name(db),
                            Type::Instance(*earlier).display(db),
                            Type::Instance(ancestor).display(db)
                        );
                        self.report(arguments.range(), &INVALID_GENERIC_CLASS, message);
                        return;
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(ancestor.class(db), ancestor);
                    }
                }
            }
        }
    }

    /// Report `metaclass=Meta[T]`: metaclasses cannot be generic.
    fn check_generic_metaclass(&mut self, arguments: &ast::Arguments) {
        let Some(metaclass) = arguments.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "metaclass")) else { return };
        if !matches!(&metaclass.value, ast::Expr::Subscript(_)) {
            return;
        }
        let was = self.suspend_reporting();
        let ty = self.infer_expression(&metaclass.value);
        self.resume_reporting(was);
        if let Type::ClassObject(class) = ty
            && !class.arguments(self.db).is_empty()
        {
            self.report(metaclass.value.range(), &INVALID_GENERIC_CLASS, "A metaclass cannot be generic");
        }
    }

    /// Report a base that uses a covariant or contravariant type variable where the base
    /// class's own parameter (composed through nested arguments) has another variance.
    fn check_base_variance(&mut self, arguments: &ast::Arguments) {
        let db = self.db;
        for base in arguments.args.iter() {
            let was = self.suspend_reporting();
            let ty = self.infer_expression(base);
            self.resume_reporting(was);
            let Type::ClassObject(class) = ty else { continue };
            let mut misused = Vec::new();
            collect_misused_typevars(db, class, Variance::Covariant, &mut misused, 0);
            if let Some((typevar, position)) = misused.first() {
                let message = format!(
                    "{} type variable `{}` cannot be used in a {} position of a base class",
                    variance_adjective(typevar.variance(db)),
                    typevar.name(db),
                    variance_adjective(*position).to_lowercase()
                );
                self.report(base.range(), &INVALID_GENERIC_CLASS, message);
            }
        }
    }
}

/// Walk the type arguments of `class` (seen at `polarity`), collecting each type variable
/// with a declared variance whose position's variance differs from it.
fn collect_misused_typevars<'db>(
    db: &'db dyn pytc_db::Db,
    class: ClassType<'db>,
    polarity: Variance,
    misused: &mut Vec<(TypeVarType<'db>, Variance)>,
    depth: u32,
) {
    if depth > 16 {
        return;
    }
    let parameters = crate::class::type_parameters(db, class.class(db));
    for (parameter, argument) in parameters.iter().zip(class.arguments(db)) {
        let position = compose(polarity, crate::class::variance_of(db, class.class(db), *parameter));
        match argument {
            Type::TypeVar(typevar) => {
                let declared = typevar.variance(db);
                if matches!(declared, Variance::Covariant | Variance::Contravariant) && declared != position {
                    misused.push((*typevar, position));
                }
            }
            Type::Instance(nested) => collect_misused_typevars(db, *nested, position, misused, depth + 1),
            _ => {}
        }
    }
}

/// The variance of a position of variance `inner` inside a position of variance `outer`.
fn compose(outer: Variance, inner: Variance) -> Variance {
    match (outer, inner) {
        (Variance::Invariant, _) | (_, Variance::Invariant) | (Variance::Inferred, _) | (_, Variance::Inferred) => Variance::Invariant,
        (Variance::Covariant, other) => other,
        (Variance::Contravariant, Variance::Covariant) => Variance::Contravariant,
        (Variance::Contravariant, Variance::Contravariant) => Variance::Covariant,
    }
}

fn variance_adjective(variance: Variance) -> &'static str {
    match variance {
        Variance::Covariant => "Covariant",
        Variance::Contravariant => "Contravariant",
        Variance::Invariant | Variance::Inferred => "Invariant",
    }
}
