package dev.earful.domain;

import java.util.List;

/**
 * A named set of phrases. {@code lemmaPhrases} are the phrases as lemma sequences ("parcel never
 * arrived" becomes [parcel, never, arrive]); matching a comment to a theme compares these with the
 * comment's lemmas, so an edit applies to every stored comment without re-analysing it.
 *
 * @param parentId the broader theme this one is a sub-theme of, or null
 * @param origin "discovered" or "edited" (a person touched it: discovery never undoes it)
 */
public record Theme(
    String id,
    String name,
    List<String> phrases,
    List<List<String>> lemmaPhrases,
    String parentId,
    String origin) {

  public Theme {
    phrases = List.copyOf(phrases);
    lemmaPhrases = lemmaPhrases.stream().map(List::copyOf).toList();
  }
}
