//! The imports a module's syntax tree makes, in every scope, skipping code that a simple
//! static evaluation of `sys.version_info` / `sys.platform` checks shows unreachable.
//!
//! A syntactic pass for import diagnostics and the typeshed corpus test; the semantic index
//! computes reachability fully.

use std::cmp::Ordering;

use pytc_db::PythonPlatform;
use pytc_syntax::ast::statement_visitor::{StatementVisitor, walk_stmt};
use pytc_syntax::ast::{CmpOp, Expr, ModModule, Stmt, UnaryOp};
use pytc_syntax::{PythonVersion, Ranged, TextRange};

/// One module an import statement names: `import a.b` → `a.b`; `from ..x import y` → `x`
/// at level 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedModule<'a> {
    pub module: Option<&'a str>,
    /// The number of leading dots.
    pub level: u32,
    /// Where to point a diagnostic: the dotted name, or the statement for `from . import x`.
    pub range: TextRange,
}

/// Every module imported in `module`, in source order, except in branches that are
/// statically unreachable for `version` and `platform`.
pub fn reachable_imports<'a>(
    module: &'a ModModule,
    version: PythonVersion,
    platform: &PythonPlatform,
) -> Vec<ImportedModule<'a>> {
    let mut collector = ImportCollector { target: StaticTarget { version, platform }, imports: Vec::new() };
    collector.visit_body(&module.body);
    collector.imports
}

struct ImportCollector<'a, 'p> {
    target: StaticTarget<'p>,
    imports: Vec<ImportedModule<'a>>,
}

impl<'a> StatementVisitor<'a> for ImportCollector<'a, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(import) => self.imports.extend(import.names.iter().map(|alias| ImportedModule {
                module: Some(alias.name.as_str()),
                level: 0,
                range: alias.name.range(),
            })),
            Stmt::ImportFrom(import) => self.imports.push(ImportedModule {
                module: import.module.as_ref().map(|name| name.as_str()),
                level: import.level,
                range: import.module.as_ref().map_or(import.range, Ranged::range),
            }),
            Stmt::If(if_stmt) => {
                let clauses = std::iter::once((Some(&*if_stmt.test), &if_stmt.body))
                    .chain(if_stmt.elif_else_clauses.iter().map(|clause| (clause.test.as_ref(), &clause.body)));
                for (test, body) in clauses {
                    match test.map(|test| self.target.evaluate(test)) {
                        Some(Some(false)) => continue,
                        Some(None) => self.visit_body(body),
                        // Statically true, or a plain `else`: later clauses cannot run.
                        Some(Some(true)) | None => {
                            self.visit_body(body);
                            break;
                        }
                    }
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }
}

/// What `sys.version_info` and `sys.platform` are for this check.
struct StaticTarget<'p> {
    version: PythonVersion,
    platform: &'p PythonPlatform,
}

impl StaticTarget<'_> {
    /// The value of a condition if it is decidable from the target alone.
    fn evaluate(&self, test: &Expr) -> Option<bool> {
        match test {
            Expr::UnaryOp(unary) if unary.op == UnaryOp::Not => self.evaluate(&unary.operand).map(|value| !value),
            Expr::BooleanLiteral(literal) => Some(literal.value),
            // A checker sees the `TYPE_CHECKING` branches: `if not TYPE_CHECKING:` is runtime only.
            Expr::Name(name) if name.id.as_str() == "TYPE_CHECKING" => Some(true),
            Expr::Attribute(attribute) if attribute.attr.as_str() == "TYPE_CHECKING" && is_typing_module(&attribute.value) => Some(true),
            Expr::BoolOp(bool_op) => {
                let is_and = bool_op.op == pytc_syntax::ast::BoolOp::And;
                // Short-circuit: one decided operand can decide the whole expression.
                let mut undecided = false;
                for value in &bool_op.values {
                    match self.evaluate(value) {
                        Some(value) if value != is_and => return Some(value),
                        Some(_) => {}
                        None => undecided = true,
                    }
                }
                (!undecided).then_some(is_and)
            }
            Expr::Compare(compare) if compare.ops.len() == 1 => {
                let (op, right) = (compare.ops[0], &compare.comparators[0]);
                if version_info_part(&compare.left).is_some() {
                    self.compare_version(&compare.left, op, right)
                } else if is_sys_attribute(&compare.left, "platform") {
                    let PythonPlatform::Named(platform) = self.platform else { return None };
                    let Expr::StringLiteral(literal) = right else { return None };
                    match op {
                        CmpOp::Eq => Some(platform.as_str() == literal.value.to_str()),
                        CmpOp::NotEq => Some(platform.as_str() != literal.value.to_str()),
                        _ => None,
                    }
                } else {
                    None
                }
            }
            Expr::Call(call) if call.arguments.args.len() == 1 && call.arguments.keywords.is_empty() => {
                let Expr::Attribute(method) = &*call.func else { return None };
                let PythonPlatform::Named(platform) = self.platform else { return None };
                let Expr::StringLiteral(prefix) = &call.arguments.args[0] else { return None };
                (method.attr.as_str() == "startswith" && is_sys_attribute(&method.value, "platform"))
                    .then(|| platform.starts_with(prefix.value.to_str()))
            }
            _ => None,
        }
    }

    /// `sys.version_info <op> (3, N)`, also `sys.version_info[:2]` and `sys.version_info[0]`,
    /// compared with Python's tuple ordering against the target's major and minor version
    /// (the real `version_info` continues with micro, release level and serial).
    fn compare_version(&self, left: &Expr, op: CmpOp, right: &Expr) -> Option<bool> {
        let target = [u64::from(self.version.major), u64::from(self.version.minor)];
        let ordering = match (version_info_part(left)?, right) {
            (VersionInfoPart::Index(index), Expr::NumberLiteral(number)) => {
                target.get(index)?.cmp(&number.value.as_int()?.as_u64()?)
            }
            (part, Expr::Tuple(tuple)) => {
                let numbers: Vec<u64> = tuple
                    .elts
                    .iter()
                    .map(|element| element.as_number_literal_expr()?.value.as_int()?.as_u64())
                    .collect::<Option<_>>()?;
                match part {
                    VersionInfoPart::Prefix(length) => target.get(..length)?.cmp(&numbers[..]),
                    VersionInfoPart::Whole => {
                        let known = numbers.len().min(2);
                        match target[..known].cmp(&numbers[..known]) {
                            // Equal so far: the longer real tuple is greater, unless the
                            // literal goes on to the micro version, which is unknown.
                            Ordering::Equal if numbers.len() <= 2 => Ordering::Greater,
                            Ordering::Equal => return None,
                            ordering => ordering,
                        }
                    }
                    VersionInfoPart::Index(_) => return None,
                }
            }
            _ => return None,
        };
        Some(match op {
            CmpOp::Lt => ordering.is_lt(),
            CmpOp::LtE => ordering.is_le(),
            CmpOp::Gt => ordering.is_gt(),
            CmpOp::GtE => ordering.is_ge(),
            CmpOp::Eq => ordering.is_eq(),
            CmpOp::NotEq => ordering.is_ne(),
            _ => return None,
        })
    }
}

/// Which part of `sys.version_info` an expression reads.
enum VersionInfoPart {
    Whole,
    /// `sys.version_info[:n]` for n of 1 or 2.
    Prefix(usize),
    /// `sys.version_info[0]` or `[1]`.
    Index(usize),
}

fn version_info_part(expr: &Expr) -> Option<VersionInfoPart> {
    if is_sys_attribute(expr, "version_info") {
        return Some(VersionInfoPart::Whole);
    }
    let Expr::Subscript(subscript) = expr else { return None };
    if !is_sys_attribute(&subscript.value, "version_info") {
        return None;
    }
    let small_int = |expr: &Expr| -> Option<usize> {
        let value = usize::try_from(expr.as_number_literal_expr()?.value.as_int()?.as_u64()?).ok()?;
        (value <= 2).then_some(value)
    };
    match &*subscript.slice {
        Expr::Slice(slice) if slice.lower.is_none() && slice.step.is_none() => {
            Some(VersionInfoPart::Prefix(small_int(slice.upper.as_deref()?)?))
        }
        index => small_int(index).filter(|index| *index < 2).map(VersionInfoPart::Index),
    }
}

fn is_sys_attribute(expr: &Expr, attribute: &str) -> bool {
    let Expr::Attribute(access) = expr else { return false };
    access.attr.as_str() == attribute && matches!(&*access.value, Expr::Name(name) if name.id.as_str() == "sys")
}

/// `typing` or `typing_extensions` spelled as a name (`typing.TYPE_CHECKING`).
fn is_typing_module(expr: &Expr) -> bool {
    matches!(expr, Expr::Name(name) if matches!(name.id.as_str(), "typing" | "typing_extensions"))
}

#[cfg(test)]
mod tests {
    use pytc_syntax::{SourceKind, parse};

    use super::*;

    fn imports(source: &str, version: PythonVersion, platform: &PythonPlatform) -> Vec<String> {
        let parsed = parse(source, SourceKind::Python, version);
        reachable_imports(parsed.syntax(), version, platform)
            .into_iter()
            .map(|import| format!("{}{}", ".".repeat(import.level as usize), import.module.unwrap_or("")))
            .collect()
    }

    const SOURCE: &str = "\
import a.b, c as d
from . import x
from ..pkg import y
def f():
    import in_function
class C:
    from inner import z
if TYPE_CHECKING:
    import typing_only
if sys.version_info >= (3, 11):
    import new
elif sys.version_info >= (3, 9):
    import middle
else:
    import old
if sys.platform == \"win32\" and sys.version_info < (3, 12):
    import windows_old
if not sys.platform.startswith(\"linux\"):
    import not_linux
try:
    import tried
except ImportError:
    import fallback
";

    #[test]
    fn version_checks_follow_python_tuple_ordering() {
        let linux = PythonPlatform::Named("linux".to_string());
        let reachable = |condition: &str| {
            let source = format!("if {condition}:\n    import inside\n");
            !imports(&source, PythonVersion::PY312, &linux).is_empty()
        };
        for always in [
            "sys.version_info >= (3, 12)",
            "sys.version_info > (3, 12)",
            "sys.version_info >= (3,)",
            "sys.version_info != (3, 12)",
            "sys.version_info[:2] == (3, 12)",
            "sys.version_info[:2] >= (3, 10)",
            "sys.version_info[0] == 3",
            "sys.version_info[1] > 11",
        ] {
            assert!(reachable(always), "{always} should be reachable on 3.12");
        }
        for never in [
            "sys.version_info < (3, 12)",
            "sys.version_info <= (3, 12)",
            "sys.version_info == (3, 12)",
            "sys.version_info[:2] < (3, 12)",
            "sys.version_info[0] == 2",
        ] {
            assert!(!reachable(never), "{never} should be unreachable on 3.12");
        }
        // Undecidable: the micro version, or an index beyond the minor version.
        assert!(reachable("sys.version_info >= (3, 12, 1)"));
        assert!(reachable("sys.version_info < (3, 12, 1)"));
        assert!(reachable("sys.version_info[2] == 0"));
    }

    #[test]
    fn runtime_only_branches_are_skipped() {
        let linux = PythonPlatform::Named("linux".to_string());
        let source = "\
if not TYPE_CHECKING:
    import runtime_only
if typing.TYPE_CHECKING:
    import checked
else:
    import runtime_fallback
if False:
    import never
if True:
    import always
";
        assert_eq!(imports(source, PythonVersion::PY312, &linux), ["checked", "always"]);
    }

    #[test]
    fn collects_imports_in_every_scope_skipping_unreachable_version_branches() {
        let linux = PythonPlatform::Named("linux".to_string());
        let common = ["a.b", "c", ".", "..pkg", "in_function", "inner", "typing_only"];
        let on_312 = imports(SOURCE, PythonVersion::PY312, &linux);
        assert_eq!(on_312, [&common[..], &["new", "tried", "fallback"]].concat());
        let on_310 = imports(SOURCE, PythonVersion::PY310, &linux);
        assert_eq!(on_310, [&common[..], &["middle", "tried", "fallback"]].concat());
        let on_38_windows = imports(SOURCE, PythonVersion::PY38, &PythonPlatform::Named("win32".to_string()));
        assert_eq!(on_38_windows, [&common[..], &["old", "windows_old", "not_linux", "tried", "fallback"]].concat());
        // With every platform possible, platform checks are undecided: both kept.
        let all = imports(SOURCE, PythonVersion::PY312, &PythonPlatform::All);
        assert!(all.contains(&"not_linux".to_string()) && !all.contains(&"windows_old".to_string()));
    }
}
