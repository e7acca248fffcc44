package dev.earful.followup;

import java.util.Locale;

/** Where a follow-up stands. Open and contacted ones are still to do (and can be overdue). */
public enum FollowupStatus {
  OPEN,
  CONTACTED,
  RESOLVED,
  NO_ACTION;

  // Made once: wireName() is called per field of every response and follow-up written.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
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
