-- Submissions to the server's own API and to the Judge0-compatible API. The judge's id (a UUID) is the key
-- of both; the judge's result store may be in memory, so the final result is kept here for history.
-- hidden_tests: JSON array of the names of the tests that were hidden when the submission was made.

create table submissions (
    id             varchar(36)  primary key,
    user_id        bigint       not null references users (id) on delete cascade,
    problem_id     bigint       not null references problems (id) on delete cascade,
    language_id    varchar(64)  not null,
    source         text         not null,
    hidden_tests   text         not null,
    test_count     integer      not null,
    callback_url   varchar(2048),
    status         varchar(16)  not null,
    verdict        varchar(8),
    score          double precision,
    max_score      double precision,
    result_json    text,
    created_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    constraint submissions_status_check check (status in ('QUEUED', 'COMPILING', 'RUNNING', 'FINISHED'))
);
create index submissions_user on submissions (user_id, created_at);
create index submissions_problem on submissions (problem_id, created_at);

-- Judge0 submissions carry their own input and expected output instead of a problem's tests.
create table judge0_submissions (
    token           varchar(36)  primary key,
    language_id     integer      not null,
    judge_language  varchar(64)  not null,
    source          text         not null,
    stdin           text,
    expected_output text,
    limits_json     text         not null,
    callback_url    varchar(2048),
    status          varchar(16)  not null,
    result_json     text,
    created_at      timestamp with time zone not null,
    finished_at     timestamp with time zone,
    constraint judge0_status_check check (status in ('QUEUED', 'COMPILING', 'RUNNING', 'FINISHED'))
);
