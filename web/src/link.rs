//! What a share link takes from the page (the scenario, its preset, the editor texts that
//! differ from it, the item open, the execution and step shown) and how the page takes it
//! back.

use crate::model::{first_item, Model};
use share::{Context, Shared};

impl Model {
    /// The page as a share link carries it.
    pub fn shared(&self) -> Shared {
        let drafts = self
            .drafts
            .iter()
            .filter(|(pointer, text)| {
                let value = self.doc.pointer(pointer);
                value
                    .and_then(|v| serde_json::to_string_pretty(v).ok())
                    .as_deref()
                    != Some(text.as_str())
            })
            .map(|(p, t)| (p.clone(), t.clone()))
            .collect();
        let last = self.events_len().saturating_sub(1);
        Shared {
            preset: Some(self.preset.clone()),
            doc: self.doc.clone(),
            context: Context {
                drafts,
                // The item a page opens by itself goes without saying.
                open: self
                    .open
                    .clone()
                    .filter(|open| Some(open) != first_item(&self.doc).as_ref()),
                execution: self.execution,
                step: (self.report.is_some() && self.cursor != last).then_some(self.cursor),
            },
        }
    }

    /// Takes back what a link showed: the editor texts and the item open now (those that
    /// still point into the scenario), the execution and step once a report arrives.
    pub fn restore(&mut self, context: Context) {
        for (pointer, text) in context.drafts {
            if self.doc.pointer(&pointer).is_some() {
                self.drafts.insert(pointer, text);
            }
        }
        if let Some(open) = context.open.filter(|p| self.doc.pointer(p).is_some()) {
            self.open = Some(open);
        }
        self.pending_view = Some((context.execution, context.step));
    }

    /// Shows the execution and step a link asked for, if the report has them. Called when a
    /// report is stored.
    pub fn apply_pending_view(&mut self) {
        let Some((execution, step)) = self.pending_view.take() else {
            return;
        };
        let Some(report) = self.report.as_ref() else {
            return;
        };
        let Some(events) = report.executions.get(execution).map(|e| e.events.len()) else {
            return;
        };
        self.execution = execution;
        let last = events.saturating_sub(1);
        self.cursor = step.map_or(last, |s| s.min(last));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Model, Theme};
    use share::{Context, Fragment};
    use std::collections::BTreeMap;

    const SEED: &str = "cross-account-secret-cache";
    const TRUST: &str = "/accounts/222222222222/roles/TrustingAccountRl/assumeRolePolicyDocument";

    fn seed() -> Model {
        let doc = share::preset_doc(SEED).expect("the seed");
        Model::new(doc, SEED.into(), Theme::Light)
    }

    #[test]
    fn a_link_brings_back_what_was_on_screen() {
        let mut m = seed();
        m.evaluate_here();
        let report = m.report.clone().expect("a report");
        assert!(
            report.executions.len() > 1,
            "the seed runs a nested execution"
        );
        m.execution = 1;
        m.cursor = 2;
        m.open = Some(TRUST.into());
        m.drafts.insert(TRUST.into(), "{ not yet JSON".into());
        m.drafts.insert(
            "/execution".into(),
            serde_json::to_string_pretty(&m.doc["execution"]).expect("text"),
        );
        let shared = m.shared();
        assert_eq!(
            shared.context.drafts,
            BTreeMap::from([(TRUST.to_string(), "{ not yet JSON".to_string())]),
            "only texts that differ from the scenario travel"
        );
        let Ok(Fragment::Shared(back)) = share::parse_fragment(&share::fragment(&shared)) else {
            panic!("the link reads back");
        };
        assert_eq!(back.preset.as_deref(), Some(SEED));
        let mut opened = Model::new(back.doc, SEED.into(), Theme::Light);
        opened.restore(back.context);
        opened.evaluate_here();
        assert_eq!(opened.text(), m.text());
        assert_eq!(opened.open.as_deref(), Some(TRUST));
        assert_eq!(opened.item_text(TRUST), "{ not yet JSON");
        assert_eq!((opened.execution, opened.cursor), (1, 2));
    }

    #[test]
    fn a_view_the_report_lacks_falls_back_to_the_end() {
        let mut m = seed();
        m.restore(Context {
            drafts: BTreeMap::from([("/nowhere".to_string(), "x".to_string())]),
            open: Some("/accounts/999999999999".into()),
            execution: 40,
            step: Some(10_000),
        });
        assert!(m.drafts.is_empty());
        assert_ne!(m.open.as_deref(), Some("/accounts/999999999999"));
        m.evaluate_here();
        assert_eq!(m.execution, 0);
        assert_eq!(m.cursor + 1, m.events_len());
        m.pending_view = Some((0, Some(10_000)));
        m.apply_pending_view();
        assert_eq!(
            m.cursor + 1,
            m.events_len(),
            "a step past the end shows the last"
        );
    }
}
