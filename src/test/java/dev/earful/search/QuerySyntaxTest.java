package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuerySyntaxTest {

  private final QuerySyntax syntax = QuerySyntax.forComments();

  private String parse(String q) {
    return syntax.parse(q).toString();
  }

  private InvalidRequestException rejects(String q) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> syntax.parse(q));
    assertEquals("q", e.errors().get(0).field());
    return e;
  }

  @Test
  void aBlankQueryMeansNoTextCondition() {
    assertNull(syntax.parse(null));
    assertNull(syntax.parse(""));
    assertNull(syntax.parse("   \t "));
  }

  @Test
  void wordsAreRequiredStemmedAndLowerCased() {
    assertEquals("comment:deliveri", parse("Deliveries"));
    assertEquals("+comment:late +comment:deliveri", parse("late delivery"));
    assertEquals("+comment:late +comment:deliveri", parse("late AND delivery"));
  }

  @Test
  void quotedTextIsAPhraseAndAnUnclosedQuoteRunsToTheEnd() {
    assertEquals("comment:\"late deliveri\"", parse("\"late delivery\""));
    assertEquals("+comment:box +comment:\"late deliveri\"", parse("box \"late delivery"));
    assertEquals("comment:late", parse("\"late\""));
  }

  @Test
  void aMinusOrNotExcludes() {
    assertEquals("+comment:deliveri -comment:refund", parse("delivery -refund"));
    assertEquals("+comment:deliveri -comment:refund", parse("delivery NOT refund"));
    assertEquals("+comment:deliveri -comment:\"monei back\"", parse("delivery -\"money back\""));
  }

  @Test
  void onlyExclusionsMeanEverythingExcept() {
    assertEquals("+*:* -comment:refund -comment:return", parse("-refund -return"));
  }

  @Test
  void orJoinsItsNeighboursAndBindsTighterThanAnd() {
    assertEquals("comment:refund comment:return", parse("refund OR return"));
    assertEquals("+(comment:late comment:slow) +comment:deliveri", parse("late OR slow delivery"));
    assertEquals(
        "comment:refund comment:return comment:exchang", parse("refund | return OR exchange"));
  }

  @Test
  void lowerCaseOrIsAWord() {
    assertEquals("+comment:refund +comment:or +comment:return", parse("refund or return"));
  }

  @Test
  void aTrailingStarIsAPrefixOfAtLeastTwoCharacters() {
    assertEquals("comment:deliv*", parse("deliv*"));
    assertEquals("comment:deliv*", parse("Deliv**"));
    assertEquals("comment:a", parse("a*"));
  }

  @Test
  void strayOperatorsAndBracketsAreForgiven() {
    assertEquals("comment:refund", parse("OR refund"));
    assertEquals("comment:refund", parse("refund OR"));
    assertEquals("comment:refund", parse("refund - "));
    assertEquals("comment:refund comment:return", parse("(refund OR OR return)"));
    assertEquals("comment:refund", parse("refund OR !!!"));
    assertEquals("comment:refund", parse("AND refund NOT"));
    assertEquals("+comment:late +comment:deliveri", parse("late, delivery!"));
  }

  @Test
  void hyphenatedWordsAndContractionsStayWords() {
    assertEquals("comment:\"e mail\"", parse("e-mail"));
    assertEquals("comment:didn't", parse("didn't"));
  }

  @Test
  void aQueryWithNothingSearchableIsRejected() {
    rejects("!!!");
    rejects("OR");
    rejects("\"\"");
    rejects("- -- ()");
    rejects("AND OR NOT");
  }

  @Test
  void overLongQueriesAreRejectedWithTheLimit() {
    InvalidRequestException tooLong = rejects("a".repeat(1001));
    assertEquals("is longer than 1000 characters (1001)", tooLong.errors().get(0).message());
    InvalidRequestException tooMany = rejects("w ".repeat(65));
    assertEquals(
        "has 65 words or phrases; at most 64 are allowed", tooMany.errors().get(0).message());
    assertEquals(
        64,
        ((org.apache.lucene.search.BooleanQuery) syntax.parse("w ".repeat(64))).clauses().size());
  }
}
