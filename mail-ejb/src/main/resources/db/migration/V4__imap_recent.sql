-- IMAP4rev1's \Recent (RFC 3501 section 2.3.2), kept as Dovecot keeps it: per mailbox, the first UID that no
-- session has claimed. A read-write SELECT (and a selected session told of new messages) claims the UIDs from it
-- up to UIDNEXT under the row's lock and moves it there; the flag itself lives in that session alone.
-- Portable SQL for H2 2.x and PostgreSQL 13+.

-- the messages already stored when this runs are not recent: nobody is told of them for the first time
alter table mailbox add column first_recent_uid bigint default 1 not null;
update mailbox set first_recent_uid = uid_next;
