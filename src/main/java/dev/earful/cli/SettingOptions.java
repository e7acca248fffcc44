package dev.earful.cli;

import dev.earful.config.AppConfig;
import dev.earful.config.AppConfig.Setting;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds the options of {@link AppConfig#SETTINGS} to a command, with their description, environment
 * variable and default taken from the setting itself, so {@code --help} and the configuration never
 * disagree; and reads them back as an {@link AppConfig} (flag, then environment, then default).
 */
final class SettingOptions {

  private static final Set<String> BOOLEAN = Set.of("EARFUL_INSECURE");

  private SettingOptions() {}

  /** Adds the options of the settings named by their environment variable. */
  static CommandSpec add(CommandSpec spec, String... envNames) {
    Set<String> wanted = Set.of(envNames);
    for (Setting s : AppConfig.SETTINGS) {
      if (!wanted.contains(s.env())) {
        continue;
      }
      String defaultText = s.defaultValue().isEmpty() ? "none" : s.defaultValue();
      OptionSpec.Builder option =
          OptionSpec.builder(s.flag())
              .description(sentence(s) + " (env " + s.env() + "; default " + defaultText + ").");
      if (BOOLEAN.contains(s.env())) {
        option.arity("0").type(Boolean.class);
      } else {
        option.paramLabel(label(s)).type(String.class);
      }
      spec.addOption(option.build());
    }
    return spec;
  }

  /**
   * The configuration: each setting from its flag when given, else the environment, else default.
   */
  static AppConfig config(CommandSpec spec, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (Setting s : AppConfig.SETTINGS) {
      OptionSpec option = spec.findOption(s.flag());
      if (option != null && option.getValue() != null) {
        flags.put(s.env(), option.getValue().toString());
      }
    }
    return AppConfig.fromValues(env, flags);
  }

  /**
   * The setting's description as the start of a sentence ("Address to bind ..."): settings keep
   * their lower-case descriptions, which also appear inside error messages.
   */
  static String sentence(Setting s) {
    String d = s.description();
    return d.isEmpty() ? d : Character.toUpperCase(d.charAt(0)) + d.substring(1);
  }

  private static String label(Setting s) {
    return s.flag().substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }
}
