//! `sfn-play import` and `export` from the outside: the seed's two SAM templates imported
//! one after the other (the first's `--outputs` feeding the second's `--param`s) run to
//! SUCCEEDED; what is not mapped is listed on stderr as `TEMPLATE:line:column: …`; a
//! template that cannot be read exits 2 naming line and column; an exported account imports
//! back to the same account.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sfn_play(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sfn-play"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run sfn-play: {e}"))
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("sfn-play-cfn-{}-{name}", std::process::id()))
}

#[test]
fn the_seed_templates_import_one_after_the_other_and_run() {
    let trusted = repo("examples/seed/trusted-account.yaml");
    let outputs = temp("outputs.json");
    let first = sfn_play(&[
        "import",
        &trusted,
        "--account",
        "111111111111",
        "--param",
        "TrustingAccountId=222222222222",
        "--outputs",
        &outputs.display().to_string(),
    ]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let scenario = temp("scenario.json");
    std::fs::write(&scenario, &first.stdout).unwrap_or_else(|e| panic!("{e}"));
    let outputs: Value =
        serde_json::from_str(&std::fs::read_to_string(&outputs).unwrap_or_default())
            .unwrap_or_default();
    let param = |name: &str| format!("{name}={}", outputs[name].as_str().unwrap_or_default());
    let trusting = repo("examples/seed/trusting-account.yaml");
    let (role, workflow) = (param("TrustedRoleArn"), param("ConsumerWorkflowArn"));
    let second = sfn_play(&[
        "import",
        &trusting,
        "--account",
        "222222222222",
        "--param",
        &role,
        "--param",
        &workflow,
        "--into",
        &scenario.display().to_string(),
    ]);
    assert_eq!(second.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{trusting}:127:3: note: CacheSecretFunction: SAM also attaches"
        )),
        "{stderr}"
    );
    std::fs::write(&scenario, &second.stdout).unwrap_or_else(|e| panic!("{e}"));
    let run = sfn_play(&["run", &scenario.display().to_string()]);
    let report: Value = serde_json::from_slice(&run.stdout).unwrap_or_default();
    assert_eq!(report["status"], "SUCCEEDED");
}

#[test]
fn a_template_that_cannot_be_read_exits_2_with_its_place() {
    let bad = temp("bad.yaml");
    std::fs::write(&bad, "Resources:\n  A: !Reff x\n").unwrap_or_else(|e| panic!("{e}"));
    let out = sfn_play(&[
        "import",
        &bad.display().to_string(),
        "--account",
        "111111111111",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .next()
            .unwrap_or_default()
            .split(": unknown tag")
            .next(),
        Some(format!("{}:2:6", bad.display()).as_str())
    );
}

#[test]
fn an_exported_account_imports_back_the_same() {
    let preset = repo("crates/sim/presets/lambda-proxy-resource-policy.json");
    for format in ["yaml", "json"] {
        let out = sfn_play(&[
            "export",
            &preset,
            "--account",
            "222222222222",
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(0));
        let template = temp(&format!("template.{format}"));
        std::fs::write(&template, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
        let back = sfn_play(&[
            "import",
            &template.display().to_string(),
            "--account",
            "222222222222",
            "--into",
            &preset,
        ]);
        assert_eq!(back.status.code(), Some(0));
        let got: Value = serde_json::from_slice(&back.stdout).unwrap_or_default();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(&preset).unwrap_or_default())
                .unwrap_or_default();
        assert_eq!(got, want, "{format}");
    }
    let unknown = sfn_play(&["export", &preset, "--account", "333333333333"]);
    assert_eq!(unknown.status.code(), Some(2));
}
