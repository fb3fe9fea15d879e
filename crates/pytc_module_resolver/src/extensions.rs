//! Compiled extension modules (`.so` / `.pyd`) of a directory, listed once per directory.

use std::collections::BTreeSet;
use std::path::PathBuf;

use pytc_db::Db;

use crate::search_paths::search_paths;

/// A directory as a salsa key.
#[salsa::interned(debug, revisions = usize::MAX)]
pub(crate) struct DirectoryKey<'db> {
    #[returns(ref)]
    path: PathBuf,
}

/// The names of the compiled extension modules in a directory: `name.so`, `name.pyd`, or
/// either with one platform tag (`name.cpython-312-x86_64-linux-gnu.so`, `name.abi3.so`).
/// A query because every name that misses a directory would otherwise list it again.
#[salsa::tracked(returns(ref))]
pub(crate) fn compiled_extensions<'db>(db: &'db dyn Db, directory: DirectoryKey<'db>) -> BTreeSet<String> {
    // Listings are file-system state: depend on the search paths (and their generation, which
    // `invalidate_resolutions` bumps) so they are read again when those change.
    search_paths(db);
    let path = directory.path(db);
    let system = db.system();
    system
        .read_dir(path)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|entry| {
            let name = extension_module_name(&entry)?.to_string();
            system.is_file(&path.join(&entry)).then_some(name)
        })
        .collect()
}

/// `foo.cpython-312-x86_64-linux-gnu.so` → `foo`; `None` for anything else.
fn extension_module_name(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".so").or_else(|| file_name.strip_suffix(".pyd"))?;
    let name = match stem.split_once('.') {
        Some((name, tag)) if !tag.contains('.') && !tag.is_empty() => name,
        Some(_) => return None,
        None => stem,
    };
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::extension_module_name;

    #[test]
    fn recognises_extension_file_names() {
        assert_eq!(extension_module_name("speedups.cpython-312-x86_64-linux-gnu.so"), Some("speedups"));
        assert_eq!(extension_module_name("_core.abi3.so"), Some("_core"));
        assert_eq!(extension_module_name("_plain.pyd"), Some("_plain"));
        assert_eq!(extension_module_name("mod.cp312-win_amd64.pyd"), Some("mod"));
        assert_eq!(extension_module_name("plain.so"), Some("plain"));
        for not_one in ["_not.a.module.so", "_backup.so.bak", "x.py", ".so", "lib..so"] {
            assert_eq!(extension_module_name(not_one), None, "{not_one}");
        }
    }
}
