//! Built-in scenarios: the cross-account secret cache of the seed and its variations, and
//! a secret read across accounts through a customer managed KMS key, a Distributed Map
//! over a CSV file in another account's bucket, callbacks answered across accounts, and a
//! workflow calling another account's through API Gateway.

/// A built-in scenario.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// A stable id (`cross-account-secret-cache` …).
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// What the scenario shows, in a few sentences.
    pub description: &'static str,
    /// The scenario document.
    pub text: &'static str,
}

const PRESETS: [Preset; 16] = [
    Preset {
        id: "cross-account-secret-cache",
        title: "Cross-account secret cache",
        description: "A Standard workflow in account 111111111111 reads its configuration from SSM, assumes TrustingAccountRl in 222222222222 (ExternalId = its own ARN) and starts the Express SecretCacheWfw synchronously, which reads its DynamoDB cache, fetches the secret and caches it through a Lambda function. Succeeds, returning the secret.",
        text: include_str!("../presets/cross-account-secret-cache.json"),
    },
    Preset {
        id: "cross-account-secret-cache-jsonata",
        title: "Cross-account secret cache (JSONata)",
        description: "The seed with both workflows written in JSONata, as the AWS docs now write them: Arguments and Output instead of Parameters and ResultPath, Assign to keep the configuration and the secret in variables, a Choice Condition, and the Credentials RoleArn as a {% %} expression. Same accounts, roles and policies; succeeds, returning the secret.",
        text: include_str!("../presets/cross-account-secret-cache-jsonata.json"),
    },
    Preset {
        id: "confused-deputy-no-external-id",
        title: "Trust policy without ExternalId",
        description: "The same, but TrustingAccountRl's trust policy has no sts:ExternalId condition: the run succeeds, and validation warns of the confused deputy.",
        text: include_str!("../presets/confused-deputy-no-external-id.json"),
    },
    Preset {
        id: "wrong-external-id",
        title: "Wrong ExternalId",
        description: "The trust policy expects another state machine's ARN as sts:ExternalId: AssumeRole is denied and the workflow fails.",
        text: include_str!("../presets/wrong-external-id.json"),
    },
    Preset {
        id: "missing-assume-role-permission",
        title: "Execution role lacks sts:AssumeRole",
        description: "TrustedAccountRl has no statement allowing sts:AssumeRole on TrustingAccountRl: the cross-account hop is denied by the caller's own account.",
        text: include_str!("../presets/missing-assume-role-permission.json"),
    },
    Preset {
        id: "missing-start-sync-permission",
        title: "Target role lacks states:StartSyncExecution",
        description: "The role is assumed, but TrustingAccountRl may not start SecretCacheWfw: StartSyncExecution is denied (Sfn.SfnException).",
        text: include_str!("../presets/missing-start-sync-permission.json"),
    },
    Preset {
        id: "lambda-proxy-resource-policy",
        title: "Resource-based alternative: a Lambda proxy",
        description: "No role is assumed: the consumer invokes a Lambda function in 222222222222 whose resource policy allows TrustedAccountRl; the function, under its own role, starts SecretCacheWfw and returns the secret.",
        text: include_str!("../presets/lambda-proxy-resource-policy.json"),
    },
    Preset {
        id: "retry-catch-recovery",
        title: "Retry and Catch around failing Lambdas",
        description: "A flaky function fails twice and succeeds on the third attempt thanks to Retry; a payment function always fails and Catch routes to a fallback.",
        text: include_str!("../presets/retry-catch-recovery.json"),
    },
    Preset {
        id: "kms-cross-account-secret",
        title: "Cross-account secret with a customer managed key",
        description: "ReadSharedSecretWfw (111111111111) reads SharedDbSecret of 222222222222 directly. The secret is encrypted with a customer managed key: its resource policy grants SecretReaderRl, the key policy lets account 111111111111 decrypt through Secrets Manager, and the role's identity policy allows both. Succeeds, returning the secret.",
        text: include_str!("../presets/kms-cross-account-secret.json"),
    },
    Preset {
        id: "kms-key-policy-missing-account",
        title: "Key policy without the other account",
        description: "The same, but the key policy only has the Enable IAM User Permissions statement of 222222222222: GetSecretValue is allowed, the kms:Decrypt Secrets Manager makes on the caller's behalf is denied by the key policy, and the Task fails with SecretsManager.SecretsManagerException (Access to KMS is not allowed).",
        text: include_str!("../presets/kms-key-policy-missing-account.json"),
    },
    Preset {
        id: "distributed-map-cross-account-bucket",
        title: "Distributed Map over a CSV in another account",
        description: "CsvFanOutWfw (111111111111) is a Distributed Map over exports/2026-11.csv in a bucket of 222222222222. The bucket policy grants CsvFanOutRl s3:GetObject and the role's identity policy allows it; each CSV row runs as a child execution of the Map Run, and ResultWriter writes manifest.json and SUCCEEDED_0.json to a bucket of 111111111111. Succeeds, returning the MapRunArn and ResultWriterDetails.",
        text: include_str!("../presets/distributed-map-cross-account-bucket.json"),
    },
    Preset {
        id: "distributed-map-bucket-policy-missing",
        title: "Distributed Map: bucket policy missing",
        description: "The same, but the bucket in 222222222222 has no bucket policy: the identity policy alone cannot grant access to another account's bucket, s3:GetObject is denied, and the Map state fails with States.ItemReaderFailed.",
        text: include_str!("../presets/distributed-map-bucket-policy-missing.json"),
    },
    Preset {
        id: "cross-account-callback",
        title: "Cross-account callback",
        description: "ApprovalWfw (111111111111) sends its task token to an SQS queue of 222222222222 (sqs:sendMessage.waitForTaskToken; the queue policy lets its execution role send) and waits. Two minutes later the queue's consumer assumes CallbackResponderRl in 111111111111 and calls SendTaskSuccess with the token: a state machine has no resource policy, so the other account answers through a role of the machine's account. Succeeds with the approval.",
        text: include_str!("../presets/cross-account-callback.json"),
    },
    Preset {
        id: "callback-responder-not-allowed",
        title: "Callback answered from the other account directly",
        description: "The same, but the consumer calls SendTaskSuccess with its own role in 222222222222: its identity policy allows it, but nothing in 111111111111 does (state machines have no resource policy), so the answer is denied, never reaches the Task, and after TimeoutSeconds (one hour) the Task fails with States.Timeout.",
        text: include_str!("../presets/callback-responder-not-allowed.json"),
    },
    Preset {
        id: "api-gateway-cross-account",
        title: "Cross-account call through API Gateway",
        description: "OrderClientWfw (111111111111) calls the OrdersApi REST API of 222222222222 through arn:aws:states:::apigateway:invoke with AuthType IAM_ROLE: the request is signed as its execution role, which may execute-api:Invoke the method, and the API's resource policy allows that role (across accounts both must allow). The method's AWS service integration assumes ApiStartOrderRl and starts the Express ProcessOrderWfw synchronously. Succeeds, returning the order's confirmation.",
        text: include_str!("../presets/api-gateway-cross-account.json"),
    },
    Preset {
        id: "api-gateway-resource-policy-other-account",
        title: "API resource policy without the caller's account",
        description: "The same, but the API's resource policy names a role of 333333333333 only: across accounts both the caller's identity policy and the resource policy must allow, so API Gateway answers 403 and the Task fails with ApiGateway.403.",
        text: include_str!("../presets/api-gateway-resource-policy-other-account.json"),
    },
];

/// Every built-in scenario; the seed comes first.
pub fn presets() -> &'static [Preset] {
    &PRESETS
}

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
