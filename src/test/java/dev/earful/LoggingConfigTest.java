package dev.earful;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** What the shipped logback.xml lets through at start-up. */
class LoggingConfigTest {

  private static LoggerContext shipped() throws Exception {
    URL config = LoggingConfigTest.class.getResource("/logback.xml");
    LoggerContext context = new LoggerContext();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    joran.doConfigure(config);
    return context;
  }

  @Test
  void theTokenizersGpuProbeLibraryLineAndLengthWarningAreQuietButItsErrorsAreNot()
      throws Exception {
    LoggerContext context = shipped();
    try {
      // Every server start printed two "WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU
      // count: CUDA driver version is insufficient ..." lines and the native library's path.
      assertFalse(context.getLogger("ai.djl.util.cuda.CudaUtils").isWarnEnabled());
      assertFalse(context.getLogger("ai.djl.util.Platform").isInfoEnabled());
      assertTrue(context.getLogger("ai.djl.util.Platform").isWarnEnabled());
      // Its one warning, "maxLength is not explicitly specified", was printed before every
      // command's answer; langchain4j splits each text into pieces of 510 tokens itself, so the
      // tokenizer never cuts and the warning says nothing a user can act on. Its errors stay.
      assertFalse(
          context.getLogger("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer").isWarnEnabled());
      assertTrue(
          context.getLogger("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer").isErrorEnabled());
      // `earful report` on a box without a Helvetica substitute printed three "WARN
      // org.apache.pdfbox.pdmodel.font.PDType1Font - Using fallback font LiberationSans for base
      // font Helvetica" lines (seen in session 27 before fonts-liberation came with Chromium);
      // the PDF embeds no font, so nothing to act on. Its errors stay.
      assertFalse(context.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").isWarnEnabled());
      assertTrue(context.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").isErrorEnabled());
      assertTrue(context.getLogger("dev.earful.EarfulApp").isInfoEnabled());
    } finally {
      context.stop();
    }
  }
}
