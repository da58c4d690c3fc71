-- A problem imported from a package keeps the package, so it can be verified again on demand, and the outcome of
-- its last verification: each example submission's expected and obtained verdict.
create table problem_packages (
    problem_id         bigint primary key references problems (id) on delete cascade,
    format             varchar(32) not null,
    package            bytea       not null,
    time_limit_derived boolean     not null,
    accepted_failed    boolean     not null,
    imported_at        timestamp with time zone not null,
    verified_at        timestamp with time zone not null
);

create table package_verifications (
    problem_id  bigint           not null references problems (id) on delete cascade,
    position    integer          not null,
    path        varchar(1000)    not null,
    language_id varchar(64)      not null,
    category    varchar(64)      not null,
    expected    varchar(200)     not null,
    obtained    varchar(16)      not null,
    outcome     varchar(32)      not null,
    slowest_ms  bigint           not null,
    score       double precision not null,
    max_score   double precision not null,
    message     text             not null,
    primary key (problem_id, position)
);
