-- Jobs waiting or leased. A job is claimable when available_at has passed: for a waiting job that is when
-- it becomes visible (enqueue or backoff), for a leased job when its lease expires.
CREATE SEQUENCE judge_job_seq;

CREATE TABLE judge_jobs (
    id           VARCHAR(255) PRIMARY KEY,
    priority     SMALLINT     NOT NULL,
    language_id  VARCHAR(100) NOT NULL,
    enqueued_at  TIMESTAMPTZ  NOT NULL,
    seq          BIGINT       NOT NULL DEFAULT nextval('judge_job_seq'),
    available_at TIMESTAMPTZ  NOT NULL,
    attempt      INTEGER      NOT NULL DEFAULT 0,
    lease_id     VARCHAR(64),
    last_error   TEXT,
    payload      TEXT         NOT NULL
);

CREATE INDEX judge_jobs_claim_order ON judge_jobs (priority, enqueued_at, seq);

CREATE TABLE judge_dead_letters (
    seq      BIGSERIAL    PRIMARY KEY,
    id       VARCHAR(255) NOT NULL,
    attempts INTEGER      NOT NULL,
    reason   TEXT         NOT NULL,
    dead_at  TIMESTAMPTZ  NOT NULL,
    payload  TEXT         NOT NULL
);

-- One row per submission; status_rank is Status.ordinal() so a write can be refused in SQL.
CREATE SEQUENCE judge_result_seq;

CREATE TABLE judge_results (
    id          VARCHAR(255) PRIMARY KEY,
    status_rank SMALLINT     NOT NULL,
    seq         BIGINT       NOT NULL,
    origin      VARCHAR(64)  NOT NULL,
    written_at  TIMESTAMPTZ  NOT NULL,
    payload     TEXT         NOT NULL
);

CREATE INDEX judge_results_seq ON judge_results (seq);

-- Wake-ups across nodes, sent on commit. The channel carries the schema so that several judges can share
-- one database.
CREATE FUNCTION judge_notify_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('judge_jobs_' || TG_TABLE_SCHEMA, NEW.language_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER judge_jobs_visible AFTER INSERT OR UPDATE OF available_at ON judge_jobs
    FOR EACH ROW WHEN (NEW.lease_id IS NULL) EXECUTE FUNCTION judge_notify_job();

CREATE FUNCTION judge_notify_result() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('judge_results_' || TG_TABLE_SCHEMA, NEW.origin || ' ' || NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER judge_results_changed AFTER INSERT OR UPDATE ON judge_results
    FOR EACH ROW EXECUTE FUNCTION judge_notify_result();
