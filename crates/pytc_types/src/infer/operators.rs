//! Operators: binary, unary, augmented and comparison operators through their dunder
//! methods (with reflected operands and the subclass-first rule), literal folding, and
//! the static truthiness of types.

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast;

use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::types::{ClassType, Type};

declare_rule! {
    /// An operator applied to operands that do not support it.
    ///
    /// ```python
    /// 1 + "a"  # error: [unsupported-operator]
    /// ```
    pub static UNSUPPORTED_OPERATOR = {
        name: "unsupported-operator",
        summary: "an operator is used with operand types that do not support it",
        level: Error,
    }
}

fn dunder_names(op: ast::Operator) -> (&'static str, &'static str, &'static str) {
    match op {
        ast::Operator::Add => ("__add__", "__radd__", "+"),
        ast::Operator::Sub => ("__sub__", "__rsub__", "-"),
        ast::Operator::Mult => ("__mul__", "__rmul__", "*"),
        ast::Operator::MatMult => ("__matmul__", "__rmatmul__", "@"),
        ast::Operator::Div => ("__truediv__", "__rtruediv__", "/"),
        ast::Operator::Mod => ("__mod__", "__rmod__", "%"),
        ast::Operator::Pow => ("__pow__", "__rpow__", "**"),
        ast::Operator::LShift => ("__lshift__", "__rlshift__", "<<"),
        ast::Operator::RShift => ("__rshift__", "__rrshift__", ">>"),
        ast::Operator::BitOr => ("__or__", "__ror__", "|"),
        ast::Operator::BitXor => ("__xor__", "__rxor__", "^"),
        ast::Operator::BitAnd => ("__and__", "__rand__", "&"),
        ast::Operator::FloorDiv => ("__floordiv__", "__rfloordiv__", "//"),
    }
}

fn in_place_name(op: ast::Operator) -> &'static str {
    match op {
        ast::Operator::Add => "__iadd__",
        ast::Operator::Sub => "__isub__",
        ast::Operator::Mult => "__imul__",
        ast::Operator::MatMult => "__imatmul__",
        ast::Operator::Div => "__itruediv__",
        ast::Operator::Mod => "__imod__",
        ast::Operator::Pow => "__ipow__",
        ast::Operator::LShift => "__ilshift__",
        ast::Operator::RShift => "__irshift__",
        ast::Operator::BitOr => "__ior__",
        ast::Operator::BitXor => "__ixor__",
        ast::Operator::BitAnd => "__iand__",
        ast::Operator::FloorDiv => "__ifloordiv__",
    }
}

impl<'db> InferContext<'db> {
    pub(super) fn infer_binary_expression(&mut self, binary: &ast::ExprBinOp, expected: Option<Type<'db>>) -> Type<'db> {
        // A display concatenated or repeated takes its element types from the context:
        // `names: list[str | None] = [None] * n` and `names + [None]` are lists of `str | None`.
        let concatenation = matches!(binary.op, ast::Operator::Add | ast::Operator::Mult);
        let left_expected = if concatenation && is_display(&binary.left) { expected } else { None };
        let left = self.infer_expression_with(&binary.left, left_expected);
        if binary.op == ast::Operator::BitOr
            && let Some(merged) = self.typed_dict_merge(left, &binary.right, false)
        {
            return merged;
        }
        let right_expected = (binary.op == ast::Operator::Add && is_display(&binary.right)).then_some(left);
        let right = self.infer_expression_with(&binary.right, right_expected);
        match self.binary_operation(left, binary.op, right) {
            Some(ty) => {
                self.check_deprecated_dunder(binary.range, left, dunder_names(binary.op).0);
                ty
            }
            None => {
                let symbol = dunder_names(binary.op).2;
                self.report(
                    binary.range,
                    &UNSUPPORTED_OPERATOR,
                    format!(
                        "Operator `{symbol}` is not supported between objects of type `{}` and `{}`",
                        left.display(self.db),
                        right.display(self.db)
                    ),
                );
                Type::UNKNOWN
            }
        }
    }

    /// The result of `left <op> right`, or `None` when unsupported.
    pub(crate) fn binary_operation(&mut self, left: Type<'db>, op: ast::Operator, right: Type<'db>) -> Option<Type<'db>> {
        pytc_syntax::ensure_stack(|| self.binary_operation_here(left, op, right))
    }

    fn binary_operation_here(&mut self, left: Type<'db>, op: ast::Operator, right: Type<'db>) -> Option<Type<'db>> {
        let db = self.db;
        // An operand no value has (a call that never returns): nothing is computed.
        if left.is_never() || right.is_never() {
            return Some(Type::Never);
        }
        if left.is_dynamic() || right.is_dynamic() {
            return Some(Type::UNKNOWN);
        }
        if let Some(result) = self.binary_operation_on_constrained(left, op, right) {
            return result;
        }
        if let Type::Union(union) = left {
            let mut results = Vec::new();
            for member in union.elements(db) {
                results.push(self.binary_operation(*member, op, right)?);
            }
            return Some(Type::union_of(db, results));
        }
        if let Type::Union(union) = right {
            let mut results = Vec::new();
            for member in union.elements(db) {
                results.push(self.binary_operation(left, op, *member)?);
            }
            return Some(Type::union_of(db, results));
        }
        if let Some(folded) = fold_literals(db, left, op, right) {
            return Some(folded);
        }
        if op == ast::Operator::Add
            && let (Type::Tuple(left), Type::Tuple(right)) = (left, right)
            && let Some(concatenated) = left.concatenated(db, right)
        {
            return Some(Type::Tuple(concatenated));
        }
        // `X | Y` on class objects and special forms builds a union type (as a value).
        if op == ast::Operator::BitOr && is_type_form_value(left) && is_type_form_value(right) {
            let union = Type::union(db, value_as_type_loose(db, left), value_as_type_loose(db, right));
            return Some(Type::TypeForm(crate::types::TypeFormType::new(db, union)));
        }
        let (forward, reflected, _) = dunder_names(op);
        let right_first = right_is_proper_subclass(db, left, right);
        if right_first && let Some(result) = self.call_dunder_checked(right, reflected, &[left]) {
            return Some(result);
        }
        if let Some(result) = self.call_dunder_checked(left, forward, &[right]) {
            return Some(result);
        }
        if !right_first && let Some(result) = self.call_dunder_checked(right, reflected, &[left]) {
            return Some(result);
        }
        None
    }

    pub(crate) fn augmented_operation(&mut self, target: Type<'db>, op: ast::Operator, value: Type<'db>) -> Option<Type<'db>> {
        let db = self.db;
        if target.is_dynamic() || value.is_dynamic() {
            return Some(Type::UNKNOWN);
        }
        if let Type::Union(union) = target {
            let mut results = Vec::new();
            for member in union.elements(db) {
                results.push(self.augmented_operation(*member, op, value)?);
            }
            return Some(Type::union_of(db, results));
        }
        if let Some(result) = self.call_dunder_checked(target, in_place_name(op), &[value]) {
            return Some(result);
        }
        self.binary_operation(target, op, value)
    }

    pub(crate) fn augmented_assignment_type(&mut self, augmented: &ast::StmtAugAssign) -> Type<'db> {
        let target = self.infer_augmented_target(&augmented.target);
        if augmented.op == ast::Operator::BitOr
            && let Some(merged) = self.typed_dict_merge(target, &augmented.value, true)
        {
            return merged;
        }
        let value = self.infer_expression(&augmented.value);
        match self.augmented_operation(target, augmented.op, value) {
            Some(ty) => {
                let in_place = in_place_name(augmented.op);
                let runs = if crate::infer::attribute::instance_has_member(self.db, target, in_place) { in_place } else { dunder_names(augmented.op).0 };
                self.check_deprecated_dunder(augmented.range, target, runs);
                ty
            }
            None => {
                let symbol = dunder_names(augmented.op).2;
                self.report(
                    augmented.range,
                    &UNSUPPORTED_OPERATOR,
                    format!(
                        "Operator `{symbol}=` is not supported between objects of type `{}` and `{}`",
                        target.display(self.db),
                        value.display(self.db)
                    ),
                );
                Type::UNKNOWN
            }
        }
    }

    fn infer_augmented_target(&mut self, target: &ast::Expr) -> Type<'db> {
        match target {
            ast::Expr::Name(name) => {
                let load = ast::ExprName { ctx: ast::ExprContext::Load, ..name.clone() };
                self.infer_name_load(&load)
            }
            ast::Expr::Attribute(attribute) => {
                let load = ast::ExprAttribute { ctx: ast::ExprContext::Load, ..attribute.clone() };
                self.infer_attribute_expression(&load)
            }
            ast::Expr::Subscript(subscript) => {
                let load = ast::ExprSubscript { ctx: ast::ExprContext::Load, ..subscript.clone() };
                self.infer_subscript_expression(&load)
            }
            other => self.infer_expression(other),
        }
    }

    pub(super) fn infer_unary_expression(&mut self, unary: &ast::ExprUnaryOp) -> Type<'db> {
        let db = self.db;
        let operand = self.infer_expression(&unary.operand);
        match unary.op {
            ast::UnaryOp::Not => match static_truthiness(db, operand) {
                Some(truthy) => Type::BoolLiteral(!truthy),
                None => KnownClass::Bool.instance(db),
            },
            op => {
                match (op, operand) {
                    (ast::UnaryOp::USub, Type::IntLiteral(value)) => {
                        return value.checked_neg().map_or_else(|| KnownClass::Int.instance(db), Type::IntLiteral);
                    }
                    (ast::UnaryOp::UAdd, Type::IntLiteral(_)) => return operand,
                    (ast::UnaryOp::Invert, Type::IntLiteral(value)) => return Type::IntLiteral(!value),
                    (ast::UnaryOp::USub, Type::BoolLiteral(value)) => return Type::IntLiteral(-i64::from(value)),
                    (ast::UnaryOp::UAdd, Type::BoolLiteral(value)) => return Type::IntLiteral(i64::from(value)),
                    _ => {}
                }
                if operand.is_dynamic() {
                    return Type::UNKNOWN;
                }
                let (dunder, symbol) = match op {
                    ast::UnaryOp::USub => ("__neg__", "-"),
                    ast::UnaryOp::UAdd => ("__pos__", "+"),
                    _ => ("__invert__", "~"),
                };
                let operand_for_lookup = operand;
                let result = operand_for_lookup.map_union(db, |member| {
                    self.call_dunder_checked(member, dunder, &[]).unwrap_or(Type::Never)
                });
                if result.is_never() && !operand.is_never() {
                    self.report(
                        unary.range,
                        &UNSUPPORTED_OPERATOR,
                        format!("Unary operator `{symbol}` is not supported for type `{}`", operand.display(db)),
                    );
                    return Type::UNKNOWN;
                }
                result
            }
        }
    }

    pub(super) fn infer_compare_expression(&mut self, compare: &ast::ExprCompare) -> Type<'db> {
        let db = self.db;
        let mut left = self.infer_expression(&compare.left);
        let mut results = Vec::new();
        for (op, comparator) in compare.ops.iter().zip(compare.comparators.iter()) {
            let right = self.infer_expression(comparator);
            results.push(self.comparison(left, *op, right, compare.range));
            left = right;
        }
        if results.len() == 1 {
            return results[0];
        }
        // `a < b < c` is `a < b and b < c`.
        if results.iter().any(|r| static_truthiness(db, *r) == Some(false)) {
            return Type::BoolLiteral(false);
        }
        if results.iter().all(|r| static_truthiness(db, *r) == Some(true)) {
            return Type::BoolLiteral(true);
        }
        Type::union_of(db, results.into_iter().map(|r| if matches!(r, Type::BoolLiteral(_)) { KnownClass::Bool.instance(db) } else { r }))
    }

    fn comparison(&mut self, left: Type<'db>, op: ast::CmpOp, right: Type<'db>, range: pytc_syntax::TextRange) -> Type<'db> {
        let db = self.db;
        let boolean = KnownClass::Bool.instance(db);
        match op {
            ast::CmpOp::Is | ast::CmpOp::IsNot => {
                let same = match (left, right) {
                    (Type::None, Type::None) => Some(true),
                    (Type::BoolLiteral(a), Type::BoolLiteral(b)) => Some(a == b),
                    (Type::EnumLiteral(a), Type::EnumLiteral(b)) => Some(a == b),
                    (Type::None, other) | (other, Type::None)
                        if !other.is_dynamic() && !Type::None.is_assignable_to(db, other) && !matches!(other, Type::TypeVar(_)) =>
                    {
                        Some(false)
                    }
                    _ => None,
                };
                match same {
                    Some(value) => Type::BoolLiteral(if op == ast::CmpOp::Is { value } else { !value }),
                    None => boolean,
                }
            }
            ast::CmpOp::Eq | ast::CmpOp::NotEq => {
                if let Some(equal) = literal_equality(left, right) {
                    return Type::BoolLiteral(if op == ast::CmpOp::Eq { equal } else { !equal });
                }
                if left.is_dynamic() || right.is_dynamic() {
                    return boolean;
                }
                let dunder = if op == ast::CmpOp::Eq { "__eq__" } else { "__ne__" };
                let mut shared = SharedLiteralCalls::default();
                left.map_union(db, |member| self.call_dunder_sharing_literals(&mut shared, member, dunder, right).unwrap_or(boolean))
            }
            ast::CmpOp::In | ast::CmpOp::NotIn => {
                if right.is_dynamic() {
                    return boolean;
                }
                let supported = right.union_elements(db).into_iter().all(|container| {
                    self.call_dunder_checked(container, "__contains__", &[left]).is_some()
                        || self.iteration_type(container).is_some()
                        || container.is_dynamic()
                });
                if !supported {
                    self.report(
                        range,
                        &UNSUPPORTED_OPERATOR,
                        format!("Operator `in` is not supported for types `{}` and `{}`", left.display(db), right.display(db)),
                    );
                }
                boolean
            }
            _ => {
                if let (Type::IntLiteral(a), Type::IntLiteral(b)) = (left, right) {
                    let result = match op {
                        ast::CmpOp::Lt => a < b,
                        ast::CmpOp::LtE => a <= b,
                        ast::CmpOp::Gt => a > b,
                        _ => a >= b,
                    };
                    return Type::BoolLiteral(result);
                }
                if left.is_dynamic() || right.is_dynamic() {
                    return Type::UNKNOWN;
                }
                let (forward, reflected, symbol) = match op {
                    ast::CmpOp::Lt => ("__lt__", "__gt__", "<"),
                    ast::CmpOp::LtE => ("__le__", "__ge__", "<="),
                    ast::CmpOp::Gt => ("__gt__", "__lt__", ">"),
                    _ => ("__ge__", "__le__", ">="),
                };
                let mut unsupported = false;
                let mut shared = SharedLiteralCalls::default();
                let result = left.map_union(db, |l| {
                    right.map_union(db, |r| {
                        if let Some(result) = self.call_dunder_sharing_literals(&mut shared, l, forward, r) {
                            return result;
                        }
                        if let Some(result) = self.call_dunder_sharing_literals(&mut shared, r, reflected, l) {
                            return result;
                        }
                        unsupported = true;
                        Type::UNKNOWN
                    })
                });
                if unsupported {
                    self.report(
                        range,
                        &UNSUPPORTED_OPERATOR,
                        format!(
                            "Operator `{symbol}` is not supported between objects of type `{}` and `{}`",
                            left.display(db),
                            right.display(db)
                        ),
                    );
                }
                result
            }
        }
    }
}

/// The answers of dunder calls on literals, kept for the other literals of the same class
/// (see `call_dunder_sharing_literals`).
#[derive(Default)]
struct SharedLiteralCalls<'db> {
    /// (the literals' class, the dunder, the argument) and the answer, or `None` when the
    /// method tells the literals apart (each is then called on its own).
    calls: rustc_hash::FxHashMap<(ClassType<'db>, &'static str, Type<'db>), Option<Option<Type<'db>>>>,
}

impl<'db> InferContext<'db> {
    /// `receiver.<name>(argument)` as `call_dunder_checked` answers it, called once for all
    /// the literals of one class when the method cannot tell them apart
    /// (`call::literal_receivers_agree`): a comparison of a union of 2,000 enum members is
    /// one call, not 2,000.
    fn call_dunder_sharing_literals(&mut self, shared: &mut SharedLiteralCalls<'db>, receiver: Type<'db>, name: &'static str, argument: Type<'db>) -> Option<Type<'db>> {
        let db = self.db;
        let Some(Type::Instance(class)) = receiver.literal_fallback_instance(db) else {
            return self.call_dunder_checked(receiver, name, &[argument]);
        };
        let key = (class, name, argument);
        match shared.calls.get(&key) {
            Some(Some(answer)) => *answer,
            Some(None) => self.call_dunder_checked(receiver, name, &[argument]),
            None => {
                let answer = self.call_dunder_checked(receiver, name, &[argument]);
                let agree = crate::call::literal_receivers_agree(db, class, name);
                shared.calls.insert(key, agree.then_some(answer));
                answer
            }
        }
    }
}

/// Whether the value can be used with `|` to build a union type at runtime.
fn is_type_form_value(ty: Type<'_>) -> bool {
    matches!(ty, Type::ClassObject(_) | Type::None | Type::SpecialForm(_) | Type::TypeVarObject(_) | Type::TypeAlias(_) | Type::TypeForm(_) | Type::Sentinel(_))
}

/// The type a type-form value denotes, for building `X | Y` values.
fn value_as_type_loose<'db>(db: &'db dyn Db, value: Type<'db>) -> Type<'db> {
    crate::infer::annotation::value_as_type(db, value).unwrap_or(Type::UNKNOWN)
}

/// `right` is an instance of a proper subclass of `left`'s class: its reflected method
/// takes priority.
fn right_is_proper_subclass<'db>(db: &'db dyn Db, left: Type<'db>, right: Type<'db>) -> bool {
    match (left, right) {
        (Type::Instance(l), Type::Instance(r)) => l.class(db) != r.class(db) && crate::class::is_subclass(db, r.class(db), l.class(db)),
        _ => false,
    }
}

fn literal_equality(left: Type<'_>, right: Type<'_>) -> Option<bool> {
    match (left, right) {
        (Type::IntLiteral(a), Type::IntLiteral(b)) => Some(a == b),
        (Type::StringLiteral(a), Type::StringLiteral(b)) => Some(a == b),
        (Type::BytesLiteral(a), Type::BytesLiteral(b)) => Some(a == b),
        (Type::BoolLiteral(a), Type::BoolLiteral(b)) => Some(a == b),
        (Type::None, Type::None) => Some(true),
        _ => None,
    }
}

/// Constant-fold operations on literals.
fn fold_literals<'db>(db: &'db dyn Db, left: Type<'db>, op: ast::Operator, right: Type<'db>) -> Option<Type<'db>> {
    let as_int = |ty: Type<'db>| match ty {
        Type::IntLiteral(v) => Some(v),
        Type::BoolLiteral(b) => Some(i64::from(b)),
        _ => None,
    };
    if let (Some(a), Some(b)) = (as_int(left), as_int(right)) {
        if matches!((left, right), (Type::BoolLiteral(_), Type::BoolLiteral(_))) && matches!(op, ast::Operator::BitAnd | ast::Operator::BitOr | ast::Operator::BitXor) {
            return None;
        }
        let result = match op {
            ast::Operator::Add => a.checked_add(b),
            ast::Operator::Sub => a.checked_sub(b),
            ast::Operator::Mult => a.checked_mul(b),
            ast::Operator::FloorDiv if b != 0 => Some(a.div_euclid(b) - if (a.rem_euclid(b) != 0) && (b < 0) { 1 } else { 0 }),
            ast::Operator::Mod if b != 0 => Some(((a % b) + b) % b),
            ast::Operator::BitAnd => Some(a & b),
            ast::Operator::BitOr => Some(a | b),
            ast::Operator::BitXor => Some(a ^ b),
            ast::Operator::LShift if (0..63).contains(&b) => a.checked_mul(1i64.checked_shl(b as u32)?),
            ast::Operator::RShift if (0..64).contains(&b) => Some(a >> b),
            ast::Operator::Pow if (0..64).contains(&b) => a.checked_pow(b as u32),
            _ => return None,
        };
        return Some(result.map_or_else(|| KnownClass::Int.instance(db), Type::IntLiteral));
    }
    match (left, op, right) {
        (Type::StringLiteral(a), ast::Operator::Add, Type::StringLiteral(b)) => {
            let joined = format!("{}{}", a.value(db), b.value(db));
            Some(if joined.len() > 4096 { Type::LiteralString } else { Type::string_literal(db, &joined) })
        }
        (Type::StringLiteral(_) | Type::LiteralString, ast::Operator::Add, Type::StringLiteral(_) | Type::LiteralString) => Some(Type::LiteralString),
        _ => None,
    }
}

/// Whether every value of the type is truthy (`Some(true)`), falsy (`Some(false)`), or
/// either (`None`).
pub(crate) fn static_truthiness<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<bool> {
    match ty {
        Type::None => Some(false),
        Type::BoolLiteral(value) => Some(value),
        Type::IntLiteral(value) => Some(value != 0),
        Type::StringLiteral(value) => Some(!value.value(db).is_empty()),
        Type::BytesLiteral(value) => Some(!value.value(db).is_empty()),
        Type::Tuple(tuple) => match tuple.fixed_elements(db) {
            Some(elements) => Some(!elements.is_empty()),
            None => (!tuple.prefix(db).is_empty() || !tuple.suffix(db).is_empty()).then_some(true),
        },
        Type::Function(_) | Type::BoundMethod(_) | Type::Module(_) | Type::ClassObject(_) | Type::SubclassOf(_) | Type::SpecialForm(_) | Type::TypeVarObject(_) | Type::TypeAlias(_) => Some(true),
        Type::Union(union) => {
            let values: Vec<Option<bool>> = union.elements(db).iter().map(|e| static_truthiness(db, *e)).collect();
            if values.iter().all(|v| *v == Some(true)) {
                Some(true)
            } else if values.iter().all(|v| *v == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        Type::EnumLiteral(_) => None,
        // `object` is every value, falsy ones (`0`, `""`, `None`) included.
        Type::Instance(class) if crate::class::known::is_known(db, class.class(db), crate::class::KnownClass::Object) => None,
        Type::Instance(class) => {
            // A class without `__bool__` or `__len__` is always truthy.
            let has_bool = crate::class::class_member(db, class, "__bool__").is_some_and(|m| !m.is_object_member);
            let has_len = crate::class::class_member(db, class, "__len__").is_some();
            if !has_bool && !has_len && !crate::class::has_dynamic_base(db, class.class(db)) && !crate::class::is_protocol(db, class.class(db)) {
                Some(true)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A list, set, dict or tuple display, or a comprehension: an operand whose type comes out
/// better with an expected type.
fn is_display(expression: &ast::Expr) -> bool {
    matches!(
        expression,
        ast::Expr::List(_) | ast::Expr::Set(_) | ast::Expr::Dict(_) | ast::Expr::Tuple(_) | ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_)
    )
}
