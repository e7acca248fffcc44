package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's aspect-labelled comments ({@code corpora/sentiment/aspects-en.tsv}): each comment
 * with the character spans of the aspects it speaks of and the polarity of what is said about each.
 * One line per comment, {@code split<TAB>industry<TAB>comment<TAB>term=polarity | ...}; a term is
 * found in the comment case-insensitively (its first occurrence, or the n-th with {@code term#n}).
 */
public final class AspectCorpus {

  public static final String RESOURCE = "/corpora/sentiment/aspects-en.tsv";

  /** One aspect mention: characters {@code [start, end)} of the comment. */
  public record Aspect(String term, int start, int end, Polarity gold) {}

  /** One comment with its aspects; {@code split} is "dev" or "test". */
  public record Comment(String split, String industry, String text, List<Aspect> aspects) {}

  private AspectCorpus() {}

  public static List<Comment> load() {
    try (InputStream in = AspectCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static List<Comment> parse(List<String> lines) {
    List<Comment> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length != 4) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + lineNo + ": expected split, industry, comment, aspects");
      }
      String text = cols[2];
      List<Aspect> aspects = new ArrayList<>();
      for (String item : cols[3].split("\\s*\\|\\s*")) {
        int eq = item.lastIndexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              RESOURCE + " line " + lineNo + ": aspect '" + item + "' is not term=polarity");
        }
        String term = item.substring(0, eq).strip();
        int nth = 1;
        int hash = term.lastIndexOf('#');
        if (hash > 0) {
          nth = Integer.parseInt(term.substring(hash + 1));
          term = term.substring(0, hash);
        }
        int at = -1;
        String lower = text.toLowerCase(Locale.ROOT);
        for (int k = 0; k < nth; k++) {
          at = lower.indexOf(term.toLowerCase(Locale.ROOT), at + 1);
          if (at < 0) {
            throw new IllegalArgumentException(
                RESOURCE
                    + " line "
                    + lineNo
                    + ": '"
                    + term
                    + "' (#"
                    + nth
                    + ") is not in the text");
          }
        }
        aspects.add(
            new Aspect(term, at, at + term.length(), Polarity.parse(item.substring(eq + 1))));
      }
      out.add(new Comment(cols[0], cols[1], text, aspects));
    }
    return out;
  }
}
