package com.acme.registry.promotion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Ask for version {@code version} to go to {@code environment}. {@code approvalRequired} and {@code policy} are the
 * configuration in force now; {@code requestedBy} the authenticated principal; {@code now} the server's clock.
 */
public record RequestPromotion(@TargetAggregateIdentifier String modelName, int version, String environment,
                               String justification, String validationReportUri, boolean approvalRequired,
                               ApprovalPolicy policy, String requestedBy, Instant now) {
}
