//! The edit that imports a name: added to a `from module import ...` statement at the top
//! level that already imports from that module, else a new `from module import name` line
//! after the leading imports (after the module docstring when there are none).

use pytc_db::{Db, File, parsed_module, source_text};
use pytc_syntax::ast::{self, Stmt};
use pytc_syntax::{Ranged, TextRange, TextSize};

use crate::suppress::TextEdit;

pub fn import_edit(db: &dyn Db, file: File, module: &str, name: &str) -> TextEdit {
    let body = &parsed_module(db, file).syntax().body;
    let source: &str = source_text(db, file);
    let existing = body.iter().find_map(|statement| match statement {
        Stmt::ImportFrom(import)
            if import.level == 0
                && import.module.as_ref().is_some_and(|written| written.as_str() == module)
                && !import.names.iter().any(|alias| alias.name.as_str() == "*") =>
        {
            import.names.last()
        }
        _ => None,
    });
    if let Some(last) = existing {
        return TextEdit { range: TextRange::empty(last.range().end()), new_text: format!(", {name}") };
    }
    let line = format!("from {module} import {name}\n");
    let leading_imports = body
        .iter()
        .enumerate()
        .take_while(|(position, statement)| matches!(statement, Stmt::Import(_) | Stmt::ImportFrom(_)) || (*position == 0 && is_docstring(statement)))
        .last()
        .map(|(_, statement)| statement);
    match leading_imports {
        Some(statement) => {
            let at = line_after(source, statement.range().end());
            let new_text = if at.to_usize() == source.len() && !source.ends_with('\n') { format!("\n{line}") } else { line };
            TextEdit { range: TextRange::empty(at), new_text }
        }
        None => TextEdit { range: TextRange::empty(TextSize::default()), new_text: line },
    }
}

fn is_docstring(statement: &Stmt) -> bool {
    matches!(statement, Stmt::Expr(expression) if matches!(&*expression.value, ast::Expr::StringLiteral(_)))
}

/// The start of the line after the one `offset` is on (the end of the text on the last line).
fn line_after(source: &str, offset: TextSize) -> TextSize {
    let from = offset.to_usize().min(source.len());
    let at = source[from..].find('\n').map_or(source.len(), |newline| from + newline + 1);
    TextSize::try_from(at).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    fn imported(source: &str, module: &str, name: &str) -> String {
        let (db, file) = db_with_file(source);
        let edit = import_edit(&db, file, module, name);
        let mut text = source.to_string();
        text.replace_range(edit.range.to_std_range(), &edit.new_text);
        text
    }

    #[test]
    fn extends_an_import_from_the_module() {
        assert_eq!(imported("from os.path import join\nx = 1\n", "os.path", "exists"), "from os.path import join, exists\nx = 1\n");
        assert_eq!(
            imported("from typing import (\n    Any,\n    List,\n)\n", "typing", "cast"),
            "from typing import (\n    Any,\n    List, cast,\n)\n"
        );
    }

    #[test]
    fn adds_a_line_after_the_leading_imports_or_the_docstring() {
        assert_eq!(imported("import os\nimport sys\n\nx = 1\n", "pathlib", "Path"), "import os\nimport sys\nfrom pathlib import Path\n\nx = 1\n");
        assert_eq!(imported("\"\"\"Doc.\"\"\"\nx = 1\n", "pathlib", "Path"), "\"\"\"Doc.\"\"\"\nfrom pathlib import Path\nx = 1\n");
        assert_eq!(imported("x = 1\n", "pathlib", "Path"), "from pathlib import Path\nx = 1\n");
        assert_eq!(imported("import os", "pathlib", "Path"), "import os\nfrom pathlib import Path\n");
        // A star import or a relative one is not extended.
        assert_eq!(imported("from os import *\n", "os", "sep"), "from os import *\nfrom os import sep\n");
    }
}
