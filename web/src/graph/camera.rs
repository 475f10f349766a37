//! Zoom and pan: which part of the drawing the SVG's viewBox shows, in user units. The
//! SVG scales the viewBox to fit its box (`preserveAspectRatio="xMidYMid meet"`), so the
//! same view looks the same in a wide pane and on a phone.

use super::rect::Rect;

/// Margin around the drawing when it is fitted.
pub const FIT_MARGIN: f64 = 12.0;
/// The most the view zooms in, relative to the fitted view.
pub const MAX_ZOOM: f64 = 8.0;
/// The most the view zooms out, relative to the fitted view.
pub const MIN_ZOOM: f64 = 0.5;
/// One press of + or −.
pub const ZOOM_STEP: f64 = 1.25;

/// The view that shows the whole drawing (`bounds`: everything drawn) with a margin.
pub fn fit(bounds: Rect) -> Rect {
    bounds.grown(FIT_MARGIN)
}

/// `view` zoomed in by `factor` (below 1: out) about the user point `at`, which stays put;
/// within [`MIN_ZOOM`]..[`MAX_ZOOM`] of `fitted`.
pub fn zoom(view: Rect, fitted: Rect, factor: f64, at: (f64, f64)) -> Rect {
    if !(factor.is_finite() && factor > 0.0 && view.w > 0.0 && view.h > 0.0) {
        return view;
    }
    let w = (view.w / factor).clamp(fitted.w / MAX_ZOOM, fitted.w / MIN_ZOOM);
    let f = view.w / w;
    let h = view.h / f;
    let moved = Rect {
        x: at.0 - (at.0 - view.x) / f,
        y: at.1 - (at.1 - view.y) / f,
        w,
        h,
    };
    keep_near(moved, fitted)
}

/// `view` moved by (dx, dy) user units, its centre kept over the drawing.
pub fn pan(view: Rect, fitted: Rect, dx: f64, dy: f64) -> Rect {
    keep_near(
        Rect {
            x: view.x + dx,
            y: view.y + dy,
            ..view
        },
        fitted,
    )
}

/// `view` moved as little as brings `target` wholly into it (centred on it when it does
/// not fit), or `None` when it is in view already.
pub fn reveal(view: Rect, fitted: Rect, target: Rect) -> Option<Rect> {
    if view.contains(&target) {
        return None;
    }
    let along = |lo: f64, len: f64, t_lo: f64, t_len: f64| {
        if t_len > len {
            t_lo + t_len / 2.0 - len / 2.0
        } else if t_lo < lo {
            t_lo
        } else if t_lo + t_len > lo + len {
            t_lo + t_len - len
        } else {
            lo
        }
    };
    let moved = Rect {
        x: along(view.x, view.w, target.x, target.w),
        y: along(view.y, view.h, target.y, target.h),
        ..view
    };
    Some(keep_near(moved, fitted))
}

/// User units per CSS pixel when `view` is shown in a box `size` (w, h) pixels.
pub fn units_per_px(view: Rect, size: (f64, f64)) -> f64 {
    let scale = (size.0 / view.w).min(size.1 / view.h);
    if scale.is_finite() && scale > 0.0 {
        1.0 / scale
    } else {
        1.0
    }
}

/// The user point under (px, py), CSS pixels from the top-left of a box `size` pixels
/// showing `view` centred.
pub fn to_user(view: Rect, size: (f64, f64), px: f64, py: f64) -> (f64, f64) {
    let u = units_per_px(view, size);
    let (ox, oy) = ((size.0 - view.w / u) / 2.0, (size.1 - view.h / u) / 2.0);
    (view.x + (px - ox) * u, view.y + (py - oy) * u)
}

/// The view with its centre moved back inside `fitted`, so the drawing cannot be lost.
fn keep_near(view: Rect, fitted: Rect) -> Rect {
    let (cx, cy) = view.centre();
    let (x, y) = (
        cx.clamp(fitted.x, fitted.right().max(fitted.x)),
        cy.clamp(fitted.y, fitted.bottom().max(fitted.y)),
    );
    Rect {
        x: view.x + x - cx,
        y: view.y + y - cy,
        ..view
    }
}

/// The `viewBox` attribute for a view.
pub fn view_box(view: Rect) -> String {
    format!("{:.1} {:.1} {:.1} {:.1}", view.x, view.y, view.w, view.h)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIT: Rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 400.0,
        h: 800.0,
    };

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_and_stays_in_bounds() {
        let at = (100.0, 200.0);
        let z = zoom(FIT, FIT, 2.0, at);
        assert_eq!((z.w, z.h), (200.0, 400.0));
        // `at` is at the same fraction of the view before and after.
        let frac = |v: Rect| ((at.0 - v.x) / v.w, (at.1 - v.y) / v.h);
        assert!(close(frac(FIT), frac(z)));
        // Zooming in for ever stops at MAX_ZOOM, out at MIN_ZOOM.
        let deep = (0..40).fold(FIT, |v, _| zoom(v, FIT, 2.0, at));
        assert!((deep.w - FIT.w / MAX_ZOOM).abs() < 1e-9);
        let far = (0..40).fold(FIT, |v, _| zoom(v, FIT, 0.5, at));
        assert!((far.w - FIT.w / MIN_ZOOM).abs() < 1e-9);
        // In then out by the same factor comes back.
        let back = zoom(zoom(FIT, FIT, ZOOM_STEP, at), FIT, 1.0 / ZOOM_STEP, at);
        assert!(close((back.x, back.y), (FIT.x, FIT.y)) && (back.w - FIT.w).abs() < 1e-9);
        // Nonsense factors change nothing.
        assert_eq!(zoom(FIT, FIT, 0.0, at), FIT);
        assert_eq!(zoom(FIT, FIT, f64::NAN, at), FIT);
    }

    #[test]
    fn pan_never_loses_the_drawing() {
        let z = zoom(FIT, FIT, 4.0, FIT.centre());
        let moved = pan(z, FIT, 30.0, -10.0);
        assert!(close((moved.x, moved.y), (z.x + 30.0, z.y - 10.0)));
        let lost = pan(z, FIT, 1e6, 1e6);
        assert!(close(lost.centre(), (FIT.right(), FIT.bottom())));
    }

    #[test]
    fn pixels_map_to_user_units_with_the_view_centred() {
        // A 400×800 view in a 800×800 box: scale 1, 200 px of margin left and right.
        let size = (800.0, 800.0);
        assert_eq!(units_per_px(FIT, size), 1.0);
        assert!(close(to_user(FIT, size, 200.0, 0.0), (0.0, 0.0)));
        assert!(close(to_user(FIT, size, 600.0, 800.0), (400.0, 800.0)));
        // Half the size: two units per pixel.
        assert_eq!(units_per_px(FIT, (200.0, 400.0)), 2.0);
        assert_eq!(units_per_px(FIT, (0.0, 0.0)), 1.0);
    }

    #[test]
    fn reveal_moves_only_to_show_what_is_hidden() {
        let view = Rect {
            x: 0.0,
            y: 0.0,
            w: 200.0,
            h: 200.0,
        };
        let inside = Rect {
            x: 10.0,
            y: 10.0,
            w: 50.0,
            h: 30.0,
        };
        assert_eq!(reveal(view, FIT, inside), None);
        let below = Rect { y: 500.0, ..inside };
        let r = reveal(view, FIT, below).unwrap_or(view);
        assert!(r.contains(&below) && r.x == 0.0 && r.w == 200.0, "{r:?}");
        assert_eq!(r.bottom(), below.bottom());
    }
}
