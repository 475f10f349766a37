//! The `shared/` folder beside the repository (recorded AWS executions, benchmark inputs),
//! and reading the JSON files of a folder.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The `shared/` folder beside the repository, when present (tests skip with a message
/// when it is absent).
pub fn dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dir.is_dir().then_some(dir)
}

/// The `.json` files of a folder, sorted by path (none when the folder is unreadable).
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

/// Reads a JSON file; the error names the file.
pub fn try_read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a JSON file.
///
/// # Panics
/// When the file is unreadable or not JSON, with a message naming the file.
pub fn read_json(path: &Path) -> Value {
    try_read_json(path).unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_json_files_sorted_and_names_broken_ones() {
        let dir = std::env::temp_dir().join(format!("testkit-shared-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b.json"), "[1]").unwrap();
        std::fs::write(dir.join("a.json"), "{").unwrap();
        std::fs::write(dir.join("c.txt"), "").unwrap();
        let files = json_files(&dir);
        let names: Vec<_> = files.iter().filter_map(|f| f.file_name()).collect();
        assert_eq!(names, ["a.json", "b.json"]);
        assert!(try_read_json(&files[0]).unwrap_err().contains("a.json"));
        assert_eq!(read_json(&files[1]), serde_json::json!([1]));
        assert!(json_files(&dir.join("absent")).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
