package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Polarity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aspect-labelled set: spans found in their comment, both splits present, bad lines named. */
class AspectCorpusTest {

  @Test
  void findsEachTermsSpanInItsComment() {
    List<AspectCorpus.Comment> parsed =
        AspectCorpus.parse(
            List.of(
                "# a comment line",
                "dev\trestaurant\tGreat food but the food order was slow.\tfood=positive | food"
                    + " order=negative | food#2=negative"));
    assertEquals(1, parsed.size());
    List<AspectCorpus.Aspect> aspects = parsed.getFirst().aspects();
    assertEquals(new AspectCorpus.Aspect("food", 6, 10, Polarity.POSITIVE), aspects.get(0));
    assertEquals(new AspectCorpus.Aspect("food order", 19, 29, Polarity.NEGATIVE), aspects.get(1));
    assertEquals(new AspectCorpus.Aspect("food", 19, 23, Polarity.NEGATIVE), aspects.get(2));
  }

  @Test
  void aTermMissingFromItsCommentIsAnErrorWithTheLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AspectCorpus.parse(List.of("test\thotel\tThe room was clean.\tpool=negative")));
    assertTrue(e.getMessage().contains("line 1: 'pool' (#1) is not in the text"), e.getMessage());
  }

  @Test
  void theShippedSetHasBothSplitsAndEveryPolarity() {
    List<AspectCorpus.Comment> all = AspectCorpus.load();
    assertEquals(1189, all.stream().filter(c -> c.split().equals("dev")).count());
    long devAspects =
        all.stream().filter(c -> c.split().equals("dev")).mapToLong(c -> c.aspects().size()).sum();
    assertEquals(2302, devAspects);
    assertEquals(71, all.stream().filter(c -> c.split().equals("test")).count());
    long testAspects =
        all.stream().filter(c -> c.split().equals("test")).mapToLong(c -> c.aspects().size()).sum();
    assertEquals(112, testAspects);
    for (Polarity p : Polarity.values()) {
      assertTrue(
          all.stream().flatMap(c -> c.aspects().stream()).anyMatch(a -> a.gold() == p), p.name());
    }
  }
}
