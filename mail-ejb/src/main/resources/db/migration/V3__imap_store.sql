-- The IMAP store: special-use mailboxes, subscriptions, keywords, per-mailbox counters kept under the row lock,
-- expunge tombstones for QRESYNC, what delivery parsed of each message, and quotas.
-- Portable SQL for H2 2.x and PostgreSQL 13+.

-- SPECIAL-USE attribute (RFC 6154) such as \Sent; counters changed by every write that holds the row's lock,
-- so that STATUS and quota checks read one row instead of counting messages
alter table mailbox add column special_use varchar(16);
alter table mailbox add column message_count bigint default 0 not null;
alter table mailbox add column unseen_count bigint default 0 not null;
alter table mailbox add column deleted_count bigint default 0 not null;
alter table mailbox add column total_size bigint default 0 not null;
update mailbox set
    message_count = (select count(*) from mailbox_message m where m.mailbox_id = mailbox.id),
    unseen_count  = (select count(*) from mailbox_message m where m.mailbox_id = mailbox.id and mod(m.flags, 2) = 0),
    deleted_count = (select count(*) from mailbox_message m where m.mailbox_id = mailbox.id and mod(m.flags / 8, 2) = 1),
    total_size    = (select coalesce(sum(m.size), 0) from mailbox_message m where m.mailbox_id = mailbox.id);

-- keywords ($Forwarded, $Junk, ...) separated by spaces, as the client first spelled them; null when none
alter table mailbox_message add column keywords varchar(2000);
-- "what changed since MODSEQ n" (CONDSTORE, and every session's resynchronisation) reads this index
create index mailbox_message_modseq_ix on mailbox_message (mailbox_id, modseq);

-- an expunged message's UID and the MODSEQ of its expunge: QRESYNC's VANISHED (EARLIER), and how other
-- sessions learn of the expunge
create table mailbox_expunged (
    mailbox_id bigint not null references mailbox (id),
    uid        bigint not null,
    modseq     bigint not null,
    primary key (mailbox_id, uid)
);
create index mailbox_expunged_modseq_ix on mailbox_expunged (mailbox_id, modseq);

-- subscriptions are names (RFC 9051 section 6.3.7): a subscription outlives its mailbox
create table mailbox_subscription (
    account_id bigint       not null references account (id),
    name       varchar(255) not null,
    primary key (account_id, name)
);

-- what delivery (or APPEND) parsed of the message once, so that FETCH never parses it again: ENVELOPE,
-- BODYSTRUCTURE and BODY in IMAP syntax, the header's size, and each MIME part's offsets (one line per part);
-- content_hash finds an APPEND of bytes already stored, which then shares them
alter table message_blob add column envelope varchar(1000000);
alter table message_blob add column body_structure varchar(1000000);
alter table message_blob add column body varchar(1000000);
alter table message_blob add column header_size bigint;
alter table message_blob add column mime_parts varchar(1000000);
alter table message_blob add column content_hash varchar(64);
create index message_blob_hash_ix on message_blob (content_hash);

-- the account's storage quota in octets; null means the server's default
alter table account add column quota_bytes bigint;
