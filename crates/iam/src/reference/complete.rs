//! Completions for what a user is typing in a policy: actions, condition keys, and the ARN
//! formats an action's resources take. Each completion is the whole text to put in place
//! of what was typed.

use super::{cmp_ignoring_case, Reference};

/// Whether `text` starts with `typed`, ignoring case.
fn starts_with_ignoring_case(text: &str, typed: &str) -> bool {
    text.get(..typed.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(typed))
}

impl Reference {
    /// Completions of a partly typed action, at most `limit`: with a colon, the service's
    /// actions starting with the rest (`s3:GetObj` → `s3:GetObject`, `s3:GetObjectAcl` …,
    /// by name); without one, the service prefixes starting with it, colon included
    /// (`sec` → `secretsmanager:`, `securityhub:` …). Case is ignored.
    pub fn complete_action(&self, typed: &str, limit: usize) -> Vec<String> {
        match typed.split_once(':') {
            Some((prefix, name)) => self
                .service(prefix)
                .map(|service| {
                    service
                        .actions()
                        .filter(|a| starts_with_ignoring_case(a.name(), name))
                        .take(limit)
                        .map(|a| a.qualified_name())
                        .collect()
                })
                .unwrap_or_default(),
            None => self
                .services()
                .filter(|s| starts_with_ignoring_case(s.prefix(), typed))
                .take(limit)
                .map(|s| format!("{}:", s.prefix()))
                .collect(),
        }
    }

    /// Completions of a partly typed condition key, at most `limit`: first the keys the
    /// actions `action` names support (an action or a pattern such as `s3:Get*`), then the
    /// global keys, each group by name, case ignored, each key once. Keys keep their variable
    /// part as the reference writes it (`aws:RequestTag/${TagKey}`).
    pub fn complete_condition_key(
        &self,
        action: Option<&str>,
        typed: &str,
        limit: usize,
    ) -> Vec<String> {
        let mut of_actions: Vec<&str> = action
            .map(|pattern| {
                self.actions_matching(pattern)
                    .iter()
                    .flat_map(|a| a.condition_keys())
                    .filter(|k| !self.is_global_condition_key(k))
                    .collect()
            })
            .unwrap_or_default();
        let mut global: Vec<&str> = self.global_condition_keys().collect();
        let mut out: Vec<String> = Vec::new();
        for group in [&mut of_actions, &mut global] {
            group.sort_by(|a, b| cmp_ignoring_case(a, b));
            for key in group.iter() {
                if out.len() == limit {
                    return out;
                }
                if starts_with_ignoring_case(key, typed)
                    && !out.iter().any(|k| k.eq_ignore_ascii_case(key))
                {
                    out.push((*key).to_string());
                }
            }
        }
        out
    }

    /// The ARN formats of the resource types of the actions `action` names (an action or a
    /// pattern), each once, in the reference's order: what the statement's `Resource` may
    /// name for them.
    pub fn resource_formats(&self, action: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.actions_matching(action) {
            for resource_type in a.resource_types() {
                for format in resource_type.arn_formats() {
                    if !out.iter().any(|f| f == format) {
                        out.push(format.to_string());
                    }
                }
            }
        }
        out
    }
}
