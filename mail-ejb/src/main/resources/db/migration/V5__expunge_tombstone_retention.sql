-- Expunge tombstones are pruned after a retention (postilion.imap.tombstone-days, TombstonePruner): each one
-- records when it was written, and each mailbox the highest MODSEQ whose tombstones may be gone. Every expunge
-- with a MODSEQ above vanished_floor_modseq still has its tombstone; QRESYNC from below it is answered with
-- every UID below UIDNEXT that no longer exists (RFC 7162 section 3.2.7 allows that superset).
-- Portable SQL for H2 2.x and PostgreSQL 13+.

-- the tombstones already written start their retention now
alter table mailbox_expunged add column expunged_at timestamp(6) with time zone default current_timestamp not null;
-- the prune finds the mailboxes with old tombstones through this index
create index mailbox_expunged_age_ix on mailbox_expunged (expunged_at);
alter table mailbox add column vanished_floor_modseq bigint default 0 not null;
