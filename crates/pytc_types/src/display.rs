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
    pytc_syntax::ensure_stack(|| write_type_at(db, ty, out, depth))
}

fn write_type_at(db: &dyn Db, ty: Type<'_>, out: &mut String, depth: u32) -> fmt::Result {
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
        Type::SubclassOfTypeVar(typevar) => write!(out, "type[{}]", typevar.name(db)),
        Type::Union(union) => write_union(db, union.elements(db), out, depth),
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) => {
            out.write_str("Literal[")?;
            write_literal_value(db, ty, out)?;
            out.write_str("]")
        }
        Type::LiteralString => out.write_str("LiteralString"),
        Type::Sentinel(sentinel) => out.write_str(sentinel.name(db)),
        Type::Tuple(tuple) => {
            out.write_str("tuple[")?;
            let prefix = tuple.prefix(db);
            let suffix = tuple.suffix(db);
            match tuple.variadic(db) {
                None if prefix.is_empty() => out.write_str("()")?,
                None => write_list(db, prefix, out, depth)?,
                Some(variadic) if variadic.as_typevar_tuple(db).is_some() => {
                    let elements = prefix.iter().chain(std::iter::once(&variadic)).chain(suffix).copied().collect::<Vec<_>>();
                    write_list(db, &elements, out, depth)?;
                }
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
            write_signatures(db, &crate::function::function_signatures(db, function), &prefix, out, depth)
        }
        Type::BoundMethod(method) => {
            out.write_str("bound method ")?;
            write_type(db, method.receiver(db), out, depth)?;
            write!(out, ".{}", method.function(db).name(db))?;
            let signatures = crate::function::inferred_signatures(db, method.function(db));
            match signatures.first() {
                Some(signature) if signatures.len() == 1 => write_signature(db, &signature.without_first_parameter(), out, depth),
                _ => out.write_str("(...)"),
            }
        }
        Type::Module(file) => {
            let name = crate::modules::module_name_of(db, file).unwrap_or_else(|| file.path(db).display());
            write!(out, "<module '{name}'>")
        }
        // A TypeVarTuple only ever stands unpacked (in a tuple or for `*args`).
        Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::TypeVarTuple => write!(out, "*{}", typevar.name(db)),
        Type::TypeVar(typevar) => out.write_str(typevar.name(db)),
        Type::SpecialForm(form) => write!(out, "<special form '{}'>", form.name()),
        Type::TypeVarObject(typevar) => out.write_str(match typevar.kind(db) {
            TypeVarKind::TypeVar => "TypeVar",
            TypeVarKind::ParamSpec => "ParamSpec",
            TypeVarKind::TypeVarTuple => "TypeVarTuple",
        }),
        Type::TypeAlias(_) => out.write_str("TypeAliasType"),
        Type::AliasRef(reference) => {
            out.write_str(reference.alias(db).name(db))?;
            let arguments = reference.arguments(db);
            if !arguments.is_empty() {
                out.write_str("[")?;
                for (index, argument) in arguments.iter().enumerate() {
                    if index > 0 {
                        out.write_str(", ")?;
                    }
                    write_type(db, *argument, out, depth)?;
                }
                out.write_str("]")?;
            }
            Ok(())
        }
        Type::TypeForm(form) => {
            out.write_str("<type form '")?;
            write_type(db, form.denoted(db), out, depth)?;
            out.write_str("'>")
        }
        Type::TypeFormOf(form) => {
            out.write_str("TypeForm[")?;
            write_type(db, form.denoted(db), out, depth)?;
            out.write_str("]")
        }
        Type::TypeGuard(guard) => {
            write!(out, "{}[", guard.kind(db).name())?;
            write_type(db, guard.guarded(db), out, depth)?;
            out.write_str("]")
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

/// The elements of a TypeVarTuple's tuple as they are written in a type argument list:
/// `int, *tuple[str, ...]`, `*Ts`, or for none `()` when it is the only argument (`Grid[()]`)
/// and `*tuple[()]` otherwise.
fn write_unpacked_elements(db: &dyn Db, tuple: crate::types::TupleType<'_>, only: bool, out: &mut String, depth: u32) -> fmt::Result {
    let (prefix, suffix) = (tuple.prefix(db), tuple.suffix(db));
    let Some(variadic) = tuple.variadic(db) else {
        return match (prefix.is_empty(), only) {
            (true, true) => out.write_str("()"),
            (true, false) => out.write_str("*tuple[()]"),
            (false, _) => write_list(db, prefix, out, depth),
        };
    };
    for element in prefix {
        write_type(db, *element, out, depth)?;
        out.write_str(", ")?;
    }
    if variadic.as_typevar_tuple(db).is_some() {
        write_type(db, variadic, out, depth)?;
    } else {
        out.write_str("*tuple[")?;
        write_type(db, variadic, out, depth)?;
        out.write_str(", ...]")?;
    }
    for element in suffix {
        out.write_str(", ")?;
        write_type(db, *element, out, depth)?;
    }
    Ok(())
}

fn write_class(db: &dyn Db, class: crate::types::ClassType<'_>, out: &mut String, depth: u32) -> fmt::Result {
    out.write_str(class.name(db))?;
    let arguments = class.arguments(db);
    if !arguments.is_empty() {
        let parameters = crate::class::type_parameters(db, class.class(db));
        out.write_str("[")?;
        for (i, argument) in arguments.iter().enumerate() {
            if i > 0 {
                out.write_str(", ")?;
            }
            match parameters.get(i) {
                Some(parameter) if parameter.kind(db) == TypeVarKind::ParamSpec => write_parameter_list(db, *argument, out, depth)?,
                Some(parameter) if parameter.kind(db) == TypeVarKind::TypeVarTuple && let Type::Tuple(tuple) = argument => {
                    write_unpacked_elements(db, *tuple, arguments.len() == 1, out, depth)?;
                }
                _ => write_type(db, *argument, out, depth)?,
            }
        }
        // An instance of the `tuple` class itself is the homogeneous tuple of its argument.
        if arguments.len() == 1 && crate::class::known::is_known(db, class.class(db), crate::class::KnownClass::Tuple) {
            out.write_str(", ...")?;
        }
        out.write_str("]")?;
    }
    Ok(())
}

/// The value of a ParamSpec as a user writes it: `[int, str]`, `...`, `P`,
/// `Concatenate[int, P]`, or `(a: int, *, b: str)` when parameters have names or kinds.
fn write_parameter_list(db: &dyn Db, value: Type<'_>, out: &mut String, depth: u32) -> fmt::Result {
    let Some((parameters, gradual)) = crate::generics::paramspec::parameters_of_value(db, value) else {
        return write_type(db, value, out, depth);
    };
    let tail = match &parameters[..] {
        [.., args, kwargs] if args.kind == ParameterKind::Variadic && kwargs.kind == ParameterKind::KeywordVariadic && args.annotated == kwargs.annotated => {
            crate::generics::paramspec::as_param_spec(db, args.annotated)
        }
        _ => None,
    };
    let prefix = if tail.is_some() { &parameters[..parameters.len() - 2] } else { &parameters[..] };
    let plain = prefix.iter().all(|p| p.name.is_none() && p.kind == ParameterKind::PositionalOnly);
    if !plain {
        let signature = Signature { parameters, return_type: Type::Never, gradual_parameters: gradual };
        return write_parameters(db, &signature, out, depth);
    }
    let prefix_types: Vec<Type<'_>> = prefix.iter().map(|p| p.annotated).collect();
    match (tail, gradual) {
        (None, false) => {
            out.write_str("[")?;
            write_list(db, &prefix_types, out, depth)?;
            out.write_str("]")
        }
        (None, true) if prefix.is_empty() => out.write_str("..."),
        (Some(param_spec), _) if prefix.is_empty() => out.write_str(param_spec.name(db)),
        (tail, _) => {
            out.write_str("Concatenate[")?;
            write_list(db, &prefix_types, out, depth)?;
            match tail {
                Some(param_spec) => write!(out, ", {}]", param_spec.name(db)),
                None => out.write_str(", ...]"),
            }
        }
    }
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
    write_parameters(db, signature, out, depth)?;
    out.write_str(" -> ")?;
    write_type(db, signature.return_type, out, depth)
}

/// A signature's parenthesized parameters: `(x: int, /, *, y: str = ...)`, with a nameless
/// ParamSpec pair as `**P` and a gradual tail as `...`.
fn write_parameters(db: &dyn Db, signature: &Signature<'_>, out: &mut String, depth: u32) -> fmt::Result {
    out.write_str("(")?;
    let parameters = written_parameters(db, signature);
    let mut keyword_marker_needed = true;
    let mut run_end = 0;
    for (i, parameter) in parameters.iter().enumerate() {
        if i < run_end {
            continue;
        }
        if i > 0 && !is_nameless_param_spec_kwargs(db, parameter) {
            out.write_str(", ")?;
        }
        if let Some(name) = &parameter.unpacked_args {
            let run: Vec<_> = parameters[i..].iter().take_while(|p| p.unpacked_args.as_ref() == Some(name)).copied().collect();
            run_end = i + run.len();
            keyword_marker_needed = false;
            write_unpacked_args(db, name, &run, out, depth)?;
            continue;
        }
        if write_param_spec_component(db, parameter, out)? {
            keyword_marker_needed = false;
            continue;
        }
        match parameter.kind {
            ParameterKind::Variadic => {
                keyword_marker_needed = false;
                // A nameless `*Ts` (`Callable[[int, *Ts], R]`) is written by its type alone.
                if parameter.name.is_some() || parameter.annotated.as_typevar_tuple(db).is_none() {
                    out.write_str("*")?;
                }
            }
            ParameterKind::KeywordVariadic => out.write_str("**")?,
            ParameterKind::UnpackedKeywords => {
                write!(out, "**{}: Unpack[", parameter.name.as_deref().unwrap_or("kwargs"))?;
                write_type(db, parameter.annotated, out, depth)?;
                out.write_str("]")?;
                continue;
            }
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
            // `Callable[[int, *tuple[str, ...]], R]`'s nameless `*args`.
            None if parameter.kind == ParameterKind::Variadic && parameter.annotated.as_typevar_tuple(db).is_none() => {
                out.write_str("tuple[")?;
                write_type(db, parameter.annotated, out, depth)?;
                out.write_str(", ...]")?;
            }
            None => write_type(db, parameter.annotated, out, depth)?,
        }
        if parameter.has_default {
            out.write_str(if parameter.has_annotation || parameter.name.is_none() { " = ..." } else { "=..." })?;
        }
        let next_is_positional_only = parameters.get(i + 1).is_some_and(|next| next.kind == ParameterKind::PositionalOnly && next.unpacked_args.is_none());
        // Nameless parameters (`Callable[[int], str]`) are positional-only anyway; the
        // marker matters only before one that may be passed by keyword.
        let next_is_keyword_capable = parameters.get(i + 1).is_some_and(|next| next.kind == ParameterKind::PositionalOrKeyword);
        if parameter.kind == ParameterKind::PositionalOnly && (parameter.name.is_some() || next_is_keyword_capable) && !next_is_positional_only {
            out.write_str(", /")?;
        }
    }
    let lists_variadics = [ParameterKind::Variadic, ParameterKind::KeywordVariadic]
        .iter()
        .all(|kind| parameters.iter().any(|p| p.kind == *kind));
    if signature.gradual_parameters && !lists_variadics {
        out.write_str(if parameters.is_empty() { "..." } else { ", ..." })?;
    }
    out.write_str(")")
}

/// The parameters one `*args: *tuple[...]` stands for, as written: `*args: *tuple[int, str]`,
/// `*args: *tuple[int, *Ts]`, or the unbounded element alone (`*args: *Ts`,
/// `*args: *tuple[int, ...]`).
fn write_unpacked_args(db: &dyn Db, name: &str, run: &[&crate::types::Parameter<'_>], out: &mut String, depth: u32) -> fmt::Result {
    write!(out, "*{name}: ")?;
    let alone = matches!(run, [only] if only.kind == ParameterKind::Variadic);
    if !alone {
        out.write_str("*tuple[")?;
    }
    for (i, parameter) in run.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        let unbounded = parameter.kind == ParameterKind::Variadic && parameter.annotated.as_typevar_tuple(db).is_none();
        if unbounded {
            out.write_str("*tuple[")?;
        }
        write_type(db, parameter.annotated, out, depth)?;
        if unbounded {
            out.write_str(", ...]")?;
        }
    }
    if !alone {
        out.write_str("]")?;
    }
    Ok(())
}

/// The parameters as the user wrote them: the keyword-only parameters (and the `**kwargs`
/// of its extra items) that `**kwargs: Unpack[TD]` stands for are shown as that one parameter.
fn written_parameters<'a, 'db>(db: &'db dyn Db, signature: &'a Signature<'db>) -> Vec<&'a crate::types::Parameter<'db>> {
    let has_marker = signature.parameters.iter().any(|p| p.kind == ParameterKind::UnpackedKeywords);
    let unpacked_keys: Vec<Box<str>> = match signature.parameters.iter().find(|p| p.kind == ParameterKind::UnpackedKeywords) {
        Some(marker) => match marker.annotated {
            Type::Instance(class) => crate::typed_dict::typed_dict_items(db, class).into_iter().map(|item| item.name).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    signature
        .parameters
        .iter()
        .filter(|p| !(p.kind == ParameterKind::KeywordOnly && p.name.as_ref().is_some_and(|name| unpacked_keys.contains(name))))
        .filter(|p| !(p.kind == ParameterKind::KeywordVariadic && has_marker))
        .collect()
}

/// `*args: P.args` / `**kwargs: P.kwargs` as written, or `**P` for the nameless pair of
/// `Callable[P, R]`; `false` (nothing written) for any other parameter.
fn write_param_spec_component(db: &dyn Db, parameter: &crate::types::Parameter<'_>, out: &mut String) -> Result<bool, fmt::Error> {
    let Some(param_spec) = crate::generics::paramspec::as_param_spec(db, parameter.annotated) else { return Ok(false) };
    let (stars, component) = match parameter.kind {
        ParameterKind::Variadic => ("*", "args"),
        ParameterKind::KeywordVariadic => ("**", "kwargs"),
        _ => return Ok(false),
    };
    match &parameter.name {
        Some(name) => write!(out, "{stars}{name}: {}.{component}", param_spec.name(db))?,
        None if parameter.kind == ParameterKind::Variadic => write!(out, "**{}", param_spec.name(db))?,
        None => {}
    }
    Ok(true)
}

/// The nameless `**kwargs: P.kwargs` of `Callable[P, R]`, written together with its
/// `*args` half as `**P`.
fn is_nameless_param_spec_kwargs(db: &dyn Db, parameter: &crate::types::Parameter<'_>) -> bool {
    parameter.kind == ParameterKind::KeywordVariadic && parameter.name.is_none() && crate::generics::paramspec::as_param_spec(db, parameter.annotated).is_some()
}
