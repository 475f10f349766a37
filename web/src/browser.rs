//! What the page keeps outside itself: the scenario in localStorage and in the URL
//! fragment, the theme, and where the page starts (a link wins over the saved edit, which
//! wins over the first preset).

use crate::model::{Model, Theme};
use gloo::storage::{LocalStorage, Storage};
use serde_json::Value;
use share::Fragment;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const SCENARIO_KEY: &str = "sfn-playground.scenario.v1";
const PRESET_KEY: &str = "sfn-playground.preset.v1";
const THEME_KEY: &str = "sfn-playground.theme";
/// Set while a run is under way: still set when a page opens, the last one ended mid-run
/// (the tab closed, or ran out of memory), and the page does not run again on its own.
const RUNNING_KEY: &str = "sfn-playground.running.v1";

/// Where the page starts: the scenario, the preset Reset returns to, what a link showed,
/// and a message when a link could not be opened.
pub struct Start {
    pub doc: Value,
    pub preset: String,
    pub context: share::Context,
    pub banner: Option<String>,
    /// The last visit ended while a run was under way: show the scenario, do not run it.
    pub hold: bool,
}

/// The first preset (what a first visit shows).
pub fn default_preset() -> (String, Value) {
    sim::presets()
        .iter()
        .find_map(|p| Some((p.id.to_string(), share::preset_doc(p.id)?)))
        .unwrap_or_else(|| {
            (
                "empty".into(),
                serde_json::json!({"scenarioVersion": 1, "accounts": {}}),
            )
        })
}

/// Decides what the page shows first.
pub fn start() -> Start {
    let mut start = opening();
    if LocalStorage::raw()
        .get_item(RUNNING_KEY)
        .ok()
        .flatten()
        .is_some()
    {
        start.hold = true;
        start.banner = Some(
            "The last visit ended while this scenario was running (the tab may have closed or run \
             out of memory), so it was not run again. Press Run to run it, or Reset to go back \
             to the built-in scenario."
                .into(),
        );
    }
    start
}

/// The scenario the page opens with: a link's, else the saved one, else the first preset.
fn opening() -> Start {
    let (default_id, default_doc) = default_preset();
    let saved_preset = LocalStorage::get::<String>(PRESET_KEY)
        .ok()
        .filter(|id| sim::preset(id).is_some());
    let saved = LocalStorage::raw()
        .get_item(SCENARIO_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok());
    let fragment = gloo::utils::window().location().hash().unwrap_or_default();
    let known_preset = saved_preset.clone().unwrap_or_else(|| default_id.clone());
    let fallback = |banner: Option<String>| Start {
        doc: saved.clone().unwrap_or_else(|| default_doc.clone()),
        preset: match saved {
            Some(_) => known_preset.clone(),
            None => default_id.clone(),
        },
        context: share::Context::default(),
        banner,
        hold: false,
    };
    match share::parse_fragment(&fragment) {
        Ok(Fragment::Shared(shared)) => Start {
            doc: shared.doc,
            preset: shared
                .preset
                .filter(|id| sim::preset(id).is_some())
                .unwrap_or_else(|| known_preset.clone()),
            context: shared.context,
            banner: None,
            hold: false,
        },
        Ok(Fragment::Preset(id)) => match share::preset_doc(&id) {
            Some(doc) => Start {
                doc,
                preset: id,
                context: share::Context::default(),
                banner: None,
                hold: false,
            },
            None => fallback(Some(format!(
                "There is no built-in scenario named '{id}'; showing your last scenario instead."
            ))),
        },
        Ok(Fragment::None) => fallback(None),
        Err(e) => fallback(Some(format!("{e} Showing your last scenario instead."))),
    }
}

/// Saves the scenario and its preset for the next visit.
pub fn save(text: &str, preset: &str) {
    // A full or disabled storage only loses persistence, never the page.
    let _ = LocalStorage::raw().set_item(SCENARIO_KEY, text);
    let _ = LocalStorage::set(PRESET_KEY, preset);
}

/// Forgets the saved scenario (Reset).
pub fn forget() {
    LocalStorage::delete(SCENARIO_KEY);
    LocalStorage::delete(RUNNING_KEY);
}

/// Notes that a run is under way (`true`) or that none is (`false`), for the next visit.
pub fn note_running(busy: bool) {
    let storage = LocalStorage::raw();
    // A full or disabled storage only loses the guard, never the page.
    let _ = if busy {
        storage.set_item(RUNNING_KEY, "1")
    } else {
        storage.remove_item(RUNNING_KEY)
    };
}

/// Writes the fragment without adding a history entry; returns the full URL.
pub fn write_fragment(fragment: &str) -> String {
    let window = gloo::utils::window();
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = format!("{base}{fragment}");
    if let Ok(history) = window.history() {
        let state = serde_wasm_bindgen::to_value(&serde_json::json!({"fragment": fragment}))
            .unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
    url
}

/// Puts the page's share link in the address bar (no history entry); returns the full URL.
pub fn write_link(model: &Model) -> String {
    write_fragment(&share::fragment(&model.shared()))
}

/// Copies `text` to the clipboard; false when the browser has no clipboard here or refuses.
pub async fn copy(text: &str) -> bool {
    let navigator = gloo::utils::window().navigator();
    // `navigator.clipboard` is missing outside secure contexts.
    let present = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !present {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The theme saved, else the system's preference.
pub fn theme() -> Theme {
    match LocalStorage::get::<String>(THEME_KEY).ok().as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => {
            let dark = gloo::utils::window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// Applies and remembers the theme.
pub fn apply_theme(theme: Theme) {
    let name = match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", name);
    }
    let _ = LocalStorage::set(THEME_KEY, name);
}

/// Sets `--toolbar-h` on the page to the toolbar's height, so the tools' drawer opens below
/// the toolbar (Run, Undo and Tools stay usable) whether or not the toolbar wraps.
pub fn note_toolbar_height() {
    let document = gloo::utils::document();
    let height = document
        .query_selector(".toolbar")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|t| t.offset_height());
    if let (Some(height), Some(root)) = (
        height,
        document
            .document_element()
            .and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()),
    ) {
        let _ = root
            .style()
            .set_property("--toolbar-h", &format!("{height}px"));
    }
}

/// Scrolls the element with this id into view (at the top, smoothly unless the user prefers
/// reduced motion) and moves the focus there.
pub fn scroll_to_id(id: &str) {
    let Some(el) = gloo::utils::document().get_element_by_id(id) else {
        return;
    };
    let reduce = gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_behavior(if reduce {
        web_sys::ScrollBehavior::Auto
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Offers `text` (of type `mime`) as a download named `name` (a Blob, its object URL on a
/// clicked link; the URL is revoked a little later, once the browser has started the
/// download).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Records a User Timing mark (`performance.mark`): what `scripts/bench-page` reads to time
/// the page (interactive, engine answered, results painted).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Records mark `name` once the frame now being drawn has been painted: after the next
/// animation frame, from a task queued in it.
pub fn mark_after_paint(name: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let after_frame = Closure::once_into_js(move || {
        let marked = Closure::once_into_js(move || mark(name));
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(marked.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}
