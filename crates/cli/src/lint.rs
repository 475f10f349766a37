//! `sfn-play lint FILE [--use identity|inline|resource|trust|boundary|session|scp|rcp]
//! [--account ID]`: prints the policy's findings as a JSON array (each with code,
//! severity, message, pointer, line, column). The use is inferred when not given.

const USAGE: &str = "usage: sfn-play lint FILE [--use identity|inline|resource|trust|boundary|session|scp|rcp] [--account ID]";

pub fn main(args: &[String]) -> u8 {
    let mut file = None;
    let mut use_ = None;
    let mut account = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--use" => match it.next().and_then(|u| iam::PolicyUse::parse(u)) {
                Some(u) => use_ = Some(u),
                None => {
                    warn!("{USAGE}");
                    return 2;
                }
            },
            "--account" => match it.next() {
                Some(a) => account = Some(a.clone()),
                None => {
                    warn!("{USAGE}");
                    return 2;
                }
            },
            f if file.is_none() && !f.starts_with("--") => file = Some(f.to_string()),
            _ => {
                warn!("{USAGE}");
                return 2;
            }
        }
    }
    let Some(file) = file else {
        warn!("{USAGE}");
        return 2;
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            warn!("sfn-play lint: cannot read {file}: {e}");
            return 2;
        }
    };
    let doc = match jsonloc::parse(&text) {
        Ok(v) => v,
        Err(e) => {
            warn!("{file}:{e}");
            return 2;
        }
    };
    let use_ = use_.unwrap_or_else(|| iam::PolicyUse::infer(&doc));
    let mut findings = match &account {
        Some(a) => iam::lint_in_account(&doc, use_, a),
        None => iam::lint(&doc, use_),
    };
    jsonloc::locate_all(&text, &mut findings);
    let out: Vec<serde_json::Value> = findings.iter().map(|f| f.to_json()).collect();
    match serde_json::to_string_pretty(&out) {
        Ok(s) => {
            crate::output::print(&s);
            0
        }
        Err(e) => {
            warn!("sfn-play lint: {e}");
            2
        }
    }
}
