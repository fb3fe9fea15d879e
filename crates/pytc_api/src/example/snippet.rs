//! Calling code written against the old version of an API, to show what a breaking change
//! breaks: imports from the changed module, a function `example` whose parameters stand for
//! values of the types the old API promised, and the lines that use the API. Types are
//! written as pytc displays them; a name in them is imported from `typing` when `typing`
//! has it, else from the changed module. Whether the code is right is not assumed here: it
//! is checked against both versions before it is shown ([`super::verify`]).

use std::collections::BTreeSet;

use pytc_types::api::MethodKind;

/// Names `typing` provides that pytc's display of a type may use.
const TYPING_NAMES: &[&str] = &[
    "Any", "AbstractSet", "AsyncGenerator", "AsyncIterable", "AsyncIterator", "Awaitable", "BinaryIO", "Callable", "Collection",
    "Container", "Coroutine", "Generator", "Hashable", "IO", "ItemsView", "Iterable", "Iterator", "KeysView", "Literal",
    "LiteralString", "Mapping", "MappingView", "Match", "MutableMapping", "MutableSequence", "MutableSet", "Never", "NoReturn",
    "Pattern", "Reversible", "Sequence", "Sized", "SupportsAbs", "SupportsBytes", "SupportsFloat", "SupportsIndex", "SupportsInt",
    "SupportsRound", "TextIO", "TypeGuard", "TypeIs", "ValuesView",
];

/// Built-in names a type may use without an import.
const BUILTIN_NAMES: &[&str] = &[
    "None", "bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list", "memoryview", "object", "range",
    "set", "slice", "str", "tuple", "type",
];

/// A piece of calling code under construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    module: String,
    /// Top-level names imported from `module`.
    imported: BTreeSet<String>,
    /// Whole-module imports (`import pkg.io`).
    module_imports: Vec<String>,
    /// Statements between the imports and `example` (a subclass).
    preamble: Vec<String>,
    /// Parameters of `example` after `value: Any`: name and type as written.
    parameters: Vec<(String, String)>,
    returns: Option<String>,
    is_async: bool,
    body: Vec<String>,
}

impl Snippet {
    /// Code using the module `module`.
    pub fn new(module: &str) -> Self {
        Self {
            module: module.to_string(),
            imported: BTreeSet::new(),
            module_imports: Vec::new(),
            preamble: Vec::new(),
            parameters: Vec::new(),
            returns: None,
            is_async: false,
            body: Vec::new(),
        }
    }

    /// `import module` and nothing else: the module itself is what changed.
    pub fn importing_module(module: &str) -> Self {
        let mut snippet = Self::new(module);
        snippet.module_imports.push(module.to_string());
        snippet
    }

    /// `from module import name` and nothing else.
    pub fn importing(module: &str, name: &str) -> Self {
        let mut snippet = Self::new(module);
        snippet.imported.insert(name.to_string());
        snippet
    }

    /// Makes `path` (`Name` or `Outer.Inner`) usable: imports its first part; returns it.
    pub fn name(&mut self, path: &str) -> String {
        let first = path.split('.').next().unwrap_or(path);
        self.imported.insert(first.to_string());
        path.to_string()
    }

    /// `name` reached through its module (`pkg.io.LIMIT`), which is imported whole: for
    /// code that assigns a module's variable.
    pub fn qualified(&mut self, name: &str) -> String {
        if !self.module_imports.contains(&self.module) {
            self.module_imports.push(self.module.clone());
        }
        format!("{}.{name}", self.module)
    }

    /// An instance of the class `path` as a parameter of `example`; returns its name.
    pub fn instance(&mut self, path: &str) -> String {
        let class = self.name(path);
        self.parameter("instance", &class)
    }

    /// A parameter `name: ty` of `example` (`ty` as pytc displays it); returns its name.
    pub fn parameter(&mut self, name: &str, ty: &str) -> String {
        if !self.parameters.iter().any(|(known, _)| known == name) {
            self.parameters.push((name.to_string(), ty.to_string()));
        }
        name.to_string()
    }

    /// The expression that calls the function or method `path` (`f`, `C.m`, `C.D.m`), given
    /// how its definition binds: a constructor calls the class, `__call__` the instance, an
    /// instance method an instance, a class or static method the class.
    pub fn callee(&mut self, path: &str, kind: MethodKind) -> String {
        let Some((owner, member)) = path.rsplit_once('.') else { return self.name(path) };
        match (member, kind) {
            ("__init__" | "__new__", _) => self.name(owner),
            ("__call__", _) => self.instance(owner),
            (_, MethodKind::Instance | MethodKind::Function) => format!("{}.{member}", self.instance(owner)),
            (_, MethodKind::Class | MethodKind::Static) => format!("{}.{member}", self.name(owner)),
        }
    }

    /// `example` returns a value of `ty`.
    pub fn returns(&mut self, ty: &str) {
        self.returns = Some(ty.to_string());
    }

    /// `example` is `async def` (it awaits).
    pub fn make_async(&mut self) {
        self.is_async = true;
    }

    /// A statement in the body of `example`.
    pub fn line(&mut self, text: String) {
        self.body.push(text);
    }

    /// A statement before `example`.
    pub fn preamble(&mut self, text: String) {
        self.preamble.push(text);
    }

    /// The code as a module.
    pub fn render(&self) -> String {
        let mut typing: BTreeSet<&str> = BTreeSet::new();
        let mut imported = self.imported.clone();
        let types = self.parameters.iter().map(|(_, ty)| ty.as_str()).chain(self.returns.as_deref());
        for name in types.flat_map(names_in_type) {
            if TYPING_NAMES.contains(&name) {
                typing.insert(name);
            } else if !BUILTIN_NAMES.contains(&name) {
                imported.insert(name.to_string());
            }
        }
        let uses_value = self.body.iter().any(|line| mentions(line, "value"));
        if uses_value {
            typing.insert("Any");
        }
        let mut out = String::new();
        if !typing.is_empty() {
            out.push_str(&format!("from typing import {}\n", typing.into_iter().collect::<Vec<_>>().join(", ")));
        }
        for module in &self.module_imports {
            out.push_str(&format!("import {module}\n"));
        }
        if !imported.is_empty() {
            out.push_str(&format!("from {} import {}\n", self.module, imported.into_iter().collect::<Vec<_>>().join(", ")));
        }
        for statement in &self.preamble {
            out.push_str(&format!("\n{statement}\n"));
        }
        if !self.body.is_empty() {
            let value = uses_value.then(|| "value: Any".to_string());
            let parameters: Vec<String> = value.into_iter().chain(self.parameters.iter().map(|(name, ty)| format!("{name}: {ty}"))).collect();
            let returns = self.returns.as_deref().unwrap_or("None");
            let keyword = if self.is_async { "async def" } else { "def" };
            out.push_str(&format!("\n{keyword} example({}) -> {returns}:\n", parameters.join(", ")));
            for line in &self.body {
                out.push_str(&format!("    {line}\n"));
            }
        }
        out
    }
}

/// The first part of every dotted name in a type as displayed, outside string literals
/// (`Literal["a"]` names `Literal` only).
fn names_in_type(ty: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut quote: Option<char> = None;
    let mut start: Option<usize> = None;
    let mut after_dot = false;
    for (index, ch) in ty.char_indices().chain([(ty.len(), ' ')]) {
        if let Some(open) = quote {
            if ch == open {
                quote = None;
            }
            continue;
        }
        let in_name = ch.is_alphanumeric() || ch == '_';
        match (start, in_name) {
            (None, true) => start = Some(index),
            (Some(begin), false) => {
                let word = &ty[begin..index];
                if !after_dot && !word.starts_with(|c: char| c.is_ascii_digit()) {
                    names.push(word);
                }
                start = None;
            }
            _ => {}
        }
        if !in_name {
            after_dot = ch == '.';
            if ch == '"' || ch == '\'' {
                quote = Some(ch);
            }
        }
    }
    names
}

/// Whether `text` uses the identifier `name` (not as part of a longer one).
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        let boundary = |ch: Option<char>| !ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '"' || ch == '\'');
        boundary(before) && boundary(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_skip_string_literals_and_attribute_parts() {
        assert_eq!(names_in_type("Literal[\"a b\", 'c'] | pkg.Doc | list[int]"), vec!["Literal", "pkg", "list", "int"]);
        assert_eq!(names_in_type("tuple[int, ...]"), vec!["tuple", "int"]);
    }

    #[test]
    fn a_method_call_takes_an_instance_and_imports_what_types_name() {
        let mut snippet = Snippet::new("pkg.shapes");
        let callee = snippet.callee("Shape.scale", MethodKind::Instance);
        snippet.parameter("argument", "Sequence[Shape] | None");
        snippet.line(format!("{callee}(value, argument)"));
        let expected = "from typing import Any, Sequence\nfrom pkg.shapes import Shape\n\n\
                        def example(value: Any, instance: Shape, argument: Sequence[Shape] | None) -> None:\n    instance.scale(value, argument)\n";
        assert_eq!(snippet.render(), expected);
    }

    #[test]
    fn constructors_call_the_class_and_class_methods_the_class() {
        let mut snippet = Snippet::new("pkg");
        assert_eq!(snippet.callee("Outer.Inner.__init__", MethodKind::Instance), "Outer.Inner");
        assert_eq!(snippet.callee("Doc.load", MethodKind::Class), "Doc.load");
        assert_eq!(snippet.callee("parse", MethodKind::Function), "parse");
        assert_eq!(snippet.render(), "from pkg import Doc, Outer, parse\n");
    }

    #[test]
    fn value_is_only_declared_when_used() {
        let mut snippet = Snippet::new("pkg");
        let instance = snippet.instance("Doc");
        snippet.line(format!("_ = {instance}.value_count"));
        assert!(!snippet.render().contains("Any"), "{}", snippet.render());
    }
}
