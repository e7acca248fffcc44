package dev.earful.domain;

import java.util.Locale;

/**
 * The category of a score within its metric. Each belongs to a {@link Group}: "detractor" in the
 * API means the negative group of whichever metric is in view, so filters work on groups.
 */
public enum Category {
  PROMOTER(Group.POSITIVE),
  PASSIVE(Group.MIDDLE),
  DETRACTOR(Group.NEGATIVE),
  SATISFIED(Group.POSITIVE),
  NEUTRAL(Group.MIDDLE),
  DISSATISFIED(Group.NEGATIVE),
  EASY(Group.POSITIVE),
  DIFFICULT(Group.NEGATIVE);

  /** The three groups every metric splits into. */
  public enum Group {
    POSITIVE,
    MIDDLE,
    NEGATIVE;

    // Made once: wireName() is called per field of every response and follow-up written.
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
      return wireName;
    }
  }

  private final Group group;

  Category(Group group) {
    this.group = group;
  }

  public Group group() {
    return group;
  }

  // Made once: wireName() is called per field of every response and follow-up written.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Category parse(String text) {
    for (Category c : values()) {
      if (c.name().equalsIgnoreCase(text.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown category '"
            + text
            + "' (expected promoter, passive, detractor, satisfied, neutral, dissatisfied, easy"
            + " or difficult)");
  }
}
