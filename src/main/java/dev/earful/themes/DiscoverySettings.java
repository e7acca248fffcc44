package dev.earful.themes;

/**
 * The knobs of discovery, each with its default.
 *
 * @param maxThemes top-level themes kept, best supported first (default 30)
 * @param maxSubThemes sub-themes kept per theme (default 6)
 * @param minSupport fewest comments a theme or sub-theme must appear in (default 3)
 * @param minSupportShare the same as a share of all comments; the larger of the two applies
 *     (default 0.002: 0.2% of comments)
 * @param vocabularyCap distinct phrases counted at once; past it the rarest are dropped (lossy
 *     counting), which bounds memory on any number of comments (default 200,000)
 * @param maxKeys the most frequent theme keys compared for similarity (default 300)
 * @param similaritySample about how many comments feed the context vectors for similarity (default
 *     50,000: a seeded systematic sample above that)
 * @param mergeSimilarity cosine of context vectors above which two nouns are near-synonyms and form
 *     one theme (default 0.2: such vectors are sparse, so near-synonyms such as "fabric" and
 *     "material" or "photo" and "picture" score about 0.2-0.3)
 * @param seed for the sample (default 42)
 */
public record DiscoverySettings(
    int maxThemes,
    int maxSubThemes,
    int minSupport,
    double minSupportShare,
    int vocabularyCap,
    int maxKeys,
    int similaritySample,
    double mergeSimilarity,
    long seed) {

  public static final DiscoverySettings DEFAULTS =
      new DiscoverySettings(30, 6, 3, 0.002, 200_000, 300, 50_000, 0.2, 42L);

  public DiscoverySettings {
    if (maxThemes < 1
        || maxSubThemes < 0
        || minSupport < 1
        || vocabularyCap < 1000
        || maxKeys < 2) {
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
        maxKeys,
        similaritySample,
        mergeSimilarity,
        seed);
  }

  public DiscoverySettings withMinSupport(int n, double share) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        n,
        share,
        vocabularyCap,
        maxKeys,
        similaritySample,
        mergeSimilarity,
        seed);
  }

  public DiscoverySettings withMergeSimilarity(double s) {
    return new DiscoverySettings(
        maxThemes,
        maxSubThemes,
        minSupport,
        minSupportShare,
        vocabularyCap,
        maxKeys,
        similaritySample,
        s,
        seed);
  }
}
