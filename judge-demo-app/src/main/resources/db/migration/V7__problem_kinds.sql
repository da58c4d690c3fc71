-- What kind of problem a problem is beyond limits and comparator; maps onto the judge's TestGroup, FileIo,
-- Interactor and JudgeOptions.stopOnFirstFailure. Existing problems stay plain: standard I/O, no groups, no files.
alter table problems add column stop_on_first_failure boolean default false not null;
alter table problems add column input_file varchar(255);
alter table problems add column output_file varchar(255);
-- An interactive problem's interactor (null: not interactive); its sources are in problem_files.
alter table problems add column interactor_language varchar(64);
alter table problems add column interactor_protocol varchar(16);
alter table problems add column interactor_passes integer;

-- Scoring groups in order; depends_on: JSON array of the names of the groups this one depends on.
create table problem_groups (
    problem_id            bigint           not null references problems (id) on delete cascade,
    position              integer          not null,
    name                  varchar(64)      not null,
    points                double precision not null,
    scoring               varchar(8)       not null,
    depends_on            text             not null,
    stop_on_first_failure boolean          not null,
    primary key (problem_id, position),
    constraint problem_groups_scoring_check check (scoring in ('MIN', 'SUM'))
);

-- Files of a problem other than the checker's, in order:
--   role 'support': added to every submission in language language_id ('*': every language);
--   role 'interactor': the interactor's sources (language_id is its language; name null: the main file).
create table problem_files (
    problem_id  bigint      not null references problems (id) on delete cascade,
    role        varchar(16) not null,
    language_id varchar(64) not null,
    position    integer     not null,
    name        varchar(255),
    content     text        not null,
    primary key (problem_id, role, language_id, position),
    constraint problem_files_role_check check (role in ('support', 'interactor'))
);
