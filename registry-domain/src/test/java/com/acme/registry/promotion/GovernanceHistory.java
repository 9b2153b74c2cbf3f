package com.acme.registry.promotion;

import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;

import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.model.VersionEvidence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the given-history of a model's governance the way the aggregate itself would have recorded it:
 * request and rollback numbers are counted, grants follow the recorded policy's approval count, rollouts carry
 * the granted request and the current champion.
 * <p>
 * Defaults: the model and its versions are registered by {@code alice}, promotions are requested by {@code bob},
 * reviewers are {@code rita}, {@code ravi} (and {@code rosa} for a third approval); approvals happen one day
 * before {@link #NOW}, so a grant under the default policy is valid until NOW + 29 days.
 */
public final class GovernanceHistory {

    public static final String MODEL = "bnpl-credit-risk";
    public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";
    public static final String ALICE = "alice";
    public static final String BOB = "bob";
    public static final String RITA = "rita";
    public static final String RAVI = "ravi";
    public static final String ROSA = "rosa";
    public static final String JUSTIFICATION = "AUC +0.02 on the 2025 holdout; PSI stable";
    public static final String REPORT = "https://validation.acme.com/reports/bnpl-credit-risk/42";
    public static final Instant APPROVED_AT = NOW.minus(1, ChronoUnit.DAYS);

    private static final List<String> REVIEWERS = List.of(RITA, RAVI, ROSA);

    private final RiskTier tier;
    private final List<Object> events = new ArrayList<>();
    private final Map<Integer, Request> requests = new HashMap<>();
    private final Map<String, Integer> champions = new HashMap<>();
    private final Map<String, List<Integer>> pastChampions = new HashMap<>();
    private final Map<String, Integer> rollouts = new HashMap<>();
    private int versionCount;
    private int rollbackCount;

    private GovernanceHistory(RiskTier tier) {
        this.tier = tier;
        events.add(new ModelRegistered(MODEL, description(tier), ALICE));
    }

    /** A model of the given risk tier, registered by alice. */
    public static GovernanceHistory model(RiskTier tier) {
        return new GovernanceHistory(tier);
    }

    public static ModelDescription description(RiskTier tier) {
        return new ModelDescription("Buy-now-pay-later credit risk", "credit-risk", tier,
                "Real-time BNPL credit decisioning", null, Map.of());
    }

    public static VersionEvidence evidence(int version) {
        return new VersionEvidence("s3://models/" + MODEL + "/" + version + "/model.onnx",
                "sha256:" + "0123456789abcdef".repeat(4), 1024L, "onnx", null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The policy the aggregate records for a request to {@code environment} under {@link ApprovalPolicy#DEFAULT}. */
    public static PolicyInForce defaultPolicy(RiskTier tier, String environment) {
        boolean approvalRequired = needsApproval(environment);
        return new PolicyInForce(tier, approvalRequired,
                approvalRequired ? ApprovalPolicy.DEFAULT.approvalsFor(tier) : 0,
                ApprovalPolicy.DEFAULT.approvalValidityDays());
    }

    /** As configured in these tests: production needs approval, staging does not. */
    public static boolean needsApproval(String environment) {
        return PRODUCTION.equals(environment);
    }

    // ---- versions and model ----

    /** {@code count} more versions, registered by alice. */
    public GovernanceHistory versions(int count) {
        for (int i = 0; i < count; i++) {
            versionBy(ALICE);
        }
        return this;
    }

    public GovernanceHistory versionBy(String registrant) {
        versionCount++;
        events.add(new ModelVersionRegistered(MODEL, versionCount, evidence(versionCount), registrant));
        return this;
    }

    public GovernanceHistory archived(int version) {
        events.add(new ModelVersionArchived(MODEL, version, "miscalibrated on 2026 applications"));
        return this;
    }

    public GovernanceHistory retired() {
        events.add(new ModelRetired(MODEL, "replaced by bnpl-credit-risk-2"));
        return this;
    }

    // ---- requests and reviews ----

    /** bob asks for {@code version} to go to {@code environment} under the default policy. */
    public GovernanceHistory requested(int version, String environment) {
        return requested(version, environment, BOB);
    }

    public GovernanceHistory requested(int version, String environment, String requestedBy) {
        return requested(version, environment, requestedBy, defaultPolicy(tier, environment));
    }

    public GovernanceHistory requested(int version, String environment, String requestedBy, PolicyInForce policy) {
        int number = requests.size() + 1;
        requests.put(number, new Request(version, environment, policy));
        events.add(new PromotionRequested(MODEL, number, version, environment, JUSTIFICATION, REPORT, requestedBy,
                policy));
        if (!policy.approvalRequired()) {
            events.add(new PromotionGranted(MODEL, number, version, environment, null));
        }
        return this;
    }

    /** {@code reviewer} approves request {@code number} one day before NOW. */
    public GovernanceHistory approved(int number, String reviewer) {
        return approved(number, reviewer, APPROVED_AT);
    }

    /** {@code reviewer} approves at {@code at}; the request is granted once the recorded policy's count is reached. */
    public GovernanceHistory approved(int number, String reviewer, Instant at) {
        Request request = requests.get(number);
        request.approvals++;
        events.add(new PromotionApproved(MODEL, number, reviewer, "Evidence reviewed; fine", request.approvals));
        if (request.approvals >= request.policy.requiredApprovals()) {
            events.add(new PromotionGranted(MODEL, number, request.version, request.environment,
                    at.plus(request.policy.approvalValidityDays(), ChronoUnit.DAYS)));
        }
        return this;
    }

    /** A request for {@code version} to {@code environment}, approved by as many reviewers as needed one day before NOW. */
    public GovernanceHistory granted(int version, String environment) {
        return granted(version, environment, APPROVED_AT);
    }

    public GovernanceHistory granted(int version, String environment, Instant approvedAt) {
        requested(version, environment);
        int number = requests.size();
        Request request = requests.get(number);
        for (int i = 0; i < request.policy.requiredApprovals(); i++) {
            approved(number, REVIEWERS.get(i), approvedAt);
        }
        return this;
    }

    public GovernanceHistory rejected(int number, String reviewer) {
        events.add(new PromotionRejected(MODEL, number, reviewer, "Calibration drifts on thin-file applicants"));
        return this;
    }

    /** The number of the last request of this history. */
    public int lastRequest() {
        return requests.size();
    }

    // ---- rollouts ----

    /** A rollout of {@code version} at {@code traffic}%, under the granted request when the environment needs one. */
    public GovernanceHistory rolloutStarted(String environment, int version, int traffic) {
        return rolloutStarted(environment, version, traffic, needsApproval(environment));
    }

    public GovernanceHistory rolloutStarted(String environment, int version, int traffic, boolean approvalRequired) {
        Integer requestNumber = null;
        if (approvalRequired) {
            requestNumber = requests.entrySet().stream()
                    .filter(e -> e.getValue().version == version && e.getValue().environment.equals(environment))
                    .map(Map.Entry::getKey)
                    .max(Integer::compare)
                    .orElseThrow(() -> new IllegalStateException("no request for " + version + " to " + environment));
        }
        rollouts.put(environment, version);
        events.add(new RolloutStarted(MODEL, environment, version, traffic, requestNumber, champions.get(environment)));
        return this;
    }

    public GovernanceHistory trafficChanged(String environment, int traffic) {
        events.add(new RolloutTrafficChanged(MODEL, environment, rollouts.get(environment), traffic));
        return this;
    }

    public GovernanceHistory completed(String environment) {
        int version = rollouts.remove(environment);
        Integer previous = champions.put(environment, version);
        if (previous != null) {
            pastChampions.computeIfAbsent(environment, e -> new ArrayList<>()).add(previous);
        }
        events.add(new RolloutCompleted(MODEL, environment, version, previous));
        return this;
    }

    public GovernanceHistory aborted(String environment) {
        int version = rollouts.remove(environment);
        events.add(new RolloutAborted(MODEL, environment, version, "error rate above budget"));
        return this;
    }

    /** {@code version} becomes the champion of {@code environment}: granted first where approval is needed. */
    public GovernanceHistory champion(String environment, int version) {
        if (needsApproval(environment)) {
            granted(version, environment);
        }
        return rolloutStarted(environment, version, 10).completed(environment);
    }

    /** {@code version} becomes champion through a rollout started while the environment needed no approval. */
    public GovernanceHistory championWithoutApproval(String environment, int version) {
        return rolloutStarted(environment, version, 10, false).completed(environment);
    }

    public GovernanceHistory rolledBack(String environment, String by) {
        List<Integer> past = pastChampions.get(environment);
        int restored = past.remove(past.size() - 1);
        int replaced = champions.put(environment, restored);
        rollbackCount++;
        events.add(new RolledBack(MODEL, environment, rollbackCount, restored, replaced, "latency regression", by,
                needsApproval(environment)));
        return this;
    }

    public GovernanceHistory acknowledged(int rollback, String by) {
        events.add(new RollbackAcknowledged(MODEL, rollback, by, "Checked the incident; restoring was right"));
        return this;
    }

    /** Any event, appended as is. */
    public GovernanceHistory and(Object event) {
        events.add(event);
        return this;
    }

    /** Any event, as recorded (for the model's own events, which this builder does not count). */
    public GovernanceHistory then(Object event) {
        if (event instanceof ModelVersionRegistered) {
            versionCount++;
        }
        events.add(event);
        return this;
    }

    public List<Object> events() {
        return List.copyOf(events);
    }

    public static Instant daysBeforeNow(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static final class Request {
        final int version;
        final String environment;
        final PolicyInForce policy;
        int approvals;

        Request(int version, String environment, PolicyInForce policy) {
            this.version = version;
            this.environment = environment;
            this.policy = policy;
        }
    }
}
