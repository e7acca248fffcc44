package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.Earful;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** What a user reads in {@code earful --help} and each command's {@code --help}. */
class HelpTextTest {

  private static final List<String> USER_COMMANDS =
      List.of(
          "alerts",
          "analyze",
          "followups",
          "health",
          "import",
          "metrics",
          "report",
          "report-schedules",
          "search",
          "serve",
          "targets",
          "themes",
          "train-sentiment");

  /** Starts like a sentence and ends like one (a closing bracket or quote may follow the stop). */
  private static final Pattern SENTENCE = Pattern.compile("^[A-Z0-9\"'(].*[.!?][)\"']?$");

  @Test
  void theUserCommandListHoldsNoDeveloperTools() {
    CommandLine cl = Earful.commandLine();
    TreeSet<String> listed = new TreeSet<>();
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandSpec().usageMessage().hidden()) {
        listed.add(e.getKey());
      }
    }
    assertEquals(new TreeSet<>(USER_COMMANDS), listed);
    Cli help = Cli.run("--help");
    for (String dev : List.of("bench-", "discover-eval", "evaluate-")) {
      assertTrue(!help.out().contains(dev), dev + " is listed:\n" + help.out());
    }
  }

  @Test
  void everyHelpTextOfAUserCommandIsAWholeSentence() {
    CommandLine root = Earful.commandLine();
    List<String> notSentences = new ArrayList<>();
    check("earful", root.getCommandSpec().usageMessage().description(), notSentences);
    for (String name : USER_COMMANDS) {
      CommandSpec spec = root.getSubcommands().get(name).getCommandSpec();
      check(name, spec.usageMessage().description(), notSentences);
      for (ArgSpec arg : spec.args()) {
        String label =
            arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
        check(name + " " + label, arg.description(), notSentences);
      }
    }
    assertEquals(List.of(), notSentences);
  }

  private static void check(String where, String[] lines, List<String> bad) {
    String text = String.join(" ", lines).strip();
    if (!SENTENCE.matcher(text).matches()) {
      bad.add(where + ": '" + text + "'");
    }
  }
}
