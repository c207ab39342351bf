-- Outbound delivery: the state of every message on its way to remote recipients (the product's mailq), each
-- recipient's state, and the trace of every event (accepted for relay, each attempt, deferred, delivered, bounced,
-- DSN sent). The message's bytes stay in the broker's journal; these rows say what has become of it.
-- Portable SQL for H2 2.x and PostgreSQL 13+.

create sequence outbound_recipient_seq start with 1 increment by 50;
create sequence delivery_event_seq start with 1 increment by 50;

-- a message with recipients elsewhere; state ACTIVE (an attempt is due or running), DEFERRED (waiting for its
-- next attempt at next_attempt_at), HELD (an admin stopped its attempts), DONE (every recipient delivered, bounced
-- or deleted)
create table outbound_message (
    queue_id        varchar(32)                 not null primary key,
    sender          varchar(320)                not null,
    sender_domain   varchar(253)                not null,
    size_bytes      bigint                      not null,
    received_at     timestamp(6) with time zone not null,
    attempts        integer                     not null,
    state           varchar(16)                 not null,
    next_attempt_at timestamp(6) with time zone,
    delay_warned    boolean                     not null,
    updated_at      timestamp(6) with time zone not null,
    constraint outbound_message_state_ck check (state in ('ACTIVE', 'DEFERRED', 'HELD', 'DONE'))
);
create index outbound_message_state_ix on outbound_message (state, received_at);
create index outbound_message_sender_domain_ix on outbound_message (sender_domain);

-- one recipient of an outbound message: PENDING (not tried yet), DEFERRED (a temporary failure; tried again),
-- DELIVERED (a remote server took it), BOUNCED (failed for good; dsn_sent once its bounce is queued), DELETED (an
-- admin removed it from the queue without a notice)
create table outbound_recipient (
    id          bigint                      not null primary key,
    queue_id    varchar(32)                 not null references outbound_message (queue_id) on delete cascade,
    address     varchar(320)                not null,
    domain_name varchar(253)                not null,
    dsn_notify  varchar(64)                 not null,
    orcpt       varchar(400)                not null,
    status      varchar(16)                 not null,
    dsn_status  varchar(16),
    last_reply  varchar(1000),
    remote_host varchar(253),
    remote_ip   varchar(64),
    attempts    integer                     not null,
    dsn_sent    boolean                     not null,
    updated_at  timestamp(6) with time zone not null,
    constraint outbound_recipient_uk unique (queue_id, address),
    constraint outbound_recipient_status_ck check (status in ('PENDING', 'DEFERRED', 'DELIVERED', 'BOUNCED', 'DELETED'))
);
create index outbound_recipient_domain_ix on outbound_recipient (domain_name);

-- the message trace: one row per event, kept for postilion.trace.retention (30 days)
create table delivery_event (
    id          bigint                      not null primary key,
    queue_id    varchar(32)                 not null,
    at          timestamp(6) with time zone not null,
    event       varchar(16)                 not null,
    recipient   varchar(320),
    remote_host varchar(253),
    remote_ip   varchar(64),
    tls         varchar(128),
    detail      varchar(1000)
);
create index delivery_event_queue_ix on delivery_event (queue_id, at);
create index delivery_event_at_ix on delivery_event (at);

-- where mail goes instead of the destination's MX (Postfix's relayhost, sender_dependent_relayhost_maps and
-- transport_maps): DEFAULT (every remote destination; match_domain ''), SENDER_DOMAIN (mail from that domain),
-- DESTINATION (mail to that domain); a DESTINATION route wins over a SENDER_DOMAIN one, which wins over DEFAULT.
-- tls: STARTTLS (required), IMPLICIT (TLS from the first byte, port 465), NONE (clear text, e.g. a relay on the
-- LAN); verify: the relay's certificate and name are checked. The password is needed in clear to log in to the
-- relay: it is never shown by the API.
create sequence transport_route_seq start with 1 increment by 50;
create table transport_route (
    id           bigint                      not null primary key,
    match_kind   varchar(16)                 not null,
    match_domain varchar(253)                not null,
    host         varchar(253)                not null,
    port         integer                     not null,
    tls          varchar(16)                 not null,
    verify       boolean                     not null,
    username     varchar(320),
    password     varchar(512),
    updated_at   timestamp(6) with time zone not null,
    constraint transport_route_uk unique (match_kind, match_domain),
    constraint transport_route_kind_ck check (match_kind in ('DEFAULT', 'SENDER_DOMAIN', 'DESTINATION')),
    constraint transport_route_tls_ck check (tls in ('STARTTLS', 'IMPLICIT', 'NONE'))
);
