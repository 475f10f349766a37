// The vocabulary random requests are drawn from: principals, actions on resources,
// statements for each policy type, condition keys and their values. Account A is
// 111111111111 (organization o-aaaaaaaaaa), account B is 222222222222 (o-bbbbbbbbbb).

export const A = '111111111111'
export const B = '222222222222'
export const ORG = { [A]: 'o-aaaaaaaaaa', [B]: 'o-bbbbbbbbbb' }

/** Who asks: the ARN, its account, its kind, and for sessions the role's ARN. */
export const principals = [
  { arn: `arn:aws:iam::${A}:user/alice`, account: A, kind: 'user' },
  { arn: `arn:aws:iam::${A}:user/ops/bob`, account: A, kind: 'user' },
  { arn: `arn:aws:sts::${A}:assumed-role/AppRole/s-1`, account: A, kind: 'session', role: `arn:aws:iam::${A}:role/AppRole` },
  { arn: `arn:aws:sts::${A}:assumed-role/AdminRole/s-2`, account: A, kind: 'session', role: `arn:aws:iam::${A}:role/AdminRole` },
  { arn: `arn:aws:iam::${A}:root`, account: A, kind: 'root' },
  { arn: `arn:aws:iam::${B}:user/carol`, account: B, kind: 'user' },
  { arn: `arn:aws:sts::${B}:assumed-role/PartnerRole/p-1`, account: B, kind: 'session', role: `arn:aws:iam::${B}:role/PartnerRole` }
]

/** What is asked: an action on a resource, and what kind of resource policy it has. */
export const targets = [
  { action: 's3:GetObject', service: 's3', resource: 'arn:aws:s3:::bucket-a/report.csv', account: A, policy: 'resource' },
  { action: 's3:PutObject', service: 's3', resource: 'arn:aws:s3:::bucket-b/in/data.json', account: B, policy: 'resource' },
  { action: 'sqs:SendMessage', service: 'sqs', resource: `arn:aws:sqs:us-east-1:${A}:queue-a`, account: A, policy: 'resource' },
  { action: 'sqs:ReceiveMessage', service: 'sqs', resource: `arn:aws:sqs:us-east-1:${B}:queue-b`, account: B, policy: 'resource' },
  { action: 'secretsmanager:GetSecretValue', service: 'secretsmanager', resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:db-AbCdEf`, account: A, policy: 'resource' },
  { action: 'kms:Decrypt', service: 'kms', resource: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, account: A, policy: 'key' },
  { action: 'kms:Encrypt', service: 'kms', resource: `arn:aws:kms:us-east-1:${B}:key/0987dcba-09fe-87dc-65ba-ab0987654321`, account: B, policy: 'key' },
  { action: 'sts:AssumeRole', service: 'sts', resource: `arn:aws:iam::${A}:role/TargetRole`, account: A, policy: 'trust' },
  { action: 'sts:AssumeRole', service: 'sts', resource: `arn:aws:iam::${B}:role/CrossRole`, account: B, policy: 'trust' },
  { action: 'sts:TagSession', service: 'sts', resource: `arn:aws:iam::${A}:role/TargetRole`, account: A, policy: 'trust' },
  { action: 'sts:GetCallerIdentity', service: 'sts', resource: '*', account: null, policy: 'none' },
  { action: 'dynamodb:GetItem', service: 'dynamodb', resource: `arn:aws:dynamodb:us-east-1:${A}:table/Orders`, account: A, policy: 'none' },
  { action: 'states:StartExecution', service: 'states', resource: `arn:aws:states:us-east-1:${A}:stateMachine:Flow`, account: A, policy: 'none' },
  { action: 'lambda:InvokeFunction', service: 'lambda', resource: `arn:aws:lambda:us-east-1:${B}:function:fn`, account: B, policy: 'resource' }
]

/** Condition blocks, each with a tag naming it. */
export const conditions = [
  ['region-us', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }],
  ['source-arn-ifexists', { ArnLikeIfExists: { 'aws:SourceArn': `arn:aws:states:us-east-1:${A}:stateMachine:*` } }],
  ['no-team-tag', { Null: { 'aws:PrincipalTag/team': 'true' } }],
  ['org-not-a', { StringNotEquals: { 'aws:PrincipalOrgID': ORG[A] } }],
  ['org-not-a-ifexists', { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG[A] } }],
  ['insecure', { BoolIfExists: { 'aws:SecureTransport': 'false' } }],
  ['app-roles', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/App*' } }],
  ['team-blue', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }],
  ['account-a', { StringEquals: { 'aws:PrincipalAccount': A } }],
  ['not-user-type', { StringNotEquals: { 'aws:PrincipalType': 'User' } }]
]

/** Context values: each key is set with the probability given, to one of the values. */
export const contextKeys = [
  ['aws:RequestedRegion', 0.7, ['us-east-1', 'eu-west-1']],
  ['aws:SecureTransport', 0.5, ['true', 'false']],
  ['aws:PrincipalTag/team', 0.5, ['blue', 'red']],
  ['aws:SourceArn', 0.3, [`arn:aws:states:us-east-1:${A}:stateMachine:Flow`, `arn:aws:states:us-east-1:${B}:stateMachine:Other`]]
]
