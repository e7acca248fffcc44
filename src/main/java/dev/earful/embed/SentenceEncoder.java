package dev.earful.embed;

import java.util.List;

/**
 * Turns a text into a vector whose direction stands for its meaning, so that texts saying the same
 * thing in different words ("late delivery", "parcel arrived two weeks late") lie close together.
 * Vectors have unit length: their dot product is their cosine. Implementations are thread-safe and
 * deterministic (the same text gives the same vector on every call and thread count).
 */
public interface SentenceEncoder {

  /** Which model makes the vectors; a model file records it beside weights fitted on them. */
  String name();

  /**
   * The shared encoder of {@code name} ({@link MiniLmEncoder#NAME} or {@link
   * BgeSmallEncoder#NAME}).
   *
   * @throws IllegalArgumentException for any other name
   */
  static SentenceEncoder named(String name) {
    return switch (name) {
      case MiniLmEncoder.NAME -> MiniLmEncoder.shared();
      case BgeSmallEncoder.NAME -> BgeSmallEncoder.shared();
      default ->
          throw new IllegalArgumentException(
              "unknown sentence encoder '"
                  + name
                  + "' (known: "
                  + MiniLmEncoder.NAME
                  + ", "
                  + BgeSmallEncoder.NAME
                  + ")");
    };
  }

  /**
   * The published name of the model behind {@code name}, as a person looks it up
   * ("all-MiniLM-L6-v2", "bge-small-en-v1.5"); an unknown name as it is.
   */
  static String title(String name) {
    return switch (name) {
      case MiniLmEncoder.NAME -> "all-MiniLM-L6-v2";
      case BgeSmallEncoder.NAME -> "bge-small-en-v1.5";
      default -> name;
    };
  }

  /** The length of every vector this encoder returns. */
  int dimensions();

  /**
   * The unit-length vector of one text.
   *
   * @throws IllegalArgumentException if the text is blank: it has no meaning to encode
   */
  float[] encode(String text);

  /** The unit-length vectors of several texts, in the order given. */
  List<float[]> encodeAll(List<String> texts);

  /** The cosine of two unit-length vectors of equal length: their dot product. */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different lengths: " + a.length + " and " + b.length);
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
