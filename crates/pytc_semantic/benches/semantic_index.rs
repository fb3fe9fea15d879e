//! Benchmarks of building the semantic index (parse excluded): typeshed's `builtins.pyi`
//! (the largest stub every check reads), and generated scripts with 5,000 module-level names
//! and as many branches or loops (guards against work quadratic in names x branches).
//! Run with `cargo bench -p pytc_semantic`; prints the mean and the fastest build (steadier
//! on a busy machine).

use std::sync::Arc;
use std::time::{Duration, Instant};

use pytc_db::{Db, FilePath, FileSource, Files, PythonPlatform, Settings, System, TestSystem, parsed_module};
use pytc_semantic::semantic_index;
use pytc_syntax::PythonVersion;
use salsa::Setter;

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

fn main() {
    let mut db = BenchDb {
        storage: salsa::Storage::default(),
        system: Arc::new(TestSystem::default()),
        files: Arc::default(),
        settings: None,
    };
    db.settings = Some(Settings::new(&db, PythonVersion::PY312, PythonPlatform::Named("linux".into())));
    let builtins = pytc_typeshed::Typeshed::embedded().read("stdlib/builtins.pyi").expect("embedded").to_string();
    measure(&mut db, "builtins.pyi", builtins, 50);
    let script: String = (0..5000)
        .map(|index| format!("v{index} = f({index})\nif v{index} is None:\n    v{index} = {index}\nprint(v{index})\n"))
        .collect();
    measure(&mut db, "script.py", script, 10);
    let loops: String = (0..5000)
        .map(|index| format!("v{index} = f({index})\nfor item in v{index}:\n    v{index} = item\n"))
        .collect();
    measure(&mut db, "loops.py", loops, 4);
}

fn measure(db: &mut BenchDb, name: &str, text: String, iterations: u32) {
    let file = Files::get_or_create(db, FilePath::Vendored(name.into()), || FileSource::Text(text.into()));
    let mut total = Duration::ZERO;
    let mut fastest = Duration::MAX;
    for iteration in 0..iterations {
        // Toggle the platform so the index is rebuilt; the parse depends only on the version
        // and the text, so it stays cached.
        let platform = if iteration % 2 == 0 { "linux" } else { "darwin" };
        let settings = db.settings();
        settings.set_python_platform(db).to(PythonPlatform::Named(platform.into()));
        parsed_module(db, file);
        let start = Instant::now();
        let index = semantic_index(db, file);
        let elapsed = start.elapsed();
        total += elapsed;
        fastest = fastest.min(elapsed);
        assert!(index.definitions().count() > 1000);
    }
    println!(
        "semantic_index({name}): {:.2} ms mean, {:.2} ms fastest, over {iterations} builds",
        total.as_secs_f64() * 1000.0 / f64::from(iterations),
        fastest.as_secs_f64() * 1000.0
    );
}
