//! Benchmark: the first use of the embedded typeshed (archive listing and VERSIONS), and resolving every
//! stdlib module name on a fresh database (cold salsa caches). Run with
//! `cargo bench -p pytc_module_resolver`; prints the first-use time and the mean and fastest
//! cold resolution of all names.

use std::sync::Arc;
use std::time::{Duration, Instant};

use pytc_db::{Db, Files, PythonPlatform, Settings, System, TestSystem};
use pytc_module_resolver::{ModuleName, resolve_module};
use pytc_syntax::PythonVersion;
use pytc_typeshed::Typeshed;

#[salsa::db]
#[derive(Clone)]
struct BenchDb {
    storage: salsa::Storage<Self>,
    system: Arc<TestSystem>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

#[salsa::db]
impl salsa::Database for BenchDb {}

#[salsa::db]
impl Db for BenchDb {
    fn system(&self) -> &dyn System {
        &*self.system
    }
    fn files(&self) -> &Files {
        &self.files
    }
    fn settings(&self) -> Settings {
        self.settings.expect("created with the database")
    }
}

fn fresh_db() -> BenchDb {
    let mut db = BenchDb {
        storage: salsa::Storage::default(),
        system: Arc::new(TestSystem::default()),
        files: Arc::default(),
        settings: None,
    };
    db.settings = Some(Settings::new(&db, PythonVersion::PY312, PythonPlatform::Named("linux".into())));
    db
}

fn main() {
    let start = Instant::now();
    let typeshed = Typeshed::embedded();
    let first_use = start.elapsed();

    let names: Vec<ModuleName> = typeshed
        .files()
        .filter_map(|path| {
            let stem = path.strip_prefix("stdlib/")?.strip_suffix(".pyi")?;
            ModuleName::new(&stem.strip_suffix("/__init__").unwrap_or(stem).replace('/', "."))
        })
        .collect();

    let iterations = 20;
    let mut total = Duration::ZERO;
    let mut fastest = Duration::MAX;
    for _ in 0..iterations {
        let db = fresh_db();
        let start = Instant::now();
        let resolved = names.iter().filter(|name| resolve_module(&db, name).is_some()).count();
        let elapsed = start.elapsed();
        total += elapsed;
        fastest = fastest.min(elapsed);
        assert!(resolved > 500, "only {resolved} of {} names resolved", names.len());
    }
    println!("Typeshed::embedded() first use (listing of {} files and VERSIONS; texts decompress on first read): {:.2} ms", typeshed.files().count(), first_use.as_secs_f64() * 1000.0);
    println!(
        "resolve_module for {} stdlib names, cold: {:.2} ms mean, {:.2} ms fastest, over {iterations} runs",
        names.len(),
        total.as_secs_f64() * 1000.0 / f64::from(iterations),
        fastest.as_secs_f64() * 1000.0
    );
}
