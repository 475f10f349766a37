//! Pointer gestures on the graph: one pointer drags the view, two pinch it. Positions are
//! CSS pixels; what a move means is returned for the caller to apply to the view.

/// How far (CSS pixels) a pointer may move before a press becomes a drag (so a click on a
/// state stays a click).
const SLOP: f64 = 4.0;

/// What a pointer move does to the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Move {
    /// Nothing (a press that has not yet moved far enough).
    Still,
    /// The drawing follows the pointer by (dx, dy) pixels.
    Pan(f64, f64),
    /// Two pointers moved: zoom by `factor` about `at`, after panning by (dx, dy) pixels.
    Pinch {
        /// Ratio of the new distance between the pointers to the old.
        factor: f64,
        /// The point between the pointers, in pixels.
        at: (f64, f64),
        /// How far that point moved.
        pan: (f64, f64),
    },
}

/// The pointers pressed on the graph and whether they have dragged.
#[derive(Debug, Default)]
pub struct Gesture {
    /// Each pressed pointer's id and last applied position.
    pointers: Vec<(i32, (f64, f64))>,
    /// The press has moved past [`SLOP`] (or pinched).
    dragging: bool,
}

impl Gesture {
    /// A pointer was pressed at `at`.
    pub fn down(&mut self, id: i32, at: (f64, f64)) {
        if self.pointers.is_empty() {
            self.dragging = false;
        }
        self.pointers.retain(|p| p.0 != id);
        if self.pointers.len() < 2 {
            self.pointers.push((id, at));
        }
    }

    /// A pressed pointer moved to `at`.
    pub fn moved(&mut self, id: i32, at: (f64, f64)) -> Move {
        let Some(k) = self.pointers.iter().position(|p| p.0 == id) else {
            return Move::Still;
        };
        let before: Vec<(f64, f64)> = self.pointers.iter().map(|p| p.1).collect();
        match before.as_slice() {
            [from] => {
                let (dx, dy) = (at.0 - from.0, at.1 - from.1);
                if !self.dragging && dx.hypot(dy) <= SLOP {
                    return Move::Still;
                }
                self.dragging = true;
                self.pointers[k].1 = at;
                Move::Pan(dx, dy)
            }
            [a, b] => {
                self.dragging = true;
                self.pointers[k].1 = at;
                let (c, d) = (self.pointers[0].1, self.pointers[1].1);
                let old_mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                let mid = ((c.0 + d.0) / 2.0, (c.1 + d.1) / 2.0);
                let (old, new) = ((a.0 - b.0).hypot(a.1 - b.1), (c.0 - d.0).hypot(c.1 - d.1));
                Move::Pinch {
                    factor: if old > 0.0 { new / old } else { 1.0 },
                    at: mid,
                    pan: (mid.0 - old_mid.0, mid.1 - old_mid.1),
                }
            }
            _ => Move::Still,
        }
    }

    /// A pointer was released (or cancelled); returns whether the gesture dragged, so the
    /// click that follows a drag can be ignored.
    pub fn up(&mut self, id: i32) -> bool {
        self.pointers.retain(|p| p.0 != id);
        self.dragging
    }

    /// Whether the press has become a drag.
    pub fn dragging(&self) -> bool {
        self.dragging
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_move_stays_a_click_and_a_long_one_drags() {
        let mut g = Gesture::default();
        g.down(1, (100.0, 100.0));
        assert_eq!(g.moved(1, (102.0, 101.0)), Move::Still);
        assert!(!g.up(1), "a click");
        g.down(1, (100.0, 100.0));
        assert_eq!(g.moved(1, (110.0, 100.0)), Move::Pan(10.0, 0.0));
        assert_eq!(g.moved(1, (111.0, 98.0)), Move::Pan(1.0, -2.0));
        assert_eq!(g.moved(7, (0.0, 0.0)), Move::Still, "an unknown pointer");
        assert!(g.up(1), "a drag");
        // The next press starts afresh.
        g.down(2, (0.0, 0.0));
        assert!(!g.dragging());
    }

    #[test]
    fn two_pointers_pinch_about_their_middle() {
        let mut g = Gesture::default();
        g.down(1, (100.0, 100.0));
        g.down(2, (200.0, 100.0));
        match g.moved(2, (300.0, 100.0)) {
            Move::Pinch { factor, at, pan } => {
                assert_eq!(factor, 2.0);
                assert_eq!(at, (200.0, 100.0));
                assert_eq!(pan, (50.0, 0.0));
            }
            other => panic!("{other:?}"),
        }
        assert!(g.up(2));
        // One pointer left: it drags on.
        assert_eq!(g.moved(1, (90.0, 100.0)), Move::Pan(-10.0, 0.0));
    }
}
