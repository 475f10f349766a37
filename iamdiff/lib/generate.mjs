// Random authorization requests over the vocabulary, in @cloud-copilot/iam-simulate's
// `Simulation` shape, each with tags naming the shapes drawn (the allow-list matches them).

import { seeded } from './random.mjs'
import { A, B, ORG, principals, targets, conditions, contextKeys } from './vocabulary.mjs'

// The services RCPs apply to (AWS Organizations User Guide, "Resource control policies").
const RCP_SERVICES = ['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'cognito-identity', 'logs', 'dynamodb']

const policy = (statements) => ({ Version: '2012-10-17', Statement: statements })

/** The principal element a resource policy names for `who`, with its tag. */
function principalFor(r, who, target) {
  const other = who.account === A ? B : A
  const options = [
    ['rp-principal-account', { AWS: `arn:aws:iam::${who.account}:root` }],
    ['rp-principal-account-id', { AWS: who.account }],
    ['rp-principal-other-account', { AWS: `arn:aws:iam::${other}:root` }],
    ['rp-principal-star', '*'],
    ['rp-principal-aws-star', { AWS: '*' }],
    ['rp-principal-service', { Service: 'states.amazonaws.com' }]
  ]
  if (who.kind === 'user') options.push(['rp-principal-user-arn', { AWS: who.arn }])
  if (who.kind === 'session') {
    options.push(['rp-principal-role-arn', { AWS: who.role }])
    options.push(['rp-principal-session-arn', { AWS: who.arn }])
  }
  if (target.policy === 'trust' && who.kind === 'session') {
    options.push(['rp-principal-role-arn', { AWS: who.role }])
  }
  return r.pick(options)
}

function identityStatement(r, target, tags) {
  const otherService = target.service === 's3' ? 'sqs' : 's3'
  const shapes = [
    ['id-allow-exact', { Effect: 'Allow', Action: target.action, Resource: target.resource }],
    ['id-allow-service', { Effect: 'Allow', Action: `${target.service}:*`, Resource: '*' }],
    ['id-allow-all', { Effect: 'Allow', Action: '*', Resource: '*' }],
    ['id-allow-other-service', { Effect: 'Allow', Action: `${otherService}:*`, Resource: '*' }],
    ['id-allow-notaction-iam', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
    ['id-allow-notaction-service', { Effect: 'Allow', NotAction: `${target.service}:*`, Resource: '*' }],
    ['id-allow-notresource', { Effect: 'Allow', Action: target.action, NotResource: 'arn:aws:s3:::elsewhere/*' }],
    ['id-deny-exact', { Effect: 'Deny', Action: target.action, Resource: target.resource }],
    ['id-deny-notaction-service', { Effect: 'Deny', NotAction: `${target.service}:*`, Resource: '*' }],
    ['id-deny-notresource', { Effect: 'Deny', Action: '*', NotResource: target.resource }]
  ]
  const [tag, st] = r.pick(shapes)
  tags.push(tag)
  if (r.chance(0.35)) {
    const [ctag, block] = r.pick(conditions)
    tags.push(`${tag}+${ctag}`)
    return { ...st, Condition: block }
  }
  return st
}

function resourcePolicy(r, who, target, tags) {
  const statements = []
  const count = 1 + r.int(2)
  for (let i = 0; i < count; i++) {
    const deny = r.chance(0.25)
    const [ptag, principal] = principalFor(r, who, target)
    const action = target.policy === 'trust' ? ['sts:AssumeRole', 'sts:TagSession'] : r.pick([target.action, `${target.service}:*`])
    let st
    // NotPrincipal is not valid in a role trust policy ("AWS JSON policy elements: NotPrincipal").
    if (deny && target.policy !== 'trust' && r.chance(0.5)) {
      tags.push(`rp-deny-notprincipal:${ptag}`)
      st = { Effect: 'Deny', NotPrincipal: typeof principal === 'string' ? { AWS: '*' } : principal, Action: action, Resource: target.resource === '*' ? '*' : target.resource }
    } else {
      tags.push(`rp-${deny ? 'deny' : 'allow'}:${ptag}`)
      st = { Effect: deny ? 'Deny' : 'Allow', Principal: principal, Action: action, Resource: target.resource }
    }
    if (target.policy === 'trust') delete st.Resource
    if (r.chance(0.3)) {
      const [ctag, block] = r.pick(conditions)
      tags.push(`rp-condition:${ctag}`)
      st.Condition = block
    }
    statements.push(st)
  }
  return policy(statements)
}

function orgLevels(r, who, target, kind, tags) {
  const levels = []
  const deny = (extra) => ({ Effect: 'Deny', Action: `${target.service}:*`, Resource: '*', ...extra })
  if (kind === 'scp') {
    const shapes = [
      ['scp-full', [{ Effect: 'Allow', Action: '*', Resource: '*' }]],
      ['scp-deny-service', [{ Effect: 'Allow', Action: '*', Resource: '*' }, deny({})]],
      ['scp-allow-other-only', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]],
      ['scp-deny-outside-region', [{ Effect: 'Allow', Action: '*', Resource: '*' }, deny({ Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } })]]
    ]
    const [root, acct] = [r.pick(shapes.slice(0, 1)), r.pick(shapes)]
    tags.push(acct[0])
    levels.push({ orgIdentifier: 'r-root', policies: [{ name: 'root', policy: policy(root[1]) }] })
    levels.push({ orgIdentifier: who.account, policies: [{ name: 'account', policy: policy(acct[1]) }] })
  } else {
    const shapes = [
      ['rcp-deny-outside-org', [deny({ Principal: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG[target.account] } } })]],
      ['rcp-deny-insecure', [deny({ Principal: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })]],
      ['rcp-deny-all-service', [deny({ Principal: '*' })]],
    ]
    const shape = r.pick(shapes)
    tags.push(shape[0])
    levels.push({ orgIdentifier: 'r-root', policies: [] })
    levels.push({ orgIdentifier: target.account, policies: [{ name: 'deny', policy: policy(shape[1]) }] })
  }
  return levels
}

function context(r, who) {
  const ctx = {}
  for (const [key, p, values] of contextKeys) {
    if (r.chance(p)) ctx[key] = r.pick(values)
  }
  ctx['aws:PrincipalArn'] = who.kind === 'session' ? who.role : who.arn
  ctx['aws:PrincipalAccount'] = who.account
  ctx['aws:PrincipalOrgID'] = ORG[who.account]
  ctx['aws:PrincipalType'] = { user: 'User', session: 'AssumedRole', root: 'Account' }[who.kind]
  if (who.kind === 'user') ctx['aws:username'] = who.arn.split('/').pop()
  return ctx
}

/** `n` requests from `seed`: `[{id, tags, simulation}]`. */
export function generate(seed, n) {
  const r = seeded(seed)
  const out = []
  for (let id = 0; id < n; id++) {
    const who = r.pick(principals)
    const target = r.pick(targets)
    const tags = [`principal:${who.kind}`, `action:${target.action}`, `policy:${target.policy}`]
    const resourceAccount = target.account ?? who.account
    tags.push(resourceAccount === who.account ? 'same-account' : 'cross-account')
    const identity = []
    if (who.kind !== 'root' || r.chance(0.3)) {
      const count = r.int(3) + (r.chance(0.8) ? 1 : 0)
      for (let i = 0; i < count; i++) identity.push({ name: `id${i}`, policy: policy([identityStatement(r, target, tags)]) })
    }
    const simulation = {
      request: {
        principal: who.arn,
        action: target.action,
        resource: { resource: target.resource, accountId: resourceAccount },
        contextVariables: context(r, who)
      },
      identityPolicies: identity,
      serviceControlPolicies: [],
      resourceControlPolicies: []
    }
    if (target.policy === 'trust' || target.policy === 'key' || (target.policy === 'resource' && r.chance(0.7))) {
      simulation.resourcePolicy = resourcePolicy(r, who, target, tags)
    }
    if (who.kind !== 'root' && r.chance(0.25)) {
      const [btag, st] = r.pick([
        ['boundary-service', { Effect: 'Allow', Action: `${target.service}:*`, Resource: '*' }],
        ['boundary-other', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
        ['boundary-all', { Effect: 'Allow', Action: '*', Resource: '*' }]
      ])
      tags.push(btag)
      simulation.permissionBoundaryPolicies = [{ name: 'boundary', policy: policy([st]) }]
    }
    if (who.kind === 'session' && r.chance(0.2)) {
      const [stag, st] = r.pick([
        ['session-service', { Effect: 'Allow', Action: `${target.service}:*`, Resource: '*' }],
        ['session-other', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]
      ])
      tags.push(stag)
      simulation.sessionPolicy = policy([st])
    }
    if (r.chance(0.25)) simulation.serviceControlPolicies = orgLevels(r, who, target, 'scp', tags)
    if (target.account && r.chance(0.25)) {
      simulation.resourceControlPolicies = orgLevels(r, who, target, 'rcp', tags)
      if (!RCP_SERVICES.includes(target.service)) tags.push('rcp-service-not-covered')
    }
    out.push({ id, tags, simulation })
  }
  return out
}

/** The same request in the shape `sfn-play authorize` reads. */
export function toOurs(simulation) {
  const bare = (list) => list.map((p) => p.policy)
  const levels = (ls) => ls.map((l) => ({ orgIdentifier: l.orgIdentifier, policies: bare(l.policies) }))
  const { principal, action, resource, contextVariables } = simulation.request
  const ours = {
    request: { principal, action, resource: { resource: resource.resource, accountId: resource.accountId }, context: contextVariables },
    identityPolicies: bare(simulation.identityPolicies)
  }
  if (simulation.resourcePolicy) ours.resourcePolicy = simulation.resourcePolicy
  if (simulation.permissionBoundaryPolicies) ours.permissionBoundaries = bare(simulation.permissionBoundaryPolicies)
  if (simulation.sessionPolicy) ours.sessionPolicy = simulation.sessionPolicy
  if (simulation.serviceControlPolicies.length) ours.serviceControlPolicies = levels(simulation.serviceControlPolicies)
  if (simulation.resourceControlPolicies.length) ours.resourceControlPolicies = levels(simulation.resourceControlPolicies)
  return ours
}
