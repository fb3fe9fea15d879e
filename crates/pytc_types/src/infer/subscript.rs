//! Subscripts: `__getitem__` on values, tuple indexing and slicing by literals, and
//! generic aliases (`list[int]` as a value) via `__class_getitem__`.

use pytc_db::declare_rule;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::types::{SpecialForm, TupleType, Type, TypeFormType};

declare_rule! {
    /// Subscripting an object that has no `__getitem__`.
    ///
    /// ```python
    /// (1)[0]  # error: [non-subscriptable]
    /// ```
    pub static NON_SUBSCRIPTABLE = {
        name: "non-subscriptable",
        summary: "an object is subscripted that does not support it",
        level: Error,
    }
}

declare_rule! {
    /// An index that is out of range for a tuple of known length.
    ///
    /// ```python
    /// (1, 2)[5]  # error: [index-out-of-bounds]
    /// ```
    pub static INDEX_OUT_OF_BOUNDS = {
        name: "index-out-of-bounds",
        summary: "a literal index is outside a tuple of known length",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    pub(super) fn infer_subscript_expression(&mut self, subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        let value = self.infer_expression(&subscript.value);
        match value {
            Type::ClassObject(class) if class.arguments(db).is_empty() && !crate::class::type_parameters(db, class.class(db)).is_empty() => {
                match self.type_expression(&ast::Expr::Subscript(subscript.clone())) {
                    Type::Instance(specialized) => Type::ClassObject(specialized),
                    Type::Tuple(tuple) => Type::TypeForm(TypeFormType::new(db, Type::Tuple(tuple))),
                    other => Type::TypeForm(TypeFormType::new(db, other)),
                }
            }
            Type::ClassObject(class)
                if !class.arguments(db).is_empty() || crate::class::known::is_known(db, class.class(db), crate::class::KnownClass::Type) =>
            {
                // `Alias[int]` of a generic alias, or `type[C]` as a value.
                let ty = self.type_expression(&ast::Expr::Subscript(subscript.clone()));
                match ty {
                    Type::Instance(specialized) => Type::ClassObject(specialized),
                    other => Type::TypeForm(TypeFormType::new(db, other)),
                }
            }
            Type::SpecialForm(SpecialForm::Generic | SpecialForm::Protocol) => {
                self.infer_expression(&subscript.slice);
                value
            }
            // `Unpack[Ts]` as a value (in `Generic[...]`, a default): a form, checked where
            // it is used as a type.
            Type::SpecialForm(SpecialForm::Unpack) => {
                let was = self.suspend_reporting();
                self.type_expression(&subscript.slice);
                self.resume_reporting(was);
                Type::TypeForm(TypeFormType::new(db, Type::UNKNOWN))
            }
            // `List[int]`, `DefaultDict[int, bytes]`: aliases of classes stay callable classes.
            Type::SpecialForm(SpecialForm::BuiltinAlias(_)) => match self.type_expression(&ast::Expr::Subscript(subscript.clone())) {
                Type::Instance(specialized) => Type::ClassObject(specialized),
                other => Type::TypeForm(TypeFormType::new(db, other)),
            },
            Type::SpecialForm(_) | Type::TypeAlias(_) | Type::TypeForm(_) => {
                let ty = self.type_expression(&ast::Expr::Subscript(subscript.clone()));
                Type::TypeForm(TypeFormType::new(db, ty))
            }
            _ => {
                let index = self.infer_expression(&subscript.slice);
                if subscript.ctx != ast::ExprContext::Load {
                    return Type::UNKNOWN;
                }
                let ty = self.subscript_value(value, index, subscript);
                // `x[0]` and `d["k"]` are places: narrowed like names (`isinstance(x[0], C)`),
                // and by assignments when reading an item gives back what was stored.
                let assignments_count = reads_back_stored_items(db, value);
                self.narrowed_place_with(subscript.node_index().load(), crate::narrow::subscript_place_text(subscript), ty, assignments_count)
            }
        }
    }

    fn subscript_value(&mut self, value: Type<'db>, index: Type<'db>, subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        match value {
            Type::Dynamic(_) => Type::UNKNOWN,
            Type::Never => Type::Never,
            Type::Union(union) => {
                let members: Vec<Type<'db>> = union.elements(db).to_vec();
                Type::union_of(db, members.into_iter().map(|m| self.subscript_value(m, index, subscript)).collect::<Vec<_>>())
            }
            Type::Tuple(tuple) => {
                if let Some(elements) = tuple.fixed_elements(db) {
                    if let Type::IntLiteral(i) = index {
                        let length = elements.len() as i64;
                        let position = if i < 0 { i + length } else { i };
                        if position < 0 || position >= length {
                            self.report(
                                subscript.range,
                                &INDEX_OUT_OF_BOUNDS,
                                format!("Index {i} is out of bounds for tuple `{}` with length {length}", value.display(db)),
                            );
                            return Type::UNKNOWN;
                        }
                        return elements[position as usize];
                    }
                    if let ast::Expr::Slice(slice) = &*subscript.slice
                        && let Some(sliced) = slice_fixed(elements, slice)
                    {
                        return Type::Tuple(TupleType::fixed(db, sliced));
                    }
                } else if let Type::IntLiteral(i) = index {
                    let prefix = tuple.prefix(db);
                    if i >= 0 && (i as usize) < prefix.len() {
                        return prefix[i as usize];
                    }
                    let suffix = tuple.suffix(db);
                    if i < 0 && ((-i) as usize) <= suffix.len() {
                        return suffix[suffix.len() - (-i) as usize];
                    }
                    if let Some(element) = tuple.element_at_unbounded(db, i) {
                        return element;
                    }
                } else if let ast::Expr::Slice(slice) = &*subscript.slice
                    && let Some((start, stop, None | Some(1))) = slice_bounds(slice)
                    && let Some(sliced) = tuple.slice_unbounded(db, start, stop)
                {
                    return Type::Tuple(sliced);
                }
                let instance = crate::class::tuple_instance(db, tuple.element_union(db));
                self.subscript_value(instance, index, subscript)
            }
            Type::Instance(class)
                if crate::class::is_typed_dict(db, class.class(db))
                    && let Some(item) = self.typed_dict_subscript(class, index, subscript) =>
            {
                item
            }
            Type::Instance(class) if let Some(tuple) = crate::class::namedtuple::tuple_of_instance(db, class) => {
                self.subscript_value(Type::Tuple(tuple), index, subscript)
            }
            Type::ClassObject(class) if let Some(member) = crate::class::enum_members::member_by_name(db, class, index) => member,
            Type::ClassObject(_) | Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) => {
                // `Color["RED"]` through the metaclass, or `__class_getitem__`.
                if let Some(result) = self.call_dunder_checked(value, "__getitem__", &[index]) {
                    return result;
                }
                if let Some(getitem) = crate::infer::attribute::member_access(db, value, "__class_getitem__").found() {
                    return crate::call::call_with_argument_types(db, getitem, &[index]).unwrap_or(Type::UNKNOWN);
                }
                self.report_not_subscriptable(value, subscript);
                Type::UNKNOWN
            }
            _ => {
                if let Some(result) = self.call_dunder_checked(value, "__getitem__", &[index]) {
                    return result;
                }
                if crate::infer::attribute::instance_has_member(db, value, "__getitem__") {
                    // The method exists but rejects the index: report as an argument error.
                    let getitem = crate::infer::attribute::member_access(db, value, "__getitem__").found().unwrap_or(Type::UNKNOWN);
                    self.report_call_errors_for(getitem, &[index], subscript.slice.as_ref());
                    return Type::UNKNOWN;
                }
                self.report_not_subscriptable(value, subscript);
                Type::UNKNOWN
            }
        }
    }

    fn report_not_subscriptable(&mut self, value: Type<'db>, subscript: &ast::ExprSubscript) {
        self.report(
            subscript.value.as_ref().range_for_report(),
            &NON_SUBSCRIPTABLE,
            format!("Cannot subscript object of type `{}` with no `__getitem__` method", value.display(self.db)),
        );
    }
}

trait RangeForReport {
    fn range_for_report(&self) -> pytc_syntax::TextRange;
}

impl RangeForReport for ast::Expr {
    fn range_for_report(&self) -> pytc_syntax::TextRange {
        crate::infer::annotation::expression_range(self)
    }
}

/// The literal start, stop and step of `a:b:c` (`None` for an omitted one); `None` when
/// any of them is not an integer literal.
fn slice_bounds(slice: &ast::ExprSlice) -> Option<(Option<i64>, Option<i64>, Option<i64>)> {
    let literal = |expression: &Option<Box<ast::Expr>>| -> Option<Option<i64>> {
        match expression.as_deref() {
            None => Some(None),
            Some(ast::Expr::NumberLiteral(number)) => number.value.as_int()?.as_i64().map(Some),
            Some(ast::Expr::UnaryOp(unary)) if unary.op == ast::UnaryOp::USub => match &*unary.operand {
                ast::Expr::NumberLiteral(number) => number.value.as_int()?.as_i64().map(|v| Some(-v)),
                _ => None,
            },
            _ => None,
        }
    };
    Some((literal(&slice.lower)?, literal(&slice.upper)?, literal(&slice.step)?))
}

/// `t[a:b:c]` for literal bounds on a fixed tuple, as Python slices: a negative bound counts
/// from the end, bounds are clamped, and a negative step walks backwards (`t[::-1]` reverses
/// the elements). `None` for a step of zero (an error at run time).
fn slice_fixed<'a, 'db>(elements: &'a [Type<'db>], slice: &ast::ExprSlice) -> Option<Vec<Type<'db>>> {
    let (lower, upper, step) = slice_bounds(slice)?;
    let length = i64::try_from(elements.len()).ok()?;
    let step = step.unwrap_or(1);
    if step == 0 {
        return None;
    }
    // Where iteration starts and the bound it stops before, after Python's adjustment.
    let adjust = |value: i64, low: i64, high: i64| -> i64 {
        let value = if value < 0 { value + length } else { value };
        value.clamp(low, high)
    };
    let (start, stop) = if step > 0 {
        (lower.map_or(0, |value| adjust(value, 0, length)), upper.map_or(length, |value| adjust(value, 0, length)))
    } else {
        (lower.map_or(length - 1, |value| adjust(value, -1, length - 1)), upper.map_or(-1, |value| adjust(value, -1, length - 1)))
    };
    let mut picked = Vec::new();
    let mut index = start;
    while (step > 0 && index < stop) || (step < 0 && index > stop) {
        picked.push(elements[usize::try_from(index).ok()?]);
        index = index.checked_add(step)?;
    }
    Some(picked)
}

/// Whether `d[k]` read after `d[k] = v` is `v`: for a `dict` or `list` (or a subclass) and a
/// TypedDict. Other classes may store one thing and give back another (an `EmailMessage`
/// takes a header's text and returns a header object), and an unknown object tells nothing.
fn reads_back_stored_items<'db>(db: &'db dyn pytc_db::Db, value: Type<'db>) -> bool {
    use crate::class::known::KnownClass;
    value.union_elements(db).iter().all(|member| match member {
        Type::Instance(class) => {
            crate::class::is_typed_dict(db, class.class(db))
                || crate::class::is_subclass_of_known(db, *class, KnownClass::Dict)
                || crate::class::is_subclass_of_known(db, *class, KnownClass::List)
        }
        _ => false,
    })
}
