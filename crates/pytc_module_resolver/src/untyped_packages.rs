//! Whether a file belongs to an installed distribution that does not say it is typed: a
//! module found on a site-packages path whose top-level package has no `py.typed` marker
//! (PEP 561), or a single-file module there (which cannot carry one).

use pytc_db::{Db, File, FilePath};

use crate::{ModuleKind, SearchPathKind, file_to_module};

/// True for code of an installed package that does not declare itself typed. Such code is
/// read for its declarations only; the type layer does not infer from its bodies what its
/// authors never annotated (pytc bundles no third-party stubs to stand in for it).
#[salsa::tracked(returns(copy))]
pub fn is_untyped_installed_file(db: &dyn Db, file: File) -> bool {
    let Some(module) = file_to_module(db, file) else { return false };
    if module.search_path != SearchPathKind::SitePackages || module.from_stub_package {
        return false;
    }
    let FilePath::System(path) = file.path(db) else { return false };
    let depth = module.name.components().count() - usize::from(module.kind != ModuleKind::Package);
    if depth == 0 {
        return true;
    }
    match path.ancestors().nth(depth) {
        Some(top_level) => !db.system().is_file(&top_level.join("py.typed")),
        None => false,
    }
}
