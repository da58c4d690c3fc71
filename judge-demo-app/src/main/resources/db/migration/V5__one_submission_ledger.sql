-- One ledger: every submission, of either API, is one row of `submissions`, so the judge's results are written
-- to one place with one statement per change. `api` tells the two apart; each API's own fields are nullable
-- columns of the row, present exactly when the row is of that API (the check below):
--   NATIVE: user_id, problem_id, hidden_tests, test_count (the problem's tests and who submitted);
--   JUDGE0: judge0_language_id (Judge0's number; language_id is the judge's language for both), stdin,
--           expected_output, limits_json (the request's limits in Judge0's units).
-- The shared columns (source, callback_url, status, verdict, score, max_score, result_json, created_at,
-- finished_at) mean the same for both. The Judge0 rows of `judge0_submissions` move here under their token (the
-- judge's id, as for native rows) and that table goes; their verdict and score stay null (they were never kept
-- apart from result_json, which Judge0 reads).

alter table submissions add column api varchar(8) default 'NATIVE' not null;
alter table submissions alter column api drop default;
alter table submissions add column judge0_language_id integer;
alter table submissions add column stdin text;
alter table submissions add column expected_output text;
alter table submissions add column limits_json text;
alter table submissions alter column user_id drop not null;
alter table submissions alter column problem_id drop not null;
alter table submissions alter column hidden_tests drop not null;
alter table submissions alter column test_count drop not null;

insert into submissions (id, api, language_id, judge0_language_id, source, stdin, expected_output, limits_json,
                         callback_url, status, result_json, created_at, finished_at)
select token, 'JUDGE0', judge_language, language_id, source, stdin, expected_output, limits_json,
       callback_url, status, result_json, created_at, finished_at
from judge0_submissions;

drop table judge0_submissions;

alter table submissions add constraint submissions_api_check check (
    (api = 'NATIVE' and user_id is not null and problem_id is not null and hidden_tests is not null
        and test_count is not null and judge0_language_id is null and limits_json is null)
    or (api = 'JUDGE0' and judge0_language_id is not null and limits_json is not null and user_id is null
        and problem_id is null));
