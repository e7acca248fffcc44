package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import dev.earful.fixtures.Fixtures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class AnalysisCodecTest {

  private static Analysis roundTrip(Analysis a, String text) {
    return AnalysisCodec.decode(new BytesRef(AnalysisCodec.encode(a, text)), text);
  }

  @Test
  void theEmptyAnalysisRoundTrips() {
    assertEquals(Analysis.EMPTY, roundTrip(Analysis.EMPTY, ""));
    // version, language (empty for English), sentiment, sentence count
    assertEquals(4, AnalysisCodec.encode(Analysis.EMPTY, "").length);
  }

  @Test
  void theStageThatScoredAnAnalysisRoundTripsAndAFastOneIsStoredAsBefore() {
    String text = "Trop cher";
    Analysis fast = new dev.earful.nlp.TextAnalyzer().analyze(text, "fra");
    Analysis cascade = fast.withStage(ScoringStage.CASCADE);
    assertEquals(ScoringStage.CASCADE, roundTrip(cascade, text).stage());
    assertEquals(cascade, roundTrip(cascade, text));
    assertEquals(ScoringStage.FAST, roundTrip(fast, text).stage());
    byte[] fastBytes = AnalysisCodec.encode(fast, text);
    byte[] cascadeBytes = AnalysisCodec.encode(cascade, text);
    // One byte after what a reader that predates the stage reads, so that release reads the rest
    // as before; the fast analysis is stored byte for byte as it was.
    assertEquals(fastBytes.length + 1, cascadeBytes.length);
    assertEquals(new BytesRef(fastBytes), new BytesRef(cascadeBytes, 0, fastBytes.length));
    assertEquals(List.of(), roundTrip(Analysis.EMPTY, "").sentences());
    assertEquals(4, AnalysisCodec.encode(Analysis.EMPTY, "").length);
  }

  @Test
  void aCommentsLanguageRoundTrips() {
    String text = "Trop cher";
    Analysis french = new dev.earful.nlp.TextAnalyzer().analyze(text, "fra");
    assertEquals("fra", roundTrip(french, text).language());
    assertEquals(french, roundTrip(french, text));
  }

  @Test
  void scoredSentencesClausesAndOddTokensRoundTrip() {
    String text = "Staff were lovely but the delivery was late.  Never again!";
    Sentiment negative = new Sentiment(Polarity.NEGATIVE, -0.8123456789, 0.93);
    Sentiment positive = new Sentiment(Polarity.POSITIVE, 0.41, 0.6);
    List<Token> first =
        List.of(
            new Token(0, 5, "Staff", "NOUN", "staff"),
            new Token(6, 10, "were", "AUX", "be"),
            new Token(11, 17, "lovely", "ADJ", "lovely"),
            new Token(18, 21, "but", "CCONJ", "but"),
            new Token(22, 25, "the", "DET", "the"),
            new Token(26, 34, "delivery", "NOUN", "delivery"),
            new Token(35, 38, "was", "AUX", "be"),
            new Token(39, 43, "late", "ADJ", "late"),
            new Token(43, 44, ".", "PUNCT", "."));
    List<Token> second =
        List.of(
            new Token(46, 51, "Never", "ADV", "never"),
            new Token(52, 57, "again", null, null), // untagged, no lemma
            new Token(57, 58, "!", "WEIRD-TAG", "!"), // a tag outside UD
            new Token(58, 58, "", "X", "")); // empty token at the very end
    Analysis a =
        new Analysis(
            List.of(
                new Sentence(
                    0,
                    44,
                    first,
                    negative,
                    List.of(new Clause(0, 3, positive), new Clause(3, 9, negative))),
                new Sentence(
                    46,
                    58,
                    second,
                    Sentiment.NEUTRAL,
                    List.of(new Clause(0, 4, Sentiment.NEUTRAL)))),
            new Sentiment(Polarity.NEGATIVE, -0.2, 0.7));
    assertEquals(a, roundTrip(a, text));
  }

  @Test
  void tokensWhoseTextDiffersFromTheCommentKeepTheirOwnText() {
    // a normaliser may rewrite a token ("dont" -> "do") or offsets may fall outside the text
    String text = "dont";
    Analysis a =
        new Analysis(
            List.of(
                Sentence.unscored(
                    0,
                    4,
                    List.of(
                        new Token(0, 2, "do", "AUX", "do"),
                        new Token(2, 4, "n't", "PART", "not"),
                        new Token(10, 12, "xx", "X", "xx")))),
            Sentiment.NEUTRAL);
    assertEquals(a, roundTrip(a, text));
  }

  @Test
  void realReviewsRoundTripThroughTheRealPipelineAndStaySmall() throws IOException {
    Path csv = dev.earful.TestData.womensReviews();
    long textBytes = 0;
    long encodedBytes = 0;
    int n = 0;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord row :
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setAllowMissingColumnNames(true)
              .get()
              .parse(in)) {
        if (n++ == 200) {
          break;
        }
        String text = row.get("Review Text");
        Analysis a = Fixtures.analyzer().analyze(text);
        byte[] encoded = AnalysisCodec.encode(a, text);
        assertEquals(a, AnalysisCodec.decode(new BytesRef(encoded), text), "row " + n);
        textBytes += text.getBytes(StandardCharsets.UTF_8).length;
        encodedBytes += encoded.length;
      }
    }
    // tokens, tags, lemmas and sentences cost less than the text itself
    assertTrue(
        encodedBytes < textBytes, encodedBytes + " bytes encoded for " + textBytes + " of text");
  }

  @Test
  void recordsRoundTripWithNanosecondsAndSegments() {
    Response r =
        new Response(
            "id-1",
            Metric.CES,
            6,
            "Easy.",
            Instant.parse("2023-12-31T23:59:59.987654321Z"),
            Map.of("region", "EU", "plan", "", "ключ", "значение"));
    assertEquals(
        r,
        AnalysisCodec.decodeRecord(new BytesRef(AnalysisCodec.encodeRecord(r)), "id-1", "Easy."));
  }
}
