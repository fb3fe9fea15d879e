//! Following imports for go to definition: a name bound by `import a.b` leads to module
//! `a.b` (or `a`), and one bound by `from m import x` to the definition of `x` in `m` (or to
//! the submodule `m.x`), through chains of re-exports.

use pytc_db::{Db, File, parsed_module};
use pytc_module_resolver::{ModuleName, resolve_import, resolve_module};
use pytc_syntax::ast::{Expr, Stmt};
use pytc_syntax::{Ranged, TextRange};

use crate::definition::NavigationTarget;

/// How many re-exports are followed before giving up (re-export cycles exist in the wild).
const MAX_REEXPORTS: usize = 8;

/// Where the import binding at `target` leads, or `None` when `target` is not an import.
pub fn follow_import(db: &dyn Db, target: NavigationTarget) -> Option<NavigationTarget> {
    let mut current = target;
    for _ in 0..MAX_REEXPORTS {
        match imported_by(db, current)? {
            Imported::Module(file) => return Some(NavigationTarget { file, range: TextRange::default() }),
            Imported::Name { file, name } => match top_level_definition(db, file, &name) {
                Some(Definition::Plain(range)) => return Some(NavigationTarget { file, range }),
                Some(Definition::Import(range)) => current = NavigationTarget { file, range },
                None => return Some(NavigationTarget { file, range: TextRange::default() }),
            },
        }
    }
    Some(current)
}

enum Imported {
    Module(File),
    Name { file: File, name: String },
}

/// What the import statement binding the name at `target` imports.
fn imported_by(db: &dyn Db, target: NavigationTarget) -> Option<Imported> {
    let module = parsed_module(db, target.file).syntax();
    let statement = innermost_statement(&module.body, target.range)?;
    match statement {
        Stmt::Import(import) => {
            let alias = import.names.iter().find(|alias| alias.range.contains_range(target.range))?;
            let full = ModuleName::new(alias.name.as_str())?;
            // `import a.b` binds `a`; `import a.b as c` binds `a.b`.
            let bound = if alias.asname.is_some() { full } else { ModuleName::new(full.top_level())? };
            resolve_module(db, &bound)?.file.map(Imported::Module)
        }
        Stmt::ImportFrom(from) => {
            let alias = from.names.iter().find(|alias| alias.range.contains_range(target.range))?;
            let module = resolve_import(db, target.file, from.module.as_deref(), from.level).ok()?;
            let name = alias.name.as_str().to_string();
            // A submodule wins: `from os import path` leads to `os/path.pyi`.
            if let Some(submodule) = module.name.join(&name).and_then(|full| resolve_module(db, &full))
                && let Some(file) = submodule.file
            {
                return Some(Imported::Module(file));
            }
            Some(Imported::Name { file: module.file?, name })
        }
        _ => None,
    }
}

fn innermost_statement(body: &[Stmt], range: TextRange) -> Option<&Stmt> {
    let statement = body.iter().find(|statement| statement.range().contains_range(range))?;
    let nested = match statement {
        Stmt::If(if_statement) => innermost_statement(&if_statement.body, range).or_else(|| {
            if_statement.elif_else_clauses.iter().find_map(|clause| innermost_statement(&clause.body, range))
        }),
        Stmt::Try(try_statement) => innermost_statement(&try_statement.body, range)
            .or_else(|| innermost_statement(&try_statement.orelse, range))
            .or_else(|| innermost_statement(&try_statement.finalbody, range)),
        Stmt::FunctionDef(function) => innermost_statement(&function.body, range),
        Stmt::ClassDef(class) => innermost_statement(&class.body, range),
        Stmt::With(with) => innermost_statement(&with.body, range),
        _ => None,
    };
    nested.or(Some(statement))
}

enum Definition {
    /// A def, class or assignment: the range of the name.
    Plain(TextRange),
    /// An import that binds the name: the range of its alias, to follow further.
    Import(TextRange),
}

/// The last module-level definition of `name` in `file` (the one other modules see, as far
/// as syntax can tell), including those inside `if`/`try` blocks.
fn top_level_definition(db: &dyn Db, file: File, name: &str) -> Option<Definition> {
    let module = parsed_module(db, file).syntax();
    let mut found = None;
    collect_definitions(&module.body, name, &mut found);
    found
}

fn collect_definitions(body: &[Stmt], name: &str, found: &mut Option<Definition>) {
    for statement in body {
        match statement {
            Stmt::FunctionDef(function) if function.name.as_str() == name => *found = Some(Definition::Plain(function.name.range)),
            Stmt::ClassDef(class) if class.name.as_str() == name => *found = Some(Definition::Plain(class.name.range)),
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    if let Expr::Name(target) = target
                        && target.id.as_str() == name
                    {
                        *found = Some(Definition::Plain(target.range));
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Expr::Name(target) = &*assign.target
                    && target.id.as_str() == name
                {
                    *found = Some(Definition::Plain(target.range));
                }
            }
            Stmt::TypeAlias(alias) => {
                if let Expr::Name(target) = &*alias.name
                    && target.id.as_str() == name
                {
                    *found = Some(Definition::Plain(target.range));
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().map_or_else(|| alias.name.as_str().split('.').next().unwrap_or(""), |asname| asname.as_str());
                    if bound == name {
                        *found = Some(Definition::Import(alias.range));
                    }
                }
            }
            Stmt::ImportFrom(from) => {
                for alias in &from.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    if bound == name {
                        *found = Some(Definition::Import(alias.range));
                    }
                }
            }
            Stmt::If(if_statement) => {
                collect_definitions(&if_statement.body, name, found);
                for clause in &if_statement.elif_else_clauses {
                    collect_definitions(&clause.body, name, found);
                }
            }
            Stmt::Try(try_statement) => {
                collect_definitions(&try_statement.body, name, found);
                collect_definitions(&try_statement.orelse, name, found);
                collect_definitions(&try_statement.finalbody, name, found);
            }
            _ => {}
        }
    }
}
