package dev.earful.themes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of survey comments with planted themes, each written in many wordings, mixed
 * with filler sentences that belong to no theme.
 */
final class PlantedComments {

  /**
   * A planted theme: its id for the test, and sentences that mention it ({n} is a number; the words
   * that mention the theme are in brackets, which {@link #text} removes).
   */
  record Planted(String id, List<String> wordings) {}

  static final List<Planted> THEMES =
      List.of(
          new Planted(
              "wait",
              List.of(
                  "The [wait time] on the phone was ridiculous.",
                  "[Waiting times] are far too long.",
                  "There was a long [wait] before anyone answered.",
                  "They kept me [waiting] for ages.",
                  "I [waited] {n} minutes to speak to someone.",
                  "We [waited] an hour at the counter.",
                  "The [wait] was painful.")),
          new Planted(
              "billing",
              List.of(
                  "My [bill] was wrong again.",
                  "[Billing] errors every single month.",
                  "I was charged twice on my [bill].",
                  "The [billing] is confusing.",
                  "My last [bills] were higher than quoted.",
                  "Please sort out the [billing].")),
          new Planted(
              "staff",
              List.of(
                  "The [staff] were friendly and helpful.",
                  "Friendly [staff] at the desk.",
                  "[Staff] members went out of their way.",
                  "The [staff] at the branch were rude.",
                  "Really helpful [staff].")),
          new Planted(
              "delivery",
              List.of(
                  "Late [delivery], {n} days after the promised date.",
                  "The [delivery] was slow.",
                  "[Delivery] took forever.",
                  "The [delivery] driver left the parcel outside.",
                  "Fast [delivery] and well packed.")),
          new Planted(
              "crash",
              List.of(
                  "The software [crashes] when I save.",
                  "Constant [crashes] since the update.",
                  "It [crashed] twice during the meeting.",
                  "Another [crash] this morning.",
                  "Random [crashes] make it unusable.")),
          new Planted(
              "price",
              List.of(
                  "The [price] went up again.",
                  "[Prices] are higher than the competition.",
                  "The [pricing] is unclear.",
                  "A big [price] increase this year.",
                  "Fair [price] for what you get.")));

  private static final List<String> FILLER =
      List.of(
          "I have been a customer for {n} years.",
          "Overall it was okay.",
          "Thanks for asking.",
          "Nothing else to add.",
          "I would recommend it to a friend.",
          "Will see how it goes.",
          "Not much to say really.",
          "Keep up the good work.",
          "It is what it is.",
          "Hope this helps.");

  /** One generated comment and the planted themes it mentions. */
  record Comment(String text, List<String> planted) {}

  static List<Comment> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Comment> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      List<String> planted = new ArrayList<>();
      int themes = random.nextDouble() < 0.15 ? 0 : random.nextDouble() < 0.8 ? 1 : 2;
      for (int t = 0; t < themes; t++) {
        Planted p = THEMES.get(random.nextInt(THEMES.size()));
        if (planted.contains(p.id())) {
          continue;
        }
        planted.add(p.id());
        append(text, fill(p.wordings().get(random.nextInt(p.wordings().size())), random));
      }
      int fillers = 1 + random.nextInt(2);
      for (int f = 0; f < fillers; f++) {
        append(text, fill(FILLER.get(random.nextInt(FILLER.size())), random));
      }
      out.add(new Comment(text.toString(), List.copyOf(planted)));
    }
    return out;
  }

  private static void append(StringBuilder text, String sentence) {
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(sentence);
  }

  private static String fill(String template, Random random) {
    return text(template.replace("{n}", Integer.toString(2 + random.nextInt(58))));
  }

  /** The sentence without its brackets. */
  static String text(String wording) {
    return wording.replace("[", "").replace("]", "");
  }

  /** Where the bracketed words sit in {@link #text}: [start, end). */
  static int[] markedSpan(String wording) {
    int start = wording.indexOf('[');
    int end = wording.indexOf(']') - 1;
    return new int[] {start, end};
  }

  private PlantedComments() {}
}
