-- H2 only (Flyway location db/vendor/{vendor}). H2 stores TEXT and CLOB values longer than 256 bytes, the default,
-- apart from their rows in its LOB storage: every accepted submission then paid for several LOB writes (source,
-- stdin, expected output, limits, the judge's job and result payloads) and a LOB clean-up later. Values up to
-- 64 KiB now stay in their rows; larger ones still go to LOB storage. The setting is kept in the database file.
SET MAX_LENGTH_INPLACE_LOB 65536;
