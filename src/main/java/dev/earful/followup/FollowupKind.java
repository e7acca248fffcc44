package dev.earful.followup;

import java.util.Locale;

/** Why someone should act on a response. */
public enum FollowupKind {
  /** A detractor (or other unhappy customer) to reach out to and recover. */
  RECOVER,
  /** A promoter worth asking for a review, a reference or a case study. */
  ADVOCATE;

  // Made once: wireName() is called per field of every response and follow-up written.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static FollowupKind parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
