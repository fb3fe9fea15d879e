//! Mapping between document URIs and pytc file paths. `file:` URIs map to system paths,
//! except files in the typeshed cache folder, which map back to the embedded stub they were
//! written from; other schemes (`untitled:`) are keyed by the URI text itself.

use std::path::PathBuf;

use pytc_db::FilePath;
use tower_lsp_server::ls_types::Uri;

use crate::typeshed_files::{materialize, typeshed_folder, vendored_path_of};

pub fn file_path_of_uri(uri: &Uri) -> FilePath {
    if uri.scheme().as_str().eq_ignore_ascii_case("file")
        && let Some(path) = uri.to_file_path()
    {
        if let Some(vendored) = vendored_path_of(&path) {
            return FilePath::Vendored(vendored);
        }
        return FilePath::System(path.into_owned());
    }
    FilePath::System(PathBuf::from(uri.as_str()))
}

/// The URI an editor opens for a file; embedded stubs are written to the cache folder first.
pub fn uri_of_file_path(path: &FilePath, text: &str) -> Option<Uri> {
    match path {
        FilePath::System(path) if path.is_absolute() => Uri::from_file_path(path),
        FilePath::System(path) => path.to_str()?.parse().ok(),
        FilePath::Vendored(vendored) => {
            let written = materialize(typeshed_folder(), vendored, text).ok()?;
            Uri::from_file_path(written)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths_and_other_schemes_stay_uris() {
        let uri: Uri = "file:///project/pkg/m%C3%A9.py".parse().unwrap();
        assert_eq!(file_path_of_uri(&uri), FilePath::System("/project/pkg/mé.py".into()));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        let path = file_path_of_uri(&untitled);
        assert_eq!(uri_of_file_path(&path, "").unwrap(), untitled);
    }
}
