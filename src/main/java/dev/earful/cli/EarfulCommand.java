package dev.earful.cli;

import picocli.CommandLine.Command;

/** The root command; each subcommand is a class of this package. */
@Command(
    name = "earful",
    mixinStandardHelpOptions = true,
    version = "Earful 0.1.0",
    description = "Survey comments in, a ranked list of what to fix first out.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      FollowupsCommand.class,
      AlertsCommand.class,
      SearchCommand.class,
      ThemesCommand.class,
      MetricsCommand.class,
      ReportCommand.class,
      TargetsCommand.class,
      ReportSchedulesCommand.class,
      HealthCommand.class,
      AnalyzeCommand.class,
      TrainSentimentCommand.class
    })
public final class EarfulCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
