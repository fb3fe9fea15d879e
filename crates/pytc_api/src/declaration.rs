//! A public symbol's declaration as a user writes it: `class C(Base)`,
//! `def f(x: int, /, *, y: str = ...) -> bool` (one line per overload),
//! `x: int`, `type A = int | str`, `T = TypeVar("T", bound=int)`.

use pytc_db::Db;
use pytc_types::api::{ApiParameterKind, ApiSignature, ApiSymbolKind, ApiTypedDictKey, MethodKind};

/// The declaration lines of symbol `name` of `kind`.
pub(crate) fn declaration_lines<'db>(db: &'db dyn Db, name: &str, kind: &ApiSymbolKind<'db>) -> Vec<String> {
    match kind {
        ApiSymbolKind::Class(class) => {
            let mut bases: Vec<String> = class.bases.iter().map(|base| base.display(db)).collect();
            if class.is_protocol {
                bases.push("Protocol".to_string());
            }
            if class.is_typed_dict && bases.is_empty() {
                bases.push("TypedDict".to_string());
            }
            let bases = if bases.is_empty() { String::new() } else { format!("({})", bases.join(", ")) };
            let decorator = if class.is_final { "@final " } else { "" };
            vec![format!("{decorator}class {name}{bases}")]
        }
        ApiSymbolKind::Function(function) => {
            let mut prefix = String::new();
            if function.is_overloaded {
                prefix.push_str("@overload ");
            }
            match function.method_kind {
                MethodKind::Class => prefix.push_str("@classmethod "),
                MethodKind::Static => prefix.push_str("@staticmethod "),
                MethodKind::Function | MethodKind::Instance => {}
            }
            if function.is_abstract {
                prefix.push_str("@abstractmethod ");
            }
            if function.is_final {
                prefix.push_str("@final ");
            }
            if function.is_async {
                prefix.push_str("async ");
            }
            function.overloads.iter().map(|signature| format!("{prefix}def {name}{}", signature_text(db, signature))).collect()
        }
        ApiSymbolKind::Property { ty, settable } => {
            let ty = ty.as_ref().map_or_else(|| "<no return annotation>".to_string(), |ty| ty.display(db));
            let setter = if *settable { " (settable)" } else { "" };
            vec![format!("@property {name}: {ty}{setter}")]
        }
        ApiSymbolKind::Variable(variable) => {
            let class_var = if variable.class_var { "ClassVar " } else { "" };
            let inferred = if variable.declared { "" } else { " (inferred)" };
            vec![format!("{class_var}{name}: {}{inferred}", variable.ty.display(db))]
        }
        ApiSymbolKind::TypeAlias(value) => vec![format!("type {name} = {}", value.display(db))],
        ApiSymbolKind::TypeVar(typevar) => {
            let mut arguments = vec![format!("\"{name}\"")];
            arguments.extend(typevar.constraints.iter().map(|constraint| constraint.display(db)));
            if let Some(bound) = &typevar.bound {
                arguments.push(format!("bound={}", bound.display(db)));
            }
            if matches!(typevar.variance, "covariant" | "contravariant") {
                arguments.push(format!("{}=True", typevar.variance));
            }
            vec![format!("{name} = {}({})", typevar.kind, arguments.join(", "))]
        }
        ApiSymbolKind::Module(module) => vec![format!("import {module} as {name}")],
    }
}

/// `(x: int, /, *, y: str = ...) -> bool`, with a missing annotation left out as it is in
/// the source.
pub(crate) fn signature_text<'db>(db: &'db dyn Db, signature: &ApiSignature<'db>) -> String {
    if signature.gradual {
        return "(...)".to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut star_written = false;
    let count = signature.parameters.len();
    for (i, parameter) in signature.parameters.iter().enumerate() {
        let annotation = parameter.annotation.as_ref().map(|ty| format!(": {}", ty.display(db))).unwrap_or_default();
        let default = if parameter.has_default { " = ..." } else { "" };
        match parameter.kind {
            ApiParameterKind::Variadic => {
                star_written = true;
                parts.push(format!("*{}{annotation}", parameter.name));
            }
            ApiParameterKind::KeywordVariadic => parts.push(format!("**{}{annotation}", parameter.name)),
            ApiParameterKind::KeywordOnly => {
                if !star_written {
                    parts.push("*".to_string());
                    star_written = true;
                }
                parts.push(format!("{}{annotation}{default}", parameter.name));
            }
            ApiParameterKind::PositionalOnly | ApiParameterKind::PositionalOrKeyword => {
                parts.push(format!("{}{annotation}{default}", parameter.name));
            }
        }
        let next_is_positional_only = signature.parameters.get(i + 1).is_some_and(|next| next.kind == ApiParameterKind::PositionalOnly);
        if parameter.kind == ApiParameterKind::PositionalOnly && (i + 1 == count || !next_is_positional_only) {
            parts.push("/".to_string());
        }
    }
    let returns = signature.returns.as_ref().map(|ty| format!(" -> {}", ty.display(db))).unwrap_or_default();
    format!("({}){returns}", parts.join(", "))
}

/// `title: ReadOnly[NotRequired[str]]`: a TypedDict key with the qualifiers that apply.
pub(crate) fn typed_dict_key_line<'db>(db: &'db dyn Db, key: &ApiTypedDictKey<'db>) -> String {
    let mut ty = key.ty.display(db);
    if !key.required {
        ty = format!("NotRequired[{ty}]");
    }
    if key.read_only {
        ty = format!("ReadOnly[{ty}]");
    }
    format!("{}: {ty}", key.name)
}
