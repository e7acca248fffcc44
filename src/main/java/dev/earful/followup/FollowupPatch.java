package dev.earful.followup;

import java.time.Instant;

/**
 * A change to a follow-up; null fields are left as they are. {@code assigneeSet} tells "unassign"
 * ({@code assignee: null}) from "not mentioned".
 */
public record FollowupPatch(
    FollowupStatus status, boolean assigneeSet, String assignee, Instant due, String note) {}
