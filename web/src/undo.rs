//! Undo: snapshots of the scenario taken before a change (a delete, a rename, a new item,
//! loading a preset, a fix applied), restored newest first, and the transient notice that
//! offers it.

use crate::document::EditError;
use crate::model::Model;
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// How many snapshots are kept; the oldest goes first.
pub const LIMIT: usize = 50;

/// The page as it was before a change.
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    /// What the change was ("delete role X"), for the Undo button's title.
    pub label: String,
    /// The scenario.
    pub doc: Value,
    /// The editor texts.
    pub drafts: HashMap<String, String>,
    /// The item open in the editor.
    pub open: Option<String>,
    /// The preset Reset returns to.
    pub preset: String,
}

/// A short message at the bottom of the page that goes away by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Tells this notice from the next one (a timer only dismisses its own).
    pub id: u64,
    /// What happened ("Deleted role X").
    pub text: String,
    /// Whether it offers Undo.
    pub undo: bool,
}

impl Model {
    /// Remembers the page before a change labelled `label` (e.g. "delete role X"), so
    /// `Action::Undo` can bring it back. Call it before changing `doc`.
    pub fn checkpoint(&mut self, label: String) {
        let snapshot = Checkpoint {
            label,
            doc: self.doc.clone(),
            drafts: self.drafts.clone(),
            open: self.open.clone(),
            preset: self.preset.clone(),
        };
        if self.undo.len() >= LIMIT {
            self.undo.remove(0);
        }
        self.undo.push(Rc::new(snapshot));
    }

    /// Applies `change` to the scenario as one undoable step labelled `label`, then marks
    /// the scenario changed; a refused change leaves no checkpoint and says why in the banner.
    pub fn undoable<T>(
        &mut self,
        label: String,
        change: impl FnOnce(&mut Value) -> Result<T, EditError>,
    ) -> Option<T> {
        self.checkpoint(label);
        match change(&mut self.doc) {
            Ok(done) => {
                self.banner = None;
                self.changed();
                Some(done)
            }
            Err(e) => {
                self.undo.pop();
                self.banner = Some(e.to_string());
                None
            }
        }
    }

    /// The label of the change `Action::Undo` would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|c| c.label.as_str())
    }

    /// Shows a notice (replacing the one shown).
    pub fn notify(&mut self, text: String, undo: bool) {
        self.notices += 1;
        self.notice = Some(Notice {
            id: self.notices,
            text,
            undo,
        });
    }

    /// Brings back the page before the last checkpointed change; false when there is none.
    pub(crate) fn restore_checkpoint(&mut self) -> bool {
        let Some(last) = self.undo.pop() else {
            return false;
        };
        let c = Rc::unwrap_or_clone(last);
        self.doc = c.doc;
        self.drafts = c.drafts;
        self.open = c.open;
        self.preset = c.preset;
        self.highlight = None;
        self.reveal = None;
        self.notify(format!("Undone: {}", c.label), false);
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Action, Model, Theme};
    use serde_json::json;
    use std::rc::Rc;
    use yew::Reducible;

    const ROLE: &str = "/accounts/1/roles/R";

    fn model() -> Rc<Model> {
        let doc = json!({"scenarioVersion": 1, "accounts": {"1": {"roles": {
            "R": {"assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}},
            "S": {"assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}},
            "execution": {"stateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:M"}});
        Rc::new(Model::new(doc, "p".into(), Theme::Light))
    }

    fn roles(m: &Model) -> Vec<String> {
        m.doc["accounts"]["1"]["roles"]
            .as_object()
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn delete_is_undone_in_place_with_a_notice() {
        let m = model();
        let before = m.text();
        let m = m.reduce(Action::Delete(ROLE.into()));
        assert_eq!(roles(&m), ["S"]);
        let notice = m.notice.clone().expect("a notice");
        assert_eq!(notice.text, "Deleted role R");
        assert!(notice.undo);
        assert_eq!(m.undo_label(), Some("delete role R"));
        let revision = m.revision;
        let m = m.reduce(Action::Undo);
        assert_eq!(
            m.text(),
            before,
            "the scenario is back, member order included"
        );
        assert!(m.revision > revision, "an undo is a change (saved, linked)");
        assert_eq!(m.undo_label(), None);
        assert_eq!(
            m.notice.as_ref().map(|n| n.text.as_str()),
            Some("Undone: delete role R")
        );
        let m = m.reduce(Action::Undo);
        assert_eq!(m.text(), before, "nothing more to undo");
    }

    #[test]
    fn renames_and_additions_are_undone_newest_first() {
        let m = model()
            .reduce(Action::Rename(ROLE.into(), "R2".into()))
            .reduce(Action::AddAccount);
        assert_eq!(m.undo_label(), Some("add an account"));
        let m = m.reduce(Action::Undo);
        assert_eq!(roles(&m), ["R2", "S"]);
        let m = m.reduce(Action::Undo);
        assert_eq!(roles(&m), ["R", "S"]);
    }

    #[test]
    fn loading_a_preset_is_undone_with_its_preset() {
        let m = model().reduce(Action::Delete(ROLE.into()));
        let edited = m.text();
        let seed = sim::presets().first().expect("a preset");
        let doc = serde_json::from_str(seed.text).expect("JSON");
        let m = m.reduce(Action::Load {
            doc,
            preset: seed.id.into(),
        });
        assert_eq!(m.preset, seed.id);
        assert_eq!(
            m.undo_label(),
            Some(format!("load {}", seed.title).as_str())
        );
        let m = m.reduce(Action::Undo);
        assert_eq!((m.text(), m.preset.as_str()), (edited, "p"));
        assert_eq!(
            m.undo_label(),
            Some("delete role R"),
            "the older steps survive a load"
        );
    }

    #[test]
    fn the_stack_is_bounded_and_dismissing_is_by_id() {
        let mut m = (*model()).clone();
        for i in 0..super::LIMIT + 5 {
            m.checkpoint(format!("change {i}"));
        }
        assert_eq!(m.undo.len(), super::LIMIT);
        assert_eq!(m.undo[0].label, "change 5");
        m.notify("one".into(), false);
        m.notify("two".into(), true);
        let m = Rc::new(m);
        let id = m.notice.as_ref().map(|n| n.id).unwrap_or_default();
        let m = m.reduce(Action::DismissNotice(id - 1));
        assert!(m.notice.is_some(), "an older timer leaves a newer notice");
        let m = m.reduce(Action::DismissNotice(id));
        assert_eq!(m.notice, None);
    }
}
