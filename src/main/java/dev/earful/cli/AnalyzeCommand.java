package dev.earful.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.config.AppConfig;
import dev.earful.domain.Analysis;
import dev.earful.domain.CharSpan;
import dev.earful.domain.CommentLanguages;
import dev.earful.domain.Sentence;
import dev.earful.domain.ThemeMention;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.sentiment.SentimentScorer;
import dev.earful.themes.Taxonomy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earful analyze TEXT...}: what {@code POST /api/v1/analyze} answers, from the command line:
 * sentences, sentiment and the themes of the data folder's taxonomy with their spans. Reads the
 * taxonomy and the sentiment model only, so it works while a server holds the index.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse texts: sentences, sentiment, and the themes of the data folder's taxonomy.",
      "Texts come from the arguments, or one per line from --file (- for standard input)."
    },
    modelTransformer = DataFolderSetting.class)
public final class AnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "TEXT",
      arity = "0..*",
      description = "The texts to analyse, one per argument.")
  List<String> texts = new ArrayList<>();

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "A file with one text per line; - reads standard input.")
  String file;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Print text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new CliException("--format must be text or json", 2);
    }
    List<String> all = new ArrayList<>(texts);
    if (file != null) {
      Path path = file.equals("-") ? null : Path.of(file);
      if (path != null && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
        throw new CliException("cannot read " + file + ": no such readable file");
      }
      try (BufferedReader r =
          path == null
              ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
              : Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        r.lines().filter(l -> !l.isBlank()).forEach(all::add);
      } catch (UncheckedIOException e) {
        // a missing file or one in another charset printed Java's stack trace
        if (e.getCause() instanceof CharacterCodingException) {
          throw new CliException(
              "cannot read " + file + ": it is not UTF-8 text (save it as UTF-8 and try again)");
        }
        throw new CliException("cannot read " + file + ": " + e.getCause().getMessage());
      }
    }
    if (all.isEmpty()) {
      throw new CliException("give texts as arguments or --file FILE", 2);
    }
    AppConfig config = SettingOptions.config(spec, System.getenv());
    TextAnalyzer analyzer = new TextAnalyzer();
    Taxonomy taxonomy = Taxonomy.open(config.dataDir(), analyzer);
    SentimentScorer sentiment =
        SentimentScorer.load(config.dataDir(), config.sentimentStage().cascadeInTheEnd());
    ObjectMapper mapper = Json.newMapper();
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> results = new ArrayList<>();
    for (String text : all) {
      Analysis a = sentiment.score(analyzer.analyze(text));
      List<ThemeMention> themes = taxonomy.mentionsIn(a);
      if (format.equals("json")) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("sentiment", Views.sentiment(a.sentiment()));
        m.put("sentimentStage", a.stage().wireName());
        m.put("sentences", Views.sentences(a, true));
        m.put("themes", themes.stream().map(Views::themeMention).toList());
        m.put("language", Views.language(text, a));
        results.add(m);
      } else {
        if (!a.english() && !text.isBlank()) {
          // Neutral with no theme is not a reading of the text: say why there is none.
          out.printf(
              "%s%n  not analysed: the text reads as %s, and Earful finds themes and sentiment in"
                  + " English only%n",
              text, CommentLanguages.name(a.language()));
          out.println();
          continue;
        }
        out.printf(
            "%s%n  sentiment: %s (%.2f)%n",
            text, a.sentiment().label().wireName(), a.sentiment().score());
        for (Sentence s : a.sentences()) {
          out.printf(
              "  sentence [%d,%d) %s: %s%n",
              s.start(),
              s.end(),
              s.sentiment().label().wireName(),
              text.substring(s.start(), s.end()));
        }
        for (ThemeMention m : themes) {
          List<String> quoted = new ArrayList<>();
          for (CharSpan span : m.spans()) {
            quoted.add(
                "\""
                    + text.substring(span.start(), span.end())
                    + "\" ["
                    + span.start()
                    + ","
                    + span.end()
                    + ")");
          }
          out.printf(
              "  theme %s %s (%s): %s%n",
              m.themeId(), m.name(), m.sentiment().wireName(), String.join(", ", quoted));
        }
        if (themes.isEmpty()) {
          out.printf(
              "  no themes of the taxonomy (%d themes) are mentioned%n", taxonomy.all().size());
        }
        out.println();
      }
    }
    if (format.equals("json")) {
      out.println(
          mapper
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(results.size() == 1 ? results.get(0) : results));
    }
    out.flush();
    return 0;
  }
}
