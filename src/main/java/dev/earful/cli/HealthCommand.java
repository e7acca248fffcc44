package dev.earful.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
      names = "--url",
      paramLabel = "URL",
      description =
          "The server to check (default: http://127.0.0.1:$EARFUL_PORT, port 7070 when unset).")
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
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/health"))
              .timeout(Duration.ofSeconds(timeoutSeconds))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      out.println(response.body());
      out.flush();
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      err.println("earful: " + Unreachable.describe(base, e));
      err.flush();
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(
          "earful: --url must be an http(s) URL such as http://127.0.0.1:7070, got " + base);
      err.flush();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
