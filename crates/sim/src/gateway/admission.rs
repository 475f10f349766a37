//! The gateway: authorizes each call, records it with its decision, and runs it if allowed.

use super::authz::{authorize, decide, time_keys, Access, Verdict};
use super::data::Data;
use super::denial::denied_message;
use super::report::{CallError, CallRecord, Report, Site};
use super::request::{Call, CallCx};
use crate::errors::ApiError;
use crate::identity::Principal;
use crate::integration::iam_action;
use crate::scenario::Scenario;
use asl::extent;
use serde_json::{Map, Value};

/// The scenario, the data calls change, the report calls are recorded in, and the run's
/// budget, which each call's record is charged to.
pub(crate) struct Gateway<'s> {
    pub(crate) scenario: &'s Scenario,
    pub(crate) data: Data,
    pub(crate) report: Report,
    pub(crate) budget: asl::Budget,
    ids: u64,
}

/// A call the gateway has recorded and let through: its index in the report.
#[must_use]
pub(crate) struct Admitted(usize);

impl<'s> Gateway<'s> {
    /// A gateway over the scenario's initial data, with an empty report, recording within
    /// `budget`.
    pub(crate) fn new(scenario: &'s Scenario, budget: asl::Budget) -> Gateway<'s> {
        Gateway {
            scenario,
            data: Data::new(scenario),
            report: Report::default(),
            budget,
            ids: 0,
        }
    }

    /// Charges the run's budget for `bytes` more of records; going over it ends the run's
    /// executions at their next event.
    pub(crate) fn charge(&self, bytes: usize) {
        let _ = self.budget.hold(bytes);
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

    /// A request id for the error cause of the latest call.
    pub(crate) fn request_id(&self) -> String {
        format!("5a1d0000-0000-4000-9000-{:012x}", self.report.calls.len())
    }

    /// Authorizes `call` for the caller of `cx`, records it, and runs `body` if allowed.
    pub(crate) fn api(
        &mut self,
        cx: &CallCx,
        call: Call<'s>,
        body: impl FnOnce(&mut Gateway<'s>) -> Result<Value, ApiError>,
    ) -> Result<Value, ApiError> {
        let admitted = self.admit(cx, call)?;
        let result = body(self);
        self.settle(admitted, result)
    }

    /// Authorizes `call` for the caller of `cx` and records it; a denial is recorded and
    /// returned as the error AWS gives. [`Gateway::settle`] records the outcome.
    pub(crate) fn admit(&mut self, cx: &CallCx, call: Call<'s>) -> Result<Admitted, ApiError> {
        self.admit_as(
            Some(cx.site),
            cx.site.execution,
            &cx.principal,
            cx.now,
            call,
        )
    }

    /// [`Gateway::admit`] for any principal and site.
    pub(crate) fn admit_as(
        &mut self,
        site: Option<Site>,
        execution: usize,
        principal: &Principal,
        now: i64,
        call: Call<'s>,
    ) -> Result<Admitted, ApiError> {
        let action = iam_action(call.service, call.api);
        let verdict = authorize(self.scenario, principal, &access(action, &call), now);
        self.admit_decided(site, execution, principal, now, call, verdict)
    }

    /// Records `call` with a decision made without IAM (an API Gateway method open to
    /// anyone), and lets it through.
    pub(crate) fn admit_open(
        &mut self,
        cx: &CallCx,
        call: Call<'s>,
        headline: String,
    ) -> Result<Admitted, ApiError> {
        let action = iam_action(call.service, call.api);
        let verdict = Verdict::open(action, headline);
        self.admit_decided(
            Some(cx.site),
            cx.site.execution,
            &cx.principal,
            cx.now,
            call,
            verdict,
        )
    }

    /// Records `call`, refused with `error` before any policy was asked, its verdict worded
    /// by `headline` and `advice`; returns `error`.
    pub(crate) fn refuse(
        &mut self,
        cx: &CallCx,
        call: Call<'s>,
        words: (String, String),
        error: ApiError,
    ) -> ApiError {
        let verdict = Verdict::refused(iam_action(call.service, call.api), words.0, words.1);
        let context = time_keys(cx.now)
            .into_iter()
            .map(|(key, value)| (key.to_string(), Value::String(value)))
            .collect();
        let index = self.push_call(
            Some(cx.site),
            cx.site.execution,
            &cx.principal,
            call,
            context,
            verdict,
        );
        self.record(index, Err(&error));
        error
    }

    /// Records `call` with `verdict`; a denial is returned as the error AWS gives.
    fn admit_decided(
        &mut self,
        site: Option<Site>,
        execution: usize,
        principal: &Principal,
        now: i64,
        call: Call<'s>,
        verdict: Verdict,
    ) -> Result<Admitted, ApiError> {
        let action = iam_action(call.service, call.api);
        let context = call
            .context
            .iter()
            .map(|(key, value)| (key.to_string(), Value::String(value.clone())))
            .chain(time_keys(now).map(|(key, value)| (key.to_string(), Value::String(value))))
            .collect();
        let denial = (!verdict.allowed()).then(|| {
            ApiError::access_denied(
                call.service,
                denied_message(&principal.arn(), action, &call.resource, &verdict),
            )
        });
        let index = self.push_call(site, execution, principal, call, context, verdict);
        match denial {
            Some(e) => {
                self.record(index, Err(&e));
                Err(e)
            }
            None => Ok(Admitted(index)),
        }
    }

    /// Adds `call` to the report with its request context and verdict (no outcome yet);
    /// returns its index.
    fn push_call(
        &mut self,
        site: Option<Site>,
        execution: usize,
        principal: &Principal,
        call: Call<'s>,
        context: Map<String, Value>,
        verdict: Verdict,
    ) -> usize {
        let index = self.report.calls.len();
        self.charge(
            std::mem::size_of::<CallRecord>()
                + extent(&call.request).memory
                + VERDICT_MEMORY * asl::text_len(&verdict),
        );
        self.report.calls.push(CallRecord {
            site,
            execution,
            service: call.service,
            action: iam_action(call.service, call.api),
            api: call.api,
            caller: principal.clone(),
            resource: call.resource,
            resource_account: call.resource_account,
            request: call.request,
            context,
            response: None,
            error: None,
            decision: verdict,
        });
        index
    }

    /// Records the outcome of an admitted call, and passes it on.
    pub(crate) fn settle(
        &mut self,
        admitted: Admitted,
        result: Result<Value, ApiError>,
    ) -> Result<Value, ApiError> {
        self.record(admitted.0, result.as_ref());
        result
    }

    /// Notes the response or error of call `index`.
    fn record(&mut self, index: usize, result: Result<&Value, &ApiError>) {
        if let Some(record) = self.report.calls.get_mut(index) {
            match result {
                Ok(v) => {
                    let _ = self.budget.hold(extent(v).memory);
                    record.response = Some(v.clone());
                }
                Err(e) => {
                    let _ = self.budget.hold(e.code.len() + e.message.len());
                    record.error = Some(CallError {
                        error: e.code.clone(),
                        cause: e.message.clone(),
                    })
                }
            }
        }
    }

    /// Whether IAM would let `principal` make `call` at `now` (nothing is recorded).
    pub(crate) fn would_allow(&self, principal: &Principal, call: &Call, now: i64) -> bool {
        let action = iam_action(call.service, call.api);
        decide(self.scenario, principal, &access(action, call), now).allowed()
    }
}

/// A decision in memory (its explanation's strings, vectors and boxes) takes about this
/// many times the length of its JSON text.
const VERDICT_MEMORY: usize = 3;

/// What `call` asks IAM for.
fn access<'s>(action: &'static str, call: &Call<'s>) -> Access<'s> {
    Access {
        action,
        resource: call.resource.clone(),
        resource_account: call.resource_account.clone(),
        resource_policy: call.resource_policy,
        resource_policy_noun: call.noun,
        trust: call.trust,
        context: call.context.clone(),
        given: Vec::new(),
    }
}
