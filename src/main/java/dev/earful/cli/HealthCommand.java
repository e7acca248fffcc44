package dev.earful.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful health}: asks a running server whether it is ready; exit 0 when it answers 200. The
 * container's HEALTHCHECK runs it, because the JRE image has neither curl nor wget.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description =
        "Check a running server: exit 0 when /api/v1/health answers 200 (ready), 1 otherwise.")
public final class HealthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"--server", "--url"},
      paramLabel = "URL",
      description =
          "The server to check, as --server of the other commands (--url is the same; default:"
              + " http://127.0.0.1:$EARFUL_PORT, port 7070 when unset).")
  String url;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds to wait for an answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    String port = System.getenv().getOrDefault("EARFUL_PORT", "7070");
    String base = url != null ? url : "http://127.0.0.1:" + port;
    PrintWriter out = spec.commandLine().getOut();
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    try (ServerClient client = ServerClient.open(base, null, "--server", timeout)) {
      ServerClient.Answer answer = client.exchange("/api/v1/health", "application/json", timeout);
      out.println(answer.text());
      out.flush();
      return answer.status() == 200 ? 0 : 1;
    }
  }
}
