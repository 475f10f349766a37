//! IAM: authorization requests with their policies, and policies alone.

use iam::PolicyUse;

/// The text decided as `sfn-play authorize` decides it (a request with its policies, or
/// an array of them); when it is a JSON object, also read as one policy and linted as an
/// identity, resource or trust policy (by the input's length, so that each input costs
/// one lint and the three kinds are each fuzzed on a third of them).
pub fn policy(data: &[u8]) {
    let Some(text) = crate::text(data) else {
        return;
    };
    if let Ok(engines::Decisions::Batch(batch)) = engines::decisions(text) {
        batch.for_each(drop);
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        if value.is_object() {
            let _ = iam::Policy::from_value(&value);
            let uses = [PolicyUse::Identity, PolicyUse::Resource, PolicyUse::Trust];
            let _ = iam::lint(&value, uses[data.len() % uses.len()]);
        }
    }
}
