//! Displaying types the way a user writes them: `list[int]`, `int | None`,
//! `Literal[1, "a"]`, `(x: int, /) -> str`, `type[C]`, `<module 'os'>`.

use std::fmt::{self, Write};

use pytc_db::Db;

use crate::types::{DynamicType, ParameterKind, Signature, Type, TypeVarKind};

/// Nesting beyond this is shown as `...` so recursive or huge types stay printable.
const MAX_DEPTH: u32 = 24;

impl<'db> Type<'db> {
    /// The type as a user would write it.
    pub fn display(self, db: &'db dyn Db) -> String {
        let mut out = String::new();
        let _ = write_type(db, self, &mut out, 0);
        out
    }
}

impl<'db> Signature<'db> {
    pub fn display(&self, db: &'db dyn Db) -> String {
        let mut out = String::new();
        let _ = write_signature(db, self, &mut out, 0);
        out
    }
}

fn write_type(db: &dyn Db, ty: Type<'_>, out: &mut String, depth: u32) -> fmt::Result {
    if depth > MAX_DEPTH {
        return out.write_str("...");
    }
    let depth = depth + 1;
    match ty {
        Type::Dynamic(DynamicType::Any) => out.write_str("Any"),
        Type::Dynamic(DynamicType::Unknown) => out.write_str("Unknown"),
        Type::Dynamic(DynamicType::Todo(what)) => write!(out, "@Todo({})", what.description()),
        Type::Never => out.write_str("Never"),
        Type::None => out.write_str("None"),
        Type::Instance(class) => write_class(db, class, out, depth),
        Type::ClassObject(class) | Type::SubclassOf(class) => {
            out.write_str("type[")?;
            write_class(db, class, out, depth)?;
            out.write_str("]")
        }
        Type::Union(union) => write_union(db, union.elements(db), out, depth),
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) => {
            out.write_str("Literal[")?;
            write_literal_value(db, ty, out)?;
            out.write_str("]")
        }
        Type::LiteralString => out.write_str("LiteralString"),
        Type::Tuple(tuple) => {
            out.write_str("tuple[")?;
            let prefix = tuple.prefix(db);
            let suffix = tuple.suffix(db);
            match tuple.variadic(db) {
                None if prefix.is_empty() => out.write_str("()")?,
                None => write_list(db, prefix, out, depth)?,
                Some(variadic) if prefix.is_empty() && suffix.is_empty() => {
                    write_type(db, variadic, out, depth)?;
                    out.write_str(", ...")?;
                }
                Some(variadic) => {
                    for element in prefix {
                        write_type(db, *element, out, depth)?;
                        out.write_str(", ")?;
                    }
                    out.write_str("*tuple[")?;
                    write_type(db, variadic, out, depth)?;
                    out.write_str(", ...]")?;
                    for element in suffix {
                        out.write_str(", ")?;
                        write_type(db, *element, out, depth)?;
                    }
                }
            }
            out.write_str("]")
        }
        Type::Callable(callable) => write_signatures(db, callable.signatures(db), "", out, depth),
        Type::Function(function) => {
            let prefix = format!("def {}", function.name(db));
            write_signatures(db, crate::function::function_signatures(db, function), &prefix, out, depth)
        }
        Type::BoundMethod(method) => {
            out.write_str("bound method ")?;
            write_type(db, method.receiver(db), out, depth)?;
            write!(out, ".{}", method.function(db).name(db))?;
            let signatures = crate::function::function_signatures(db, method.function(db));
            match signatures.first() {
                Some(signature) if signatures.len() == 1 => write_signature(db, &signature.without_first_parameter(), out, depth),
                _ => out.write_str("(...)"),
            }
        }
        Type::Module(file) => {
            let name = crate::modules::module_name_of(db, file).unwrap_or_else(|| file.path(db).display());
            write!(out, "<module '{name}'>")
        }
        Type::TypeVar(typevar) => out.write_str(typevar.name(db)),
        Type::SpecialForm(form) => write!(out, "<special form '{}'>", form.name()),
        Type::TypeVarObject(typevar) => out.write_str(match typevar.kind(db) {
            TypeVarKind::TypeVar => "TypeVar",
            TypeVarKind::ParamSpec => "ParamSpec",
            TypeVarKind::TypeVarTuple => "TypeVarTuple",
        }),
        Type::TypeAlias(_) => out.write_str("TypeAliasType"),
        Type::TypeForm(form) => {
            out.write_str("<type form '")?;
            write_type(db, form.denoted(db), out, depth)?;
            out.write_str("'>")
        }
    }
}

fn write_list(db: &dyn Db, types: &[Type<'_>], out: &mut String, depth: u32) -> fmt::Result {
    for (i, ty) in types.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        write_type(db, *ty, out, depth)?;
    }
    Ok(())
}

fn write_class(db: &dyn Db, class: crate::types::ClassType<'_>, out: &mut String, depth: u32) -> fmt::Result {
    out.write_str(class.name(db))?;
    let arguments = class.arguments(db);
    if !arguments.is_empty() {
        out.write_str("[")?;
        write_list(db, arguments, out, depth)?;
        out.write_str("]")?;
    }
    Ok(())
}

fn is_literal(ty: &Type<'_>) -> bool {
    matches!(ty, Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_))
}

/// Literals are grouped into one `Literal[...]`, `None` goes last, as a user writes it.
fn write_union(db: &dyn Db, elements: &[Type<'_>], out: &mut String, depth: u32) -> fmt::Result {
    let mut first = true;
    let mut separator = |out: &mut String| -> fmt::Result {
        if !first {
            out.write_str(" | ")?;
        }
        first = false;
        Ok(())
    };
    let mut literals_written = false;
    for element in elements {
        if is_literal(element) {
            if literals_written {
                continue;
            }
            literals_written = true;
            separator(out)?;
            out.write_str("Literal[")?;
            for (i, literal) in elements.iter().filter(|ty| is_literal(ty)).enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write_literal_value(db, *literal, out)?;
            }
            out.write_str("]")?;
        } else if *element != Type::None {
            separator(out)?;
            let needs_parentheses = matches!(element, Type::Callable(_) | Type::Function(_));
            if needs_parentheses {
                out.write_str("(")?;
            }
            write_type(db, *element, out, depth)?;
            if needs_parentheses {
                out.write_str(")")?;
            }
        }
    }
    if elements.contains(&Type::None) {
        separator(out)?;
        out.write_str("None")?;
    }
    Ok(())
}

fn write_literal_value(db: &dyn Db, ty: Type<'_>, out: &mut String) -> fmt::Result {
    match ty {
        Type::IntLiteral(value) => write!(out, "{value}"),
        Type::BoolLiteral(value) => out.write_str(if value { "True" } else { "False" }),
        Type::StringLiteral(value) => write_string_literal(value.value(db), out),
        Type::BytesLiteral(value) => {
            out.write_str("b\"")?;
            for byte in value.value(db).iter() {
                match byte {
                    b'"' => out.write_str("\\\"")?,
                    b'\\' => out.write_str("\\\\")?,
                    0x20..=0x7e => out.write_char(char::from(*byte))?,
                    _ => write!(out, "\\x{byte:02x}")?,
                }
            }
            out.write_str("\"")
        }
        Type::EnumLiteral(member) => write!(out, "{}.{}", member.class(db).name(db), member.name(db)),
        _ => Ok(()),
    }
}

fn write_string_literal(value: &str, out: &mut String) -> fmt::Result {
    out.write_char('"')?;
    for c in value.chars() {
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            c => out.write_char(c)?,
        }
    }
    out.write_char('"')
}

/// One signature, or `Overload[...]` of several, each after `prefix` (`def name` for a
/// function, nothing for a callable).
fn write_signatures(db: &dyn Db, signatures: &[Signature<'_>], prefix: &str, out: &mut String, depth: u32) -> fmt::Result {
    if let [signature] = signatures {
        out.write_str(prefix)?;
        return write_signature(db, signature, out, depth);
    }
    out.write_str("Overload[")?;
    for (i, signature) in signatures.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        out.write_str(prefix)?;
        write_signature(db, signature, out, depth)?;
    }
    out.write_str("]")
}

fn write_signature(db: &dyn Db, signature: &Signature<'_>, out: &mut String, depth: u32) -> fmt::Result {
    out.write_str("(")?;
    if signature.gradual_parameters {
        out.write_str("...")?;
    } else {
        let mut keyword_marker_needed = true;
        for (i, parameter) in signature.parameters.iter().enumerate() {
            if i > 0 {
                out.write_str(", ")?;
            }
            match parameter.kind {
                ParameterKind::Variadic => {
                    keyword_marker_needed = false;
                    out.write_str("*")?;
                }
                ParameterKind::KeywordVariadic => out.write_str("**")?,
                ParameterKind::KeywordOnly if keyword_marker_needed => {
                    keyword_marker_needed = false;
                    out.write_str("*, ")?;
                }
                _ => {}
            }
            match &parameter.name {
                Some(name) => {
                    out.write_str(name)?;
                    if parameter.has_annotation {
                        out.write_str(": ")?;
                        write_type(db, parameter.annotated, out, depth)?;
                    }
                }
                None => write_type(db, parameter.annotated, out, depth)?,
            }
            if parameter.has_default {
                out.write_str(if parameter.has_annotation || parameter.name.is_none() { " = ..." } else { "=..." })?;
            }
            let next_is_positional_only =
                signature.parameters.get(i + 1).is_some_and(|next| next.kind == ParameterKind::PositionalOnly);
            if parameter.kind == ParameterKind::PositionalOnly && parameter.name.is_some() && !next_is_positional_only {
                out.write_str(", /")?;
            }
        }
    }
    out.write_str(") -> ")?;
    write_type(db, signature.return_type, out, depth)
}
