//! Comparing what the typing special forms promise beyond a type: `Final` and `ClassVar`
//! on variables, the keys of a TypedDict (type, `Required`/`NotRequired`, `ReadOnly`) and
//! the bound, constraints and variance of a type variable.

use pytc_types::api::{ApiLocation, ApiTypeVar, ApiTypedDictKey, ApiVariable, compare_across};

use super::{Differ, DiffRule, accesses};

type Locations = (Option<ApiLocation>, Option<ApiLocation>);

impl<'a> Differ<'a> {
    /// `Final` added or removed; `ClassVar` added or removed on a class member.
    pub(super) fn variable_qualifiers(&mut self, name: &str, old: &ApiVariable<'a>, new: &ApiVariable<'a>, member: bool, locations: Locations) {
        match (old.is_final, new.is_final) {
            (false, true) => {
                self.report(DiffRule::AttributeMadeFinal, name, format!("`{name}` was made `Final`"), locations.0, locations.1);
                self.show_with(accesses::reassignment(&self.module, name));
            }
            (true, false) => self.report(DiffRule::AttributeFinalRemoved, name, format!("`{name}` is no longer `Final`"), locations.0, locations.1),
            _ => {}
        }
        if member && old.class_var != new.class_var {
            let message = if new.class_var {
                format!("`{name}` became a `ClassVar`: instances can no longer assign it")
            } else {
                format!("`{name}` is no longer a `ClassVar`: it is now an instance attribute")
            };
            self.report(DiffRule::ClassVarChanged, name, message, locations.0, locations.1);
            self.show_with(accesses::reassignment(&self.module, name));
        }
    }

    /// The keys of a TypedDict `name`, matched by name.
    pub(super) fn typed_dict_keys(&mut self, name: &str, old: &[ApiTypedDictKey<'a>], new: &[ApiTypedDictKey<'a>], locations: Locations) {
        for old_key in old {
            let label = format!("key `{}` of TypedDict `{name}`", old_key.name);
            let Some(new_key) = new.iter().find(|key| key.name == old_key.name) else {
                self.report(DiffRule::TypedDictKeyRemoved, name, format!("{label} was removed"), locations.0, locations.1);
                self.show_with(vec![accesses::key_read(&self.module, name, &old_key.name, None)]);
                continue;
            };
            if old_key.required != new_key.required {
                let now = if new_key.required { "required" } else { "not required" };
                self.report(DiffRule::TypedDictKeyRequiredChanged, name, format!("{label} is now {now}"), locations.0, locations.1);
                let candidate = if new_key.required {
                    accesses::dict_display(&self.module, name, &required_keys(old))
                } else {
                    accesses::key_read(&self.module, name, &old_key.name, None)
                };
                self.show_with(vec![candidate]);
            }
            if old_key.read_only != new_key.read_only {
                let now = if new_key.read_only { "read-only" } else { "writable" };
                self.report(DiffRule::TypedDictKeyReadOnlyChanged, name, format!("{label} is now {now}"), locations.0, locations.1);
                self.show_with(vec![accesses::key_write(&self.module, name, &old_key.name, None)]);
            }
            let (old_shown, new_shown) = (old_key.ty.display(&self.old.db), new_key.ty.display(&self.new.db));
            if old_shown == new_shown {
                continue;
            }
            let types = Some((old_shown.clone(), new_shown.clone()));
            match compare_across(&self.old.db, old_key.ty.ty, &self.new.db, new_key.ty.ty) {
                Some(c) if c.old_assignable_to_new && c.new_assignable_to_old => {}
                Some(_) => {
                    let message = format!("the type of {label} changed from `{old_shown}` to `{new_shown}`");
                    self.report_types(DiffRule::TypedDictKeyTypeChanged, name, message, locations.0, locations.1, types);
                    let read = accesses::key_read(&self.module, name, &old_key.name, Some(&old_shown));
                    let write = accesses::key_write(&self.module, name, &old_key.name, Some(&old_shown));
                    self.show_with(vec![read, write]);
                }
                None => {
                    let message = format!("the type of {label} changed from `{old_shown}` to `{new_shown}`; pytc cannot compare them");
                    self.report_types(DiffRule::TypeChangeUndecided, name, message, locations.0, locations.1, types);
                }
            }
        }
        for new_key in new.iter().filter(|key| !old.iter().any(|old_key| old_key.name == key.name)) {
            let label = format!("key `{}` of TypedDict `{name}`", new_key.name);
            if new_key.required {
                let message = format!("required {label} was added: dictionaries built without it no longer fit");
                self.report(DiffRule::TypedDictKeyAddedRequired, name, message, locations.0, locations.1);
                self.show_with(vec![accesses::dict_display(&self.module, name, &required_keys(old))]);
            } else {
                self.report(DiffRule::SymbolAdded, name, format!("optional {label} was added"), locations.0, locations.1);
            }
        }
    }

    /// A type variable's bound, constraints and variance.
    pub(super) fn type_variable(&mut self, name: &str, old: &ApiTypeVar<'a>, new: &ApiTypeVar<'a>, locations: Locations) {
        match (&old.bound, &new.bound) {
            (None, Some(bound)) => {
                let message = format!("type variable `{name}` gained the bound `{}`", bound.display(&self.new.db));
                self.report(DiffRule::TypeVariableBoundChanged, name, message, locations.0, locations.1);
            }
            (Some(bound), None) => {
                let message = format!("type variable `{name}` lost its bound `{}`", bound.display(&self.old.db));
                self.report(DiffRule::TypeVariableBoundWidened, name, message, locations.0, locations.1);
            }
            (Some(old_bound), Some(new_bound)) => {
                let (old_shown, new_shown) = (old_bound.display(&self.old.db), new_bound.display(&self.new.db));
                if old_shown != new_shown {
                    let types = Some((old_shown.clone(), new_shown.clone()));
                    // Every type argument that satisfied the old bound must satisfy the new one.
                    let change = match compare_across(&self.old.db, old_bound.ty, &self.new.db, new_bound.ty) {
                        Some(c) if c.old_assignable_to_new && c.new_assignable_to_old => None,
                        Some(c) if c.old_assignable_to_new => Some((DiffRule::TypeVariableBoundWidened, "widened")),
                        Some(_) => Some((DiffRule::TypeVariableBoundChanged, "changed")),
                        None => Some((DiffRule::TypeChangeUndecided, "changed (pytc cannot compare the two)")),
                    };
                    if let Some((rule, verb)) = change {
                        let message = format!("the bound of type variable `{name}` {verb}: `{old_shown}` to `{new_shown}`");
                        self.report_types(rule, name, message, locations.0, locations.1, types);
                    }
                }
            }
            (None, None) => {}
        }
        let shown = |constraints: &[pytc_types::api::ApiType<'a>], db: &dyn pytc_db::Db| -> Vec<String> {
            constraints.iter().map(|constraint| constraint.display(db)).collect()
        };
        let (old_constraints, new_constraints) = (shown(&old.constraints, &self.old.db), shown(&new.constraints, &self.new.db));
        if !old_constraints.is_empty() && new_constraints.is_empty() {
            // Unconstrained, it accepts every type (a bound it gained is reported above).
            if new.bound.is_none() {
                let message = format!("type variable `{name}` is no longer constrained to `{}`", old_constraints.join("`, `"));
                self.report(DiffRule::TypeVariableBoundWidened, name, message, locations.0, locations.1);
            }
        } else {
            for constraint in old_constraints.iter().filter(|constraint| !new_constraints.contains(constraint)) {
                let message = format!("type variable `{name}` lost the constraint `{constraint}`");
                self.report(DiffRule::TypeVariableConstraintRemoved, name, message, locations.0, locations.1);
            }
        }
        // Constraints added to an unconstrained type variable restrict it; to a constrained
        // one they allow more.
        for constraint in new_constraints.iter().filter(|constraint| !old_constraints.contains(constraint)) {
            let (rule, message) = if old_constraints.is_empty() {
                (DiffRule::TypeVariableBoundChanged, format!("type variable `{name}` is now constrained to `{}`", new_constraints.join("`, `")))
            } else {
                (DiffRule::TypeVariableConstraintAdded, format!("type variable `{name}` gained the constraint `{constraint}`"))
            };
            self.report(rule, name, message, locations.0, locations.1);
            if old_constraints.is_empty() {
                break;
            }
        }
        self.variance(name, old, new, locations);
    }

    fn variance(&mut self, name: &str, old: &ApiTypeVar<'a>, new: &ApiTypeVar<'a>, locations: Locations) {
        if old.variance != new.variance {
            let message = format!("type variable `{name}` was {} and is now {}", old.variance, new.variance);
            self.report(DiffRule::TypeVariableVarianceChanged, name, message, locations.0, locations.1);
        }
    }
}

/// The names of the keys a dictionary must give to be a TypedDict with `keys`.
fn required_keys<'k>(keys: &'k [ApiTypedDictKey<'_>]) -> Vec<&'k str> {
    keys.iter().filter(|key| key.required).map(|key| key.name.as_str()).collect()
}
