package dev.earful.cli;

import dev.earful.ServerAddressFile;
import dev.earful.config.AppConfig;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ThemeCatalog;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.ResponseIndex;
import dev.earful.sentiment.CustomerTraining;
import dev.earful.sentiment.SentimentScorer;
import dev.earful.sentiment.SentimentTrainer;
import dev.earful.store.IndexLockedException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful train-sentiment}: adapts the sentiment model to one data folder, from the scores
 * stored with its comments ({@link CustomerTraining}). The developer command that rebuilds the
 * shipped model from the shared data is {@code ./earful-dev train-sentiment}; this one is the
 * customer's, so it is a user command.
 */
@Command(
    name = "train-sentiment",
    mixinStandardHelpOptions = true,
    description = {
      "Adapt the sentiment model to this data folder: train on its stored comments, with each"
          + " comment's score as a weak label, and compare the new model with the current one on"
          + " a held-out fifth of the responses.",
      "The new model is written to <data>/models/sentiment.bin only when it scores higher; either"
          + " way both figures are recorded, and GET /api/v1/sentiment/model and the page show"
          + " them.",
      "Stop the server first (it holds the index), and start it again to use a new model."
    },
    modelTransformer = DataFolderSetting.class)
public final class TrainSentimentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The seed of the train and held-out split (default: ${DEFAULT-VALUE}).")
  long seed = SentimentTrainer.DEFAULT_SEED;

  @Override
  public Integer call() {
    // OpenNLP logs every training iteration at INFO; the figures are what the user wants to read.
    System.setProperty("org.slf4j.simpleLogger.log.opennlp", "warn");
    AppConfig config = SettingOptions.config(spec, System.getenv());
    Path dir = config.dataDir();
    if (!Files.isDirectory(dir.resolve("index"))) {
      throw new CliException(
          "no Earful data in "
              + dir
              + (Files.exists(dir) ? "" : " (no such folder)")
              + ": import responses first with 'earful import FILE', or name the folder with"
              + " --data");
    }
    List<AnalyzedResponse> responses = new ArrayList<>();
    try (ResponseIndex index = ResponseIndex.open(dir, ThemeCatalog.EMPTY)) {
      index.scan(responses::add);
    } catch (IndexLockedException e) {
      String who =
          ServerAddressFile.read(dir)
              .map(
                  a ->
                      "the Earful server at "
                          + a.url()
                          + (a.pid() > 0 ? " (pid " + a.pid() + ")" : ""))
              .orElse("another process (an Earful server, or an import still running)");
      throw new CliException(
          "the data folder "
              + dir
              + " is in use by "
              + who
              + "; stop it first: training reads every stored response, and the server loads the"
              + " model it writes when it starts");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      new CustomerTraining(new TextAnalyzer(), seed, out)
          .run(
              responses,
              // Both models are measured with the labels the folder ends with (--sentiment-stage:
              // the cascade's under refine, once refinement has run).
              SentimentScorer.load(dir, config.sentimentStage().cascadeInTheEnd()),
              dir);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    out.flush();
    return 0;
  }
}
