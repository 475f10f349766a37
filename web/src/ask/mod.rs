//! The page's two question tools and what they hold: test one state as the TestState API
//! does ([`TestForm`]), and decide one request as the IAM policy simulator does
//! ([`SimForm`]); and see who can reach what (the access view). The worker answers; the
//! newest answer of each is kept.

mod sim_form;
mod test_form;

pub use sim_form::{SimField, SimForm};
pub use test_form::{find_state, machines, state_names, TestField, TestForm};

use serde_json::Value;
use std::rc::Rc;
use web::questions::{AccessAnswer, SimAnswer, TestAnswer};

/// Which tool is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    #[default]
    TestState,
    Simulator,
    Access,
}

/// A change to the tools.
#[derive(Clone, Debug, PartialEq)]
pub enum AskAction {
    /// Show a tool (its form as last left).
    Open(Tool),
    Close,
    /// Test state `state` of state machine `machine` in account `account`.
    TestState {
        account: String,
        machine: String,
        state: String,
    },
    EditTest(TestField, String),
    /// Simulate the request behind call `index` of the run.
    SimulateCall(usize),
    EditSim(SimField, String),
    /// Show who can reach this resource (empty: every resource).
    AccessResource(String),
    /// Show what this principal can reach (empty: every principal).
    AccessPrincipal(String),
    AddContextKey,
    RemoveContextKey(usize),
}

/// The tools' state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ask {
    /// The tool shown, if any.
    pub open: Option<Tool>,
    /// The tool shown last (Tools opens it again).
    pub last: Tool,
    pub test: TestForm,
    pub sim: SimForm,
    /// Bumped whenever a form changes: the page then asks the worker again.
    pub asked: u64,
    /// The newest answer about the test form.
    pub tested: Option<Rc<TestAnswer>>,
    /// The newest answer about the simulator form.
    pub simulated: Option<Rc<SimAnswer>>,
    /// The access view's resource and principal filters (empty: all).
    pub access_resource: String,
    pub access_principal: String,
    /// The newest answer about access.
    pub accessed: Option<Rc<AccessAnswer>>,
}

impl Ask {
    /// Applies `action`; `doc` is the scenario and `report` the last run, which prefill forms.
    pub fn apply(&mut self, action: AskAction, doc: &Value, report: Option<&sim::Report>) {
        match action {
            AskAction::Open(tool) => {
                if tool == Tool::TestState && self.test.machine.is_empty() {
                    self.test = TestForm::first(doc, report);
                }
                self.open = Some(tool);
            }
            AskAction::Close => self.open = None,
            AskAction::TestState {
                account,
                machine,
                state,
            } => {
                self.test = TestForm::of(account, machine, state, report);
                self.tested = None;
                self.open = Some(Tool::TestState);
            }
            AskAction::EditTest(field, value) => self.test.set(field, value, doc, report),
            AskAction::SimulateCall(index) => {
                if let Some(form) = report.and_then(|r| SimForm::of_call(r, index)) {
                    self.sim = form;
                    self.simulated = None;
                }
                self.open = Some(Tool::Simulator);
            }
            AskAction::EditSim(field, value) => self.sim.set(field, value),
            AskAction::AccessResource(arn) => self.access_resource = arn,
            AskAction::AccessPrincipal(arn) => self.access_principal = arn,
            AskAction::AddContextKey => self.sim.context.push((String::new(), String::new())),
            AskAction::RemoveContextKey(i) => {
                if i < self.sim.context.len() {
                    self.sim.context.remove(i);
                }
            }
        }
        if let Some(tool) = self.open {
            self.last = tool;
        }
        self.asked += 1;
    }
}
