package com.acme.registry.promotion;

import com.acme.registry.rollout.RolloutEvent;

import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;

import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a model's event log in order, independently of the aggregate, and fails on the first event that breaks an
 * invariant of the product: at most one rollout and at most one champion per environment at every point (every
 * event's claim about the current champion agrees with the log), a version becomes champion of an environment that
 * needs approval only after a PromotionGranted for that version and environment, grants follow distinct approvals
 * that respect segregation of duties, emergency rollbacks are acknowledged once, by someone else, a version that
 * serves is never archived, and a retired model's rollouts are only aborted.
 * <p>
 * Which environments need approval is the test configuration: {@link GovernanceHistory#needsApproval(String)}.
 */
final class EventLogChecker {

    private final Map<Integer, String> registrants = new HashMap<>();
    private final Set<Integer> archived = new HashSet<>();
    private boolean retired;
    private final Map<Integer, Request> requests = new HashMap<>();
    private final Set<String> granted = new HashSet<>();
    private final Map<String, Integer> champions = new HashMap<>();
    private final Map<String, List<Integer>> pastChampions = new HashMap<>();
    private final Map<String, int[]> rollouts = new HashMap<>(); // environment -> {version, traffic}
    private final Map<Integer, Rollback> rollbacks = new HashMap<>();
    private int position;

    int requestCount() {
        return requests.size();
    }

    int rollbackCount() {
        return rollbacks.size();
    }

    /** Environments with a rollout in progress, for a generator that wants to reach interesting states. */
    List<String> environmentsWithRollout() {
        return rollouts.keySet().stream().sorted().toList();
    }

    /** Environments with an earlier champion to roll back to. */
    List<String> environmentsWithPastChampions() {
        return pastChampions.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Numbers of the requests still pending. */
    List<Integer> pendingRequests() {
        return requests.entrySet().stream().filter(e -> e.getValue().status == RequestStatus.PENDING)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Versions with a grant for {@code environment} (valid or not). */
    List<Integer> grantedVersions(String environment) {
        return requests.values().stream().filter(r -> r.environment.equals(environment)
                && r.status == RequestStatus.GRANTED).map(r -> r.version).distinct().sorted().toList();
    }

    /** Numbers of the emergency rollbacks nobody acknowledged yet. */
    List<Integer> unacknowledgedEmergencies() {
        return rollbacks.entrySet().stream().filter(e -> e.getValue().emergency && e.getValue().acknowledgedBy == null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    Integer champion(String environment) {
        return champions.get(environment);
    }

    /** Checks {@code events}, produced by one command handled at {@code now}, and takes them into the state. */
    void accept(List<?> events, Instant now) {
        for (Object event : events) {
            accept(event, now);
        }
    }

    void accept(Object event, Instant now) {
        position++;
        if (event instanceof ModelRegistered) {
            return;
        } else if (event instanceof ModelVersionRegistered e) {
            registrants.put(e.version(), e.registeredBy());
        } else if (event instanceof ModelVersionArchived e) {
            check(registrants.containsKey(e.version()) && archived.add(e.version()), event, "archived an unknown or archived version");
            check(!champions.containsValue(e.version())
                    && rollouts.values().stream().noneMatch(r -> r[0] == e.version()), event, "archived a version that serves");
        } else if (event instanceof ModelRetired) {
            check(!retired, event, "retired twice");
            retired = true;
        } else if (event instanceof PromotionEvent || event instanceof RolloutEvent) {
            governance(event, now);
        } else {
            throw new AssertionError("unexpected event " + event);
        }
    }

    private void governance(Object event, Instant now) {
        if (event instanceof PromotionRequested e) {
            check(e.requestNumber() == requests.size() + 1, e, "request numbers must count 1, 2, 3");
            check(!retired, e, "a retired model takes no requests");
            usable(e.version(), e);
            check(requests.values().stream().noneMatch(r -> r.version == e.version()
                    && r.environment.equals(e.environment()) && r.status == RequestStatus.PENDING),
                    e, "a request for the same version and environment is still pending");
            check(requests.values().stream().noneMatch(r -> r.version == e.version()
                    && r.environment.equals(e.environment()) && r.validAt(now)),
                    e, "a request for the same version and environment is granted and valid");
            check(e.policy().approvalRequired() == GovernanceHistory.needsApproval(e.environment()), e,
                    "recorded approvalRequired differs from the environment's configuration");
            requests.put(e.requestNumber(), new Request(e.version(), e.environment(), e.requestedBy(), e.policy()));
        } else if (event instanceof PromotionApproved e) {
            Request r = pending(e.requestNumber(), e);
            check(!e.approvedBy().equals(registrants.get(r.version)), e, "the registrant approved");
            check(!e.approvedBy().equals(r.requestedBy), e, "the requester approved");
            check(r.approvers.add(e.approvedBy()), e, "the same reviewer approved twice");
            check(e.approvals() == r.approvers.size(), e, "approvals count is wrong");
        } else if (event instanceof PromotionGranted e) {
            Request r = pending(e.requestNumber(), e);
            check(r.version == e.version() && r.environment.equals(e.environment()), e, "grant of another request");
            if (r.policy.approvalRequired()) {
                check(r.approvers.size() >= r.policy.requiredApprovals(), e, "granted before "
                        + r.policy.requiredApprovals() + " distinct approvals: " + r.approvers);
                check(Objects.equals(e.validUntil(), now.plus(java.time.Duration.ofDays(
                        r.policy.approvalValidityDays()))), e, "validUntil is not now + validity days");
            } else {
                check(e.validUntil() == null && r.approvers.isEmpty(), e, "a grant without approval must not expire");
            }
            r.status = RequestStatus.GRANTED;
            r.validUntil = e.validUntil();
            granted.add(key(e.version(), e.environment()));
        } else if (event instanceof PromotionRejected e) {
            pending(e.requestNumber(), e).status = RequestStatus.REJECTED;
        } else if (event instanceof RolloutStarted e) {
            check(!rollouts.containsKey(e.environment()), e, "a second rollout in " + e.environment());
            check(!retired, e, "a retired model starts no rollouts");
            usable(e.version(), e);
            check(Objects.equals(e.champion(), champions.get(e.environment())), e,
                    "the rollout names another champion than " + champions.get(e.environment()));
            check(!Objects.equals(e.champion(), e.version()), e, "the champion is rolled out again");
            check(e.trafficPercent() >= 1 && e.trafficPercent() <= 100, e, "traffic outside 1..100");
            if (GovernanceHistory.needsApproval(e.environment())) {
                Request r = e.requestNumber() == null ? null : requests.get(e.requestNumber());
                check(r != null && r.version == e.version() && r.environment.equals(e.environment())
                        && r.validAt(now), e, "started without a granted, unexpired request");
            } else {
                check(e.requestNumber() == null, e, "a request number where none is needed");
            }
            rollouts.put(e.environment(), new int[]{e.version(), e.trafficPercent()});
        } else if (event instanceof RolloutTrafficChanged e) {
            int[] rollout = rollout(e.environment(), e.version(), e);
            check(!retired, e, "a retired model changes no rollout traffic");
            check(e.trafficPercent() >= 1 && e.trafficPercent() <= 100, e, "traffic outside 1..100");
            check(e.trafficPercent() != rollout[1], e, "a change to the same traffic");
            rollout[1] = e.trafficPercent();
        } else if (event instanceof RolloutCompleted e) {
            rollout(e.environment(), e.version(), e);
            check(!retired, e, "a retired model completes no rollout");
            check(Objects.equals(e.previousChampion(), champions.get(e.environment())), e,
                    "previous champion is not " + champions.get(e.environment()));
            becomesChampion(e.environment(), e.version(), e);
            if (e.previousChampion() != null) {
                pastChampions.computeIfAbsent(e.environment(), k -> new ArrayList<>()).add(e.previousChampion());
            }
            rollouts.remove(e.environment());
        } else if (event instanceof RolloutAborted e) {
            rollout(e.environment(), e.version(), e);
            rollouts.remove(e.environment());
        } else if (event instanceof RolledBack e) {
            check(e.rollbackNumber() == rollbacks.size() + 1, e, "rollback numbers must count 1, 2, 3");
            check(!rollouts.containsKey(e.environment()), e, "rolled back during a rollout");
            check(Objects.equals(e.replacedVersion(), champions.get(e.environment())), e,
                    "replaced version is not the champion " + champions.get(e.environment()));
            List<Integer> past = pastChampions.getOrDefault(e.environment(), new ArrayList<>());
            check(!past.isEmpty() && past.get(past.size() - 1) == e.restoredVersion(), e,
                    "restored version is not the previous champion of " + past);
            check(!archived.contains(e.restoredVersion()), e, "restored an archived version");
            check(e.emergency() == GovernanceHistory.needsApproval(e.environment()), e, "emergency flag wrong");
            becomesChampion(e.environment(), e.restoredVersion(), e);
            past.remove(past.size() - 1);
            rollbacks.put(e.rollbackNumber(), new Rollback(e.rolledBackBy(), e.emergency()));
        } else if (event instanceof RollbackAcknowledged e) {
            Rollback r = rollbacks.get(e.rollbackNumber());
            check(r != null && r.emergency, e, "acknowledged a rollback that was no emergency");
            check(r.acknowledgedBy == null, e, "acknowledged twice");
            check(!e.acknowledgedBy().equals(r.rolledBackBy), e, "acknowledged by the one who rolled back");
            r.acknowledgedBy = e.acknowledgedBy();
        }
    }

    private void becomesChampion(String environment, int version, Object event) {
        if (GovernanceHistory.needsApproval(environment)) {
            check(granted.contains(key(version, environment)), event, "version " + version + " became champion of "
                    + environment + " without a PromotionGranted for it");
        }
        champions.put(environment, version);
    }

    private void usable(int version, Object event) {
        check(registrants.containsKey(version), event, "unknown version");
        check(!archived.contains(version), event, "archived version");
    }

    private Request pending(int number, Object event) {
        Request r = requests.get(number);
        check(r != null && r.status == RequestStatus.PENDING, event, "request #" + number + " is not pending");
        return r;
    }

    private int[] rollout(String environment, int version, Object event) {
        int[] rollout = rollouts.get(environment);
        check(rollout != null && rollout[0] == version, event, "no rollout of version " + version + " in " + environment);
        return rollout;
    }

    private void check(boolean ok, Object event, String what) {
        if (!ok) {
            throw new AssertionError("event #" + position + " " + event + ": " + what);
        }
    }

    private static String key(int version, String environment) {
        return version + "@" + environment;
    }

    private static final class Request {
        final int version;
        final String environment;
        final String requestedBy;
        final PolicyInForce policy;
        final Set<String> approvers = new LinkedHashSet<>();
        RequestStatus status = RequestStatus.PENDING;
        Instant validUntil;

        Request(int version, String environment, String requestedBy, PolicyInForce policy) {
            this.version = version;
            this.environment = environment;
            this.requestedBy = requestedBy;
            this.policy = policy;
        }

        boolean validAt(Instant now) {
            return status == RequestStatus.GRANTED && (validUntil == null || now.isBefore(validUntil));
        }
    }

    private static final class Rollback {
        final String rolledBackBy;
        final boolean emergency;
        String acknowledgedBy;

        Rollback(String rolledBackBy, boolean emergency) {
            this.rolledBackBy = rolledBackBy;
            this.emergency = emergency;
        }
    }
}
