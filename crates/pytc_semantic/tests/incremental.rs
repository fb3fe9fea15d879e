//! The per-scope projections are compared by value: editing one function's body does not
//! re-run queries that read another scope.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use pytc_db::{File, FileSource};
use pytc_semantic::{ScopeId, symbol_table, use_def_map};
use salsa::Setter;

static MODULE_READS: AtomicUsize = AtomicUsize::new(0);
static CLASS_FLOW_READS: AtomicUsize = AtomicUsize::new(0);

/// A stand-in for a type-layer query that depends on the module's names only.
#[salsa::tracked(returns(copy))]
fn module_symbol_count(db: &dyn pytc_db::Db, file: File) -> usize {
    MODULE_READS.fetch_add(1, Ordering::SeqCst);
    symbol_table(db, file, ScopeId::MODULE).symbol_count()
}

/// A stand-in for inference of the first class body (scope 1).
#[salsa::tracked(returns(copy))]
fn class_use_count(db: &dyn pytc_db::Db, file: File) -> usize {
    CLASS_FLOW_READS.fetch_add(1, Ordering::SeqCst);
    use_def_map(db, file, ScopeId::from_u32(1)).uses().count()
}

#[test]
fn editing_a_function_body_reruns_only_what_reads_it() {
    let mut db = common::TestDb::new(pytc_syntax::PythonVersion::PY312, pytc_db::PythonPlatform::Named("linux".into()));
    let file = db.file("/src/m.py", "class C:\n    x = 1\n    y = x\n\ndef f():\n    return 1\n");
    assert_eq!(module_symbol_count(&db, file), 2);
    assert_eq!(class_use_count(&db, file), 1);
    let (module_reads, class_reads) = (MODULE_READS.load(Ordering::SeqCst), CLASS_FLOW_READS.load(Ordering::SeqCst));

    // Edit the body of `f` (after the class, so the class's node indices do not move).
    file.set_source(&mut db).to(FileSource::Text("class C:\n    x = 1\n    y = x\n\ndef f():\n    z = 2\n    return z\n".into()));
    assert_eq!(module_symbol_count(&db, file), 2);
    assert_eq!(class_use_count(&db, file), 1);
    assert_eq!(MODULE_READS.load(Ordering::SeqCst), module_reads, "module names did not change");
    assert_eq!(CLASS_FLOW_READS.load(Ordering::SeqCst), class_reads, "the class body did not change");

    // A new module-level name re-runs the module query.
    file.set_source(&mut db).to(FileSource::Text("class C:\n    x = 1\n    y = x\n\ndef f():\n    z = 2\n    return z\ng = f\n".into()));
    assert_eq!(module_symbol_count(&db, file), 3);
    assert_eq!(MODULE_READS.load(Ordering::SeqCst), module_reads + 1);
}
