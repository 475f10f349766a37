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

/// The `scroll_top` that brings row `at` of `total` into a viewport `height` pixels high
/// under the sticky header, or `None` when it is wholly seen already. A hidden row comes to
/// the middle of the viewport, so that stepping on moves through a page of rows before the
/// table scrolls again.
pub fn reveal(at: usize, total: usize, scroll_top: f64, height: f64) -> Option<f64> {
    let row_top = ROW_H + at as f64 * ROW_H;
    let seen = row_top >= scroll_top + ROW_H && row_top + ROW_H <= scroll_top + height;
    if seen {
        return None;
    }
    let middle = row_top + ROW_H / 2.0 - ROW_H - (height - ROW_H) / 2.0;
    let most = ((total + 1) as f64 * ROW_H - height).max(0.0);
    Some(middle.clamp(0.0, most).round())
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
        let h = 11.0 * ROW_H; // the header and ten rows
        let total = 1000;
        // Rows 0 to 9 are seen at the top: nothing to do.
        assert_eq!(reveal(0, total, 0.0, h), None);
        assert_eq!(reveal(9, total, 0.0, h), None);
        // Row 10 is below: it comes to the middle (rows 5 or 6 to 15 shown).
        assert_eq!(reveal(10, total, 0.0, h), Some(5.5 * ROW_H));
        // Row 2 is above a viewport scrolled to row 5: the top is as far as it goes.
        assert_eq!(reveal(2, total, 5.0 * ROW_H, h), Some(0.0));
        // Row 500 from the top: in the middle.
        let to = reveal(500, total, 0.0, h).unwrap_or_default();
        let first_seen = to / ROW_H;
        assert!((first_seen + 5.0 - 500.0).abs() <= 1.0, "{first_seen}");
        // The last row: no further than the end.
        assert_eq!(
            reveal(999, total, 0.0, h),
            Some((1001.0 * ROW_H - h).round())
        );
        // Whatever the row, once revealed it is seen.
        for at in [0, 1, 7, 10, 11, 333, 998, 999] {
            for top in [0.0, 100.0 * ROW_H, 990.0 * ROW_H] {
                let top = reveal(at, total, top, h).unwrap_or(top);
                assert_eq!(reveal(at, total, top, h), None, "{at} from {top}");
            }
        }
    }
}
