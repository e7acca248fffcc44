package dev.earful.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Model files of an older release, for tests of what a data folder's own model from one says. The
 * release's previous built-in model ({@code models/sentiment-en.previous.bin}, shipped until
 * session 10) was written before model files recorded their feature set, as every folder's own
 * model of that time.
 */
public final class OlderModels {

  private OlderModels() {}

  /** The previous built-in model: it records no feature set. */
  public static SentimentModel previousRelease() {
    try (InputStream in =
        OlderModels.class.getResourceAsStream("/models/sentiment-en.previous.bin")) {
      if (in == null) {
        throw new IllegalStateException("models/sentiment-en.previous.bin is not on the classpath");
      }
      return SentimentModel.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
