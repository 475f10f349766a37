// The access analysis' scale scenario (crates/access/benches/scale.rs, the same document):
// 10 accounts, 200 roles and 500 resources; roles read their own account's resources and
// assume a role of the next account (odd ones around all ten accounts, a cycle), secrets and
// queues grant the next account through resource policies.
const ACCOUNTS = 10;
const ROLES = 20;
const RESOURCES = 50;
const account = (i) => String(100_000_000_000 + (i % ACCOUNTS)).padStart(12, '0');
const roleArn = (a, r) => `arn:aws:iam::${account(a)}:role/Role${r}`;

export function scaleScenario() {
  const accounts = {};
  const region = 'us-east-1';
  for (let a = 0; a < ACCOUNTS; a++) {
    const id = account(a);
    const own = (kind, n) => ({
      parameter: `arn:aws:ssm:${region}:${id}:parameter/P${n}`,
      table: `arn:aws:dynamodb:${region}:${id}:table/Table${n}`,
    }[kind] ?? `arn:aws:sqs:${region}:${id}:Q${n}`);
    const roles = {};
    for (let r = 0; r < ROLES; r++) {
      const condition = r % 2 === 0
        ? { StringEquals: { 'sts:ExternalId': `ext-${r}` } }
        : { StringEquals: { 'aws:PrincipalAccount': account(a + ACCOUNTS - 1) } };
      roles[`Role${r}`] = {
        assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [
          { Effect: 'Allow', Principal: { AWS: roleArn(a + ACCOUNTS - 1, r) }, Action: 'sts:AssumeRole', Condition: condition },
          { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': id } } }] },
        policies: { Work: { Version: '2012-10-17', Statement: [
          { Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'],
            Resource: [own('parameter', r % 8), own('parameter', (r + 1) % 8)] },
          { Effect: 'Allow', Action: 'dynamodb:*', Resource: own('table', r % 8) },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: own('queue', r % 7) },
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue',
            Resource: `arn:aws:secretsmanager:${region}:*:secret:S${r % 7}-*` },
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(a + 1, r) }] } },
      };
    }
    const grant = (action, resource) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account(a + 1)}:root` }, Action: action, Resource: resource }] });
    const parameters = {}; const secrets = {}; const tables = {}; const functions = {};
    const queues = {}; const topics = {}; const buckets = {};
    for (let n = 0; n < 8; n++) {
      parameters[`P${n}`] = { value: 'v' };
      tables[`Table${n}`] = { partitionKey: 'id' };
    }
    for (let n = 0; n < 7; n++) {
      secrets[`S${n}`] = { secretString: 's',
        resourcePolicy: grant('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${region}:${id}:secret:S${n}-*`) };
      queues[`Q${n}`] = { resourcePolicy: grant('sqs:SendMessage', `arn:aws:sqs:${region}:${id}:Q${n}`) };
      topics[`N${n}`] = {};
      functions[`F${n}`] = { behavior: { template: {} } };
    }
    for (let n = 0; n < RESOURCES - 8 - 8 - 7 * 4; n++) buckets[`bucket-${a}-${n}`] = { objects: {} };
    const machines = a === 0
      ? { Main: { roleName: 'Role0', definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } } } }
      : {};
    accounts[id] = { roles, stateMachines: machines, ssmParameters: parameters, secrets,
      dynamodbTables: tables, lambdaFunctions: functions, sqsQueues: queues, snsTopics: topics, s3Buckets: buckets };
  }
  return { scenarioVersion: 1, accounts,
    execution: { stateMachineArn: `arn:aws:states:us-east-1:${account(0)}:stateMachine:Main` } };
}
