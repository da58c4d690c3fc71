-- What a problem setter says of a problem beside its statement: how hard it is (EASY, MEDIUM, HARD) and who wrote
-- it; both optional.
alter table problems add column difficulty varchar(8);
alter table problems add column author varchar(100);
alter table problems add constraint problems_difficulty_check check (difficulty in ('EASY', 'MEDIUM', 'HARD'));
