//! The rows of a long table that are drawn: those in the scrolled viewport plus a few
//! either side, all of one fixed height; and where to scroll so that a row is seen.

use std::ops::Range;

/// Height of a row (and of the header) in CSS pixels; the CSS sets the same.
pub const ROW_H: f64 = 26.0;
/// Rows drawn beyond each edge of the viewport, so fast scrolling shows no gap.
pub const OVERSCAN: usize = 12;

/// The rows to draw out of `total`, for a viewport `height` pixels high scrolled to
/// `scroll_top` (the header, one row high, sits at the top of the scrolled content).
pub fn visible(scroll_top: f64, height: f64, total: usize) -> Range<usize> {
    let top = (scroll_top.max(0.0) / ROW_H).floor() as usize;
    let shown = (height.max(0.0) / ROW_H).ceil() as usize + 1;
    let start = top.saturating_sub(OVERSCAN).min(total);
    let end = top
        .saturating_add(shown)
        .saturating_add(OVERSCAN)
        .min(total);
    start..end
}

/// The `scroll_top` that brings row `at` fully into a viewport `height` pixels high under
/// the sticky header, or `None` when it is seen already. Scrolls as little as possible.
pub fn reveal(at: usize, scroll_top: f64, height: f64) -> Option<f64> {
    let row_top = ROW_H + at as f64 * ROW_H;
    let row_bottom = row_top + ROW_H;
    if row_top - ROW_H < scroll_top {
        Some(row_top - ROW_H)
    } else if row_bottom > scroll_top + height {
        Some((row_bottom - height).max(0.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_viewport_and_its_overscan_are_drawn() {
        // (scroll_top, height, total) → rows drawn
        let cases = [
            ((0.0, 260.0, 25_000), 0..23),
            ((ROW_H * 1000.0, 260.0, 25_000), 988..1023),
            ((ROW_H * 1000.5, 260.0, 25_000), 988..1023),
            ((ROW_H * 24_995.0, 260.0, 25_000), 24_983..25_000),
            ((0.0, 260.0, 3), 0..3),
            ((-40.0, 0.0, 0), 0..0),
            ((1e9, 260.0, 10), 10..10),
        ];
        for ((scroll, height, total), want) in cases {
            assert_eq!(
                visible(scroll, height, total),
                want,
                "{scroll} {height} {total}"
            );
        }
        // However long the history, the rows drawn stay few.
        let r = visible(ROW_H * 12_345.0, 900.0, 25_000);
        assert!(r.len() < 64, "{r:?}");
    }

    #[test]
    fn reveal_scrolls_only_when_the_row_is_hidden() {
        let h = 10.0 * ROW_H;
        // Row 3 is seen at the top: nothing to do.
        assert_eq!(reveal(3, 0.0, h), None);
        // Row 8 is the last fully seen (the header takes one row).
        assert_eq!(reveal(8, 0.0, h), None);
        // Row 9 is cut at the bottom: scroll just enough.
        assert_eq!(reveal(9, 0.0, h), Some(ROW_H));
        // Row 2 is above a viewport scrolled to row 5: it comes in right under the header.
        assert_eq!(reveal(2, 5.0 * ROW_H, h), Some(2.0 * ROW_H));
        // Far below: it lands on the bottom line.
        assert_eq!(reveal(1000, 0.0, h), Some(1001.0 * ROW_H - h + ROW_H));
    }
}
