package dev.earful.cli;

import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import java.io.PrintWriter;
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
    EarfulApp app = EarfulApp.open(config);
    try {
      app.startHttp();
    } catch (RuntimeException e) {
      app.close();
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.BindException) {
          throw new CliException(
              "cannot listen on "
                  + config.host()
                  + ":"
                  + config.port()
                  + " ("
                  + t.getMessage()
                  + "): is another server running there? Choose another --port");
        }
      }
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  System.err.println("Earful stopped; index closed");
                },
                "earful-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Earful listening on http://"
            + hostForUrl(config.host())
            + ":"
            + app.port()
            + " (data: "
            + config.dataDir()
            + ", "
            + app.index().count()
            + " responses)");
    out.flush();
    return 0;
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
