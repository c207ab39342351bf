-- Administration: admin accounts (separate from mail users) with their roles and domain grants, API tokens for
-- scripts, and the audit log of every change an administrator makes.
-- Portable SQL for H2 2.x and PostgreSQL 13+.

create sequence admin_account_seq start with 1 increment by 50;
create sequence api_token_seq start with 1 increment by 50;
create sequence audit_entry_seq start with 1 increment by 50;

-- a person who administers the server: SERVER_ADMIN (everything) or DOMAIN_ADMIN (the granted domains only);
-- name in lower case; password as the same PBKDF2 credential mail users have
create table admin_account (
    id            bigint                      not null primary key,
    name          varchar(64)                 not null,
    password_hash varchar(512)                not null,
    role          varchar(16)                 not null,
    enabled       boolean                     not null,
    created_at    timestamp(6) with time zone not null,
    last_login_at timestamp(6) with time zone,
    constraint admin_account_name_uk unique (name),
    constraint admin_account_role_ck check (role in ('SERVER_ADMIN', 'DOMAIN_ADMIN'))
);

-- the domains a domain admin manages; a removed domain takes its grants with it
create table admin_domain_grant (
    admin_id  bigint not null references admin_account (id) on delete cascade,
    domain_id bigint not null references mail_domain (id) on delete cascade,
    primary key (admin_id, domain_id)
);

-- a bearer token for scripts: only the SHA-256 of the token is kept (the token is 256 random bits, shown once);
-- prefix is its first characters, for a person to recognise it in a list
create table api_token (
    id           bigint                      not null primary key,
    admin_id     bigint                      not null references admin_account (id) on delete cascade,
    name         varchar(64)                 not null,
    token_hash   varchar(64)                 not null,
    prefix       varchar(16)                 not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone,
    last_used_at timestamp(6) with time zone,
    constraint api_token_hash_uk unique (token_hash),
    constraint api_token_name_uk unique (admin_id, name)
);

-- one change made by an administrator (or a mail user changing their own password): who, from where, what,
-- the state before and after as JSON; domain is set when the change concerns one domain (what a domain admin
-- may read)
create table audit_entry (
    id             bigint                      not null primary key,
    at             timestamp(6) with time zone not null,
    actor          varchar(320)                not null,
    via            varchar(16)                 not null,
    client_address varchar(64),
    action         varchar(64)                 not null,
    target         varchar(320)                not null,
    domain_name    varchar(253),
    before_state   varchar(16000),
    after_state    varchar(16000)
);
create index audit_entry_at_ix on audit_entry (at);
create index audit_entry_domain_ix on audit_entry (domain_name, at);
