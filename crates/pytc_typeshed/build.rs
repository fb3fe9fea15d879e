//! Fetches the pinned typeshed stubs when they are missing (via `typeshed-stubs/fetch.py`)
//! and zips `typeshed-stubs/stdlib/` into `OUT_DIR/typeshed.zip` for `include_bytes!`.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const FETCH_COMMAND: &str = "python3 typeshed-stubs/fetch.py";

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest_dir.join("../..");
    let stubs_dir = workspace.join("typeshed-stubs");
    let stdlib = stubs_dir.join("stdlib");
    for watched in ["LOCK", "FETCHED", "fetch.py", "stdlib"] {
        println!("cargo:rerun-if-changed={}", stubs_dir.join(watched).display());
    }

    if !is_fetched(&stubs_dir) {
        fetch(&workspace);
    }

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let zip_path = out_dir.join("typeshed.zip");
    if let Err(error) = write_zip(&stdlib, &zip_path) {
        fail(&format!("could not zip {}: {error}", stdlib.display()));
    }
}

/// True when `stdlib/VERSIONS` exists and `FETCHED` names the hash pinned in `LOCK`.
fn is_fetched(stubs_dir: &Path) -> bool {
    if !stubs_dir.join("stdlib/VERSIONS").is_file() {
        return false;
    }
    let lock = std::fs::read_to_string(stubs_dir.join("LOCK")).unwrap_or_default();
    let fetched = std::fs::read_to_string(stubs_dir.join("FETCHED")).unwrap_or_default();
    let fetched = fetched.trim();
    !fetched.is_empty() && lock.lines().any(|line| line.starts_with("sha256") && line.trim_end().ends_with(fetched))
}

fn fetch(workspace: &Path) {
    let status = Command::new("python3").arg("typeshed-stubs/fetch.py").current_dir(workspace).status();
    match status {
        Ok(status) if status.success() && workspace.join("typeshed-stubs/stdlib/VERSIONS").is_file() => {}
        Ok(status) => fail(&format!("fetching the typeshed stubs failed ({status})")),
        Err(error) => fail(&format!("could not run python3 to fetch the typeshed stubs: {error}")),
    }
}

fn fail(reason: &str) -> ! {
    eprintln!("error: {reason}");
    eprintln!("pytc embeds the typeshed stdlib stubs; fetch them by running, from the repository root:");
    eprintln!("    {FETCH_COMMAND}");
    std::process::exit(1);
}

/// Zip every file under `stdlib` as `stdlib/<relative path>`, in sorted order so the
/// archive is reproducible.
fn write_zip(stdlib: &Path, zip_path: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    collect_files(stdlib, &mut files)?;
    files.sort();
    let mut writer = zip::ZipWriter::new(File::create(zip_path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for file in files {
        let relative = file.strip_prefix(stdlib).expect("collected under stdlib");
        let name: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        writer.start_file(format!("stdlib/{}", name.join("/")), options)?;
        writer.write_all(&std::fs::read(&file)?)?;
    }
    writer.finish()?;
    Ok(())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}
