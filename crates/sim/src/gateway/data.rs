//! What calls change during a run: table items, queue messages, topic messages, objects,
//! and how often each function was invoked.

use crate::scenario::Scenario;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// `(account, name)` of a resource.
pub(crate) type Key = (String, String);

/// The data of one run, starting from the scenario's.
#[derive(Debug, Default)]
pub(crate) struct Data {
    pub(crate) tables: BTreeMap<Key, Vec<Map<String, Value>>>,
    pub(crate) queues: BTreeMap<Key, Vec<Value>>,
    pub(crate) topics: BTreeMap<Key, Vec<Value>>,
    /// `(bucket, key)` to body.
    pub(crate) objects: BTreeMap<Key, String>,
    /// Invocations so far per function.
    pub(crate) invocations: BTreeMap<Key, usize>,
}

impl Data {
    /// The scenario's initial items and objects.
    pub(crate) fn new(scenario: &Scenario) -> Data {
        let mut data = Data::default();
        for (id, account) in &scenario.accounts {
            for (name, table) in &account.dynamodb_tables {
                data.tables
                    .insert((id.clone(), name.clone()), table.items.clone());
            }
            for (bucket, b) in &account.s3_buckets {
                for (key, body) in &b.objects {
                    data.objects
                        .insert((bucket.clone(), key.clone()), body.clone());
                }
            }
        }
        data
    }
}
