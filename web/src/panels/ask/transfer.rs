//! "Import / export": a CloudFormation or SAM template (JSON or YAML, pasted, dropped or
//! read from a file) into an account of the scenario, what did not map and why; the account
//! back out as a template (Copy, Download), and the role policies changed since the import
//! as the AWS CLI would apply them.

use crate::ask::AskAction;
use crate::model::Action;
use crate::panels::View;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Reads a dropped or picked file's text into the template field.
fn read_file(file: web_sys::File, dispatch: yew::UseReducerDispatcher<crate::model::Model>) {
    yew::platform::spawn_local(async move {
        let text = JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|t| t.as_string());
        match text {
            Some(text) => dispatch.dispatch(Action::Ask(AskAction::Template(text))),
            None => dispatch.dispatch(Action::Notify(format!(
                "The file {} could not be read as text",
                file.name()
            ))),
        }
    });
}

/// Copies `text`, saying whether the browser allowed it.
fn copy(
    text: String,
    dispatch: yew::UseReducerDispatcher<crate::model::Model>,
    what: &'static str,
) {
    yew::platform::spawn_local(async move {
        let copied = crate::browser::copy(&text).await;
        dispatch.dispatch(Action::Notify(if copied {
            format!("{what} copied")
        } else {
            "The browser did not allow copying".into()
        }));
    });
}

/// The tool.
pub fn view(v: &View) -> Html {
    let ask = &v.model.ask;
    let send = |make: fn(String) -> AskAction| {
        let d = v.dispatch.clone();
        Callback::from(move |value: String| d.dispatch(Action::Ask(make(value))))
    };
    let account = send(AskAction::TransferAccount).reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    let template = send(AskAction::Template).reform(|e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let parameters = send(AskAction::Parameters).reform(|e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let ondrop = {
        let d = v.dispatch.clone();
        Callback::from(move |e: DragEvent| {
            let file = e
                .data_transfer()
                .and_then(|t| t.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                e.prevent_default();
                read_file(file, d.clone());
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let onpick = {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file, d.clone());
            }
        })
    };
    let import = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Ask(AskAction::Import)))
    };
    let accounts = crate::document::accounts(&v.model.doc);
    let known = accounts.iter().any(|(id, _)| *id == ask.transfer_account);
    let can_import =
        !ask.template.trim().is_empty() && !ask.transfer_account.is_empty() && !ask.importing;
    html! {
        <div class="transfer" data-testid="transfer-tool">
            <p class="tool-intro">{"Bring your own stack: a CloudFormation or SAM template (JSON or YAML, CDK's synth output too) becomes an account of the scenario, with its intrinsics resolved for that account; the account goes back out as a template, with the role policies you changed as AWS CLI commands."}</p>
            <div class="field-row">
                <label class="field">
                    <span>{"Account"}</span>
                    <select data-testid="transfer-account" onchange={account}>
                        <option value="" selected={ask.transfer_account.is_empty()}>{"pick an account"}</option>
                        { for accounts.iter().map(|(id, alias)| html! {
                            <option value={id.clone()} selected={*id == ask.transfer_account}>{ if alias.is_empty() { id.clone() } else { format!("{alias} · {id}") } }</option>
                        }) }
                        if !known && !ask.transfer_account.is_empty() {
                            <option value={ask.transfer_account.clone()} selected=true>{ format!("{} (new)", ask.transfer_account) }</option>
                        }
                    </select>
                </label>
                <label class="field">
                    <span>{"Or a new account id"}</span>
                    <input data-testid="transfer-new-account" inputmode="numeric" maxlength="12" placeholder="333333333333"
                        value={if known { String::new() } else { ask.transfer_account.clone() }}
                        oninput={send(AskAction::TransferAccount).reform(|e: InputEvent| {
                            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                            input.value()
                        })} />
                </label>
            </div>
            <h3>{"Import"}</h3>
            <label class="field">
                <span>{"Template (paste it, drop a file here, or pick one below)"}</span>
                <textarea data-testid="import-template" spellcheck="false" rows="10" value={ask.template.clone()}
                    oninput={template} {ondrop} {ondragover} />
            </label>
            <input type="file" data-testid="import-file" accept=".yaml,.yml,.json,.template,.txt" aria-label="Read a template from a file" onchange={onpick} />
            <label class="field">
                <span>{"Parameters and imported values (a JSON object, optional)"}</span>
                <textarea data-testid="import-parameters" spellcheck="false" rows="2" value={ask.parameters.clone()} oninput={parameters} />
            </label>
            <button class="primary" data-testid="import-button" disabled={!can_import} onclick={import}>
                { if ask.importing { "Importing…".to_string() } else { format!("Import into {}", if ask.transfer_account.is_empty() { "…" } else { &ask.transfer_account }) } }
            </button>
            { imported(v) }
            { exported(v) }
        </div>
    }
}

/// The last import: why it failed, or what did not map and the outputs.
fn imported(v: &View) -> Html {
    let Some(answer) = v.model.ask.imported.as_deref() else {
        return html! {};
    };
    if let Some(problem) = &answer.problem {
        return html! { <p class="problem" data-testid="import-problem">{ problem }</p> };
    }
    html! {
        <section class="import-result" data-testid="import-result">
            <p class="ok">{ format!("✓ Imported into account {}; Undo reverts it.", answer.account) }</p>
            if !answer.unmapped.is_empty() {
                <h4>{ format!("Not imported, and notes · {}", answer.unmapped.len()) }</h4>
                <ul class="unmapped">{ for answer.unmapped.iter().map(|u| html! { <li data-testid="import-unmapped">{ u }</li> }) }</ul>
            }
            if !answer.outputs.is_empty() {
                <details>
                    <summary>{ format!("Outputs · {} (parameters for the next template)", answer.outputs.len()) }</summary>
                    <pre class="json" data-testid="import-outputs">{ serde_json::to_string_pretty(&answer.outputs).unwrap_or_default() }</pre>
                </details>
            }
        </section>
    }
}

/// The account as a template, and the policies changed since the import.
fn exported(v: &View) -> Html {
    let ask = &v.model.ask;
    if ask.transfer_account.is_empty() {
        return html! {};
    }
    let Some(answer) = ask.exported.as_deref() else {
        return html! { <p class="hint">{"Exporting…"}</p> };
    };
    let format = {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::Ask(AskAction::ExportJson(select.value() == "json")))
        })
    };
    let extension = if ask.export_json { "json" } else { "yaml" };
    let file = format!("account-{}.{extension}", ask.transfer_account);
    html! {
        <section class="export" aria-label="Export">
            <h3>
                {"Export"}
                <select data-testid="export-format" aria-label="Template format" onchange={format}>
                    <option value="yaml" selected={!ask.export_json}>{"YAML"}</option>
                    <option value="json" selected={ask.export_json}>{"JSON"}</option>
                </select>
            </h3>
            if let Some(problem) = &answer.problem {
                <p class="problem" data-testid="export-problem">{ problem }</p>
            }
            if let Some(template) = &answer.template {
                <div class="export-actions">
                    <button data-testid="export-copy" onclick={{
                        let (d, t) = (v.dispatch.clone(), template.clone());
                        Callback::from(move |_| copy(t.clone(), d.clone(), "The template is"))
                    }}>{"Copy"}</button>
                    <button data-testid="export-download" onclick={{
                        let (t, f, d) = (template.clone(), file.clone(), v.dispatch.clone());
                        let mime = if ask.export_json { "application/json" } else { "application/yaml" };
                        Callback::from(move |_| {
                            if crate::browser::download(&f, mime, &t).is_err() {
                                d.dispatch(Action::Notify("The browser did not allow the download".into()));
                            }
                        })
                    }}>{ format!("Download {file}") }</button>
                </div>
                <pre class="json export-template" data-testid="export-template">{ template }</pre>
            }
            if v.model.imported.is_some() {
                <h4>{ format!("Changed since the import · {}", answer.changes.len()) }</h4>
                if answer.changes.is_empty() {
                    <p class="hint" data-testid="export-unchanged">{"No role policy changed since the import."}</p>
                }
                <ul class="policy-changes">
                    { for answer.changes.iter().map(|c| html! {
                        <li data-testid="policy-change">
                            <code>{ format!("{} --cli-input-json file://input.json", c.command) }</code>
                            { format!(" (account {})", c.account) }
                            <button class="copy" onclick={{
                                let (d, t) = (v.dispatch.clone(), c.input.clone());
                                Callback::from(move |_| copy(t.clone(), d.clone(), "The input is"))
                            }}>{"Copy input"}</button>
                            <pre class="json">{ &c.input }</pre>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
