package com.acme.registry.ui.promotion;

import com.acme.registry.promotion.PromotionView;

import java.util.Set;

/**
 * One pending request as a reviewer sees it: what it asks for, and the viewer's own part in it, if any. With a
 * part of their own a reviewer is offered no action (the domain refuses it anyway).
 */
public record ReviewItem(PromotionView request, String registeredBy, OwnPart ownPart) {

    public enum OwnPart {
        REGISTERED("You registered this version"),
        REQUESTED("Your request"),
        APPROVED("You approved this");

        private final String text;

        OwnPart(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** {@code viewer}: the reviewer's name and the actors of the API tokens they own, which act for them. */
    static ReviewItem of(PromotionView request, String registeredBy, Set<String> viewer) {
        OwnPart part = null;
        if (viewer.contains(registeredBy)) {
            part = OwnPart.REGISTERED;
        } else if (viewer.contains(request.requestedBy())) {
            part = OwnPart.REQUESTED;
        } else if (request.approvals().stream().anyMatch(a -> viewer.contains(a.approvedBy()))) {
            part = OwnPart.APPROVED;
        }
        return new ReviewItem(request, registeredBy, part);
    }

    public boolean actionable() {
        return ownPart == null;
    }

    /** Unique within the page, for element ids. */
    public String key() {
        return request.modelName() + "-" + request.requestNumber();
    }

    public String subject() {
        return request.modelName() + " v" + request.version();
    }

    public int approvalNumber() {
        return request.approvals().size() + 1;
    }

    public int requiredApprovals() {
        return request.policy().requiredApprovals();
    }

    public boolean reportIsLink() {
        return WebLinks.isWebLink(request.validationReportUri());
    }

    public String approveQuestion() {
        int after = request.approvalsStillNeeded() - 1;
        String outcome = after <= 0 ? "the request will be granted."
                : after + " more approval" + (after == 1 ? "" : "s") + " will still be needed.";
        return "Approve " + subject() + " for " + request.environment() + "? This is approval " + approvalNumber()
                + " of " + requiredApprovals() + ": " + outcome;
    }

    public String rejectQuestion() {
        return "Reject request #" + request.requestNumber() + " (" + subject() + " to " + request.environment()
                + ")? The request closes for good; the engineer would have to file a new one.";
    }
}
