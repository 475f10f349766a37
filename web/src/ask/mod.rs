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
use web::transfer::{ExportAnswer, ImportAnswer};

/// Which tool is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    #[default]
    TestState,
    Simulator,
    Access,
    /// Import a CloudFormation/SAM template into an account; export an account.
    Transfer,
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
    /// The account whose resources no outsider may act on with the checked actions.
    CheckAccount(String),
    /// The actions to check, comma or space separated (empty: no check).
    CheckActions(String),
    /// Compare the scenario's access with its preset's (or stop).
    Compare(bool),
    /// Open Import / export for this account.
    OpenTransfer(String),
    /// The account to import into and export.
    TransferAccount(String),
    /// The template's text, as pasted, dropped or read from a file.
    Template(String),
    /// Template parameters and imported exports, a JSON object.
    Parameters(String),
    /// Import the template now.
    Import,
    /// Export as JSON (else YAML).
    ExportJson(bool),
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
    /// The CheckAccessNotGranted form: an account and the actions, as typed.
    pub check_account: String,
    pub check_actions: String,
    /// Whether the access view compares the scenario with its preset (a second analysis,
    /// so only on demand).
    pub compare: bool,
    /// Import / export: the account, the template and parameters as typed, the format.
    pub transfer_account: String,
    pub template: String,
    pub parameters: String,
    pub export_json: bool,
    /// Bumped by Import: the page sends the template to the worker.
    pub import_requests: u64,
    /// Whether an import was sent and its answer not yet applied.
    pub importing: bool,
    /// The last import's answer (what did not map, the outputs).
    pub imported: Option<Rc<ImportAnswer>>,
    /// The newest export.
    pub exported: Option<Rc<ExportAnswer>>,
    /// The newest answer about access.
    pub accessed: Option<Rc<AccessAnswer>>,
}

impl Ask {
    /// The access view's question; `baseline` is the text to compare with, when comparing.
    pub fn access_question(&self, baseline: Option<String>) -> web::questions::AccessQuestion {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let actions: Vec<String> = self
            .check_actions
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        web::questions::AccessQuestion {
            resource: some(&self.access_resource),
            principal: some(&self.access_principal),
            baseline: baseline.filter(|_| self.compare),
            not_granted: (!actions.is_empty() && !self.check_account.is_empty())
                .then(|| (self.check_account.clone(), actions)),
        }
    }

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
            AskAction::CheckAccount(account) => self.check_account = account,
            AskAction::CheckActions(actions) => self.check_actions = actions,
            AskAction::Compare(on) => self.compare = on,
            AskAction::OpenTransfer(account) => {
                self.transfer_account = account;
                self.open = Some(Tool::Transfer);
            }
            AskAction::TransferAccount(account) => self.transfer_account = account,
            AskAction::Template(text) => self.template = text,
            AskAction::Parameters(text) => self.parameters = text,
            AskAction::Import => {
                self.import_requests += 1;
                self.importing = true;
                self.imported = None;
            }
            AskAction::ExportJson(json) => self.export_json = json,
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

#[cfg(test)]
pub(crate) mod tests {
    /// The seed scenario and its run.
    pub(crate) fn seed() -> (serde_json::Value, sim::Report) {
        let text = sim::preset("cross-account-secret-cache")
            .expect("seed")
            .text;
        let doc: serde_json::Value = serde_json::from_str(text).expect("json");
        let report = sim::run(&sim::Scenario::from_value(&doc).expect("valid"));
        (doc, report)
    }
}
