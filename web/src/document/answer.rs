//! Answering a Task that waits for its token, from the page: the answer becomes an entry
//! of the scenario's `callbacks` (a `states:SendTask*` call by a principal of the
//! scenario, maybe after assuming a role), added as an undoable edit; the re-run then
//! plays it, authorized like every other call.

use serde_json::{json, Map, Value};

/// What the user chose to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Send {
    /// `SendTaskSuccess` with this output (JSON text).
    Success(String),
    /// `SendTaskFailure` with an error name and a cause.
    Failure { error: String, cause: String },
    /// `SendTaskHeartbeat`.
    Heartbeat,
}

/// One answer to a paused Task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The role ARN whose session sends it.
    pub principal: String,
    /// A role to assume first (in the state machine's account, for an answer from another).
    pub assume_role: Option<String>,
    /// The external id that role's trust policy asks for, if any.
    pub external_id: Option<String>,
    /// The Task: its state machine, state and attempt.
    pub state_machine: String,
    pub state: String,
    pub attempt: u32,
    /// Seconds after the Task started waiting.
    pub after_seconds: u64,
    pub send: Send,
}

/// Why an answer cannot be added.
#[derive(Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// The output is not JSON.
    Output(String),
    /// No principal was chosen.
    NoPrincipal,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::Output(e) => write!(f, "The output is not JSON: {e}"),
            AnswerError::NoPrincipal => write!(f, "Choose who sends the answer."),
        }
    }
}

/// The `callbacks` entry for `answer`.
pub fn entry(answer: &Answer) -> Result<Value, AnswerError> {
    if answer.principal.is_empty() {
        return Err(AnswerError::NoPrincipal);
    }
    let mut e = Map::new();
    e.insert("principal".into(), json!(answer.principal));
    match (&answer.assume_role, &answer.external_id) {
        (Some(role), Some(id)) => {
            e.insert(
                "assumeRole".into(),
                json!({"roleArn": role, "externalId": id}),
            );
        }
        (Some(role), None) => {
            e.insert("assumeRole".into(), json!(role));
        }
        (None, _) => {}
    }
    e.insert(
        "task".into(),
        json!({"stateMachine": answer.state_machine, "state": answer.state, "attempt": answer.attempt}),
    );
    if answer.after_seconds > 0 {
        e.insert("afterSeconds".into(), json!(answer.after_seconds));
    }
    match &answer.send {
        Send::Success(output) => {
            let output: Value = serde_json::from_str(output.trim())
                .map_err(|err| AnswerError::Output(err.to_string()))?;
            e.insert("send".into(), json!("SendTaskSuccess"));
            e.insert("output".into(), output);
        }
        Send::Failure { error, cause } => {
            e.insert("send".into(), json!("SendTaskFailure"));
            e.insert("error".into(), json!(error));
            e.insert("cause".into(), json!(cause));
        }
        Send::Heartbeat => {
            e.insert("send".into(), json!("SendTaskHeartbeat"));
        }
    }
    Ok(Value::Object(e))
}

/// The edit that adds `answer` to a scenario whose `callbacks` member is `callbacks`, as a
/// fix the page applies (undoable).
pub fn fix(callbacks: Option<&Value>, answer: &Answer) -> Result<sim::Fix, AnswerError> {
    let entry = entry(answer)?;
    let edit = match callbacks {
        Some(Value::Array(_)) => sim::Edit {
            pointer: "/callbacks/-".into(),
            op: sim::EditOp::Add(entry),
        },
        Some(_) => sim::Edit {
            pointer: "/callbacks".into(),
            op: sim::EditOp::Replace(json!([entry])),
        },
        None => sim::Edit {
            pointer: "/callbacks".into(),
            op: sim::EditOp::Add(json!([entry])),
        },
    };
    let verb = match answer.send {
        Send::Success(_) => "SendTaskSuccess",
        Send::Failure { .. } => "SendTaskFailure",
        Send::Heartbeat => "SendTaskHeartbeat",
    };
    let role = answer
        .principal
        .rsplit('/')
        .next()
        .unwrap_or(&answer.principal);
    Ok(sim::Fix {
        title: format!("Answer {} with {verb} as {role}", answer.state),
        item: "/callbacks".into(),
        edits: vec![edit],
    })
}

/// Every role of the scenario, as ARNs, account by account.
pub fn role_arns(doc: &Value) -> Vec<String> {
    doc.get("accounts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .flat_map(|(id, account)| {
            account
                .get("roles")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(move |(name, _)| format!("arn:aws:iam::{id}:role/{name}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(send: Send) -> Answer {
        Answer {
            principal: "arn:aws:iam::222222222222:role/Consumer".into(),
            assume_role: Some("arn:aws:iam::111111111111:role/Responder".into()),
            external_id: None,
            state_machine: "arn:aws:states:us-east-1:111111111111:stateMachine:M".into(),
            state: "Wait".into(),
            attempt: 0,
            after_seconds: 5,
            send,
        }
    }

    #[test]
    fn an_answer_is_a_callbacks_entry_added_as_a_fix() {
        let doc = json!({"scenarioVersion": 1, "accounts": {}});
        let fix = fix(
            doc.get("callbacks"),
            &answer(Send::Success(r#"{"ok": true}"#.into())),
        )
        .unwrap();
        let mut applied = doc.clone();
        sim::apply_fix(&mut applied, &fix).unwrap();
        assert_eq!(
            applied["callbacks"],
            json!([{"principal": "arn:aws:iam::222222222222:role/Consumer",
                "assumeRole": "arn:aws:iam::111111111111:role/Responder",
                "task": {"stateMachine": "arn:aws:states:us-east-1:111111111111:stateMachine:M", "state": "Wait", "attempt": 0},
                "afterSeconds": 5, "send": "SendTaskSuccess", "output": {"ok": true}}])
        );
        assert_eq!(fix.title, "Answer Wait with SendTaskSuccess as Consumer");
        let mut heartbeat = answer(Send::Heartbeat);
        heartbeat.external_id = Some("x-1".into());
        assert_eq!(
            entry(&heartbeat).unwrap()["assumeRole"],
            json!({"roleArn": "arn:aws:iam::111111111111:role/Responder", "externalId": "x-1"})
        );
        let second = super::fix(applied.get("callbacks"), &heartbeat).unwrap();
        sim::apply_fix(&mut applied, &second).unwrap();
        assert_eq!(applied["callbacks"][1]["send"], "SendTaskHeartbeat");
    }

    #[test]
    fn a_bad_output_or_no_principal_is_refused() {
        let doc = json!({});
        assert!(matches!(
            fix(doc.get("callbacks"), &answer(Send::Success("{oops".into()))),
            Err(AnswerError::Output(_))
        ));
        let mut nobody = answer(Send::Heartbeat);
        nobody.principal.clear();
        assert_eq!(fix(None, &nobody).unwrap_err(), AnswerError::NoPrincipal);
        let failed = entry(&answer(Send::Failure {
            error: "Rejected".into(),
            cause: "no".into(),
        }))
        .unwrap();
        assert_eq!(
            (failed["error"].as_str(), failed["cause"].as_str()),
            (Some("Rejected"), Some("no"))
        );
    }

    #[test]
    fn lists_every_role_as_an_arn() {
        let doc = json!({"accounts": {"111111111111": {"roles": {"A": {}, "B": {}}}, "222222222222": {"roles": {"C": {}}}}});
        assert_eq!(
            role_arns(&doc),
            vec![
                "arn:aws:iam::111111111111:role/A",
                "arn:aws:iam::111111111111:role/B",
                "arn:aws:iam::222222222222:role/C"
            ]
        );
    }
}
