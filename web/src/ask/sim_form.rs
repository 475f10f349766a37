//! The policy simulator's form: principal, action, resource and context keys, as typed; it
//! makes the question the worker decides.

use serde_json::Value;

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimField {
    Principal,
    Action,
    Resource,
    /// The name of context key `i`.
    Key(usize),
    /// The value of context key `i`.
    Value(usize),
}

/// What the simulator form holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimForm {
    pub principal: String,
    pub action: String,
    pub resource: String,
    /// Context keys and their values as typed (a JSON array of strings for several values).
    pub context: Vec<(String, String)>,
}

impl SimForm {
    /// The form for the request behind call `index` of a run.
    pub fn of_call(report: &sim::Report, index: usize) -> Option<SimForm> {
        let question = sim::question_of_call(report, index)?;
        Some(SimForm {
            principal: question.principal,
            action: question.action,
            resource: question.resource,
            context: question
                .context
                .into_iter()
                .map(|(key, value)| {
                    let text = match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, text)
                })
                .collect(),
        })
    }

    /// Sets a field.
    pub fn set(&mut self, field: SimField, value: String) {
        match field {
            SimField::Principal => self.principal = value,
            SimField::Action => self.action = value,
            SimField::Resource => self.resource = value,
            SimField::Key(i) => {
                if let Some(entry) = self.context.get_mut(i) {
                    entry.0 = value;
                }
            }
            SimField::Value(i) => {
                if let Some(entry) = self.context.get_mut(i) {
                    entry.1 = value;
                }
            }
        }
    }

    /// The question the form asks: a value that is a JSON array of strings gives several
    /// values; keys left empty are skipped.
    pub fn question(&self) -> sim::Question {
        let context = self
            .context
            .iter()
            .filter(|(key, _)| !key.trim().is_empty())
            .map(|(key, text)| {
                let value = match serde_json::from_str::<Value>(text) {
                    Ok(Value::Array(items)) if items.iter().all(Value::is_string) => {
                        Value::Array(items)
                    }
                    _ => Value::String(text.clone()),
                };
                (key.trim().to_string(), value)
            })
            .collect();
        sim::Question {
            principal: self.principal.trim().to_string(),
            action: self.action.trim().to_string(),
            resource: self.resource.trim().to_string(),
            context,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{SimField, SimForm};

    #[test]
    fn a_value_that_is_an_array_gives_several_values() {
        let mut form = SimForm {
            context: vec![
                ("aws:SourceIp".into(), "[\"10.0.0.1\", \"10.0.0.2\"]".into()),
                ("sts:ExternalId".into(), "[not json".into()),
                (" ".into(), "skipped".into()),
            ],
            ..SimForm::default()
        };
        form.set(SimField::Action, " sts:AssumeRole ".into());
        let q = form.question();
        assert_eq!(q.action, "sts:AssumeRole");
        assert_eq!(
            q.context["aws:SourceIp"],
            serde_json::json!(["10.0.0.1", "10.0.0.2"])
        );
        assert_eq!(q.context["sts:ExternalId"], "[not json");
        assert_eq!(q.context.len(), 2);
    }

    #[test]
    fn the_seeds_assume_role_call_fills_the_form() {
        let (_, report) = super::super::tests::seed();
        let index = report
            .calls
            .iter()
            .position(|c| c.action == "sts:AssumeRole" && c.resource.contains("222222222222"))
            .expect("the cross-account AssumeRole");
        let form = SimForm::of_call(&report, index).expect("a form");
        assert_eq!(form.action, "sts:AssumeRole");
        assert!(
            form.context.iter().any(|(k, _)| k == "sts:ExternalId"),
            "{:?}",
            form.context
        );
    }
}
