package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.Token;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeQueriesTest {

  @TempDir Path data;

  static final Sentiment POS = new Sentiment(Polarity.POSITIVE, 0.5, 0.8);
  static final Sentiment NEG = new Sentiment(Polarity.NEGATIVE, -0.5, 0.8);

  /** A sentence of space-separated words, each its own lemma, starting at {@code offset}. */
  static Sentence sentence(int offset, String words, Clause... clauses) {
    List<Token> tokens = new ArrayList<>();
    int at = offset;
    for (String w : words.split(" ")) {
      tokens.add(new Token(at, at + w.length(), w, "X", w));
      at += w.length() + 1;
    }
    List<Clause> c =
        clauses.length == 0
            ? List.of(new Clause(0, tokens.size(), Sentiment.NEUTRAL))
            : List.of(clauses);
    return new Sentence(offset, at - 1, tokens, Sentiment.NEUTRAL, c);
  }

  static AnalyzedResponse doc(String id, Sentence... sentences) {
    StringBuilder text = new StringBuilder();
    for (Sentence s : sentences) {
      while (text.length() < s.start()) {
        text.append(' ');
      }
      for (Token t : s.tokens()) {
        while (text.length() < t.start()) {
          text.append(' ');
        }
        text.append(t.text());
      }
    }
    return new AnalyzedResponse(
        new Response(id, Metric.NPS, 5, text.toString(), Instant.EPOCH, Map.of()),
        new Analysis(List.of(sentences), Sentiment.NEUTRAL));
  }

  static Theme theme(String... phrases) {
    return TestCatalog.theme("t", "t", phrases);
  }

  private List<String> matches(ResponseIndex index, Theme theme, String field) {
    List<String> ids = new ArrayList<>();
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      FixedBitSet bits = s.matching(ThemeQueries.forTheme(theme, field));
      for (int d = 0; d < bits.length(); d++) {
        if (bits.get(d)) {
          ids.add(s.load(d).response().id());
        }
      }
    }
    return ids.stream().sorted().toList();
  }

  @Test
  void phrasesNeverMatchAcrossSentencesButDoWithinOne() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(
          List.of(
              doc("across", sentence(0, "it arrive"), sentence(10, "late again")),
              doc("within", sentence(0, "it arrive late again"))));
      assertEquals(List.of("within"), matches(index, theme("arrive late"), Schema.LEMMA));
      assertEquals(List.of("across", "within"), matches(index, theme("arrive"), Schema.LEMMA));
    }
  }

  @Test
  void clausesGoToTheFieldOfTheirPolarityAtTheirRealPositions() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(
          List.of(
              doc(
                  "mixed",
                  sentence(
                      0,
                      "staff be lovely but delivery be late",
                      new Clause(0, 3, POS),
                      new Clause(3, 7, NEG))),
              doc("plain", sentence(0, "delivery be late"))));
      Theme late = theme("delivery be late");
      Theme staff = theme("staff");
      assertEquals(List.of("mixed", "plain"), matches(index, late, Schema.LEMMA));
      assertEquals(List.of("mixed"), matches(index, late, Schema.LEMMA_NEGATIVE));
      assertEquals(List.of("plain"), matches(index, late, Schema.LEMMA_NEUTRAL));
      assertEquals(List.of(), matches(index, late, Schema.LEMMA_POSITIVE));
      assertEquals(List.of("mixed"), matches(index, staff, Schema.LEMMA_POSITIVE));
      assertEquals(List.of(), matches(index, staff, Schema.LEMMA_NEGATIVE));
      // a phrase spanning two clauses is in neither polarity field
      assertEquals(List.of(), matches(index, theme("lovely but delivery"), Schema.LEMMA_POSITIVE));
      assertEquals(List.of("mixed"), matches(index, theme("lovely but delivery"), Schema.LEMMA));
    }
  }

  @Test
  void anyPhraseMatchesAndPunctuationKeepsItsSlot() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(
          List.of(
              doc("a", sentence(0, "money back please")),
              doc("b", sentence(0, "a refund , now")),
              doc("c", sentence(0, "a refund now"))));
      assertEquals(
          List.of("a", "b", "c"), matches(index, theme("refund", "money back"), Schema.LEMMA));
      assertEquals(List.of("b"), matches(index, theme("refund , now"), Schema.LEMMA));
      assertEquals(List.of("c"), matches(index, theme("refund now"), Schema.LEMMA));
    }
  }

  @Test
  void aThemeWithoutPhrasesMatchesNothing() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(doc("a", sentence(0, "anything at all"))));
      assertEquals(List.of(), matches(index, theme(), Schema.LEMMA));
      assertEquals(List.of(), matches(index, theme(",", "!"), Schema.LEMMA));
    }
  }
}
