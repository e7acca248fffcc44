package dev.earful.sentiment;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.util.List;

/**
 * The lexicon-only baseline the model is measured against: VADER's rules on the same lexicon. A
 * word's valence is scaled by an intensifier or dampener in the three words before it (damped with
 * distance), flipped by a negation in the three words before it (x -0.74), raised for an ALL-CAPS
 * word in mixed-case text; words before "but" count half and after it 1.5 times; "!" adds emphasis.
 * The sum is normalised as VADER does (x / sqrt(x^2 + 15)) and labelled with its thresholds of
 * +-0.05. Stateless.
 */
public final class LexiconBaseline {

  static final double CAPS_BOOST = 0.733;
  static final double THRESHOLD = 0.05;

  /** The baseline's sentiment of a whole comment. */
  public Sentiment score(Analysis analysis) {
    boolean mixedCase = mixedCase(analysis);
    double sum = 0;
    int exclamations = 0;
    int questions = 0;
    for (Sentence s : analysis.sentences()) {
      Units u = Units.of(s.tokens());
      sum += sentenceSum(s.tokens(), u, mixedCase);
      for (String w : u.units()) {
        exclamations += w.equals("!") ? 1 : 0;
        questions += w.equals("?") ? 1 : 0;
      }
    }
    if (sum != 0) {
      double emphasis = Math.min(exclamations, 4) * 0.292;
      if (questions > 1) {
        emphasis += questions <= 3 ? questions * 0.18 : 0.96;
      }
      sum += Math.signum(sum) * emphasis;
    }
    double compound = sum / Math.sqrt(sum * sum + 15.0);
    Polarity label =
        compound >= THRESHOLD
            ? Polarity.POSITIVE
            : compound <= -THRESHOLD ? Polarity.NEGATIVE : Polarity.NEUTRAL;
    return new Sentiment(label, compound, Math.abs(compound));
  }

  private static double sentenceSum(List<Token> tokens, Units units, boolean mixedCase) {
    Lexicon lexicon = Lexicon.vader();
    String[] u = units.units();
    double[] v = new double[u.length];
    int but = -1;
    for (int i = 0; i < u.length; i++) {
      if (u[i].equals("but") && but < 0 && i > 0) {
        but = i;
      }
      double valence = lexicon.valence(u[i]);
      if (valence == 0.0 || Lexicon.BOOSTERS.contains(u[i]) || Lexicon.DAMPENERS.contains(u[i])) {
        continue;
      }
      String word = tokens.get(units.tokenOf()[i]).text();
      if (mixedCase && word.length() > 1 && isUpper(word)) {
        valence += Math.signum(valence) * CAPS_BOOST;
      }
      for (int k = 1; k <= 3 && i - k >= 0; k++) {
        String p = u[i - k];
        double damp = k == 1 ? 1.0 : k == 2 ? 0.95 : 0.9;
        if (Lexicon.BOOSTERS.contains(p)) {
          valence += Math.signum(valence) * Lexicon.BOOST * damp;
        } else if (Lexicon.DAMPENERS.contains(p)) {
          valence -= Math.signum(valence) * Lexicon.BOOST * damp;
        }
      }
      for (int k = 1; k <= 3 && i - k >= 0; k++) {
        if (Lexicon.NEGATORS.contains(u[i - k])) {
          valence *= Lexicon.NEGATION_FACTOR;
          break;
        }
      }
      v[i] = valence;
    }
    double sum = 0;
    for (int i = 0; i < u.length; i++) {
      double factor = but < 0 ? 1.0 : i < but ? 0.5 : 1.5;
      sum += v[i] * factor;
    }
    return sum;
  }

  private static boolean mixedCase(Analysis analysis) {
    int upper = 0;
    int words = 0;
    for (Sentence s : analysis.sentences()) {
      for (Token t : s.tokens()) {
        if (Character.isLetter(t.text().charAt(0))) {
          words++;
          if (t.text().length() > 1 && isUpper(t.text())) {
            upper++;
          }
        }
      }
    }
    return upper > 0 && upper < words;
  }

  private static boolean isUpper(String word) {
    boolean letter = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
        if (!Character.isUpperCase(c)) {
          return false;
        }
      }
    }
    return letter;
  }
}
