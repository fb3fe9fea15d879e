//! The default of a declared ParamSpec (PEP 696): a parameter list (`default=[str, int]`,
//! `default=...`), another ParamSpec (`default=P0`), or in PEP 695 syntax
//! `class C[**P = [int, str]]`. Evaluated on first use, like a type variable's bound.

use pytc_db::Db;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, AnyNodeRef, HasNodeIndex};

use crate::infer::InferContext;
use crate::types::{Type, TypeVarSource, TypeVarType};

/// The declared default of a ParamSpec, as a parameter list. A query: a class's arity
/// depends on its parameters' defaults, asked for at every specialization, and a default
/// may name the class being declared.
#[salsa::tracked(returns(copy), cycle_result = param_spec_default_cycle)]
pub(crate) fn declared_param_spec_default<'db>(db: &'db dyn Db, param_spec: TypeVarType<'db>) -> Option<Type<'db>> {
    let TypeVarSource::Declared(range) = param_spec.source(db) else { return None };
    let file = param_spec.file(db);
    let index = pytc_semantic::semantic_index(db, file);
    let range = range.absolute(index);
    let parsed = pytc_db::parsed_module(db, file);
    let root = AnyNodeRef::from(parsed.syntax());
    if !root.range().contains_range(range) {
        return None;
    }
    let declaration = ast::find_node::covering_node(root, range).node();
    let default = match declaration {
        AnyNodeRef::ExprCall(call) => &call.arguments.find_keyword("default")?.value,
        AnyNodeRef::TypeParamParamSpec(type_param) => type_param.default.as_deref()?,
        _ => return None,
    };
    let mut context = InferContext::quiet(db, file, index.scope_of_node(declaration.node_index().load()));
    Some(context.parameter_list_expression(default).unwrap_or(Type::UNKNOWN))
}

fn param_spec_default_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _param_spec: TypeVarType<'db>) -> Option<Type<'db>> {
    None
}
