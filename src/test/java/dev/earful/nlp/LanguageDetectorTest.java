package dev.earful.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.nlp.LanguageDetector.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real OpenNLP model and Lucene's stop lists on texts written for this test. */
class LanguageDetectorTest {

  private static final LanguageDetector DETECTOR = LanguageDetector.shared();

  private static Detection sure(String language) {
    return new Detection(language, true);
  }

  private static Detection unsure(String language) {
    return new Detection(language, false);
  }

  @Test
  void tellsLanguagesApartByFunctionWordsAndCharacterNgrams() {
    assertEquals(
        sure("eng"), DETECTOR.detect("The delivery was two weeks late and nobody answered."));
    assertEquals(sure("eng"), DETECTOR.detect("Doesn't hold charge."));
    assertEquals(
        sure("fra"),
        DETECTOR.detect("Le colis n'est pas arrivé, et le service client ne répond pas."));
    assertEquals(
        sure("spa"),
        DETECTOR.detect("El pedido llegó con dos semanas de retraso y nadie contesta."));
    assertEquals(sure("deu"), DETECTOR.detect("Der Preis ist viel zu hoch für die Qualität."));
    assertEquals(sure("rus"), DETECTOR.detect("Очень медленная доставка, никто не отвечает"));
  }

  @Test
  void shortTextIsSureOnlyWhenFunctionWordsAndNgramsAgree() {
    assertEquals(sure("deu"), DETECTOR.detect("Sehr gut"));
    assertEquals(sure("eng"), DETECTOR.detect("Love it"));
    // No function word at all: n-grams alone took these for Romanian, Volapük and Malagasy.
    assertEquals(unsure("eng"), DETECTOR.detect("Great service!"));
    assertEquals(unsure("eng"), DETECTOR.detect("Excellent performance."));
    assertEquals(unsure("eng"), DETECTOR.detect("Trop cher"));
    // "muy" is a Spanish function word but the n-grams say Malagasy: they disagree.
    assertEquals(unsure("plt"), DETECTOR.detect("Muy lento"));
    // German "also" against English n-grams.
    assertEquals(unsure("eng"), DETECTOR.detect("Great price also!"));
    assertEquals(unsure("eng"), DETECTOR.detect("10/10 !!!"));
  }

  @Test
  void anUnsureTextTakesTheMainLanguageOfItsBatch() {
    List<Detection> french =
        List.of(sure("fra"), sure("fra"), sure("eng"), unsure("eng"), unsure("plt"));
    assertEquals("fra", LanguageDetector.mainLanguage(french));
    assertEquals("eng", LanguageDetector.mainLanguage(List.of(sure("fra"), sure("eng"))));
    assertEquals("eng", LanguageDetector.mainLanguage(List.of(unsure("fra"))));
    assertEquals("eng", LanguageDetector.mainLanguage(List.of()));
  }
}
