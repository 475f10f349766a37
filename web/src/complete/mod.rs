//! Completion in the policy editor: where the caret's string sits in a policy ([`site`])
//! and what the page keeps of it ([`Completion`]). The worker finds the suggestions
//! (`web::questions::complete`), so the page never embeds the Service Authorization
//! Reference.

mod site;

pub use site::{site, Site};

use std::rc::Rc;

/// The string being completed and the newest suggestions for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Completion {
    /// Bumped for every question: the page then asks the worker, and names the question
    /// with it (only the answer to the newest counts).
    pub asked: u64,
    /// The string being completed, if the caret is in one that completes.
    pub site: Option<Site>,
    /// The suggestions for it, best first.
    pub items: Rc<Vec<String>>,
}

impl Completion {
    /// The caret is now in `site` (or in no string that completes): ask for it, or forget.
    /// Until the answer comes, only the suggestions that still fit what was typed stay
    /// listed (every kind offers only what contains it), so Enter never puts in a stale one.
    pub fn ask(&mut self, site: Option<Site>) {
        match site {
            Some(site) => {
                self.asked += 1;
                let same_kind = self.site.as_ref().is_some_and(|s| s.kind == site.kind);
                let fitting: Vec<String> = if same_kind {
                    let fits = crate::editor::fitting(&site.typed);
                    self.items.iter().filter(|i| fits(i)).cloned().collect()
                } else {
                    Vec::new()
                };
                if fitting.len() != self.items.len() {
                    self.items = Rc::new(fitting);
                }
                self.site = Some(site);
            }
            None => {
                self.site = None;
                self.items = Rc::default();
            }
        }
    }

    /// The worker's answer to question `id`, kept when it is the newest one's.
    pub fn heard(&mut self, id: u64, items: Vec<String>) {
        if id == self.asked && self.site.is_some() {
            self.items = Rc::new(items);
        }
    }

    /// Whether there is anything to forget when the caret leaves.
    pub fn is_active(&self) -> bool {
        self.site.is_some() || !self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use web::questions::CompletionKind;

    fn site(typed: &str) -> Option<Site> {
        Some(Site {
            kind: CompletionKind::Action,
            typed: typed.into(),
            actions: Vec::new(),
        })
    }

    #[test]
    fn only_the_newest_answer_counts() {
        let mut c = Completion::default();
        c.ask(site("s3:G"));
        let first = c.asked;
        c.ask(site("s3:Ge"));
        c.heard(first, vec!["old".into()]);
        assert!(
            c.items.is_empty(),
            "an answer to an older question is dropped"
        );
        c.heard(c.asked, vec!["s3:GetObject".into()]);
        assert_eq!(*c.items, ["s3:GetObject"]);
        c.ask(site("s3:GetO"));
        assert_eq!(
            *c.items,
            ["s3:GetObject"],
            "what still fits stays while asking"
        );
        c.ask(site("s3:GetB"));
        assert!(c.items.is_empty(), "what no longer fits goes at once");
        c.heard(c.asked, vec!["s3:GetBucketAcl".into()]);
        c.ask(Some(Site {
            kind: CompletionKind::Resource,
            typed: "s3".into(),
            actions: Vec::new(),
        }));
        assert!(c.items.is_empty(), "another kind of string starts empty");
        c.ask(None);
        assert!(!c.is_active());
        c.heard(c.asked, vec!["late".into()]);
        assert!(c.items.is_empty(), "no answer once the caret left");
    }
}
