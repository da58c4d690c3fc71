-- A checker comparator's protocol (a ComparatorSpec.Checker.Protocol name); comparator_flags holds its arguments
-- (a Kattis output validator's validator_flags), up to the 1000 characters the judge takes. Checkers from before
-- spoke testlib's exit codes.
alter table problems add column checker_protocol varchar(16);
update problems set checker_protocol = 'TESTLIB' where comparator_type = 'checker';
alter table problems alter column comparator_flags type varchar(1000);
