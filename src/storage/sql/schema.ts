// The schema, as ordered migrations in portable SQL (SQLite and PostgreSQL; no engine-only
// types, so PG-wire distributed SQL stays possible). Times are epoch milliseconds (BIGINT),
// booleans 0/1 (INTEGER). The primary key of private_ips makes a duplicate
// (vswitch, address) impossible.
//
// IPv6 and prefixes (version 6, extensions.md §2–§3), where the database alone rules out overlap:
// - An IPv4 /28 prefix claims its 16 addresses as private_ips rows (`prefix` = the /28, NULL
//   for a single address), so the same (vswitch, address) key that keeps single addresses
//   unique also keeps a prefix off any address in use and off any other prefix. Reserved
//   addresses are never rows: a /28 holding one is refused before the insert.
// - IPv6 singles are ipv6_addresses rows, unique per (vswitch, address). A /64 has 2^48
//   addresses per /80, too many to claim, so each /80 of a vSwitch is at most one ipv6_blocks
//   row, unique per (vswitch, block): either an assigned prefix (`eni_id` set) or the holder of
//   `addresses` single addresses (`eni_id` NULL). Assigning a single address upserts its
//   block's row and counts it (`ON CONFLICT … DO UPDATE … WHERE eni_id IS NULL`: refused if the
//   block is a prefix, and row-locked until commit); a prefix is a plain insert that any
//   existing row refuses; unassigning counts down and deletes the row at 0 under the same lock.
// - vpc_ipv6_cidrs records every /56 ever handed out (never reused; `pool_index` is the k of
//   the k-th /56 of the configured pool, NULL for a block the caller chose).

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
    // ENI fields real clients round-trip (extensions.md §7): the communication mode, the resource
    // group (NULL on ENIs created before this migration: the account's default group), the
    // queues the client set (NULL: the instance type's default once attached). And ClientToken
    // records keyed by region as well (one token in two regions is two requests): the table is
    // rebuilt, since neither engine changes a primary key in place. Records written before keep
    // region '' and are never replayed again; they age out within the hour (IDEMPOTENCY_TTL_MS).
    // Applied after 9 on an existing database; on a new one it runs before 4, whose index
    // statement then finds the index in place.
    version: 3,
    statements: [
      `ALTER TABLE enis ADD COLUMN traffic_mode TEXT NOT NULL DEFAULT 'Standard'`,
      `ALTER TABLE enis ADD COLUMN resource_group_id TEXT`,
      `ALTER TABLE enis ADD COLUMN queue_number INTEGER`,
      `ALTER TABLE enis ADD COLUMN queue_pair_number INTEGER`,
      `CREATE INDEX enis_resource_group ON enis (account_id, resource_group_id)`,
      `CREATE TABLE idempotency_by_region (
        account_id TEXT NOT NULL,
        region_id TEXT NOT NULL,
        action TEXT NOT NULL,
        token TEXT NOT NULL,
        params_hash TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, region_id, action, token))`,
      `INSERT INTO idempotency_by_region
        (account_id, region_id, action, token, params_hash, result, created_at)
        SELECT account_id, '', action, token, params_hash, result, created_at FROM idempotency`,
      `DROP TABLE idempotency`,
      `ALTER TABLE idempotency_by_region RENAME TO idempotency`,
      `CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created_at)`,
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
      // IF NOT EXISTS since migration 3, which may run first and rebuild the table with it.
      `CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created_at)`,
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
    // IPv6 and prefixes (extensions.md §2–§3): VPC /56s, vSwitch /64s, /28 prefix rows among the
    // private IPs, IPv6 addresses and /80 blocks; unique keys make the database refuse every overlap.
    version: 6,
    statements: [
      `ALTER TABLE vpcs ADD COLUMN ipv6_cidr_block TEXT`,
      `ALTER TABLE vpcs ADD COLUMN ipv6_isp TEXT`,
      `CREATE TABLE vpc_ipv6_cidrs (
        cidr_block TEXT PRIMARY KEY,
        region_id TEXT NOT NULL,
        pool_index INTEGER,
        vpc_id TEXT NOT NULL,
        created_at BIGINT NOT NULL)`,
      `CREATE UNIQUE INDEX vpc_ipv6_cidrs_pool ON vpc_ipv6_cidrs (pool_index)`,
      `ALTER TABLE vswitches ADD COLUMN ipv6_cidr_block TEXT`,
      `CREATE UNIQUE INDEX vswitches_ipv6 ON vswitches (ipv6_cidr_block)`,
      `ALTER TABLE private_ips ADD COLUMN prefix TEXT`,
      `CREATE INDEX private_ips_prefix ON private_ips (eni_id, prefix)`,
      `CREATE TABLE ipv6_addresses (
        vswitch_id TEXT NOT NULL REFERENCES vswitches(id),
        address TEXT NOT NULL,
        block TEXT NOT NULL,
        account_id TEXT NOT NULL,
        eni_id TEXT NOT NULL REFERENCES enis(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        PRIMARY KEY (vswitch_id, address))`,
      `CREATE INDEX ipv6_addresses_eni ON ipv6_addresses (eni_id)`,
      `CREATE TABLE ipv6_blocks (
        vswitch_id TEXT NOT NULL REFERENCES vswitches(id),
        block TEXT NOT NULL,
        eni_id TEXT REFERENCES enis(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        addresses INTEGER NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (vswitch_id, block))`,
      `CREATE INDEX ipv6_blocks_eni ON ipv6_blocks (eni_id)`,
    ],
  },
  {
    // The private-IP filters of DescribeNetworkInterfaces and DescribeInstances look an address
    // up within the caller's account; the primary key (vswitch_id, address) cannot serve them.
    version: 7,
    statements: [`CREATE INDEX private_ips_account_address ON private_ips (account_id, address)`],
  },
  {
    // ENIs per account and region (eni-counts.ts), kept by insertEni/deleteEni: the total of an
    // unfiltered DescribeNetworkInterfaces and the CreateNetworkInterface quota without a
    // COUNT(*) over every ENI of the account. Filled from the ENIs already there. And one index
    // fewer to write with every address: private_ips_prefix (eni_id, prefix) serves every lookup
    // by ENI that private_ips_eni (eni_id) did.
    version: 8,
    statements: [
      `DROP INDEX IF EXISTS private_ips_eni`,
      `CREATE TABLE eni_counts (
        account_id TEXT NOT NULL,
        region_id TEXT NOT NULL,
        enis BIGINT NOT NULL,
        secondaries BIGINT NOT NULL,
        PRIMARY KEY (account_id, region_id))`,
      `INSERT INTO eni_counts (account_id, region_id, enis, secondaries)
        SELECT account_id, region_id, COUNT(*),
          SUM(CASE WHEN eni_type = 'Primary' THEN 0 ELSE 1 END)
        FROM enis GROUP BY account_id, region_id`,
    ],
  },
  {
    // The metadata service finds the instance behind a request's source address, which may be
    // any private IP of any attached ENI (the primary key only serves lookups by vSwitch).
    version: 9,
    statements: [`CREATE INDEX private_ips_address ON private_ips (address)`],
  },
  {
    // One index by address instead of two: (address, account_id) serves the metadata lookup
    // (address alone) and the private-IP filters (an account's addresses), which
    // private_ips_account_address (account_id, address) served. Every address assigned or
    // unassigned writes one b-tree fewer.
    version: 10,
    statements: [
      `DROP INDEX IF EXISTS private_ips_account_address`,
      `DROP INDEX IF EXISTS private_ips_address`,
      `CREATE INDEX private_ips_address ON private_ips (address, account_id)`,
    ],
  },
  {
    // What each membership puts into its security group's 2,000 (or 65,536) private-IP cap:
    // the ENI's addresses, a /28 prefix as one (sg-slots.ts keeps it with every address written
    // or removed). The capacity check of an assign sums the group's memberships instead of
    // counting every address of every member, so it does not grow with what the group holds.
    // Rows are updated under the ENI's own lock, never the group's: unassigns stay unserialized.
    // The count is not in the group's index (sg_id): on PostgreSQL an update of an indexed
    // column cannot be a heap-only update, and the dead index entries cost more than reading
    // each member's row (pairs at 32 connections: about 9% more with it out).
    version: 11,
    statements: [
      `ALTER TABLE eni_security_groups ADD COLUMN ip_count BIGINT NOT NULL DEFAULT 0`,
      // sg-slots.ts's SLOTS_OF_ROWS, written out: a migration does not change once released.
      `UPDATE eni_security_groups SET ip_count = (
        SELECT COUNT(*) - COUNT(p.prefix) + COUNT(p.prefix) / 16 FROM private_ips p
        WHERE p.eni_id = eni_security_groups.eni_id)`,
    ],
  },
]
