package dev.earful.cli;

import dev.earful.EarfulApp;
import dev.earful.ServerAddressFile;
import dev.earful.config.AppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code earful serve}: opens the data folder and serves the API and the web page until SIGTERM or
 * Ctrl-C, which stop the server and close the index cleanly.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the HTTP API and web page. Every option can also be set by its EARFUL_* variable.",
    modelTransformer = ServeCommand.Options.class)
public final class ServeCommand implements Callable<Integer> {

  /** Adds every setting as an option. */
  public static final class Options implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return SettingOptions.add(
          spec, AppConfig.SETTINGS.stream().map(AppConfig.Setting::env).toArray(String[]::new));
    }
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AppConfig config = SettingOptions.config(spec, System.getenv()).validate();
    // The port is tried before the data folder is touched: a taken port then costs no folder and
    // no index, and the user reads one clear line instead of Javalin's own error first.
    probePort(config);
    boolean existed = Files.exists(config.dataDir());
    EarfulApp app = null;
    try {
      // An older folder is upgraded after the server listens, so GET /api/v1/health can say how
      // far the upgrade has come (its other routes answer 503 until it is done).
      app = DataFolder.openDeferringUpgrade(config, "use that server");
      app.startHttp();
    } catch (RuntimeException e) {
      if (app != null) {
        app.close();
      }
      if (!existed) {
        DataFolder.removeCreated(config.dataDir());
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.BindException) {
          throw cannotListen(config, t.getMessage());
        }
      }
      throw e;
    }
    EarfulApp started = app;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (started.stopServingIfUpgrading()) {
                    System.err.println(
                        "Earful stopped during its upgrade; the upgrade runs again on the next"
                            + " start");
                  } else {
                    started.close();
                    System.err.println("Earful stopped; index closed");
                  }
                },
                "earful-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Earful listening on http://"
            + hostForUrl(config.host())
            + ":"
            + started.port()
            + " (data: "
            + config.dataDir()
            + ", "
            + started.index().count()
            + " responses"
            + (started.upgradePending() ? "; upgrading its stored format first" : "")
            + ")");
    ownModelWarning(started.sentiment(), config.dataDir()).ifPresent(out::println);
    out.flush();
    if (started.upgradePending()) {
      try {
        // in the server's log (JSON lines with --log-format json), as the server's other events
        started.upgrade(org.slf4j.LoggerFactory.getLogger(ServeCommand.class)::info);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
    }
    return 0;
  }

  /** Binds the configured address for a moment; 0 (any free port) needs no probe. */
  private static void probePort(AppConfig config) {
    if (config.port() == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT is free for it too
      socket.bind(new InetSocketAddress(config.host(), config.port()));
    } catch (IOException e) {
      String why =
          e instanceof java.net.BindException && e.getMessage() != null
              ? e.getMessage().toLowerCase(java.util.Locale.ROOT)
              : "the address cannot be bound here";
      throw cannotListen(config, why);
    }
  }

  private static CliException cannotListen(AppConfig config, String why) {
    String taken =
        ServerAddressFile.read(config.dataDir())
            .map(a -> " (the server of this data folder is at " + a.url() + ")")
            .orElse("");
    return new CliException(
        "cannot listen on "
            + hostForUrl(config.host())
            + ":"
            + config.port()
            + ": "
            + why
            + taken
            + "; is another server running there? Choose another --port, or 0 for any free one");
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * A line saying that the data folder's own sentiment model (written by {@code train-sentiment
   * --data}) was trained on other features than this release computes, so its scores may be off;
   * empty for the built-in model, which the release itself measures.
   */
  static java.util.Optional<String> ownModelWarning(
      dev.earful.sentiment.SentimentScorer sentiment, java.nio.file.Path dataDir) {
    if (sentiment.source().startsWith("classpath:")) {
      return java.util.Optional.empty();
    }
    return sentiment
        .model()
        .featureSetWarning()
        .map(
            w ->
                "warning: this data folder's sentiment model ("
                    + sentiment.source()
                    + ") was "
                    + w
                    + "; train it again with `earful train-sentiment --data "
                    + dataDir
                    + "` (server stopped)");
  }
}
