//! One Task attempt: resolve the resource, assume the `Credentials` role if any, call the
//! service, and turn its errors into the names the Task's Retry and Catch see.

use super::driver::World;
use crate::gateway::{CallCx, Site};
use crate::identity::{Principal, Session};
use crate::integration::resolve;
use crate::services;
use asl::error_names as names;
use asl::{Failure, TaskRequest};
use serde_json::Value;

impl World<'_> {
    /// Performs one attempt; returns its result and how long it took (ms).
    pub(crate) fn task(
        &mut self,
        site: Site,
        session: &Session,
        request: &TaskRequest,
    ) -> (Result<Value, Failure>, u64) {
        let Some(target) = resolve(request.resource) else {
            return (
                Err(Failure::new(
                    names::RUNTIME,
                    format!(
                        "The playground does not simulate the resource '{}': see docs/scenario-format.md for the simulated integrations",
                        request.resource
                    ),
                )),
                0,
            );
        };
        let mut cx = CallCx {
            site,
            principal: Principal::Session(session.clone()),
            style: target.style,
            pattern: target.pattern,
            now: request.now,
            task: request,
        };
        if let Some(role_arn) = request.role_arn {
            let machine_arn = request.execution.state_machine_arn.to_string();
            let session_name = request.execution.name.to_string();
            match services::assume(
                &mut self.gateway,
                &cx,
                role_arn,
                &session_name,
                Some(machine_arn),
            ) {
                Ok((assumed, _)) => cx.principal = Principal::Session(assumed),
                Err(e) => {
                    let request_id = self.gateway.request_id();
                    return (
                        Err(Failure::new(names::TASK_FAILED, e.cause(&request_id))),
                        0,
                    );
                }
            }
        }
        match services::call(self, &cx, target, request.parameters) {
            Ok(reply) => (
                match reply.failure {
                    Some(f) => Err(f),
                    None => Ok(reply.value),
                },
                reply.duration,
            ),
            Err(e) => {
                let request_id = self.gateway.request_id();
                (Err(e.failure(target.style, &request_id)), 0)
            }
        }
    }
}
