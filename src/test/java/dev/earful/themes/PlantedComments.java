package dev.earful.themes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of NPS responses with planted issues, each said in many wordings that share
 * few words ("my order arrived two weeks late", "still waiting for my package", "the courier turned
 * up days after the promised date"), mixed with filler sentences that name no issue.
 *
 * <p>Five issues drive detractors, each by a different amount; one issue is praise that lowers the
 * odds; and one, the confounder ("loyalty points"), has no effect of its own but rides along with
 * billing errors: most comments about a billing error also mention it. A ranking that does not find
 * billing errors whole, or that does not separate co-occurring themes, puts the confounder high.
 */
final class PlantedComments {

  /**
   * A planted issue: its id, how often a comment mentions it, its effect on the log-odds of a
   * detractor, and sentences that say it (the words that say it are in brackets, which {@link
   * #text} removes).
   */
  record Planted(String id, double rate, double effect, List<String> wordings) {}

  static final List<Planted> THEMES =
      List.of(
          new Planted(
              "delivery",
              0.16,
              2.2,
              List.of(
                  "My [order arrived] two weeks late.",
                  "Still [waiting for my package].",
                  "The [courier turned up days after the promised date].",
                  "[Shipping took forever].",
                  "The [parcel never arrived].",
                  "[Late delivery] again.",
                  "[Delivery was delayed] twice.",
                  "The [shipment] came a month late.")),
          new Planted(
              "billing",
              0.12,
              1.9,
              List.of(
                  "I was [charged twice] this month.",
                  "My [invoice was wrong].",
                  "There is a [billing mistake] on my account.",
                  "They [overcharged] me again.",
                  "The [bill had extra fees] I never agreed to.",
                  "[Billing errors] every quarter.",
                  "An [incorrect charge] appeared on my statement.")),
          new Planted(
              "staff",
              0.14,
              1.5,
              List.of(
                  "The [agent was rude] to me.",
                  "[Staff were unfriendly].",
                  "The [cashier was very impolite].",
                  "[Employees were dismissive].",
                  "A [condescending sales rep] talked down to me.",
                  "The [manager was disrespectful].")),
          new Planted(
              "performance",
              0.10,
              1.2,
              List.of(
                  "The [app is slow].",
                  "[Pages take ages to load].",
                  "Everything is [laggy].",
                  "The [website is sluggish].",
                  "[Performance is terrible] on my laptop.",
                  "The [app freezes] all the time.")),
          new Planted(
              "price",
              0.18,
              0.6,
              List.of(
                  "It is [too expensive].",
                  "[Prices are too high].",
                  "[Overpriced] for what you get.",
                  "The [subscription costs a fortune].",
                  "[Not worth the money].",
                  "The [monthly fee] keeps going up.")),
          new Planted(
              "friendly",
              0.15,
              -1.0,
              List.of(
                  "The [support team was helpful].",
                  "[Friendly service] on the phone.",
                  "The [technician was kind and patient].",
                  "[Customer care] sorted it quickly.")),
          new Planted(
              "loyalty",
              0.0,
              0.0,
              List.of(
                  "I collect [loyalty points].",
                  "The [rewards programme] is confusing.",
                  "My [reward points] disappeared.",
                  "[Points balance] not updated.")));

  /** The confounder rides along: its share among billing comments, and elsewhere. */
  static final double LOYALTY_WITH_BILLING = 0.7;

  static final double LOYALTY_ELSEWHERE = 0.03;

  static final double BASE_LOGIT = -1.6;

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

  /** One generated response: its comment, the planted issues it mentions, and its NPS score. */
  record Comment(String text, List<String> planted, int score) {}

  static List<Comment> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Comment> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<String> parts = new ArrayList<>();
      List<String> planted = new ArrayList<>();
      double logit = BASE_LOGIT;
      for (Planted p : THEMES) {
        boolean on =
            p.id().equals("loyalty")
                ? random.nextDouble()
                    < (planted.contains("billing") ? LOYALTY_WITH_BILLING : LOYALTY_ELSEWHERE)
                : random.nextDouble() < p.rate();
        if (on) {
          planted.add(p.id());
          logit += p.effect();
          parts.add(fill(p.wordings().get(random.nextInt(p.wordings().size())), random));
        }
      }
      int fillers = 1 + random.nextInt(2);
      for (int f = 0; f < fillers; f++) {
        parts.add(
            random.nextInt(parts.size() + 1),
            fill(FILLER.get(random.nextInt(FILLER.size())), random));
      }
      boolean detractor = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      int score = detractor ? random.nextInt(7) : 7 + random.nextInt(4);
      out.add(new Comment(String.join(" ", parts), List.copyOf(planted), score));
    }
    return out;
  }

  private static String fill(String template, Random random) {
    return text(template.replace("{n}", Integer.toString(2 + random.nextInt(58))));
  }

  /** The sentence without its brackets. */
  static String text(String wording) {
    return wording.replace("[", "").replace("]", "");
  }

  private PlantedComments() {}
}
