//! Checks of a TypedDict class definition: only TypedDict (and `Generic`) bases, no
//! keywords but `total`/`closed`/`extra_items`, a body of annotations only, items
//! redeclared or merged from several bases compatibly, and item qualifiers used only in
//! TypedDicts and never nested.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::TextRange;
use pytc_syntax::ast;

use crate::class;
use crate::infer::InferContext;
use crate::relation::Relation;
use crate::types::{ClassLiteral, ClassType, SpecialForm, Type};

use super::items::{qualifiers_of, typed_dict_items};
use crate::infer::annotation::INVALID_TYPE_FORM;
use super::relation::item_relation;

declare_rule! {
    /// A TypedDict class that breaks the rules of its definition: a base that is not a
    /// TypedDict, a keyword other than `total`, a method or other statement in the body,
    /// or an item that conflicts with an inherited item of the same key.
    ///
    /// ```python
    /// class Movie(TypedDict):
    ///     name: str
    ///     def title(self) -> str: ...  # error: [invalid-typed-dict-definition]
    /// ```
    pub static INVALID_TYPED_DICT_DEFINITION = {
        name: "invalid-typed-dict-definition",
        summary: "a TypedDict class definition the typing spec does not allow",
        level: Error,
    }
}

/// Report what the definition of the TypedDict class `literal` gets wrong.
pub(crate) fn check_typed_dict_class<'db>(context: &mut InferContext<'db>, literal: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let is_typed_dict = class::is_typed_dict(db, literal);
    check_item_qualifiers(context, &node.body, is_typed_dict);
    if !is_typed_dict {
        return;
    }
    if let Some(arguments) = &node.arguments {
        for base in &arguments.args {
            let was_reporting = context.suspend_reporting();
            let base_type = context.infer_expression(base);
            context.resume_reporting(was_reporting);
            let valid = match base_type {
                Type::ClassObject(base_class) => class::is_typed_dict(db, base_class.class(db)),
                Type::SpecialForm(SpecialForm::TypedDict | SpecialForm::Generic) => true,
                _ => matches!(base, ast::Expr::Subscript(_)) || base_type.is_dynamic(),
            };
            if !valid {
                context.report(base.range(), &INVALID_TYPED_DICT_DEFINITION, "A TypedDict class can only inherit from TypedDict classes (and `Generic`)");
            }
        }
        for keyword in &arguments.keywords {
            let name = keyword.arg.as_ref().map(|arg| arg.as_str());
            if !matches!(name, Some("total" | "closed" | "extra_items")) {
                context.report(
                    keyword.range(),
                    &INVALID_TYPED_DICT_DEFINITION,
                    format!("TypedDict classes take no keyword `{}`", name.unwrap_or("**")),
                );
            }
        }
    }
    if let Some(arguments) = &node.arguments {
        context.check_openness_keywords(&arguments.keywords);
    }
    check_body(context, &node.body);
    check_inherited_items(context, literal, node);
    context.check_inherited_openness(literal, node);
}

/// `Required`, `NotRequired` and `ReadOnly` qualify TypedDict items only, once each.
fn check_item_qualifiers(context: &mut InferContext<'_>, body: &[ast::Stmt], in_typed_dict: bool) {
    for statement in body {
        match statement {
            ast::Stmt::AnnAssign(assignment) => {
                if in_typed_dict {
                    check_repeated_qualifiers(context, &assignment.annotation);
                } else if qualifiers_of(context, &assignment.annotation).any() {
                    context.report(
                        assignment.annotation.range(),
                        &INVALID_TYPE_FORM,
                        "`Required`, `NotRequired` and `ReadOnly` are only allowed on TypedDict items",
                    );
                }
            }
            ast::Stmt::If(if_statement) => {
                check_item_qualifiers(context, &if_statement.body, in_typed_dict);
                for clause in &if_statement.elif_else_clauses {
                    check_item_qualifiers(context, &clause.body, in_typed_dict);
                }
            }
            _ => {}
        }
    }
}

/// An item's annotation gives `Required`/`NotRequired` once and `ReadOnly` once (in the
/// class syntax and in the items of the functional syntax).
pub(crate) fn check_repeated_qualifiers(context: &mut InferContext<'_>, annotation: &ast::Expr) {
    if qualifiers_of(context, annotation).nested {
        context.report(
            annotation.range(),
            &INVALID_TYPE_FORM,
            "An item takes one of `Required` and `NotRequired`, and `ReadOnly`, at most once each",
        );
    }
}

/// A TypedDict body holds annotations without values, docstrings, `pass`/`...` and
/// `if` blocks of the same (statically evaluated).
fn check_body(context: &mut InferContext<'_>, body: &[ast::Stmt]) {
    for statement in body {
        let problem = match statement {
            ast::Stmt::AnnAssign(assignment) if assignment.value.is_some() => Some((assignment.range(), "TypedDict items cannot have a default value")),
            ast::Stmt::AnnAssign(_) | ast::Stmt::Pass(_) => None,
            ast::Stmt::Expr(expression) if matches!(&*expression.value, ast::Expr::StringLiteral(_) | ast::Expr::EllipsisLiteral(_)) => None,
            ast::Stmt::If(if_statement) => {
                check_body(context, &if_statement.body);
                for clause in &if_statement.elif_else_clauses {
                    check_body(context, &clause.body);
                }
                None
            }
            ast::Stmt::FunctionDef(function) => Some((function.name.range, "TypedDict classes cannot define methods")),
            other => Some((other.range(), "TypedDict class bodies may only contain item annotations")),
        };
        if let Some((range, message)) = problem {
            context.report(range, &INVALID_TYPED_DICT_DEFINITION, message);
        }
    }
}

/// Each item must be compatible with the item of the same key in every TypedDict base
/// (a read-only item may be narrowed, a mutable one must stay the same).
fn check_inherited_items<'db>(context: &mut InferContext<'db>, literal: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let this = ClassType::bare(db, literal);
    let items = typed_dict_items(db, this);
    let bases: Vec<ClassType<'db>> =
        class::class_header(db, literal).bases.iter().copied().filter(|base| class::is_typed_dict(db, base.class(db))).collect();
    for item in &items {
        for base in &bases {
            let Some(inherited) = typed_dict_items(db, *base).into_iter().find(|candidate| candidate.name == item.name) else { continue };
            if item_relation(db, item, &inherited, Relation::Assignability, 0) {
                continue;
            }
            let range = own_annotation_range(node, &item.name).unwrap_or(node.name.range);
            context.report(
                range,
                &INVALID_TYPED_DICT_DEFINITION,
                format!(
                    "Item `{}` of `{}` is incompatible with the item it inherits from `{}`",
                    item.name,
                    literal.name(db),
                    base.class(db).name(db)
                ),
            );
            break;
        }
    }
}

/// Where the class body declares `name` (searching `if` blocks too).
fn own_annotation_range(node: &ast::StmtClassDef, name: &str) -> Option<TextRange> {
    fn search(body: &[ast::Stmt], name: &str) -> Option<TextRange> {
        body.iter().find_map(|statement| match statement {
            ast::Stmt::AnnAssign(assignment) if matches!(&*assignment.target, ast::Expr::Name(target) if target.id.as_str() == name) => {
                Some(assignment.range())
            }
            ast::Stmt::If(if_statement) => search(&if_statement.body, name)
                .or_else(|| if_statement.elif_else_clauses.iter().find_map(|clause| search(&clause.body, name))),
            _ => None,
        })
    }
    search(&node.body, name)
}
