package dev.judge.demo.contest;

import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Creates contests, registers accounts and computes scoreboards. */
@Service
public class ContestService {
    /** The public scoreboard of an ICPC contest freezes for its last hour unless the request says otherwise. */
    static final int ICPC_FREEZE_MINUTES = 60;
    static final int ICPC_PENALTY_MINUTES = 20;
    private final ContestRepository contests;
    private final ProblemRepository problems;

    public ContestService(ContestRepository contests, ProblemRepository problems) {
        this.contests = contests;
        this.problems = problems;
    }

    public ContestView create(ContestRequest r) {
        if (!r.endsAt().isAfter(r.startsAt())) {
            throw ApiException.invalid("endsAt", "must be after startsAt");
        }
        Set<String> labels = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < r.problems().size(); i++) {
            ContestRequest.Entry e = r.problems().get(i);
            if (!labels.add(e.label().toUpperCase(Locale.ROOT))) {
                throw ApiException.invalid("problems[" + i + "].label", "duplicate label '" + e.label() + "'");
            }
            if (!ids.add(e.problemId())) {
                throw ApiException.invalid("problems[" + i + "].problemId", "problem " + e.problemId()
                        + " is in the contest twice");
            }
            if (problems.find(e.problemId()).isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "there is no problem " + e.problemId());
            }
        }
        int freeze = r.freezeMinutes() != null ? r.freezeMinutes()
                : r.scoring() == Scoring.ICPC ? ICPC_FREEZE_MINUTES : 0;
        Instant freezeAt = null;
        if (freeze > 0) {
            Instant at = r.endsAt().minus(Duration.ofMinutes(freeze));
            freezeAt = at.isBefore(r.startsAt()) ? r.startsAt() : at;
        }
        int penalty = r.penaltyMinutes() != null ? r.penaltyMinutes() : ICPC_PENALTY_MINUTES;
        long id = contests.create(r.title().strip(), r.scoring(), r.startsAt(), r.endsAt(), freezeAt, penalty,
                r.problems());
        return ContestView.of(require(id), 0, false);
    }

    public List<ContestView> list(AuthenticatedUser user) {
        return contests.all().stream().map(c -> view(c, user)).toList();
    }

    public ContestView view(long id, AuthenticatedUser user) {
        return view(require(id), user);
    }

    /** Registers the caller; registration closes when the contest ends. */
    public ContestView register(long id, AuthenticatedUser user) {
        Contest c = require(id);
        if (!Instant.now().isBefore(c.endsAt())) {
            throw ApiException.conflict("contest " + id + " has ended; registration is closed");
        }
        contests.register(id, user.id());
        return view(c, user);
    }

    /**
     * The scoreboard; {@code jury} (administrators only) shows what a freeze hides from everyone else.
     */
    public Scoreboard scoreboard(long id, AuthenticatedUser user, boolean jury) {
        if (jury && !user.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only administrators see the jury scoreboard");
        }
        return scoreboard(require(id), jury);
    }

    Scoreboard scoreboard(Contest c, boolean jury) {
        return Standings.of(c, contests.accounts(c.id()), contests.attempts(c), jury, Instant.now());
    }

    /** Reveals the frozen part of the public scoreboard. */
    public ContestView unfreeze(long id, AuthenticatedUser user) {
        Contest c = require(id);
        if (c.freezeAt() == null) {
            throw ApiException.conflict("contest " + id + " has no freeze");
        }
        contests.unfreeze(id);
        return view(require(id), user);
    }

    public void delete(long id) {
        if (!contests.delete(id)) {
            throw ApiException.notFound("there is no contest " + id);
        }
    }

    Contest require(long id) {
        return contests.find(id).orElseThrow(() -> ApiException.notFound("there is no contest " + id));
    }

    private ContestView view(Contest c, AuthenticatedUser user) {
        return ContestView.of(c, contests.accountCount(c.id()), contests.registered(c.id(), user.id()));
    }
}
