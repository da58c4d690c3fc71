-- A submission of several files keeps them as a JSON array of {name, content} in source_files, and no single
-- source; a one-file submission keeps its text in source as before.
alter table submissions add column source_files text;
alter table submissions alter column source drop not null;
