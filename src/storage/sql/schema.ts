// The schema, as ordered migrations in portable SQL (SQLite and PostgreSQL; no engine-only
// types, so PG-wire distributed SQL stays possible). Times are epoch milliseconds (BIGINT),
// booleans 0/1 (INTEGER). The primary key of private_ips makes a duplicate
// (vswitch, address) impossible.

export interface Migration {
  readonly version: number
  readonly statements: readonly string[]
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL)`,
      `CREATE TABLE access_keys (
        access_key_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        secret TEXT NOT NULL)`,
      `CREATE TABLE vpcs (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        region_id TEXT NOT NULL,
        cidr_block TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        vrouter_id TEXT NOT NULL,
        route_table_id TEXT NOT NULL,
        created_at BIGINT NOT NULL)`,
      `CREATE INDEX vpcs_account ON vpcs (account_id, region_id, created_at, id)`,
      `CREATE TABLE vswitches (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        vpc_id TEXT NOT NULL REFERENCES vpcs(id),
        region_id TEXT NOT NULL,
        zone_id TEXT NOT NULL,
        cidr_block TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at BIGINT NOT NULL)`,
      `CREATE INDEX vswitches_vpc ON vswitches (vpc_id)`,
      `CREATE INDEX vswitches_account ON vswitches (account_id, created_at, id)`,
      `CREATE TABLE security_groups (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        vpc_id TEXT NOT NULL REFERENCES vpcs(id),
        region_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        sg_type TEXT NOT NULL,
        created_at BIGINT NOT NULL)`,
      `CREATE INDEX security_groups_account ON security_groups (account_id, region_id, created_at, id)`,
      `CREATE TABLE instances (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        region_id TEXT NOT NULL,
        zone_id TEXT NOT NULL,
        network_type TEXT NOT NULL,
        vpc_id TEXT,
        vswitch_id TEXT,
        instance_type TEXT NOT NULL,
        image_id TEXT NOT NULL,
        name TEXT NOT NULL,
        host_name TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        started_at BIGINT)`,
      `CREATE INDEX instances_account ON instances (account_id, region_id, created_at, id)`,
      `CREATE INDEX instances_vswitch ON instances (vswitch_id)`,
      `CREATE TABLE enis (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        region_id TEXT NOT NULL,
        zone_id TEXT NOT NULL,
        vpc_id TEXT NOT NULL,
        vswitch_id TEXT NOT NULL REFERENCES vswitches(id),
        eni_type TEXT NOT NULL,
        status TEXT NOT NULL,
        mac_address TEXT NOT NULL UNIQUE,
        primary_ip TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        instance_id TEXT,
        device_index INTEGER,
        delete_on_release INTEGER NOT NULL,
        source_dest_check INTEGER NOT NULL,
        created_at BIGINT NOT NULL)`,
      `CREATE INDEX enis_account ON enis (account_id, region_id, created_at, id)`,
      `CREATE INDEX enis_instance ON enis (instance_id)`,
      `CREATE INDEX enis_vswitch ON enis (vswitch_id)`,
      `CREATE UNIQUE INDEX enis_device ON enis (instance_id, device_index)`,
      `CREATE TABLE eni_security_groups (
        eni_id TEXT NOT NULL REFERENCES enis(id) ON DELETE CASCADE,
        sg_id TEXT NOT NULL REFERENCES security_groups(id),
        account_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (eni_id, sg_id))`,
      `CREATE INDEX eni_security_groups_sg ON eni_security_groups (sg_id)`,
      `CREATE TABLE private_ips (
        vswitch_id TEXT NOT NULL REFERENCES vswitches(id),
        address TEXT NOT NULL,
        account_id TEXT NOT NULL,
        eni_id TEXT NOT NULL REFERENCES enis(id) ON DELETE CASCADE,
        is_primary INTEGER NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (vswitch_id, address))`,
      `CREATE INDEX private_ips_eni ON private_ips (eni_id)`,
      `CREATE TABLE operations (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        due_at BIGINT NOT NULL)`,
      `CREATE INDEX operations_due ON operations (due_at)`,
      `CREATE INDEX operations_resource ON operations (resource_id)`,
      `CREATE TABLE idempotency (
        account_id TEXT NOT NULL,
        action TEXT NOT NULL,
        token TEXT NOT NULL,
        params_hash TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, action, token))`,
    ],
  },
  {
    // Tags (extensions.md §1): one row per (resource, key). resource_type is the stored type
    // (eni, instance, securitygroup, vpc, vswitch); region_id lets ListTagResources select by tag
    // alone within a region. Deleting a resource deletes its rows in the same transaction.
    version: 2,
    statements: [
      `CREATE TABLE tags (
        account_id TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        tag_key TEXT NOT NULL,
        tag_value TEXT NOT NULL,
        region_id TEXT NOT NULL,
        PRIMARY KEY (account_id, resource_type, resource_id, tag_key))`,
      `CREATE INDEX tags_resource ON tags (resource_id)`,
      `CREATE INDEX tags_key ON tags (account_id, resource_type, tag_key, tag_value)`,
    ],
  },
  {
    // Replicas share everything a request relies on (issue 13): signature nonces per AccessKey
    // (purged once their timestamp window has passed), console sessions (by the hash of the
    // cookie, never the cookie itself), sign-in rate-limit counters, and the worker's retry state
    // (attempts, the last failure, and `failed_at` once an operation has given up).
    version: 4,
    statements: [
      `CREATE TABLE nonces (
        access_key_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (access_key_id, nonce))`,
      `CREATE INDEX nonces_expiry ON nonces (expires_at)`,
      `CREATE TABLE console_sessions (
        id_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        access_key_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL)`,
      `CREATE INDEX console_sessions_used ON console_sessions (last_used_at)`,
      `CREATE TABLE rate_limits (
        bucket TEXT PRIMARY KEY,
        window_start BIGINT NOT NULL,
        hits INTEGER NOT NULL)`,
      `ALTER TABLE operations ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0`,
      `ALTER TABLE operations ADD COLUMN last_error TEXT`,
      `ALTER TABLE operations ADD COLUMN failed_at BIGINT`,
      `CREATE INDEX operations_account ON operations (account_id, resource_id)`,
      `CREATE INDEX idempotency_created ON idempotency (created_at)`,
    ],
  },
  {
    // Events (every state-changing, refused or injected call) and a transition fault per
    // durable operation (fault injection: `fail` makes the transition end in failure).
    version: 5,
    statements: [
      `CREATE TABLE events (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        account_id TEXT NOT NULL,
        access_key_id TEXT NOT NULL,
        action TEXT NOT NULL,
        params TEXT NOT NULL,
        code TEXT NOT NULL,
        http_status INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        request_id TEXT NOT NULL,
        source_ip TEXT NOT NULL,
        resources TEXT NOT NULL)`,
      `CREATE INDEX events_account ON events (account_id, at, seq)`,
      `ALTER TABLE operations ADD COLUMN fault TEXT`,
    ],
  },
  {
    // The private-IP filters of DescribeNetworkInterfaces and DescribeInstances look an address
    // up within the caller's account; the primary key (vswitch_id, address) cannot serve them.
    version: 7,
    statements: [`CREATE INDEX private_ips_account_address ON private_ips (account_id, address)`],
  },
  {
    // The metadata service finds the instance behind a request's source address, which may be
    // any private IP of any attached ENI (the primary key only serves lookups by vSwitch).
    version: 9,
    statements: [`CREATE INDEX private_ips_address ON private_ips (address)`],
  },
]
