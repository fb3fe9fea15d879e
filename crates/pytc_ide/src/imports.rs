//! Following imports for go to definition: a name bound by `import a.b` leads to module
//! `a.b` (or `a`), and one bound by `from m import x` to the definition of `x` in `m` (or to
//! the submodule `m.x`), through chains of re-exports; and the modules that each component
//! of an import's dotted module name names.

use pytc_db::{Db, File, parsed_module};
use pytc_module_resolver::{ModuleName, resolve_import, resolve_module};
use pytc_syntax::ast::{Expr, Stmt};
use pytc_syntax::{Ranged, TextRange, TextSize};

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

/// The module that the component of a dotted module name at `offset` names, when `offset`
/// is in the module name of an import statement (`b` in `import a.b.c` is module `a.b`).
pub fn module_component_at(db: &dyn Db, file: File, offset: TextSize) -> Option<NavigationTarget> {
    let module = parsed_module(db, file).syntax();
    let statement = innermost_statement(&module.body, TextRange::empty(offset))?;
    module_components(db, file, statement)
        .into_iter()
        .find(|(range, _)| range.contains_inclusive(offset))
        .map(|(_, module)| NavigationTarget { file: module, range: TextRange::default() })
}

/// Each component of the dotted module names an import statement spells, with the module it
/// names: `import a.b.c` names `a`, `a.b` and `a.b.c`; `from .x.y import z` names `.x` and
/// `.x.y`. A component whose module is not found is left out.
pub(crate) fn module_components(db: &dyn Db, file: File, statement: &Stmt) -> Vec<(TextRange, File)> {
    let mut found = Vec::new();
    let mut add_components = |name: &str, start: TextSize, resolve: &dyn Fn(&str) -> Option<File>| {
        let mut end = 0;
        for component in name.split('.') {
            let component_start = end;
            end = component_start + component.len();
            let Ok(offset) = TextSize::try_from(component_start) else { return };
            let Ok(length) = TextSize::try_from(component.len()) else { return };
            if let Some(module) = resolve(&name[..end]) {
                found.push((TextRange::at(start + offset, length), module));
            }
            end += 1;
        }
    };
    match statement {
        Stmt::Import(import) => {
            for alias in &import.names {
                let resolve = |prefix: &str| resolve_module(db, &ModuleName::new(prefix)?)?.file;
                add_components(alias.name.as_str(), alias.name.range.start(), &resolve);
            }
        }
        Stmt::ImportFrom(from) => {
            if let Some(module) = &from.module {
                let resolve = |prefix: &str| resolve_import(db, file, Some(prefix), from.level).ok()?.file;
                add_components(module.as_str(), module.range.start(), &resolve);
            }
        }
        _ => {}
    }
    found
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
            .or_else(|| {
                try_statement.handlers.iter().find_map(|handler| {
                    let pytc_syntax::ast::ExceptHandler::ExceptHandler(handler) = handler;
                    innermost_statement(&handler.body, range)
                })
            })
            .or_else(|| innermost_statement(&try_statement.orelse, range))
            .or_else(|| innermost_statement(&try_statement.finalbody, range)),
        Stmt::For(for_statement) => innermost_statement(&for_statement.body, range).or_else(|| innermost_statement(&for_statement.orelse, range)),
        Stmt::While(while_statement) => {
            innermost_statement(&while_statement.body, range).or_else(|| innermost_statement(&while_statement.orelse, range))
        }
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
