package dev.earful.nlp;

import java.util.List;

/**
 * A stretch of a sentence that could name or belong to a theme, found from UD tags.
 *
 * @param kind what pattern found it
 * @param key the one content lemma the phrase is about ("wait" for "waited 40 minutes", "service"
 *     for "customer service"): discovery groups phrases by it
 * @param lemmas the phrase as content lemmas ("keep", "wait" for "kept me waiting")
 * @param tokenFrom first token (inclusive) in its sentence
 * @param tokenTo last token (exclusive) in its sentence
 * @param contiguous whether {@code lemmas} are exactly the lemmas of tokens [from, to): only then
 *     can the phrase be matched as a lemma phrase against comments
 */
public record PhraseCandidate(
    Kind kind, String key, List<String> lemmas, int tokenFrom, int tokenTo, boolean contiguous) {

  /** The patterns that find candidates. */
  public enum Kind {
    /** A noun or noun compound: "fabric", "customer service", "delivery time". */
    NOUN,
    /** An adjective before a noun: "small size", "long wait". */
    MODIFIED_NOUN,
    /** A verb pattern: "never arrived", "keeps crashing", "waited an hour", "fits perfectly". */
    VERB,
    /** A judged quality: "too expensive", "runs small". The key is the adjective. */
    QUALITY
  }

  public PhraseCandidate {
    lemmas = List.copyOf(lemmas);
  }

  /** The lemmas joined by single spaces: the phrase's identity when counting. */
  public String text() {
    return String.join(" ", lemmas);
  }
}
