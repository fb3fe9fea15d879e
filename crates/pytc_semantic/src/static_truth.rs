//! Static evaluation of the conditions type checkers agree to decide without running code:
//! `sys.version_info` comparisons, `sys.platform` and `os.name` checks, `TYPE_CHECKING` and
//! literal constants, against the configured Python version and platform. The modules may be
//! spelled through import aliases (`import sys as _sys`, `import typing as t`, `from typing
//! import TYPE_CHECKING as TC`), which the index builder records as it meets the imports.

use std::cmp::Ordering;

use pytc_db::PythonPlatform;
use pytc_syntax::PythonVersion;
use pytc_syntax::ast::name::Name;
use pytc_syntax::ast::{self, CmpOp, Expr};

/// Evaluates test expressions against the check's target.
pub(crate) struct StaticTruth {
    version: PythonVersion,
    platform: PythonPlatform,
    /// Local names of the modules conditions are read from, besides their own names.
    module_aliases: Vec<(Name, KnownConditionModule)>,
    /// Local names of `TYPE_CHECKING` besides `TYPE_CHECKING` itself.
    type_checking_aliases: Vec<Name>,
}

/// A module whose attributes static conditions read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum KnownConditionModule {
    Sys,
    Os,
    /// `typing` or `typing_extensions`.
    Typing,
}

impl KnownConditionModule {
    pub(crate) fn from_module_name(name: &str) -> Option<Self> {
        match name {
            "sys" => Some(Self::Sys),
            "os" => Some(Self::Os),
            "typing" | "typing_extensions" => Some(Self::Typing),
            _ => None,
        }
    }
}

/// `sys.version_info`, possibly sliced: known leading components, and whether more
/// (unknown) components follow.
struct VersionTuple {
    components: Vec<i64>,
    open_ended: bool,
}

enum Operand {
    Version(VersionTuple),
    Int(i64),
    Tuple(Vec<i64>),
    Platform,
    /// `os.name`: `"nt"` on Windows, `"posix"` elsewhere.
    OsName,
    Str(String),
    StrTuple(Vec<String>),
}

impl StaticTruth {
    pub(crate) fn new(version: PythonVersion, platform: PythonPlatform) -> Self {
        Self { version, platform, module_aliases: Vec::new(), type_checking_aliases: Vec::new() }
    }

    /// Whether the target evaluates annotations lazily (Python 3.14 on, PEP 649), so an
    /// annotation may name what is defined later.
    pub(crate) fn defers_annotations(&self) -> bool {
        self.version >= PythonVersion::PY314
    }

    /// `import <module> as <local>`: conditions may read the module through `local`.
    pub(crate) fn add_module_alias(&mut self, local: &Name, module: &str) {
        if let Some(known) = KnownConditionModule::from_module_name(module)
            && !self.module_aliases.iter().any(|(name, _)| name == local)
        {
            self.module_aliases.push((local.clone(), known));
        }
    }

    /// `from typing import TYPE_CHECKING as <local>`.
    pub(crate) fn add_type_checking_alias(&mut self, local: &Name) {
        if !self.type_checking_aliases.contains(local) {
            self.type_checking_aliases.push(local.clone());
        }
    }

    /// The module a name stands for in a condition: its own name or a recorded alias.
    fn module_named(&self, name: &str) -> Option<KnownConditionModule> {
        KnownConditionModule::from_module_name(name)
            .or_else(|| self.module_aliases.iter().find(|(alias, _)| alias.as_str() == name).map(|(_, module)| *module))
    }

    fn is_module_attribute(&self, expr: &Expr, module: KnownConditionModule, attribute: &str) -> bool {
        matches!(expr, Expr::Attribute(access)
            if access.attr.as_str() == attribute
                && matches!(&*access.value, Expr::Name(name) if self.module_named(&name.id) == Some(module)))
    }

    fn is_sys_attribute(&self, expr: &Expr, attribute: &str) -> bool {
        self.is_module_attribute(expr, KnownConditionModule::Sys, attribute)
    }

    /// `Some(truth)` when the expression's truth is known statically. `and`/`or`/`not` are
    /// not handled here: the builder splits them and combines the parts.
    pub(crate) fn evaluate(&self, expr: &Expr) -> Option<bool> {
        match expr {
            Expr::BooleanLiteral(literal) => Some(literal.value),
            Expr::NoneLiteral(_) => Some(false),
            Expr::NumberLiteral(number) => match &number.value {
                ast::Number::Int(int) => int.as_u64().map(|value| value != 0),
                _ => None,
            },
            Expr::Name(name) if name.id.as_str() == "TYPE_CHECKING" || self.type_checking_aliases.contains(&name.id) => {
                Some(true)
            }
            Expr::Attribute(_) if self.is_module_attribute(expr, KnownConditionModule::Typing, "TYPE_CHECKING") => Some(true),
            Expr::Compare(compare) if compare.ops.len() == 1 => {
                self.compare(&compare.left, compare.ops[0], &compare.comparators[0])
            }
            Expr::Call(call) => self.platform_startswith(call),
            _ => None,
        }
    }

    /// Like `evaluate`, also through `not`, `and` and `or`.
    pub(crate) fn evaluate_condition(&self, expr: &Expr) -> Option<bool> {
        match expr {
            Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => self.evaluate_condition(&unary.operand).map(|truth| !truth),
            Expr::BoolOp(bool_op) => {
                let is_and = bool_op.op == ast::BoolOp::And;
                let mut all_known = true;
                for value in &bool_op.values {
                    match self.evaluate_condition(value) {
                        // `and` is decided by a false operand, `or` by a true one.
                        Some(truth) if truth != is_and => return Some(truth),
                        Some(_) => {}
                        None => all_known = false,
                    }
                }
                all_known.then_some(is_and)
            }
            _ => self.evaluate(expr),
        }
    }

    /// Whether the condition reads `sys.platform` or `os.name` anywhere.
    pub(crate) fn reads_platform(&self, expr: &Expr) -> bool {
        match expr {
            Expr::UnaryOp(unary) => self.reads_platform(&unary.operand),
            Expr::BoolOp(bool_op) => bool_op.values.iter().any(|value| self.reads_platform(value)),
            Expr::Compare(compare) => std::iter::once(&*compare.left).chain(compare.comparators.iter()).any(|operand| self.reads_platform(operand)),
            Expr::Call(call) => self.reads_platform(&call.func),
            Expr::Attribute(access) => {
                self.is_sys_attribute(expr, "platform") || self.is_module_attribute(expr, KnownConditionModule::Os, "name") || self.reads_platform(&access.value)
            }
            _ => false,
        }
    }

    fn compare(&self, left: &Expr, op: CmpOp, right: &Expr) -> Option<bool> {
        let left = self.operand(left)?;
        let right = self.operand(right)?;
        match (left, right) {
            (Operand::Version(version), Operand::Tuple(tuple)) => {
                compare_version(&version, &tuple).and_then(|ordering| ordering_satisfies(ordering, op))
            }
            (Operand::Tuple(tuple), Operand::Version(version)) => compare_version(&version, &tuple)
                .and_then(|ordering| ordering_satisfies(ordering.reverse(), op)),
            (Operand::Int(a), Operand::Int(b)) => ordering_satisfies(a.cmp(&b), op),
            (Operand::Platform, Operand::Str(name)) | (Operand::Str(name), Operand::Platform) => {
                let PythonPlatform::Named(platform) = &self.platform else { return None };
                match op {
                    CmpOp::Eq => Some(*platform == name),
                    CmpOp::NotEq => Some(*platform != name),
                    _ => None,
                }
            }
            (Operand::OsName, Operand::Str(name)) | (Operand::Str(name), Operand::OsName) => {
                let PythonPlatform::Named(platform) = &self.platform else { return None };
                let os_name = if platform == "win32" { "nt" } else { "posix" };
                match op {
                    CmpOp::Eq => Some(os_name == name),
                    CmpOp::NotEq => Some(os_name != name),
                    _ => None,
                }
            }
            (Operand::Platform, Operand::StrTuple(names)) => {
                let PythonPlatform::Named(platform) = &self.platform else { return None };
                let contained = names.iter().any(|name| name == platform);
                match op {
                    CmpOp::In => Some(contained),
                    CmpOp::NotIn => Some(!contained),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn operand(&self, expr: &Expr) -> Option<Operand> {
        if self.is_sys_attribute(expr, "version_info") {
            return Some(Operand::Version(VersionTuple { components: self.version_components(), open_ended: true }));
        }
        if self.is_sys_attribute(expr, "platform") {
            return Some(Operand::Platform);
        }
        if self.is_module_attribute(expr, KnownConditionModule::Os, "name") {
            return Some(Operand::OsName);
        }
        match expr {
            Expr::NumberLiteral(_) | Expr::UnaryOp(_) => int_literal(expr).map(Operand::Int),
            Expr::Tuple(tuple) => {
                if let Some(ints) = tuple.elts.iter().map(int_literal).collect::<Option<Vec<_>>>() {
                    return Some(Operand::Tuple(ints));
                }
                tuple.elts.iter().map(str_literal).collect::<Option<Vec<_>>>().map(Operand::StrTuple)
            }
            Expr::StringLiteral(literal) => Some(Operand::Str(literal.value.to_str().to_string())),
            Expr::Attribute(attribute) if self.is_sys_attribute(&attribute.value, "version_info") => {
                match attribute.attr.as_str() {
                    "major" => Some(Operand::Int(i64::from(self.version.major))),
                    "minor" => Some(Operand::Int(i64::from(self.version.minor))),
                    _ => None,
                }
            }
            Expr::Subscript(subscript) if self.is_sys_attribute(&subscript.value, "version_info") => {
                self.version_subscript(&subscript.slice)
            }
            _ => None,
        }
    }

    fn version_components(&self) -> Vec<i64> {
        vec![i64::from(self.version.major), i64::from(self.version.minor)]
    }

    fn version_subscript(&self, slice: &Expr) -> Option<Operand> {
        let components = self.version_components();
        match slice {
            Expr::Slice(slice) => {
                if slice.lower.as_deref().is_some_and(|lower| int_literal(lower) != Some(0)) || slice.step.is_some() {
                    return None;
                }
                let Some(upper) = &slice.upper else {
                    return Some(Operand::Version(VersionTuple { components, open_ended: true }));
                };
                let upper = usize::try_from(int_literal(upper)?).ok()?;
                if upper <= components.len() {
                    Some(Operand::Version(VersionTuple { components: components[..upper].to_vec(), open_ended: false }))
                } else {
                    Some(Operand::Version(VersionTuple { components, open_ended: true }))
                }
            }
            _ => {
                let index = usize::try_from(int_literal(slice)?).ok()?;
                components.get(index).copied().map(Operand::Int)
            }
        }
    }

    /// `sys.platform.startswith("linux")` (also with a tuple of prefixes).
    fn platform_startswith(&self, call: &ast::ExprCall) -> Option<bool> {
        let Expr::Attribute(method) = &*call.func else { return None };
        if method.attr.as_str() != "startswith" || !self.is_sys_attribute(&method.value, "platform") {
            return None;
        }
        let [argument] = &*call.arguments.args else { return None };
        if !call.arguments.keywords.is_empty() {
            return None;
        }
        let prefixes = match argument {
            Expr::Tuple(tuple) => tuple.elts.iter().map(str_literal).collect::<Option<Vec<_>>>()?,
            other => vec![str_literal(other)?],
        };
        let PythonPlatform::Named(platform) = &self.platform else { return None };
        Some(prefixes.iter().any(|prefix| platform.starts_with(prefix.as_str())))
    }
}

fn int_literal(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::NumberLiteral(number) => match &number.value {
            ast::Number::Int(int) => int.as_i64(),
            _ => None,
        },
        Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::USub => int_literal(&unary.operand).map(|value| -value),
        _ => None,
    }
}

fn str_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_string()),
        _ => None,
    }
}

/// Python's lexicographic tuple comparison of `sys.version_info` (or a slice of it) with a
/// tuple of integers; `None` when unknown components decide it.
fn compare_version(version: &VersionTuple, tuple: &[i64]) -> Option<Ordering> {
    for (known, other) in version.components.iter().zip(tuple) {
        match known.cmp(other) {
            Ordering::Equal => {}
            unequal => return Some(unequal),
        }
    }
    let known = version.components.len();
    if tuple.len() <= known {
        if version.open_ended || known > tuple.len() {
            Some(Ordering::Greater)
        } else {
            Some(Ordering::Equal)
        }
    } else if version.open_ended {
        None
    } else {
        Some(Ordering::Less)
    }
}

fn ordering_satisfies(ordering: Ordering, op: CmpOp) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::LtE => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::GtE => ordering != Ordering::Less,
        CmpOp::Eq => ordering == Ordering::Equal,
        CmpOp::NotEq => ordering != Ordering::Equal,
        _ => return None,
    })
}
