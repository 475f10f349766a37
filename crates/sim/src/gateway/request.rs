//! One API call as the gateway sees it: who calls, from where and how ([`CallCx`]), and
//! what is called on which resource ([`Call`]).

use super::report::Site;
use crate::identity::Principal;
use crate::integration::{Pattern, Service, Style};
use crate::scenario::NamedPolicy;
use serde_json::Value;

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
            Principal::Service(_) | Principal::Anonymous => "",
        }
    }
}

/// One API call to make.
pub(crate) struct Call<'s> {
    pub(crate) service: Service,
    pub(crate) api: &'static str,
    pub(crate) resource: String,
    pub(crate) resource_account: String,
    pub(crate) resource_policy: Option<&'s NamedPolicy>,
    /// What the resource's policy is called; `None` for types without one.
    pub(crate) noun: Option<&'static str>,
    pub(crate) trust: bool,
    pub(crate) context: Vec<(&'static str, String)>,
    pub(crate) request: Value,
}
