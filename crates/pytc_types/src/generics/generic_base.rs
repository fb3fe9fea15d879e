//! Checks of `Generic[...]` and `Protocol[...]` in a class's bases: every argument is a
//! type variable, the list names every type variable the other bases use, and a class with
//! a PEP 695 parameter list does not also subscript `Generic` or `Protocol`.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::check::INVALID_GENERIC_CLASS;
use crate::infer::InferContext;
use crate::types::{SpecialForm, Type, TypeVarType};

impl<'db> InferContext<'db> {
    /// Check the `Generic[...]`/`Protocol[...]` bases of `class`.
    pub(crate) fn check_generic_bases(&mut self, class: &ast::StmtClassDef) {
        self.check_generic_class(class);
        let Some(arguments) = &class.arguments else { return };
        let mut listed: Option<(Vec<TypeVarType<'db>>, &ast::Expr)> = None;
        let mut used: Vec<TypeVarType<'db>> = Vec::new();
        for base in arguments.args.iter() {
            match self.generic_base_form(base) {
                Some((form, subscript)) => {
                    if class.type_params.is_some() {
                        self.report(
                            base.range(),
                            &INVALID_GENERIC_CLASS,
                            format!("`{}[...]` cannot be used in a class with a type parameter list", form.name()),
                        );
                        continue;
                    }
                    let typevars = self.generic_arguments(subscript);
                    if listed.is_none() {
                        listed = Some((typevars, base));
                    }
                }
                None => {
                    let was = self.suspend_reporting();
                    let ty = self.infer_expression(base);
                    self.resume_reporting(was);
                    if let Some(ty) = crate::infer::annotation::value_as_type(self.db, ty) {
                        crate::generics::walk_typevars(self.db, ty, &mut |typevar| {
                            if !used.contains(&typevar) {
                                used.push(typevar);
                            }
                        });
                    }
                }
            }
        }
        let Some((listed, generic_base)) = listed else { return };
        let missing: Vec<String> = used.iter().filter(|t| !listed.contains(t)).map(|t| format!("`{}`", t.name(self.db))).collect();
        if !missing.is_empty() {
            self.report(
                generic_base.range(),
                &INVALID_GENERIC_CLASS,
                format!("Type variables {} of the other bases are not listed here", missing.join(", ")),
            );
        }
    }

    /// `Generic[...]` or `Protocol[...]` (subscripted), with its subscript.
    fn generic_base_form<'a>(&mut self, base: &'a ast::Expr) -> Option<(SpecialForm, &'a ast::ExprSubscript)> {
        let ast::Expr::Subscript(subscript) = base else { return None };
        let was = self.suspend_reporting();
        let head = self.infer_expression(&subscript.value);
        self.resume_reporting(was);
        match head {
            Type::SpecialForm(form @ (SpecialForm::Generic | SpecialForm::Protocol)) => Some((form, subscript)),
            _ => None,
        }
    }

    /// The type variables a `Generic[...]` subscript lists; anything else is reported.
    fn generic_arguments(&mut self, subscript: &ast::ExprSubscript) -> Vec<TypeVarType<'db>> {
        let arguments: Vec<&ast::Expr> = match &*subscript.slice {
            ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
            other => vec![other],
        };
        let mut typevars = Vec::new();
        for argument in arguments {
            let was = self.suspend_reporting();
            let value: &ast::Expr = match argument {
                ast::Expr::Starred(starred) => &*starred.value,
                ast::Expr::Subscript(unpack) if matches!(self.infer_expression(&unpack.value), Type::SpecialForm(SpecialForm::Unpack)) => &*unpack.slice,
                other => other,
            };
            // `*Ts` and `Unpack[Ts]` name the inner expression; a bare `Ts` is itself.
            let unpacked = !std::ptr::eq(value, argument);
            let ty = self.infer_expression(value);
            self.resume_reporting(was);
            match ty {
                Type::TypeVarObject(typevar) if typevar.kind(self.db) == crate::types::TypeVarKind::TypeVarTuple && !unpacked => {
                    self.report(argument.range(), &INVALID_GENERIC_CLASS, format!("TypeVarTuple `{}` must be unpacked (`*{0}`)", typevar.name(self.db)));
                }
                // Repeats are reported with the class's other base checks.
                Type::TypeVarObject(typevar) => {
                    if !typevars.contains(&typevar) {
                        typevars.push(typevar);
                    }
                }
                Type::Dynamic(_) => {}
                _ => self.report(argument.range(), &INVALID_GENERIC_CLASS, "Every argument of `Generic[...]` or `Protocol[...]` must be a type variable"),
            }
        }
        typevars
    }
}
