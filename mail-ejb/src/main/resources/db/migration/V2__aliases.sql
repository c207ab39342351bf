-- Aliases: an address of a hosted domain that forwards to one or more addresses (accounts here, other aliases,
-- or addresses elsewhere). local_part '' is the domain's catch-all, used when nothing else matches.
create sequence mail_alias_seq start with 1 increment by 50;

create table mail_alias (
    id          bigint                      not null primary key,
    domain_id   bigint                      not null references mail_domain (id),
    local_part  varchar(64)                 not null,
    target      varchar(320)                not null,
    created_at  timestamp(6) with time zone not null,
    constraint mail_alias_uk unique (domain_id, local_part, target)
);
-- who may send as an alias: the accounts among its targets
create index mail_alias_target_ix on mail_alias (target);
