package dev.earful;

import dev.earful.cli.EarfulCommand;
import picocli.CommandLine;

/** Entry point of the runnable jar: hands the arguments to the command line. */
public final class Earful {

  private Earful() {}

  public static void main(String[] args) {
    int code = new CommandLine(new EarfulCommand()).execute(args);
    if (code != 0 || !isServe(args)) {
      System.exit(code);
    }
  }

  private static boolean isServe(String[] args) {
    return args.length > 0 && args[0].equals("serve");
  }
}
