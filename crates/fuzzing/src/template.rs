//! CloudFormation and SAM templates imported, and the account exported back.

use cfn::ImportOptions;

/// The account the template goes into.
const ACCOUNT: &str = "111111111111";

/// A template (JSON or YAML) imported into an account and, when it imports, that account
/// exported back as YAML and JSON.
pub fn template(data: &[u8]) {
    let Some(text) = crate::text(data) else {
        return;
    };
    if let Ok(imported) = cfn::import(text, &ImportOptions::new(ACCOUNT)) {
        if let Ok(exported) = cfn::export(&imported.scenario, ACCOUNT) {
            let _ = exported.yaml();
            let _ = exported.json();
        }
    }
}
