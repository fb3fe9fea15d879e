//! Where the literal types in a call argument's type came from, which decides whether a type
//! variable solved from the argument keeps them. The spec leaves the inference of literal
//! types to the checker; a literal the program wrote as an expression (`ident("a")`,
//! `mk(-1)`, `Color.RED`) widens to its class in the solution, as it does in an inferred
//! variable, while one that a declaration gave the value (a parameter `mode: Literal["r",
//! "w"]`, a declared attribute, a declared return) is kept: the program asked for it.
//! A name that only narrowing or an unannotated assignment made a literal counts as written.

use pytc_db::Db;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::infer::annotation::Declared;
use crate::semantic::DefinitionRef;
use crate::types::{TupleType, Type};

/// Where the literals in an argument's type came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiteralOrigin {
    /// Written as expressions, or of no known declaration: a solution widens them.
    Written,
    /// Given by a declaration: a solution keeps them.
    Declared,
    /// A tuple display, one origin per element (`(mode, "a")`).
    Elements(Box<[LiteralOrigin]>),
}

impl LiteralOrigin {
    /// `ty` as a type variable's solution takes it: written literals widened to their class.
    pub fn apply<'db>(&self, db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
        match self {
            Self::Written => crate::infer::expr_widen(db, ty),
            Self::Declared => ty,
            Self::Elements(origins) => match ty {
                Type::Tuple(tuple) if let Some(elements) = tuple.fixed_elements(db)
                    && elements.len() == origins.len() =>
                {
                    let kept = elements.iter().zip(origins.iter()).map(|(element, origin)| origin.apply(db, *element)).collect::<Box<[_]>>();
                    Type::Tuple(TupleType::new(db, kept, None, Box::default()))
                }
                other => crate::infer::expr_widen(db, other),
            },
        }
    }

    /// One origin for values that come from either expression (`a if c else b`, `a or b`):
    /// the same when both agree, else written.
    fn either(self, other: Self) -> Self {
        if self == other { self } else { Self::Written }
    }
}

impl<'db> InferContext<'db> {
    /// The origin of the literals in the type `ty` of the argument `expression`. A type with
    /// no literal to widen is declared as it stands (`modes: list[Literal["r"]]`), but for a
    /// function or callable: what it returns may be inferred (`lambda: 0`), and the solver
    /// keeps the literals of a declared return itself.
    pub(crate) fn literal_origin(&mut self, expression: &ast::Expr, ty: Type<'db>) -> LiteralOrigin {
        if crate::infer::expr_widen(self.db, ty) == ty {
            let callable = ty.union_elements(self.db).iter().any(|member| matches!(member, Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_)));
            return if callable { LiteralOrigin::Written } else { LiteralOrigin::Declared };
        }
        self.expression_literal_origin(expression)
    }

    fn expression_literal_origin(&mut self, expression: &ast::Expr) -> LiteralOrigin {
        match expression {
            ast::Expr::Name(name) => self.declared_origin(self.name_declared_type(name), true),
            ast::Expr::Attribute(attribute) => {
                let declared = self.declared_attribute_type(attribute);
                self.declared_origin(declared, true)
            }
            // An element of a tuple whose type the value's own declaration or display gave.
            ast::Expr::Subscript(subscript) if matches!(self.infer_quietly(&subscript.value), Type::Tuple(_)) => match &*subscript.value {
                ast::Expr::Name(name) => self.declared_origin(self.name_declared_type(name), false),
                ast::Expr::Attribute(attribute) => {
                    let declared = self.declared_attribute_type(attribute);
                    self.declared_origin(declared, false)
                }
                other => self.expression_literal_origin(other),
            },
            // A `__getitem__` declares what it returns.
            ast::Expr::Subscript(_) | ast::Expr::Await(_) => LiteralOrigin::Declared,
            ast::Expr::Call(call) => match self.infer_quietly(&call.func) {
                Type::Function(function) if !crate::infer::function::has_return_annotation(self.db, function) => LiteralOrigin::Written,
                Type::BoundMethod(method) if !crate::infer::function::has_return_annotation(self.db, method.function(self.db)) => LiteralOrigin::Written,
                _ => LiteralOrigin::Declared,
            },
            ast::Expr::Tuple(tuple) if !tuple.elts.iter().any(|element| matches!(element, ast::Expr::Starred(_))) => {
                LiteralOrigin::Elements(tuple.elts.iter().map(|element| self.expression_literal_origin(element)).collect())
            }
            ast::Expr::If(conditional) => {
                let body = self.expression_literal_origin(&conditional.body);
                body.either(self.expression_literal_origin(&conditional.orelse))
            }
            ast::Expr::BoolOp(operation) => {
                let mut origins = operation.values.iter().map(|value| self.expression_literal_origin(value)).collect::<Vec<_>>().into_iter();
                let first = origins.next().unwrap_or(LiteralOrigin::Written);
                origins.fold(first, LiteralOrigin::either)
            }
            ast::Expr::Named(named) => self.expression_literal_origin(&named.value),
            _ => LiteralOrigin::Written,
        }
    }

    /// Declared when there is a declaration and (with `literal_needed`) it spells a literal
    /// itself (`x: Literal["a"]`, not `x: str` narrowed to `Literal["a"]`).
    fn declared_origin(&self, declared: Option<Type<'db>>, literal_needed: bool) -> LiteralOrigin {
        match declared {
            Some(declared) if !literal_needed || crate::infer::expr_widen(self.db, declared) != declared => LiteralOrigin::Declared,
            _ => LiteralOrigin::Written,
        }
    }

    fn infer_quietly(&mut self, expression: &ast::Expr) -> Type<'db> {
        let was = self.suspend_reporting();
        let ty = self.infer_expression(expression);
        self.resume_reporting(was);
        ty
    }

    /// The declared type of the variable a name reads: its annotations in the scope that
    /// binds it (parameters and annotated assignments). `Final` names without a type of their
    /// own (`X: Final = "a"`, unlike `X: Final[Literal["a"]]`) and unannotated ones have none.
    fn name_declared_type(&self, name: &ast::ExprName) -> Option<Type<'db>> {
        let db = self.db;
        let node = name.node_index().load();
        node.as_u32()?;
        let scope = self.index.scope_of_node(node);
        let pytc_semantic::NameResolution::Symbol { scope: resolved, symbol } = self.index.resolve_name(scope, name.id.as_str()) else { return None };
        let mut declared = Vec::new();
        for declaration in self.index.use_def_map(resolved).declarations(symbol) {
            let declaration = DefinitionRef::of(db, self.file, *declaration);
            match &declaration.definition(db).kind {
                // `X: Final = "a"` takes its value's type: nothing declares the literal.
                pytc_semantic::DefinitionKind::AnnotatedAssignment(assignment)
                    if InferContext::for_definition(db, declaration).annotation_declared_type(&assignment.stmt.annotation) == Declared::InferFromValue => {}
                pytc_semantic::DefinitionKind::AnnotatedAssignment(_) | pytc_semantic::DefinitionKind::Parameter(_) => {
                    declared.extend(crate::infer::definition::declared_type(db, declaration));
                }
                _ => {}
            }
        }
        (!declared.is_empty()).then(|| Type::union_of(db, declared))
    }
}
