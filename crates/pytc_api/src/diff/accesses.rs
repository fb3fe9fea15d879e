//! Code written against the old version that reads, assigns, subclasses or builds what a
//! change touched, as candidate examples of changes that are not to signatures. A `path` is
//! a symbol within its module: `X` for a module-level name, `C.x` or `C.D.x` for a member,
//! reached through an instance of its class.

use crate::example::Snippet;

/// The expression that reaches `path` for reading (`X`, `instance.x`).
fn reach(snippet: &mut Snippet, path: &str) -> String {
    match path.rsplit_once('.') {
        Some((owner, member)) => format!("{}.{member}", snippet.instance(owner)),
        None => snippet.name(path),
    }
}

/// The expression that reaches `path` for assigning: a module's variable through the
/// module, since assigning an imported name only rebinds it locally.
fn reach_to_assign(snippet: &mut Snippet, path: &str) -> String {
    match path.rsplit_once('.') {
        Some(_) => reach(snippet, path),
        None => snippet.qualified(path),
    }
}

/// Reading the member `path`, through an instance and through its class (the class first
/// when `class_first`, as for an enum member).
pub(super) fn member_reads(module: &str, path: &str, class_first: bool) -> Vec<Snippet> {
    let Some((owner, member)) = path.rsplit_once('.') else { return Vec::new() };
    let mut through_instance = Snippet::new(module);
    let instance = through_instance.instance(owner);
    through_instance.line(format!("print({instance}.{member})"));
    let mut through_class = Snippet::new(module);
    let class = through_class.name(owner);
    through_class.line(format!("print({class}.{member})"));
    if class_first { vec![through_class, through_instance] } else { vec![through_instance, through_class] }
}

/// Reading `path` as a value of its old type, and (when `settable`) assigning it one.
pub(super) fn typed_uses(module: &str, path: &str, old_type: &str, settable: bool) -> Vec<Snippet> {
    let mut read = Snippet::new(module);
    let target = reach(&mut read, path);
    read.returns(old_type);
    read.line(format!("return {target}"));
    let mut candidates = vec![read];
    if settable {
        let mut write = Snippet::new(module);
        let target = reach_to_assign(&mut write, path);
        let argument = write.parameter("argument", old_type);
        write.line(format!("{target} = {argument}"));
        candidates.push(write);
    }
    candidates
}

/// A type alias `path` used where its old meaning was expected, and the other way round.
pub(super) fn alias_uses(module: &str, path: &str, old_type: &str) -> Vec<Snippet> {
    let mut from_alias = Snippet::new(module);
    let alias = from_alias.name(path);
    let argument = from_alias.parameter("argument", &alias);
    from_alias.returns(old_type);
    from_alias.line(format!("return {argument}"));
    let mut to_alias = Snippet::new(module);
    let argument = to_alias.parameter("argument", old_type);
    let alias = to_alias.name(path);
    to_alias.returns(&alias);
    to_alias.line(format!("return {argument}"));
    vec![from_alias, to_alias]
}

/// Assigning `path` the value it has: what a `Final` or a `ClassVar` forbids.
pub(super) fn reassignment(module: &str, path: &str) -> Vec<Snippet> {
    let mut snippet = Snippet::new(module);
    let target = reach_to_assign(&mut snippet, path);
    snippet.line(format!("{target} = {target}"));
    vec![snippet]
}

/// A subclass of the class `path`.
pub(super) fn subclass(module: &str, path: &str) -> Vec<Snippet> {
    let mut snippet = Snippet::new(module);
    let class = snippet.name(path);
    snippet.preamble(format!("class Example({class}):\n    pass"));
    vec![snippet]
}

/// An instance of the class `path` used as its old base `base`.
pub(super) fn upcast(module: &str, path: &str, base: &str) -> Vec<Snippet> {
    let mut snippet = Snippet::new(module);
    let instance = snippet.instance(path);
    snippet.returns(base);
    snippet.line(format!("return {instance}"));
    vec![snippet]
}

/// Reading the key `key` of a TypedDict `path` (as `returns`, when given).
pub(super) fn key_read(module: &str, path: &str, key: &str, returns: Option<&str>) -> Snippet {
    let mut snippet = Snippet::new(module);
    let instance = snippet.instance(path);
    match returns {
        Some(ty) => {
            snippet.returns(ty);
            snippet.line(format!("return {instance}[{key:?}]"));
        }
        None => snippet.line(format!("print({instance}[{key:?}])")),
    }
    snippet
}

/// Writing the key `key` of a TypedDict `path`: a value of `value_type`, or the key's own.
pub(super) fn key_write(module: &str, path: &str, key: &str, value_type: Option<&str>) -> Snippet {
    let mut snippet = Snippet::new(module);
    let instance = snippet.instance(path);
    let value = match value_type {
        Some(ty) => snippet.parameter("argument", ty),
        None => format!("{instance}[{key:?}]"),
    };
    snippet.line(format!("{instance}[{key:?}] = {value}"));
    snippet
}

/// A TypedDict `path` built as a dictionary display with the keys `keys`.
pub(super) fn dict_display(module: &str, path: &str, keys: &[&str]) -> Snippet {
    let mut snippet = Snippet::new(module);
    let class = snippet.name(path);
    snippet.returns(&class);
    let entries: Vec<String> = keys.iter().map(|key| format!("{key:?}: value")).collect();
    snippet.line(format!("return {{{}}}", entries.join(", ")));
    snippet
}
