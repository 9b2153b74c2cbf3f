package com.acme.registry.compliance;

import com.acme.registry.promotion.PromotionView;

import java.util.List;

/** The promotion request behind a champion, and the approvals it had by the inventory's instant, oldest first. */
public record ChampionBacking(int requestNumber, List<PromotionView.Approval> approvals) {

    /** How a champion's backing is keyed: its model and environment. */
    public static String key(String model, String environment) {
        return model + "#" + environment;
    }

    public String approvers() {
        return String.join(", ", approvals.stream().map(PromotionView.Approval::approvedBy).toList());
    }
}
