//! The second argument of `isinstance`/`issubclass`: which classes it names, and whether it
//! names each class itself or only some subclass of it. A class written in the call (or a
//! tuple or `X | Y` of them) is the class itself; a value of type `type[C]` may be any
//! subclass of `C`, and `type[T]` any class `T` stands for. A check against the class
//! itself rules a value out in the negative branch; a check against some subclass never does,
//! since the value may lie outside that subclass.

use pytc_db::Db;
use pytc_syntax::ast;

use crate::class::{self, KnownClass};
use crate::infer::InferContext;
use crate::types::{ClassType, Type, TypeVarType};

/// One class of a class-info argument.
#[derive(Clone, Copy)]
pub(crate) struct CheckedClass<'db> {
    pub(crate) class: ClassType<'db>,
    /// The argument is this class itself, not just some class derived from it.
    pub(crate) exact: bool,
}

/// What a class-info argument names.
pub(crate) struct ClassInfo<'db> {
    pub(crate) classes: Vec<CheckedClass<'db>>,
    /// The type variable when the whole argument is one `type[T]`: what passes the check
    /// is a `T`.
    pub(crate) typevar: Option<TypeVarType<'db>>,
    /// A part is `Any` or `Unknown`: a value may pass the check as a class nothing tells.
    pub(crate) dynamic: bool,
}

impl<'db> ClassInfo<'db> {
    /// Every class named, for the positive branch.
    pub(crate) fn all(&self) -> Vec<ClassType<'db>> {
        self.classes.iter().map(|checked| checked.class).collect()
    }

    /// The classes named as themselves, which alone rule values out in the negative branch.
    pub(crate) fn exact(&self) -> Vec<ClassType<'db>> {
        self.classes.iter().filter(|checked| checked.exact).map(|checked| checked.class).collect()
    }
}

impl<'db> InferContext<'db> {
    /// The classes an `isinstance` second argument names; `A | B` written in the call (a
    /// `types.UnionType` at runtime) names the classes of both sides.
    pub(crate) fn classinfo_of(&mut self, expression: &ast::Expr) -> Option<ClassInfo<'db>> {
        let mut info = ClassInfo { classes: Vec::new(), typevar: None, dynamic: false };
        self.collect_classinfo(expression, &mut info)?;
        info.typevar = match self.infer_expression(expression) {
            Type::SubclassOfTypeVar(typevar) => Some(typevar),
            _ => None,
        };
        Some(info)
    }

    fn collect_classinfo(&mut self, expression: &ast::Expr, info: &mut ClassInfo<'db>) -> Option<()> {
        if let ast::Expr::BinOp(binary) = expression
            && binary.op == ast::Operator::BitOr
        {
            self.collect_classinfo(&binary.left, info)?;
            return self.collect_classinfo(&binary.right, info);
        }
        let ty = self.infer_expression(expression);
        classinfo_classes(self.db, ty, true, info)
    }
}

/// The classes of an `isinstance` second argument's type: a class, `type[C]`, `type[T]`, a
/// tuple of them, or a union (`int | str`). `None` when it cannot be known. `exact` is false
/// below a part that may hold fewer classes than it names (a tuple of unknown length).
fn classinfo_classes<'db>(db: &'db dyn Db, ty: Type<'db>, exact: bool, info: &mut ClassInfo<'db>) -> Option<()> {
    let classes = &mut info.classes;
    match ty {
        Type::Dynamic(_) => info.dynamic = true,
        Type::ClassObject(class) => classes.push(CheckedClass { class, exact }),
        // Some subclass of `C`; only a final `C` has none but itself.
        Type::SubclassOf(class) => {
            let is_final = class::cannot_be_subclassed(db, class.class(db));
            classes.push(CheckedClass { class, exact: exact && is_final });
        }
        Type::SubclassOfTypeVar(typevar) => {
            let bound = crate::types::typevar_class_object_bound(db, typevar);
            classinfo_classes(db, bound, false, info)?;
        }
        Type::Tuple(tuple) => match tuple.fixed_elements(db) {
            Some(elements) => {
                for element in elements {
                    classinfo_classes(db, *element, exact, info)?;
                }
            }
            None => classinfo_classes(db, tuple.element_union(db), false, info)?,
        },
        Type::Union(union) => {
            for element in union.elements(db) {
                classinfo_classes(db, *element, exact, info)?;
            }
        }
        Type::None => classes.push(CheckedClass { class: ClassType::bare(db, KnownClass::NoneType.class(db)?), exact }),
        // `int | str` evaluated as a value: the classes its type form names.
        Type::TypeForm(form) => {
            for member in form.denoted(db).union_elements(db) {
                classes.push(CheckedClass { class: denoted_class(db, member)?, exact });
            }
        }
        _ => return None,
    }
    Some(())
}

/// The class a member of a `X | Y` type form names, when it is a plain class.
fn denoted_class<'db>(db: &'db dyn Db, member: Type<'db>) -> Option<ClassType<'db>> {
    match member {
        Type::Instance(class) if class.arguments(db).iter().all(|a| a.is_dynamic()) => Some(ClassType::bare(db, class.class(db))),
        Type::Tuple(tuple) if tuple.fixed_elements(db).is_none() && tuple.variadic(db).is_some_and(|v| v.is_dynamic()) => {
            KnownClass::Tuple.class(db).map(|c| ClassType::bare(db, c))
        }
        Type::None => KnownClass::NoneType.class(db).map(|c| ClassType::bare(db, c)),
        _ => None,
    }
}
