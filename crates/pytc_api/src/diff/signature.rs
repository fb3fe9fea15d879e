//! Comparing two versions of a function: overloads by position, then parameters (matched
//! by name when the old one was passable by keyword, else by position) and return types.

use pytc_types::api::{ApiFunction, ApiLocation, ApiParameter, ApiParameterKind, ApiSignature, ApiType, compare_across, literals_lost};

use super::calls::{CallSite, Passing};
use super::{Differ, DiffRule};
use crate::declaration::signature_text;

type Locations = (Option<ApiLocation>, Option<ApiLocation>);

/// Where a type sits in a signature, which decides the direction it may change safely.
#[derive(Clone, Copy)]
enum Position {
    Parameter,
    Return,
}

fn positional(parameter: &ApiParameter<'_>) -> bool {
    matches!(parameter.kind, ApiParameterKind::PositionalOnly | ApiParameterKind::PositionalOrKeyword)
}

fn by_keyword(parameter: &ApiParameter<'_>) -> bool {
    matches!(parameter.kind, ApiParameterKind::PositionalOrKeyword | ApiParameterKind::KeywordOnly)
}

fn positional_index(signature: &ApiSignature<'_>, parameter: &ApiParameter<'_>) -> Option<usize> {
    signature.parameters.iter().filter(|p| positional(p)).position(|p| std::ptr::eq(p, parameter))
}

impl<'a> Differ<'a> {
    pub(super) fn function(&mut self, name: &str, old: &ApiFunction<'a>, new: &ApiFunction<'a>, locations: Locations) {
        if new.overloads.len() != old.overloads.len() && (old.is_overloaded || new.is_overloaded) {
            let rule = if new.overloads.len() < old.overloads.len() { DiffRule::OverloadRemoved } else { DiffRule::OverloadAdded };
            let message = format!("`{name}` had {} overloads and now has {}", old.overloads.len(), new.overloads.len());
            self.report(rule, name, message, locations.0, locations.1);
        }
        if !old.is_abstract && new.is_abstract {
            self.report(DiffRule::AbstractMethodAdded, name, format!("method `{name}` was made abstract"), locations.0, locations.1);
        }
        let (old_texts, new_texts) = (self.overload_texts(old, true), self.overload_texts(new, false));
        // An overload still written the same way is kept; the others are compared in order
        // with the new overloads that are not the same as an old one.
        let kept_at: Vec<Option<usize>> = old_texts.iter().map(|text| new_texts.iter().position(|new_text| new_text == text)).collect();
        let kept: Vec<usize> = kept_at.iter().flatten().copied().collect();
        if kept.windows(2).any(|pair| pair[0] > pair[1]) {
            let message = format!("the overloads of `{name}` were reordered: a call matching several of them now picks another");
            self.report(DiffRule::OverloadReordered, name, message, locations.0, locations.1);
        }
        let changed_old = old.overloads.iter().zip(&kept_at).filter(|(_, kept)| kept.is_none()).map(|(signature, _)| signature);
        let changed_new = new.overloads.iter().enumerate().filter(|(index, _)| !kept.contains(index)).map(|(_, signature)| signature);
        for (old_signature, new_signature) in changed_old.zip(changed_new) {
            let module = self.module.clone();
            let site = CallSite { module: &module, path: name, kind: old.method_kind, is_async: old.is_async, signature: old_signature };
            self.signature(&site, new_signature, locations);
        }
    }

    /// Each overload as written, for matching overloads across versions.
    fn overload_texts(&self, function: &ApiFunction<'a>, old: bool) -> Vec<String> {
        let db: &dyn pytc_db::Db = if old { &self.old.db } else { &self.new.db };
        function.overloads.iter().map(|signature| signature_text(db, signature)).collect()
    }

    fn signature(&mut self, site: &CallSite<'_, 'a>, new: &ApiSignature<'a>, locations: Locations) {
        let (name, old) = (site.path, site.signature);
        if old.gradual || new.gradual {
            return;
        }
        let mut matched = vec![false; new.parameters.len()];
        for parameter in &old.parameters {
            let label = format!("parameter `{}` of `{name}`", parameter.name);
            let found = match parameter.kind {
                ApiParameterKind::Variadic | ApiParameterKind::KeywordVariadic => new.parameters.iter().position(|p| p.kind == parameter.kind),
                _ if by_keyword(parameter) => new.parameters.iter().position(|p| p.name == parameter.name && p.kind != ApiParameterKind::Variadic && p.kind != ApiParameterKind::KeywordVariadic),
                _ => {
                    let index = positional_index(old, parameter);
                    new.parameters.iter().filter(|p| positional(p)).nth(index.unwrap_or(usize::MAX)).and_then(|p| new.parameters.iter().position(|q| std::ptr::eq(p, q)))
                }
            };
            let Some(found) = found else {
                self.report(DiffRule::ParameterRemoved, name, format!("{label} was removed"), locations.0, locations.1);
                self.show_with(site.passing(parameter));
                continue;
            };
            matched[found] = true;
            let replacement = &new.parameters[found];
            let kind_lost = match parameter.kind {
                ApiParameterKind::PositionalOrKeyword => replacement.kind != ApiParameterKind::PositionalOrKeyword,
                ApiParameterKind::PositionalOnly => !positional(replacement),
                ApiParameterKind::KeywordOnly => !by_keyword(replacement),
                _ => false,
            };
            if kind_lost {
                let message = format!("{label} was {} and is now {}", kind_name(parameter.kind), kind_name(replacement.kind));
                self.report(DiffRule::ParameterKindChanged, name, message, locations.0, locations.1);
                let passing = if positional(parameter) && !positional(replacement) { Passing::Positional("value") } else { Passing::Keyword("value") };
                self.show_with(vec![site.call(Some((parameter, passing)))]);
            } else if positional(parameter)
                && positional(replacement)
                && positional_index(old, parameter) != positional_index(new, replacement)
            {
                self.report(DiffRule::ParameterMoved, name, format!("{label} moved to another position"), locations.0, locations.1);
                if let Some(old_ty) = &parameter.annotation {
                    self.show_with(vec![site.passing_old_type(parameter, &old_ty.display(&self.old.db))]);
                }
            }
            if parameter.has_default && !replacement.has_default {
                self.report(DiffRule::ParameterMadeRequired, name, format!("{label} lost its default"), locations.0, locations.1);
                self.show_with(vec![site.call(Some((parameter, Passing::Omitted)))]);
            }
            if let (Some(old_ty), Some(new_ty)) = (&parameter.annotation, &replacement.annotation)
                && let Some((rule, verb, types)) = self.type_change(old_ty, new_ty, Position::Parameter)
            {
                let lost = (rule == DiffRule::ParameterTypeNarrowed).then(|| literals_lost(&self.old.db, old_ty.ty, &self.new.db, new_ty.ty)).flatten();
                let (rule, message) = match lost {
                    Some(values) => (DiffRule::LiteralValueRemoved, format!("{label} no longer accepts `{}`: `{}` to `{}`", values.join("`, `"), types.0, types.1)),
                    None => (rule, format!("the type of {label} {verb}: `{}` to `{}`", types.0, types.1)),
                };
                let old_type = types.0.clone();
                self.report_types(rule, name, message, locations.0, locations.1, Some(types));
                self.show_with(vec![site.passing_old_type(parameter, &old_type)]);
            }
        }
        for (parameter, matched) in new.parameters.iter().zip(matched) {
            if matched {
                continue;
            }
            let optional = parameter.has_default || matches!(parameter.kind, ApiParameterKind::Variadic | ApiParameterKind::KeywordVariadic);
            let rule = if optional { DiffRule::ParameterAddedOptional } else { DiffRule::ParameterAddedRequired };
            let what = if optional { "optional" } else { "required" };
            self.report(rule, name, format!("{what} parameter `{}` was added to `{name}`", parameter.name), locations.0, locations.1);
            self.show_with(vec![site.call(None)]);
        }
        if let (Some(old_ty), Some(new_ty)) = (&old.returns, &new.returns)
            && let Some((rule, verb, types)) = self.type_change(old_ty, new_ty, Position::Return)
        {
            let message = format!("the return type of `{name}` {verb}: `{}` to `{}`", types.0, types.1);
            let old_type = types.0.clone();
            self.report_types(rule, name, message, locations.0, locations.1, Some(types));
            self.show_with(vec![site.call_returning(&old_type)]);
        }
    }

    /// How a type in a signature changed, when callers may notice: the rule, a verb for the
    /// message and both types as written. `None` when it reads the same or changed only in
    /// the direction `position` allows (a parameter may widen, a return type may narrow).
    fn type_change(&self, old: &ApiType<'a>, new: &ApiType<'a>, position: Position) -> Option<(DiffRule, &'static str, (String, String))> {
        let (old_shown, new_shown) = (old.display(&self.old.db), new.display(&self.new.db));
        if old_shown == new_shown {
            return None;
        }
        let (rule, verb) = match compare_across(&self.old.db, old.ty, &self.new.db, new.ty) {
            None => (DiffRule::TypeChangeUndecided, "changed (pytc cannot compare the two)"),
            Some(c) if c.old_assignable_to_new && c.new_assignable_to_old => return None,
            Some(c) => {
                // Two types neither of which is assignable to the other count as the change
                // that breaks callers in this position.
                let widened = match position {
                    Position::Parameter => c.old_assignable_to_new,
                    Position::Return => !c.new_assignable_to_old,
                };
                match (position, widened) {
                    (Position::Parameter, true) => (DiffRule::ParameterTypeWidened, "widened"),
                    (Position::Parameter, false) => (DiffRule::ParameterTypeNarrowed, "narrowed"),
                    (Position::Return, true) => (DiffRule::ReturnTypeWidened, "widened"),
                    (Position::Return, false) => (DiffRule::ReturnTypeNarrowed, "narrowed"),
                }
            }
        };
        Some((rule, verb, (old_shown, new_shown)))
    }
}

fn kind_name(kind: ApiParameterKind) -> &'static str {
    match kind {
        ApiParameterKind::PositionalOnly => "positional-only",
        ApiParameterKind::PositionalOrKeyword => "positional-or-keyword",
        ApiParameterKind::Variadic => "*args",
        ApiParameterKind::KeywordOnly => "keyword-only",
        ApiParameterKind::KeywordVariadic => "**kwargs",
    }
}
