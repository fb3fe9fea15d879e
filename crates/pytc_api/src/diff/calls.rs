//! Calls written against an old signature, as candidate examples of a signature change: the
//! parameters a call must pass get `value` (typed `Any`), and the parameter that changed is
//! passed, left out or given a value of its old type, whichever shows the change.

use pytc_types::api::{ApiParameter, ApiParameterKind, ApiSignature, MethodKind};

use crate::example::Snippet;

/// How the call passes the changed parameter.
#[derive(Clone, Copy)]
pub(super) enum Passing<'e> {
    Omitted,
    Positional(&'e str),
    Keyword(&'e str),
}

/// A function or method of the old version and one of its signatures.
pub(super) struct CallSite<'s, 'a> {
    pub module: &'s str,
    /// `f`, `C.m`, `C.__init__`.
    pub path: &'s str,
    pub kind: MethodKind,
    pub is_async: bool,
    pub signature: &'s ApiSignature<'a>,
}

fn positional(parameter: &ApiParameter<'_>) -> bool {
    matches!(parameter.kind, ApiParameterKind::PositionalOnly | ApiParameterKind::PositionalOrKeyword)
}

impl CallSite<'_, '_> {
    /// A call passing what the old signature requires, and `parameter` as `passing` says.
    pub fn call(&self, parameter: Option<(&ApiParameter<'_>, Passing<'_>)>) -> Snippet {
        self.snippet(parameter, None)
    }

    /// A call as in [`Self::call`] whose result is returned as the old return type `returns`.
    pub fn call_returning(&self, returns: &str) -> Snippet {
        self.snippet(None, Some(returns))
    }

    /// The changed parameter passed as a value of its old type `old_type`, the way callers
    /// could pass it.
    pub fn passing_old_type(&self, parameter: &ApiParameter<'_>, old_type: &str) -> Snippet {
        let passing = if positional(parameter) { Passing::Positional("argument") } else { Passing::Keyword("argument") };
        let mut snippet = self.call(Some((parameter, passing)));
        snippet.parameter("argument", old_type);
        snippet
    }

    /// The changed parameter passed the way the old signature allowed it: for `*args`, one
    /// extra positional argument, then three (the new signature may take one more).
    pub fn passing(&self, parameter: &ApiParameter<'_>) -> Vec<Snippet> {
        match parameter.kind {
            ApiParameterKind::Variadic => ["value", "value, value, value"].iter().map(|extra| self.call(Some((parameter, Passing::Positional(extra))))).collect(),
            ApiParameterKind::PositionalOnly => vec![self.call(Some((parameter, Passing::Positional("value"))))],
            _ => vec![self.call(Some((parameter, Passing::Keyword("value"))))],
        }
    }

    fn snippet(&self, changed: Option<(&ApiParameter<'_>, Passing<'_>)>, returns: Option<&str>) -> Snippet {
        let mut snippet = Snippet::new(self.module);
        let callee = snippet.callee(self.path, self.kind);
        let call = format!("{}{callee}({})", if self.is_async { "await " } else { "" }, self.arguments(changed).join(", "));
        if self.is_async {
            snippet.make_async();
        }
        match returns {
            Some(ty) => {
                snippet.returns(ty);
                snippet.line(format!("return {call}"));
            }
            None => snippet.line(call),
        }
        snippet
    }

    /// The arguments: each required parameter gets `value` (positional ones by position,
    /// keyword-only ones by name), the changed one is passed as `changed` says, and the
    /// positional parameters before the last one passed by position get `value` too.
    fn arguments(&self, changed: Option<(&ApiParameter<'_>, Passing<'_>)>) -> Vec<String> {
        let mut by_position: Vec<Option<String>> = Vec::new();
        let mut by_keyword: Vec<String> = Vec::new();
        let mut extra_positional = None;
        for parameter in &self.signature.parameters {
            let passing = match changed {
                Some((target, passing)) if std::ptr::eq(target, parameter) => passing,
                _ if parameter.has_default => Passing::Omitted,
                _ => match parameter.kind {
                    ApiParameterKind::PositionalOnly | ApiParameterKind::PositionalOrKeyword => Passing::Positional("value"),
                    ApiParameterKind::KeywordOnly => Passing::Keyword("value"),
                    ApiParameterKind::Variadic | ApiParameterKind::KeywordVariadic => Passing::Omitted,
                },
            };
            match (parameter.kind, passing) {
                (ApiParameterKind::Variadic, Passing::Positional(expression)) => extra_positional = Some(expression.to_string()),
                (ApiParameterKind::KeywordVariadic, Passing::Keyword(expression)) => by_keyword.push(format!("extra_option={expression}")),
                (_, Passing::Positional(expression)) if positional(parameter) => by_position.push(Some(expression.to_string())),
                (_, Passing::Keyword(expression)) => by_keyword.push(format!("{}={expression}", parameter.name)),
                _ if positional(parameter) => by_position.push(None),
                _ => {}
            }
        }
        let passed = match extra_positional {
            Some(_) => by_position.len(),
            None => by_position.iter().rposition(Option::is_some).map_or(0, |last| last + 1),
        };
        let mut arguments: Vec<String> = by_position.into_iter().take(passed).map(|argument| argument.unwrap_or_else(|| "value".to_string())).collect();
        arguments.extend(extra_positional);
        arguments.extend(by_keyword);
        arguments
    }
}
