package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.sentiment.SentimentFeatures;
import dev.earful.sentiment.SentimentModel;
import dev.earful.sentiment.SentimentScorer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code earful serve} says at start-up about the data folder's sentiment model. */
class ServeCommandTest {

  @Test
  void warnsWhenTheFoldersOwnModelWasTrainedOnAnOlderFeatureSet() {
    // The previous built-in file records no feature set, as a folder's own model from an older
    // release.
    SentimentModel old = dev.earful.sentiment.OlderModels.previousRelease();
    Path data = Path.of("/srv/earful-data");
    String own = SentimentScorer.overrideIn(data).toString();
    assertEquals(
        Optional.of(
            "warning: this data folder's sentiment model ("
                + own
                + ") was trained on an older feature set (the file records none; versions are"
                + " recorded since feature set 1), but this version of Earful reads feature set "
                + SentimentFeatures.VERSION
                + ": its scores may be off until it is trained again; train it again with `earful"
                + " train-sentiment --data "
                + data
                + "` (server stopped)"),
        ServeCommand.ownModelWarning(new SentimentScorer(old, own, null), data));
  }

  @Test
  void saysNothingAboutTheBuiltInModel() {
    // The release measures its own model with its own features (models/README.md).
    assertEquals(
        Optional.empty(),
        ServeCommand.ownModelWarning(
            SentimentScorer.loadDefault(false), Path.of("/srv/earful-data")));
  }
}
