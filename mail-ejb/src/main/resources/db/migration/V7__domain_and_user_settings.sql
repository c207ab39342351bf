-- Settings of domains and users that administrators manage day to day.
-- Portable SQL for H2 2.x and PostgreSQL 13+.

-- a domain: its name for display when it is internationalized (name stays the A-label every lookup uses);
-- whether it receives and logs in at all; the quota of its users without their own; how many users it may have;
-- whether user+tag reaches user
alter table mail_domain add column unicode_name varchar(253);
alter table mail_domain add column enabled boolean default true not null;
alter table mail_domain add column default_quota_bytes bigint;
alter table mail_domain add column max_users integer;
alter table mail_domain add column plus_addressing boolean default true not null;

-- a user: a name for display; disabled users neither log in nor receive (550 5.2.1); forwarding of everything
-- the user receives to another address, keeping a copy here or not
alter table account add column display_name varchar(200);
alter table account add column enabled boolean default true not null;
alter table account add column forward_to varchar(320);
alter table account add column forward_keep_copy boolean default true not null;

-- when a user last logged in, per protocol (imap, pop3, smtp, web); written at most every few minutes
create table account_login (
    account_id bigint                      not null references account (id) on delete cascade,
    protocol   varchar(8)                  not null,
    at         timestamp(6) with time zone not null,
    primary key (account_id, protocol)
);

-- app passwords: generated passwords a user gives a client that cannot do better, each named, limited to some
-- protocols (imap, pop3, smtp) and revocable; 80 random bits, so only their SHA-256 is kept
create sequence app_password_seq start with 1 increment by 50;
create table app_password (
    id           bigint                      not null primary key,
    account_id   bigint                      not null references account (id) on delete cascade,
    name         varchar(64)                 not null,
    secret_hash  varchar(64)                 not null,
    protocols    varchar(32)                 not null,
    created_at   timestamp(6) with time zone not null,
    last_used_at timestamp(6) with time zone,
    constraint app_password_name_uk unique (account_id, name)
);
create index app_password_account_ix on app_password (account_id);
