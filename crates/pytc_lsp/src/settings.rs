//! Settings the editor sends, in `initializationOptions` or as the `pytc` section of
//! `workspace/configuration`. They override what `pyproject.toml` says.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientSettings {
    /// The Python interpreter whose environment (site-packages) imports resolve against.
    pub interpreter_path: Option<PathBuf>,
    /// The Python version to check against, e.g. `"3.12"`.
    pub python_version: Option<String>,
    /// Rule levels by rule name: `"error"`, `"warn"`, `"info"` or `"ignore"`.
    pub rules: BTreeMap<String, String>,
    pub inlay_hints: InlayHintSettings,
}

/// Which inlay hints to show beside the types of variables and return types (always shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InlayHintSettings {
    /// `name=` before positional arguments (`inlayHints.parameterNames`, off by default).
    pub parameter_names: bool,
}

impl ClientSettings {
    /// Read settings from a JSON value; unknown keys are ignored, and a value of the wrong
    /// shape yields the defaults rather than an error, so a bad setting never stops the server.
    pub fn from_json(value: Option<&Value>) -> Self {
        let Some(value) = value else { return Self::default() };
        let section = value.get("pytc").unwrap_or(value);
        serde_json::from_value(section.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_camel_case_settings_with_or_without_the_section_name() {
        let expected = ClientSettings {
            interpreter_path: Some("/venv/bin/python".into()),
            python_version: Some("3.11".into()),
            rules: BTreeMap::from([("invalid-syntax".to_string(), "warn".to_string())]),
            inlay_hints: InlayHintSettings { parameter_names: true },
        };
        let flat = json!({"interpreterPath": "/venv/bin/python", "pythonVersion": "3.11", "rules": {"invalid-syntax": "warn"},
            "inlayHints": {"parameterNames": true}});
        assert_eq!(ClientSettings::from_json(Some(&flat)), expected);
        assert_eq!(ClientSettings::from_json(Some(&json!({ "pytc": flat }))), expected);
    }

    #[test]
    fn a_malformed_value_falls_back_to_defaults() {
        assert_eq!(ClientSettings::from_json(Some(&json!({"rules": 3}))), ClientSettings::default());
        assert_eq!(ClientSettings::from_json(None), ClientSettings::default());
    }
}
