package dev.earful.followup;

import java.util.Locale;

/** Where a follow-up stands. Open and contacted ones are still to do (and can be overdue). */
public enum FollowupStatus {
  OPEN,
  CONTACTED,
  RESOLVED,
  NO_ACTION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Still someone's job: open or contacted. */
  public boolean pending() {
    return this == OPEN || this == CONTACTED;
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static FollowupStatus parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
  }
}
