//! Definitions: every construct that binds, declares or deletes a name or place, with the
//! AST nodes the type layer needs to infer it.

use pytc_syntax::TextRange;
use pytc_syntax::ast::{self, NodeIndex};

use crate::ast_node_ref::AstNodeRef;
use crate::ids::{PlaceId, ScopeId, SymbolId};

/// What a definition binds: a plain name, or a place such as `self.x` or `d["k"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefinitionTarget {
    Symbol(SymbolId),
    Place(PlaceId),
}

/// One definition of a file.
#[derive(Debug, Clone)]
pub struct Definition {
    /// The scope whose symbol or place table `target` belongs to. For a walrus inside a
    /// comprehension this is the enclosing non-comprehension scope.
    pub scope: ScopeId,
    pub target: DefinitionTarget,
    pub kind: DefinitionKind,
    /// The node that identifies the definition: the target `ExprName` (or attribute /
    /// subscript), the `Alias`, the `def`/`class`/`type` statement, the `Parameter`, the
    /// `TypeParam`, the `ExceptHandler`, the capturing pattern, or the import statement of a
    /// star import. `SemanticIndex::definitions_for_node` maps it back.
    pub node: NodeIndex,
    /// The range of the bound name, for go-to-definition and diagnostics.
    pub name_range: TextRange,
    /// False when the definition is in statically unreachable code (it binds nothing then).
    pub reachable: bool,
}

impl Definition {
    /// The symbol bound, or `None` for a place definition.
    pub fn symbol(&self) -> Option<SymbolId> {
        match self.target {
            DefinitionTarget::Symbol(symbol) => Some(symbol),
            DefinitionTarget::Place(_) => None,
        }
    }

    /// True for definitions that give the target a declared type: annotated assignments
    /// (with or without value), `def`, `class`, imports, annotated parameters, type
    /// parameters and `type` statements.
    pub fn is_declaration(&self) -> bool {
        match &self.kind {
            DefinitionKind::AnnotatedAssignment(_)
            | DefinitionKind::Function(_)
            | DefinitionKind::Class(_)
            | DefinitionKind::Import(_)
            | DefinitionKind::ImportFrom(_)
            | DefinitionKind::StarImport(_)
            | DefinitionKind::TypeParameter(_)
            | DefinitionKind::TypeAlias(_) => true,
            DefinitionKind::Parameter(parameter) => parameter.annotated,
            _ => false,
        }
    }

    /// True for definitions that give the target a value (everything but a bare annotation
    /// `x: int` and `del x`).
    pub fn is_binding(&self) -> bool {
        match &self.kind {
            DefinitionKind::AnnotatedAssignment(assignment) => assignment.has_value,
            DefinitionKind::Delete(_) => false,
            _ => true,
        }
    }
}

/// Where one target sits inside a destructuring assignment: element `index` of a target
/// list of `length` elements, of which element `starred` (if any) is the `*rest` target.
/// Elements after the starred one count from the end of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnpackStep {
    pub index: u32,
    pub length: u32,
    pub starred: Option<u32>,
}

impl UnpackStep {
    /// True when this element is the starred target (it receives a list).
    pub fn is_starred(self) -> bool {
        self.starred == Some(self.index)
    }
}

/// The steps from the assigned value down to one target: empty for a plain `x = v`;
/// `[step 1 of 2, step 1 of 2]` for `b` in `(a, (c, b)) = v`.
pub type UnpackPath = Box<[UnpackStep]>;

/// How a parameter can be passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParameterKind {
    PositionalOnly,
    PositionalOrKeyword,
    /// `*args`
    VarPositional,
    KeywordOnly,
    /// `**kwargs`
    VarKeyword,
}

/// What kind of construct a definition is, with its nodes.
#[derive(Debug, Clone)]
pub enum DefinitionKind {
    /// `import a.b.c` (binds `a`) or `import a.b as c` (binds `c`).
    Import(ImportDefinition),
    /// `from m import y` / `from m import y as z`.
    ImportFrom(ImportFromDefinition),
    /// `from m import *`: binds every name `m` exports. Its target is the symbol `*`; in
    /// use-def maps it reaches every other symbol through a
    /// `PredicateKind::StarImportProvides` predicate (true when `m` exports that symbol's
    /// name); see `exported_names`.
    StarImport(StarImportDefinition),
    /// `def f(...)`, bound after its decorators are applied.
    Function(AstNodeRef<ast::StmtFunctionDef>),
    /// `class C(...)`, bound after its decorators are applied.
    Class(AstNodeRef<ast::StmtClassDef>),
    /// `type A[T] = ...`
    TypeAlias(AstNodeRef<ast::StmtTypeAlias>),
    /// One target of `t1 = t2 = value` (including each name of an unpacking target).
    Assignment(AssignmentDefinition),
    /// `x: int` or `x: int = value` (also `self.x: int = value`).
    AnnotatedAssignment(AnnotatedAssignmentDefinition),
    /// `x += value`
    AugmentedAssignment(AstNodeRef<ast::StmtAugAssign>),
    /// A target of `for target in iter`.
    For(ForDefinition),
    /// A target of `with ctx as target`.
    With(WithDefinition),
    /// `except E as name`: the name is unbound again when the handler ends.
    ExceptHandler(ExceptHandlerDefinition),
    /// A target of `for target in iter` inside a comprehension.
    Comprehension(ComprehensionDefinition),
    /// A capture in a `case` pattern: `case a`, `case P(x=a)`, `case [*rest]`,
    /// `case {**rest}`, `case p as b`.
    MatchCapture(MatchCaptureDefinition),
    /// `(name := value)`
    NamedExpression(AstNodeRef<ast::ExprNamed>),
    Parameter(ParameterDefinition),
    /// `T`, `*Ts` or `**P` in a PEP 695 type-parameter list.
    TypeParameter(AstNodeRef<ast::TypeParam>),
    /// `del target`: unbinds the name (and every place below it).
    Delete(AstNodeRef<ast::Expr>),
}

#[derive(Debug, Clone)]
pub struct ImportDefinition {
    pub stmt: AstNodeRef<ast::StmtImport>,
    pub alias: AstNodeRef<ast::Alias>,
    /// True for `import a.b as c` (binds module `a.b` itself); false for `import a.b`,
    /// which binds the top-level package `a`.
    pub binds_full_module: bool,
    /// True for the explicit re-export form `import a as a` (stub re-export rules).
    pub is_reexport: bool,
}

#[derive(Debug, Clone)]
pub struct ImportFromDefinition {
    pub stmt: AstNodeRef<ast::StmtImportFrom>,
    pub alias: AstNodeRef<ast::Alias>,
    /// True for the explicit re-export form `from m import x as x` (stub re-export rules).
    pub is_reexport: bool,
}

#[derive(Debug, Clone)]
pub struct StarImportDefinition {
    pub stmt: AstNodeRef<ast::StmtImportFrom>,
}

#[derive(Debug, Clone)]
pub struct AssignmentDefinition {
    pub stmt: AstNodeRef<ast::StmtAssign>,
    /// The name, attribute or subscript expression bound.
    pub target: AstNodeRef<ast::Expr>,
    pub unpack: UnpackPath,
}

#[derive(Debug, Clone)]
pub struct AnnotatedAssignmentDefinition {
    pub stmt: AstNodeRef<ast::StmtAnnAssign>,
    /// `x: int = 1`, not `x: int` (known without reading the node, which the index
    /// builder cannot do before its node table exists).
    pub has_value: bool,
}

#[derive(Debug, Clone)]
pub struct ForDefinition {
    pub stmt: AstNodeRef<ast::StmtFor>,
    pub target: AstNodeRef<ast::Expr>,
    pub unpack: UnpackPath,
}

#[derive(Debug, Clone)]
pub struct WithDefinition {
    pub stmt: AstNodeRef<ast::StmtWith>,
    /// Which item of the `with` statement binds the target.
    pub item_index: u32,
    pub target: AstNodeRef<ast::Expr>,
    pub unpack: UnpackPath,
}

#[derive(Debug, Clone)]
pub struct ExceptHandlerDefinition {
    pub handler: AstNodeRef<ast::ExceptHandlerExceptHandler>,
    /// `except*`: the name is bound to an exception group.
    pub is_star: bool,
}

#[derive(Debug, Clone)]
pub struct ComprehensionDefinition {
    pub comprehension: AstNodeRef<ast::Comprehension>,
    pub target: AstNodeRef<ast::Expr>,
    pub unpack: UnpackPath,
    /// True for the first `for` clause, whose iterable is evaluated in the enclosing scope.
    pub is_first: bool,
}

#[derive(Debug, Clone)]
pub struct MatchCaptureDefinition {
    /// The `match` statement: its subject, and the cases tried before this one.
    pub statement: AstNodeRef<ast::StmtMatch>,
    /// The pattern that captures: a `MatchAs` (`case a`, `case p as a`), a `MatchStar`
    /// (`*rest`) or a `MatchMapping` (`**rest`).
    pub pattern: AstNodeRef<ast::Pattern>,
    /// The position in `statement.cases` of the case whose pattern contains it.
    pub case_index: usize,
}

impl MatchCaptureDefinition {
    /// The `case` whose pattern contains the capture.
    pub fn case(&self) -> &ast::MatchCase {
        &self.statement.node().cases[self.case_index]
    }

    /// The cases tried, and failed, before the capture's case is reached.
    pub fn earlier_cases(&self) -> &[ast::MatchCase] {
        &self.statement.node().cases[..self.case_index]
    }
}

#[derive(Debug, Clone)]
pub struct ParameterDefinition {
    pub parameter: AstNodeRef<ast::Parameter>,
    /// The parameter has an annotation (known without reading the node).
    pub annotated: bool,
    pub default: Option<AstNodeRef<ast::Expr>>,
    pub kind: ParameterKind,
    /// Position in the parameter list, in source order.
    pub index: u32,
    /// The `def` statement or lambda expression.
    pub function: NodeIndex,
}
