//! Progress of a long run: a host (the page's worker) hears how many events an execution
//! has recorded, every [`Progress::EVERY`] events.

use std::fmt;
use std::rc::Rc;

/// Called with an execution's event count as it grows; does nothing by default.
#[derive(Clone, Default)]
pub struct Progress(Option<Rc<dyn Fn(usize)>>);

impl Progress {
    /// How many events pass between two calls.
    pub const EVERY: usize = 1_000;

    /// Progress reported to `report`.
    pub fn new(report: impl Fn(usize) + 'static) -> Self {
        Progress(Some(Rc::new(report)))
    }

    /// Tells the host when `events` is a multiple of [`Progress::EVERY`].
    pub(crate) fn tick(&self, events: usize) {
        if let Some(report) = &self.0 {
            if events > 0 && events.is_multiple_of(Self::EVERY) {
                report(events);
            }
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(reported)"
        } else {
            "Progress(silent)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Progress;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn reports_every_thousand_events() {
        let heard = Rc::new(RefCell::new(Vec::new()));
        let sink = heard.clone();
        let progress = Progress::new(move |n| sink.borrow_mut().push(n));
        for n in 0..=2_500 {
            progress.tick(n);
        }
        assert_eq!(*heard.borrow(), vec![1_000, 2_000]);
    }
}
