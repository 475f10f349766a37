//! The simulated world during a run: the scenario, the data that calls change (table
//! items, queue messages, objects …), and the record of executions and calls.

mod calls;
mod executions;
mod handler;
mod task;

use crate::identity::Principal;
use crate::integration::{Pattern, Style};
use crate::report::{Report, Site};
use crate::scenario::Scenario;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(crate) use calls::Call;
pub(crate) use executions::Start;

/// How deep executions may nest (an execution that starts itself ends here).
pub const MAX_NESTING: usize = 10;

/// `(account, name)` of a resource.
pub(crate) type Key = (String, String);

/// What calls change.
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

/// The world of one run.
pub(crate) struct World<'s> {
    pub(crate) scenario: &'s Scenario,
    pub(crate) data: Data,
    pub(crate) report: Report,
    pub(crate) depth: usize,
    ids: u64,
}

/// Who calls, from where, how.
#[derive(Clone)]
pub(crate) struct CallCx<'a> {
    pub(crate) site: Site,
    pub(crate) principal: Principal,
    pub(crate) style: Style,
    pub(crate) pattern: Pattern,
    /// Now, ms on the virtual clock.
    pub(crate) now: i64,
    pub(crate) task: &'a asl::TaskRequest<'a>,
}

impl CallCx<'_> {
    /// The caller's account (empty for a service principal).
    pub(crate) fn account(&self) -> &str {
        match &self.principal {
            Principal::Session(s) => &s.account,
            Principal::Service(_) => "",
        }
    }
}

impl<'s> World<'s> {
    /// A world in the scenario's initial state.
    pub(crate) fn new(scenario: &'s Scenario) -> World<'s> {
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
        World {
            scenario,
            data,
            report: Report::default(),
            depth: 0,
            ids: 0,
        }
    }

    /// A fresh deterministic id in UUID form.
    pub(crate) fn uuid(&mut self) -> String {
        self.ids += 1;
        format!("5a1d0000-0000-4000-8000-{:012x}", self.ids)
    }

    /// The region of the scenario.
    pub(crate) fn region(&self) -> &'s str {
        &self.scenario.region
    }

    /// Runs the scenario's execution and returns the report.
    pub(crate) fn run(mut self) -> Report {
        let spec = &self.scenario.execution;
        let start = Start {
            account: &spec.account,
            machine: &spec.machine_name,
            input: spec.input.clone(),
            name: spec.name.clone(),
            parent: None,
            start_time: asl::Options::default().start_time,
        };
        let _ = self.start_execution(start);
        self.report
    }
}
