//! The scenario document as the page edits it: the tree of accounts and their items, and
//! the edits that change its skeleton (add, rename, delete) without writing JSON by hand.

pub mod answer;
mod templates;

use jsonloc::{pointer_push, pointer_tokens};
use serde_json::{json, Map, Value};

pub use templates::help;

/// A kind of thing a user can add.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addable {
    Role,
    Policy,
    StateMachine,
    Parameter,
    Secret,
    Table,
    Function,
    Queue,
    Topic,
    Bucket,
    Key,
    Api,
    Activity,
}

impl Addable {
    /// The member of an account (or role) that holds this kind.
    pub fn collection(self) -> &'static str {
        match self {
            Addable::Role => "roles",
            Addable::Policy => "policies",
            Addable::StateMachine => "stateMachines",
            Addable::Parameter => "ssmParameters",
            Addable::Secret => "secrets",
            Addable::Table => "dynamodbTables",
            Addable::Function => "lambdaFunctions",
            Addable::Queue => "sqsQueues",
            Addable::Topic => "snsTopics",
            Addable::Bucket => "s3Buckets",
            Addable::Key => "kmsKeys",
            Addable::Api => "restApis",
            Addable::Activity => "activities",
        }
    }

    /// Words for buttons and headings.
    pub fn noun(self) -> &'static str {
        match self {
            Addable::Role => "role",
            Addable::Policy => "policy",
            Addable::StateMachine => "state machine",
            Addable::Parameter => "SSM parameter",
            Addable::Secret => "secret",
            Addable::Table => "DynamoDB table",
            Addable::Function => "Lambda function",
            Addable::Queue => "SQS queue",
            Addable::Topic => "SNS topic",
            Addable::Bucket => "S3 bucket",
            Addable::Key => "KMS key",
            Addable::Api => "REST API",
            Addable::Activity => "activity",
        }
    }
}

/// The resource collections of an account, in display order.
pub const RESOURCES: [Addable; 10] = [
    Addable::Parameter,
    Addable::Secret,
    Addable::Table,
    Addable::Function,
    Addable::Queue,
    Addable::Topic,
    Addable::Bucket,
    Addable::Key,
    Addable::Api,
    Addable::Activity,
];

/// One line of an account's tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The JSON pointer of what opens in the editor.
    pub pointer: String,
    pub label: String,
    /// A short word for what it is ("trust policy", "definition" …).
    pub kind: &'static str,
    pub depth: u8,
    /// Whether the entry is a named member that can be renamed and deleted.
    pub named: bool,
}

/// The pointer of an account.
pub fn account_pointer(id: &str) -> String {
    pointer_push("/accounts", id)
}

/// The definition of state machine `machine` of `account`, if the document has it.
pub fn machine_definition<'d>(doc: &'d Value, account: &str, machine: &str) -> Option<&'d Value> {
    let machines = pointer_push(&account_pointer(account), "stateMachines");
    doc.pointer(&pointer_push(
        &pointer_push(&machines, machine),
        "definition",
    ))
}

/// The account and name of the state machine an item pointer is in, if it is in one.
pub fn machine_of(pointer: &str) -> Option<(String, String)> {
    match pointer_tokens(pointer).as_slice() {
        [accounts, account, machines, machine, ..]
            if accounts == "accounts" && machines == "stateMachines" =>
        {
            Some((account.clone(), machine.clone()))
        }
        _ => None,
    }
}

/// The accounts in the document: `(id, alias)`.
pub fn accounts(doc: &Value) -> Vec<(String, String)> {
    doc.get("accounts")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(id, a)| {
                    let alias = a.get("alias").and_then(Value::as_str).unwrap_or_default();
                    (id.clone(), alias.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

fn members<'a>(doc: &'a Value, pointer: &str) -> Vec<(&'a String, &'a Value)> {
    doc.pointer(pointer)
        .and_then(Value::as_object)
        .map(|m| m.iter().collect())
        .unwrap_or_default()
}

/// The tree of one account: roles with their policies, state machines, resources.
pub fn account_entries(doc: &Value, account: &str) -> Vec<Entry> {
    let base = account_pointer(account);
    let mut out = Vec::new();
    let roles = pointer_push(&base, "roles");
    for (name, role) in members(doc, &roles) {
        let at = pointer_push(&roles, name);
        out.push(Entry {
            pointer: pointer_push(&at, "assumeRolePolicyDocument"),
            label: name.clone(),
            kind: "role · trust policy",
            depth: 0,
            named: true,
        });
        for (policy, _) in members(role, "/policies") {
            out.push(Entry {
                pointer: pointer_push(&pointer_push(&at, "policies"), policy),
                label: policy.clone(),
                kind: "permission policy",
                depth: 1,
                named: true,
            });
        }
        if let Some(Value::Array(arns)) = role.get("managedPolicyArns") {
            let names: Vec<&str> = arns
                .iter()
                .filter_map(Value::as_str)
                .map(|arn| arn.rsplit('/').next().unwrap_or(arn))
                .collect();
            out.push(Entry {
                pointer: pointer_push(&at, "managedPolicyArns"),
                label: names.join(", "),
                kind: "AWS managed policies",
                depth: 1,
                named: false,
            });
        }
        if role.get("permissionsBoundary").is_some() {
            out.push(Entry {
                pointer: pointer_push(&at, "permissionsBoundary"),
                label: "permissions boundary".into(),
                kind: "boundary",
                depth: 1,
                named: false,
            });
        }
    }
    let machines = pointer_push(&base, "stateMachines");
    for (name, _) in members(doc, &machines) {
        let at = pointer_push(&machines, name);
        out.push(Entry {
            pointer: pointer_push(&at, "definition"),
            label: name.clone(),
            kind: "state machine",
            depth: 0,
            named: true,
        });
        out.push(Entry {
            pointer: at,
            label: "settings (type, role)".into(),
            kind: "state machine settings",
            depth: 1,
            named: false,
        });
    }
    for kind in RESOURCES {
        let collection = pointer_push(&base, kind.collection());
        for (name, _) in members(doc, &collection) {
            out.push(Entry {
                pointer: pointer_push(&collection, name),
                label: name.clone(),
                kind: kind.noun(),
                depth: 0,
                named: true,
            });
        }
    }
    out
}

/// The member pointer that a tree entry stands for: a role for its trust policy, a state
/// machine for its definition, otherwise the entry itself.
pub fn named_member(entry_pointer: &str) -> String {
    for suffix in ["/assumeRolePolicyDocument", "/definition"] {
        if let Some(base) = entry_pointer.strip_suffix(suffix) {
            return base.to_string();
        }
    }
    entry_pointer.to_string()
}

/// Why an edit of the skeleton was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    EmptyName,
    NameTaken(String),
    NotFound,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::EmptyName => write!(f, "A name cannot be empty."),
            EditError::NameTaken(n) => write!(f, "There is already one named '{n}'."),
            EditError::NotFound => write!(f, "That item no longer exists."),
        }
    }
}

fn object_at<'a>(doc: &'a mut Value, pointer: &str) -> Option<&'a mut Map<String, Value>> {
    let mut current = doc;
    for token in pointer_tokens(pointer) {
        let map = current.as_object_mut()?;
        current = map
            .entry(token)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    current.as_object_mut()
}

/// Adds a new `kind` named `name` to `owner` (an account, or a role for a policy); returns
/// the pointer to open.
pub fn add(
    doc: &mut Value,
    account: &str,
    owner: &str,
    kind: Addable,
    name: &str,
) -> Result<String, EditError> {
    let typed = name.trim();
    // A REST API is keyed by its API id; the name typed stays its name.
    let key = match kind {
        Addable::Api => api_id(typed),
        _ => typed.to_string(),
    };
    let name = key.as_str();
    if name.is_empty() {
        return Err(EditError::EmptyName);
    }
    let skeleton = templates::template(kind, doc, account, typed);
    let collection = pointer_push(owner, kind.collection());
    let map = object_at(doc, &collection).ok_or(EditError::NotFound)?;
    if map.contains_key(name) {
        return Err(EditError::NameTaken(name.into()));
    }
    map.insert(name.to_string(), skeleton);
    let at = pointer_push(&collection, name);
    Ok(match kind {
        Addable::Role => pointer_push(&at, "assumeRolePolicyDocument"),
        Addable::StateMachine => pointer_push(&at, "definition"),
        _ => at,
    })
}

/// The API id a REST API named `name` gets: its letters and digits, lower-cased (API
/// Gateway's ids are lower-case letters and digits).
pub fn api_id(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn split_last(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// Renames the member at `pointer`; returns its new pointer.
pub fn rename(doc: &mut Value, pointer: &str, new_name: &str) -> Result<String, EditError> {
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return Err(EditError::EmptyName);
    }
    let (parent, old) = split_last(pointer).ok_or(EditError::NotFound)?;
    let map = doc
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .ok_or(EditError::NotFound)?;
    if old == new_name {
        return Ok(pointer.to_string());
    }
    if map.contains_key(new_name) {
        return Err(EditError::NameTaken(new_name.into()));
    }
    if !map.contains_key(&old) {
        return Err(EditError::NotFound);
    }
    // The renamed member keeps its place among its siblings.
    *map = std::mem::take(map)
        .into_iter()
        .map(|(k, v)| {
            if k == old {
                (new_name.to_string(), v)
            } else {
                (k, v)
            }
        })
        .collect();
    Ok(pointer_push(parent, new_name))
}

/// Deletes the member at `pointer` (the others keep their order).
pub fn delete(doc: &mut Value, pointer: &str) -> Result<(), EditError> {
    let (parent, name) = split_last(pointer).ok_or(EditError::NotFound)?;
    let map = doc
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .ok_or(EditError::NotFound)?;
    map.shift_remove(&name)
        .map(|_| ())
        .ok_or(EditError::NotFound)
}

/// Words for the named member at `pointer`: its kind and name ("role TrustingAccountRl").
pub fn member_label(pointer: &str) -> String {
    let tokens = pointer_tokens(pointer);
    let (name, collection) = match tokens.as_slice() {
        [.., collection, name] => (name.as_str(), collection.as_str()),
        [name] => (name.as_str(), ""),
        [] => return "the scenario".into(),
    };
    let noun = [Addable::Role, Addable::StateMachine]
        .into_iter()
        .chain(RESOURCES)
        .find(|k| k.collection() == collection)
        .map(Addable::noun)
        .or((collection == "policies").then_some("policy"))
        .or((collection == "accounts").then_some("account"));
    match noun {
        Some(noun) => format!("{noun} {name}"),
        None => name.to_string(),
    }
}

/// Adds an account with the next free twelve-digit id.
pub fn add_account(doc: &mut Value) -> Result<String, EditError> {
    let accounts = object_at(doc, "/accounts").ok_or(EditError::NotFound)?;
    let id = (3..=9u64)
        .map(|d| d.to_string().repeat(12))
        .find(|id| !accounts.contains_key(id))
        .unwrap_or_else(|| format!("{:012}", accounts.len() + 100));
    accounts.insert(
        id.clone(),
        json!({"alias": format!("Account {}", accounts.len() + 1), "roles": {}}),
    );
    Ok(id)
}

/// The scenario-wide items: which execution runs, and the organization's policies.
pub fn scenario_entries() -> Vec<Entry> {
    vec![
        Entry {
            pointer: "/execution".into(),
            label: "execution".into(),
            kind: "state machine ARN and input",
            depth: 0,
            named: false,
        },
        Entry {
            pointer: "/organization".into(),
            label: "organization".into(),
            kind: "SCPs and RCPs",
            depth: 0,
            named: false,
        },
        Entry {
            pointer: "/callbacks".into(),
            label: "callbacks".into(),
            kind: "answers to waiting Tasks",
            depth: 0,
            named: false,
        },
    ]
}

/// Replaces the value at `pointer`; a member of an existing object is created when absent.
pub fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), EditError> {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = value;
        return Ok(());
    }
    let (parent, name) = split_last(pointer).ok_or(EditError::NotFound)?;
    let map = doc
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .ok_or(EditError::NotFound)?;
    map.insert(name, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json!({"scenarioVersion": 1, "accounts": {"111111111111": {"alias": "A", "roles": {
            "R": {"assumeRolePolicyDocument": {}, "policies": {"p": {}},
                "managedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaRole"]}},
            "stateMachines": {"M": {"definition": {}}}, "secrets": {"s/1": {}}}}})
    }

    #[test]
    fn tree_lists_roles_policies_machines_resources() {
        let e = account_entries(&doc(), "111111111111");
        let pointers: Vec<&str> = e.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(e[2].label, "AWSLambdaRole");
        assert_eq!(
            pointers,
            vec![
                "/accounts/111111111111/roles/R/assumeRolePolicyDocument",
                "/accounts/111111111111/roles/R/policies/p",
                "/accounts/111111111111/roles/R/managedPolicyArns",
                "/accounts/111111111111/stateMachines/M/definition",
                "/accounts/111111111111/stateMachines/M",
                "/accounts/111111111111/secrets/s~11",
            ]
        );
    }

    #[test]
    fn add_rename_delete() {
        let mut d = doc();
        let at = add(
            &mut d,
            "111111111111",
            "/accounts/111111111111",
            Addable::Role,
            "New",
        )
        .unwrap();
        assert!(d.pointer(&at).is_some());
        assert_eq!(
            add(
                &mut d,
                "111111111111",
                "/accounts/111111111111",
                Addable::Role,
                "R"
            ),
            Err(EditError::NameTaken("R".into()))
        );
        let renamed = rename(&mut d, "/accounts/111111111111/secrets/s~11", "t").unwrap();
        assert_eq!(
            member_label(&renamed),
            "secret t",
            "a label names the kind and the name"
        );
        assert_eq!(renamed, "/accounts/111111111111/secrets/t");
        delete(&mut d, &renamed).unwrap();
        assert!(d.pointer(&renamed).is_none());
        assert_eq!(
            named_member("/a/roles/R/assumeRolePolicyDocument"),
            "/a/roles/R"
        );
        let id = add_account(&mut d).unwrap();
        assert_eq!(id, "333333333333");
        set(
            &mut d,
            "/organization",
            json!({"serviceControlPolicies": []}),
        )
        .unwrap();
        assert!(d.pointer("/organization/serviceControlPolicies").is_some());
        assert_eq!(
            set(&mut d, "/nope/deeper", json!(1)),
            Err(EditError::NotFound)
        );
    }

    #[test]
    fn rename_and_delete_keep_the_order_of_the_others() {
        let mut d = json!({"accounts": {"1": {"roles": {"A": {}, "B": {}, "C": {}, "D": {}}}}});
        let keys = |d: &Value| -> Vec<String> {
            d.pointer("/accounts/1/roles")
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        rename(&mut d, "/accounts/1/roles/B", "B2").unwrap();
        assert_eq!(keys(&d), ["A", "B2", "C", "D"]);
        delete(&mut d, "/accounts/1/roles/A").unwrap();
        assert_eq!(keys(&d), ["B2", "C", "D"]);
        assert_eq!(
            rename(&mut d, "/accounts/1/roles/Z", "Y"),
            Err(EditError::NotFound)
        );
        assert_eq!(member_label("/accounts/1/roles/B2/policies/p"), "policy p");
        assert_eq!(member_label("/accounts/1/roles/B2"), "role B2");
        assert_eq!(member_label("/accounts/1"), "account 1");
        assert_eq!(member_label("/execution"), "execution");
    }
}
