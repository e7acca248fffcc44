package dev.earful.themes;

/**
 * The knobs of discovery, each with its default.
 *
 * @param maxThemes themes shown, top-level themes and sub-themes together, given by support
 *     (default 80, so the page's list of 100 still shows themes people add); at most half of them
 *     are top-level themes, so the list stays a list of issues with their narrower issues beneath
 * @param maxSubThemes sub-themes kept for one theme at most (default 6)
 * @param minSupport fewest comments a theme, sub-theme or candidate phrase must appear in (default
 *     3)
 * @param minSupportShare the same as a share of all comments; the larger of the two applies
 *     (default 0.002: 0.2% of comments)
 * @param vocabularyCap distinct phrases counted at once; past it the rarest are dropped (lossy
 *     counting), which bounds memory on any number of comments (default 200,000)
 * @param maxPhrases the commonest candidate phrases encoded and grouped by meaning (default 1,500:
 *     about 1.5 s of encoding on one idle core, and a 1,500 x 1,500 similarity matrix)
 * @param mergeSimilarity average cosine between two groups of phrases above which they are one
 *     theme (default 0.35, measured on the planted test data: at 0.5 "billing errors" came out in
 *     five pieces; at 0.35 every planted issue is one theme with F1 0.83-0.93)
 * @param subThemeSimilarity the tighter cut inside a theme that gives its sub-themes (default 0.7)
 * @param contextWeight how much of a phrase's meaning is taken from the shortest sentence that says
 *     it rather than from the phrase alone (default 0.5)
 * @param cooccurrenceWeight how much of two phrases' similarity is taken from the company they keep
 *     (the other phrases said in the same sentences) rather than from the encoder (default 0: off)
 * @param seed kept for settings files and for any sampling to come (default 42)
 */
public record DiscoverySettings(
    int maxThemes,
    int maxSubThemes,
    int minSupport,
    double minSupportShare,
    int vocabularyCap,
    int maxPhrases,
    double mergeSimilarity,
    double subThemeSimilarity,
    double contextWeight,
    double cooccurrenceWeight,
    long seed) {

  public static final DiscoverySettings DEFAULTS =
      new DiscoverySettings(80, 6, 3, 0.002, 200_000, 1_500, 0.35, 0.7, 0.5, 0.0, 42L);

  public DiscoverySettings {
    if (maxThemes < 1
        || maxSubThemes < 0
        || minSupport < 1
        || vocabularyCap < 1000
        || maxPhrases < 2
        || !(mergeSimilarity > 0 && mergeSimilarity < 1)
        || !(subThemeSimilarity >= mergeSimilarity && subThemeSimilarity < 1)
        || !(contextWeight >= 0 && contextWeight <= 1)
        || !(cooccurrenceWeight >= 0 && cooccurrenceWeight <= 1)) {
      throw new IllegalArgumentException("discovery settings out of range");
    }
  }

  public DiscoverySettings withMaxThemes(int n) {
    return new DiscoverySettings(
        n,
        maxSubThemes,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxPhrases,
        mergeSimilarity,
        subThemeSimilarity,
        contextWeight,
        cooccurrenceWeight,
        seed);
  }

  public DiscoverySettings withMinSupport(int n, double share) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        n,
        share,
        vocabularyCap,
        maxPhrases,
        mergeSimilarity,
        subThemeSimilarity,
        contextWeight,
        cooccurrenceWeight,
        seed);
  }

  public DiscoverySettings withMergeSimilarity(double s) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxPhrases,
        s,
        Math.max(s, subThemeSimilarity),
        contextWeight,
        cooccurrenceWeight,
        seed);
  }

  public DiscoverySettings withMaxSubThemes(int n) {
    return new DiscoverySettings(
        maxThemes,
        n,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxPhrases,
        mergeSimilarity,
        subThemeSimilarity,
        contextWeight,
        cooccurrenceWeight,
        seed);
  }

  public DiscoverySettings withSimilarities(double merge, double subTheme) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxPhrases,
        merge,
        subTheme,
        contextWeight,
        cooccurrenceWeight,
        seed);
  }

  public DiscoverySettings withContextWeight(double w) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxPhrases,
        mergeSimilarity,
        subThemeSimilarity,
        w,
        cooccurrenceWeight,
        seed);
  }

  public DiscoverySettings withCooccurrenceWeight(double w) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxPhrases,
        mergeSimilarity,
        subThemeSimilarity,
        contextWeight,
        w,
        seed);
  }
}
