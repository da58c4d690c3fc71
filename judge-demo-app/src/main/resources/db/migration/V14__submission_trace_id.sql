-- The trace a submission was accepted in (W3C trace id, 32 hex digits), when tracing is on: its spans follow it
-- from the request through the queue to the stored result. Null for untraced submissions and older rows.
alter table submissions add column trace_id varchar(32);
