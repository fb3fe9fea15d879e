//! Unpacked type expressions: `*X` and `Unpack[X]`, where `X` is a tuple type or a
//! TypeVarTuple. They stand for a run of elements (in `tuple[...]`, a `Callable` parameter
//! list, a class's type arguments) or for the positional arguments `*args` takes.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::annotation::{INVALID_TYPE_ARGUMENT, INVALID_TYPE_FORM};
use crate::types::{SpecialForm, TupleType, Type, TypeVarKind, TypeVarType};

impl<'db> InferContext<'db> {
    /// The operand of `*X` or `Unpack[X]`, or `None` for any other expression.
    pub(crate) fn unpacked_operand<'a>(
        &mut self,
        expression: &'a ast::Expr,
    ) -> Option<&'a ast::Expr> {
        match expression {
            ast::Expr::Starred(starred) => Some(&starred.value),
            ast::Expr::Subscript(subscript) => {
                let was_reporting = self.suspend_reporting();
                let head = self.infer_expression(&subscript.value);
                self.resume_reporting(was_reporting);
                (head == Type::SpecialForm(SpecialForm::Unpack)).then_some(&*subscript.slice)
            }
            _ => None,
        }
    }

    /// The elements `operand` unpacks into, as a tuple: `tuple[int, str]` itself, `tuple[*Ts]`
    /// for a TypeVarTuple. Anything else is an error, taken as any number of `Unknown`s.
    pub(crate) fn unpacked_tuple(&mut self, operand: &ast::Expr) -> TupleType<'db> {
        let db = self.db;
        match self.type_expression(operand) {
            Type::Tuple(tuple) => tuple,
            ty if ty.as_typevar_tuple(db).is_some() || ty.is_dynamic() => {
                TupleType::new(db, Box::default(), Some(ty), Box::default())
            }
            ty => {
                self.report(
                    operand.range(),
                    &INVALID_TYPE_FORM,
                    format!(
                        "Only a tuple type or a TypeVarTuple can be unpacked, not `{}`",
                        ty.display(db)
                    ),
                );
                TupleType::homogeneous(db, Type::UNKNOWN)
            }
        }
    }

    /// Which of a subscript's type arguments are written unpacked (`*X`, `Unpack[X]`).
    pub(crate) fn unpacked_arguments(&mut self, subscript: &ast::ExprSubscript) -> Vec<bool> {
        let elements: Vec<&ast::Expr> = match &*subscript.slice {
            ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
            other => vec![other],
        };
        let was_reporting = self.suspend_reporting();
        let unpacked = elements.iter().map(|e| self.unpacked_operand(e).is_some()).collect();
        self.resume_reporting(was_reporting);
        unpacked
    }

    /// `types` (the type arguments of `subscript`) lined up with `parameters` when a
    /// TypeVarTuple or an unpacked argument is involved (see `pack_variadic_arguments`);
    /// unchanged otherwise. A mismatch is reported naming `what`, and every argument is
    /// then `Unknown`.
    pub(crate) fn packed_type_arguments(
        &mut self,
        what: &str,
        parameters: &[TypeVarType<'db>],
        types: Vec<Type<'db>>,
        subscript: &ast::ExprSubscript,
    ) -> Vec<Type<'db>> {
        let db = self.db;
        let unpacked = self.unpacked_arguments(subscript);
        let has_typevar_tuple = parameters.iter().any(|p| p.kind(db) == TypeVarKind::TypeVarTuple);
        if !has_typevar_tuple && !unpacked.contains(&true) {
            return types;
        }
        let last = match &*subscript.slice {
            ast::Expr::Tuple(tuple) => tuple.elts.last(),
            other => Some(other),
        };
        let trailing_list = last.is_some_and(|e| self.spells_parameter_list(e));
        match crate::generics::packed_type_arguments::pack_variadic_arguments(db, parameters, &types, &unpacked, trailing_list) {
            Ok(packed) => packed,
            Err(message) => {
                self.report(subscript.range, &INVALID_TYPE_ARGUMENT, format!("{what} {message}"));
                let unknown = |p: &TypeVarType<'db>| match p.kind(db) {
                    TypeVarKind::TypeVarTuple => Type::Tuple(TupleType::homogeneous(db, Type::UNKNOWN)),
                    _ => Type::UNKNOWN,
                };
                parameters.iter().map(unknown).collect()
            }
        }
    }

    /// A type expression where a TypeVarTuple must not stand bare (`x: Ts`, `-> Ts`).
    pub(crate) fn packed_type_expression(&mut self, expression: &ast::Expr) -> Type<'db> {
        let ty = self.type_expression(expression);
        match ty.as_typevar_tuple(self.db) {
            Some(typevar) => {
                self.report(expression.range(), &INVALID_TYPE_FORM, format!("TypeVarTuple `{}` must be unpacked (`*{0}`)", typevar.name(self.db)));
                Type::UNKNOWN
            }
            None => ty,
        }
    }

    /// Check the annotations of a function's parameters: `*args` may be unpacked (a tuple
    /// type or a TypeVarTuple), `**kwargs` may unpack a TypedDict, nothing else may be
    /// unpacked or be a bare TypeVarTuple.
    pub(crate) fn check_parameter_annotations(&mut self, function: &ast::StmtFunctionDef) {
        let parameters = &function.parameters;
        for parameter in parameters.iter_non_variadic_params() {
            if let Some(annotation) = &parameter.parameter.annotation
                && !matches!(&**annotation, ast::Expr::Starred(_))
            {
                self.packed_type_expression(annotation);
            }
        }
        if let Some(annotation) = parameters.vararg.as_ref().and_then(|p| p.annotation.as_deref()) {
            match self.unpacked_operand(annotation) {
                Some(operand) => {
                    self.unpacked_tuple(operand);
                }
                None => {
                    self.packed_type_expression(annotation);
                }
            }
        }
        if let Some(annotation) = parameters.kwarg.as_ref().and_then(|p| p.annotation.as_deref()) {
            match self.unpacked_operand(annotation) {
                // `**kwargs: *X` is a syntax error, reported by the parser.
                Some(_) if matches!(annotation, ast::Expr::Starred(_)) => {}
                Some(operand) => self.check_unpacked_kwargs(function, operand),
                None => {
                    self.packed_type_expression(annotation);
                }
            }
        }
    }
}
