//! The library's own promises beyond the command line's cases: the least-privilege edit
//! applies and the run still succeeds under it, and the CheckAccessNotGranted-like check.

fn seed() -> (serde_json::Value, sim::Scenario) {
    let text = sim::preset("cross-account-secret-cache").unwrap().text;
    (
        serde_json::from_str(text).unwrap(),
        sim::Scenario::parse_text(text).unwrap(),
    )
}

#[test]
fn the_generated_policies_applied_still_run_and_grant_nothing_unused() {
    let (mut doc, scenario) = seed();
    let report = sim::run(&scenario);
    let privileges = access::least_privilege(&scenario, &report);
    assert_eq!(privileges.len(), 3);
    for (role, privilege) in &privileges {
        let fix = access::least_privilege_fix(role, privilege).unwrap();
        sim::apply_fix(&mut doc, &fix).unwrap();
    }
    let tight = sim::Scenario::from_value(&doc).unwrap();
    let rerun = sim::run(&tight);
    assert_eq!(rerun.to_json()["status"], "SUCCEEDED");
    for privilege in access::least_privilege(&tight, &rerun).values() {
        assert!(privilege.unused.is_empty(), "{:?}", privilege.unused);
    }
    let consumer = "arn:aws:iam::111111111111:role/TrustedAccountRl";
    let fix = access::least_privilege_fix(consumer, &privileges[consumer]).unwrap();
    assert_eq!(
        fix.item,
        "/accounts/111111111111/roles/TrustedAccountRl/policies/LeastPrivilege"
    );
    assert!(access::least_privilege_fix("arn:aws:iam::1:role/R", &privileges[consumer]).is_none());
}

#[test]
fn access_not_granted_lists_the_grants_outside_the_account() {
    let (_, scenario) = seed();
    let outside = access::access_not_granted(&scenario, "222222222222", &["states:Start*".into()]);
    assert_eq!(
        outside,
        vec![access::AccessChange {
            principal: "arn:aws:iam::111111111111:role/TrustedAccountRl".into(),
            resource: "arn:aws:states:us-east-1:222222222222:stateMachine:SecretCacheWfw".into(),
            actions: vec!["states:StartSyncExecution".into()],
            external: true,
        }]
    );
    let none = access::access_not_granted(&scenario, "222222222222", &["dynamodb:*".into()]);
    assert!(none.is_empty(), "{none:?}");
}
