-- Postilion's first schema: directory (domains, accounts), mailboxes, and message content stored once.
-- Portable SQL for H2 2.x and PostgreSQL 13+; identifiers avoid both databases' reserved words.

-- ids come from sequences (allocated 50 at a time by Hibernate), so inserts can be batched
create sequence mail_domain_seq start with 1 increment by 50;
create sequence account_seq start with 1 increment by 50;
create sequence mailbox_seq start with 1 increment by 50;
create sequence message_blob_seq start with 1 increment by 50;
create sequence mailbox_message_seq start with 1 increment by 50;

-- a domain hosted here: mail to it is delivered, never relayed
create table mail_domain (
    id          bigint                      not null primary key,
    name        varchar(253)                not null,
    created_at  timestamp(6) with time zone not null,
    constraint mail_domain_name_uk unique (name)
);

-- a user of a hosted domain; local_part in lower case, password as a PBKDF2 hash
create table account (
    id            bigint                      not null primary key,
    domain_id     bigint                      not null references mail_domain (id),
    local_part    varchar(64)                 not null,
    password_hash varchar(512)                not null,
    created_at    timestamp(6) with time zone not null,
    constraint account_address_uk unique (domain_id, local_part)
);

-- a mailbox (folder) of an account; uid_next and highest_modseq are allocated under this row's lock
create table mailbox (
    id             bigint       not null primary key,
    account_id     bigint       not null references account (id),
    name           varchar(255) not null,
    uid_validity   bigint       not null,
    uid_next       bigint       not null,
    highest_modseq bigint       not null,
    constraint mailbox_name_uk unique (account_id, name)
);

-- one message's bytes and what is read from its header at delivery, shared by every copy of it;
-- queue_id (unique) makes delivery idempotent: a redelivered queue message finds its blob and stops
create table message_blob (
    id          bigint                      not null primary key,
    queue_id    varchar(32),
    size        bigint                      not null,
    chunk_count integer                     not null,
    header_from varchar(998),
    subject     varchar(998),
    sent_date   timestamp(6) with time zone,
    message_id  varchar(998),
    created_at  timestamp(6) with time zone not null,
    constraint message_blob_queue_id_uk unique (queue_id)
);

-- the bytes, in chunks of at most 256 KiB, so that no value is large and a partial read reads little
create table blob_chunk (
    blob_id bigint  not null references message_blob (id),
    seq     integer not null,
    data    bytea   not null,
    primary key (blob_id, seq)
);

-- a message in a mailbox: per-mailbox UID and MODSEQ, flags, and a reference to the shared content
create table mailbox_message (
    id            bigint                      not null primary key,
    mailbox_id    bigint                      not null references mailbox (id),
    uid           bigint                      not null,
    modseq        bigint                      not null,
    blob_id       bigint                      not null references message_blob (id),
    internal_date timestamp(6) with time zone not null,
    size          bigint                      not null,
    flags         integer                     not null,
    constraint mailbox_message_uid_uk unique (mailbox_id, uid)
);
create index mailbox_message_blob_ix on mailbox_message (blob_id);
