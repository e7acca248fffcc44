package dev.earful.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.earful.TestData;
import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  @Test
  void splitsSentencesAndLemmatisesWithOffsets() {
    String text = "The parcels never arrived. Staff were lovely!";
    Analysis a = ANALYZER.analyze(text);
    assertEquals(2, a.sentences().size());
    Sentence first = a.sentences().get(0);
    List<String> lemmas = first.tokens().stream().map(Token::lemma).toList();
    assertEquals(List.of("the", "parcel", "never", "arrive", "."), lemmas);
    for (Sentence s : a.sentences()) {
      for (Token t : s.tokens()) {
        assertEquals(t.text(), text.substring(t.start(), t.end()));
      }
    }
    assertEquals("NOUN", first.tokens().get(1).tag());
  }

  @Test
  void blankTextGivesTheEmptyAnalysis() {
    assertSame(Analysis.EMPTY, ANALYZER.analyze("   "));
    assertSame(Analysis.EMPTY, ANALYZER.analyze(null));
  }

  @Test
  void lemmatisesPhrasesLikeComments() {
    assertEquals(List.of("wait", "time"), ANALYZER.lemmasOf("waiting times"));
  }

  @Test
  void lemmasDoNotDependOnWhichCommentOrThreadSawAWordFirst() throws Exception {
    List<String> reviews = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(TestData.womensReviews());
        CSVParser csv = CSVFormat.RFC4180.builder().setSkipHeaderRecord(false).get().parse(in)) {
      for (CSVRecord r : csv) {
        if (reviews.size() == 500) {
          break;
        }
        if (r.getRecordNumber() > 1) {
          reviews.add(r.get(4)); // Review Text
        }
      }
    }
    // Two fresh analysers with empty caches see the same comments in opposite orders; a lemma
    // cached from one context would differ between them (it once did: "tts" against "tt").
    TextAnalyzer forward = new TextAnalyzer();
    TextAnalyzer backward = new TextAnalyzer();
    List<List<String>> a = new ArrayList<>();
    for (String r : reviews) {
      a.add(lemmas(forward.analyze(r)));
    }
    List<List<String>> b = new ArrayList<>();
    for (int i = reviews.size() - 1; i >= 0; i--) {
      b.add(0, lemmas(backward.analyze(reviews.get(i))));
    }
    assertEquals(a, b);
  }

  @Test
  void aScrapOfAWordKeepsItselfAsLemma() {
    assertEquals(
        List.of("i", "didn", "t", "like", "the", "strap"),
        lemmas(ANALYZER.analyze("i didn t like the straps")));
  }

  private static List<String> lemmas(Analysis analysis) {
    return analysis.sentences().stream()
        .flatMap(s -> s.tokens().stream())
        .map(Token::lemma)
        .toList();
  }

  @Test
  void remembersWordSplitsWithoutChangingATokenOfRealReviews() throws Exception {
    opennlp.tools.tokenize.TokenizerME tokenizer =
        new opennlp.tools.tokenize.TokenizerME(
            new opennlp.tools.tokenize.TokenizerModel(
                TextAnalyzer.class.getResourceAsStream(TextAnalyzer.TOKEN_MODEL)));
    List<String> sentences = new ArrayList<>();
    java.text.BreakIterator it = java.text.BreakIterator.getSentenceInstance(java.util.Locale.ROOT);
    for (String review :
        dev.earful.devtools.CommentFiles.readComments(
            TestData.womensReviews(), List.of("Review Text"), 500)) {
      it.setText(review);
      for (int from = it.first(), to = it.next();
          to != java.text.BreakIterator.DONE;
          from = to, to = it.next()) {
        sentences.add(review.substring(from, to));
      }
    }
    java.util.Map<String, opennlp.tools.util.Span[]> splits = new java.util.HashMap<>();
    long tokens = 0;
    // Twice: the second pass takes every split from what the first remembered.
    for (int pass = 0; pass < 2; pass++) {
      for (String sentence : sentences) {
        opennlp.tools.util.Span[] expected = tokenizer.tokenizePos(sentence);
        assertEquals(
            List.of(expected),
            List.of(TextAnalyzer.tokenize(tokenizer, splits, sentence)),
            sentence);
        tokens += expected.length;
      }
    }
    assertEquals(2 * 33_814, tokens); // the tokens of the 500 reviews, counted twice
  }
}
