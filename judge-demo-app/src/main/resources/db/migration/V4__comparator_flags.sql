-- The validator_flags of a kattis comparator (the Kattis default output validator), as its canonical string.
alter table problems add column comparator_flags varchar(500);
