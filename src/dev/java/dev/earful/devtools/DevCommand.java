package dev.earful.devtools;

import picocli.CommandLine.Command;

/** The root of the developer commands; each subcommand is a class of this package. */
@Command(
    name = "earful-dev",
    mixinStandardHelpOptions = true,
    version = "Earful 0.1.0 developer tools",
    description =
        "Benchmarks, evaluations and model training for Earful's developers (not in the product"
            + " jar).",
    subcommands = {
      TrainSentimentCommand.class,
      EvaluateSentimentCommand.class,
      BenchSentimentCommand.class,
      DiscoverEvalCommand.class,
      EvaluateThemesCommand.class,
      BenchAnalysisCommand.class,
      BenchIndexCommand.class,
      BenchImpactCommand.class,
      BenchReportCommand.class,
      BenchAlertsCommand.class,
      BenchFollowupsCommand.class,
      BenchHttpCommand.class
    })
public final class DevCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
