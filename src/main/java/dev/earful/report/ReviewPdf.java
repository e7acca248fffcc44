package dev.earful.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The report as an A4 PDF drawn with PDFBox: the same sections and the same printed figures as
 * {@link ReviewHtml}. Reproducible byte for byte: no creation or modification date, and the
 * trailer's document id is a hash of the report's text instead of PDFBox's time-based one.
 *
 * <p>The fonts are the standard Helvetica pair, which every reader has and which need no file in
 * the jar; they cover WinAnsi (Western European) text only, so a character outside it (an emoji, a
 * CJK comment) is printed as "?" rather than failing the report, and a note under the period says
 * how many, of which scripts, and that the HTML and JSON formats have them.
 */
public final class ReviewPdf {

  private static final float MARGIN = 42f;
  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float[] INK = {0.12f, 0.31f, 0.47f};

  private ReviewPdf() {}

  public static byte[] render(ReviewReport r) {
    Rendered once = render(r, null);
    if (once.undrawn().isEmpty()) {
      return once.pdf();
    }
    // Drawn again with the note on its first page, which needs the count of the first drawing.
    return render(r, undrawnNote(once.undrawn())).pdf();
  }

  /** The PDF and the characters of the report its font could not draw, by script. */
  private record Rendered(byte[] pdf, Map<String, Integer> undrawn) {}

  /**
   * Says that some characters are shown as "?" and where to read them: a comment in Japanese or
   * Arabic, or a segment named with an emoji, was printed as "??" with nothing saying that text was
   * lost (the standard fonts cover Western European text only; see the class comment).
   */
  static String undrawnNote(Map<String, Integer> undrawn) {
    int n = undrawn.values().stream().mapToInt(Integer::intValue).sum();
    return "This PDF's standard font cannot draw "
        + ReviewHtml.counted(String.valueOf(n), "character", "characters")
        + " of this report ("
        + String.join(", ", undrawn.keySet())
        + "): each is shown as \"?\". The HTML and JSON formats of this report show them as"
        + " written.";
  }

  private static Rendered render(ReviewReport r, String undrawnNote) {
    try (PDDocument doc = new PDDocument()) {
      Layout out = new Layout(doc);
      out.text(r.title(), out.bold, 18, INK);
      out.text(ReviewHtml.scopeText(r), out.regular, 9.5f, null);
      out.text(ReviewHtml.periodText(r), out.regular, 9.5f, null);
      if (undrawnNote != null) {
        out.text(undrawnNote, out.italic, 9f, new float[] {0.6f, 0.1f, 0.1f});
      }
      out.gap(6);

      ReviewReport.Headline now = r.headline();
      out.text(
          r.headlineName()
              + " "
              + ReportNumbers.score(now.value())
              + "   95% CI "
              + ReportNumbers.scoreInterval(now.ci95()),
          out.bold,
          20,
          INK);
      out.text(ReviewHtml.groups(r, now), out.regular, 10, null);
      out.text(ReviewHtml.comparisonLine(r), out.regular, 10, null);
      out.text(ReviewHtml.changeText(r), out.bold, 10, null);

      if (!r.targets().isEmpty()) {
        out.heading("Targets");
        for (ReviewReport.TargetProgress t : r.targets()) {
          out.text("- " + ReviewHtml.targetText(r, t), out.regular, 9.5f, null);
        }
      }

      if (!r.trend().points().isEmpty()) {
        out.heading("Trend by " + r.trend().interval());
        out.image(TrendChart.png(r), TrendChart.WIDTH, TrendChart.HEIGHT);
      }

      out.heading("Top pain points");
      if (r.otherLanguagesNote() != null) {
        out.text(r.otherLanguagesNote(), out.regular, 9.5f, null);
      }
      if (r.painPoints().isEmpty()) {
        out.text(
            r.painPointsNote() == null ? ReviewHtml.NO_PAIN_POINTS : r.painPointsNote(),
            out.regular,
            10,
            null);
      }
      for (ReviewReport.PainPoint p : r.painPoints()) {
        out.keep(60);
        out.text(
            p.rank() + ". " + ReviewHtml.themeName(p.name(), p.parentName()),
            out.bold,
            10.5f,
            null);
        out.text(
            ReviewHtml.counted(ReportNumbers.count(p.mentions()), "mention", "mentions")
                + " ("
                + ReportNumbers.percentText(p.sharePercent())
                + "% of responses), detractor rate "
                + ReportNumbers.percentText(p.detractorPercent())
                + "%, attributable detractors "
                + ReviewHtml.attributable(p),
            out.regular,
            9.5f,
            null);
        for (ReviewReport.Comment c : p.comments()) {
          out.quote(r, c);
        }
        out.gap(3);
      }

      out.heading("Improvements");
      shifts(out, r.improvements(), "No theme's share or detractor rate fell significantly.");
      out.heading("Risks");
      out.text("Emerging themes", out.bold, 10, null);
      shifts(out, r.risks().emergingThemes(), "No theme's share rose significantly.");
      out.text("Worsening themes", out.bold, 10, null);
      shifts(out, r.risks().worseningThemes(), "No theme's detractor rate rose significantly.");
      out.text("Customers whose score fell", out.bold, 10, null);
      if (r.risks().customersFalling().isEmpty()) {
        out.text("None.", out.regular, 9.5f, null);
      }
      for (ReviewReport.CustomerChange c : r.risks().customersFalling()) {
        out.keep(50);
        out.text(ReviewHtml.who(r, c.customer(), c.account()), out.bold, 9.5f, null);
        out.quote(r, c.before());
        out.quote(r, c.after());
      }

      out.text("Accounts at risk", out.bold, 10, null);
      if (r.risks().accountsAtRisk().isEmpty()) {
        out.text("No account in the data.", out.regular, 9.5f, null);
      }
      for (ReviewReport.AccountRisk a : r.risks().accountsAtRisk()) {
        out.text("- " + ReviewHtml.accountText(a), out.regular, 9.5f, null);
      }

      out.heading("Success stories");
      if (r.successStories().isEmpty()) {
        out.text("No customer went from a low score to a high one.", out.regular, 9.5f, null);
      }
      for (ReviewReport.SuccessStory s : r.successStories()) {
        out.keep(50);
        out.text(ReviewHtml.who(r, s.customer(), s.account()), out.bold, 9.5f, null);
        out.quote(r, s.before());
        out.quote(r, s.after());
      }
      out.heading("Promoters who may act as references");
      if (r.references().isEmpty()) {
        out.text("None in the period.", out.regular, 9.5f, null);
      }
      for (ReviewReport.Comment c : r.references()) {
        out.quote(r, c);
      }

      ReviewReport.Methods m = r.methods();
      out.gap(8);
      out.rule();
      out.text(
          "Methods. Data from "
              + m.dataFrom()
              + " to "
              + m.dataTo()
              + ". Headline: "
              + m.headline()
              + ". Change: "
              + m.change()
              + ". Pain points: "
              + m.painPoints()
              + ". Improvements and risks: "
              + m.themeShifts()
              + ". Success stories: "
              + m.successStories()
              + ". References: "
              + m.references()
              + ". Periods: "
              + m.periods()
              + ".",
          out.regular,
          7.5f,
          new float[] {0.35f, 0.35f, 0.35f});
      out.close();

      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(r.title() + " - " + ReviewHtml.scopeText(r));
      info.setProducer("Earful");
      doc.setDocumentInformation(info);
      byte[] id = idOf(out.allText.toString());
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      doc.getDocument().getTrailer().setItem(COSName.ID, ids);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return new Rendered(bytes.toByteArray(), out.undrawn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void shifts(Layout out, List<ReviewReport.ThemeShift> list, String none)
      throws IOException {
    if (list.isEmpty()) {
      out.text(none, out.regular, 9.5f, null);
    }
    for (ReviewReport.ThemeShift s : list) {
      out.text("- " + ReviewHtml.shiftText(s), out.regular, 9.5f, null);
    }
  }

  private static byte[] idOf(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(d, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A top-down flow of lines over as many pages as needed. */
  private static final class Layout {
    final PDDocument doc;
    final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    final PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
    final StringBuilder allText = new StringBuilder();

    /** Characters the font could not draw, by script name, in the order first met. */
    final Map<String, Integer> undrawn = new LinkedHashMap<>();

    PDPageContentStream page;
    float y;

    Layout(PDDocument doc) throws IOException {
      this.doc = doc;
      newPage();
    }

    private void newPage() throws IOException {
      if (page != null) {
        page.close();
      }
      PDPage p = new PDPage(PAGE);
      doc.addPage(p);
      page = new PDPageContentStream(doc, p);
      y = PAGE.getHeight() - MARGIN;
    }

    float width() {
      return PAGE.getWidth() - 2 * MARGIN;
    }

    /** Starts a new page unless {@code points} fit on this one. */
    void keep(float points) throws IOException {
      if (y - points < MARGIN) {
        newPage();
      }
    }

    void gap(float points) {
      y -= points;
    }

    void heading(String text) throws IOException {
      keep(40);
      gap(8);
      text(text, bold, 12.5f, INK);
      gap(2);
    }

    void rule() throws IOException {
      page.setStrokingColor(0.8f, 0.8f, 0.8f);
      page.moveTo(MARGIN, y);
      page.lineTo(PAGE.getWidth() - MARGIN, y);
      page.stroke();
      gap(4);
    }

    void quote(ReviewReport r, ReviewReport.Comment c) throws IOException {
      text(
          ReviewHtml.quoted(c) + " (" + ReviewHtml.commentHead(r, c) + ")",
          italic,
          9f,
          new float[] {0.25f, 0.25f, 0.25f},
          14);
    }

    void text(String text, PDType1Font font, float size, float[] color) throws IOException {
      text(text, font, size, color, 0);
    }

    /** Wraps {@code text} at the right margin, indented by {@code indent} points. */
    void text(String text, PDType1Font font, float size, float[] color, float indent)
        throws IOException {
      String clean = printable(font, text, undrawn);
      allText.append(clean).append('\n');
      float leading = size * 1.3f;
      for (String line : wrap(clean, font, size, width() - indent)) {
        keep(leading);
        y -= leading;
        page.beginText();
        page.setFont(font, size);
        if (color != null) {
          page.setNonStrokingColor(color[0], color[1], color[2]);
        } else {
          page.setNonStrokingColor(0.1f, 0.1f, 0.1f);
        }
        page.newLineAtOffset(MARGIN + indent, y);
        page.showText(line);
        page.endText();
      }
    }

    void image(byte[] png, int pixelsWide, int pixelsHigh) throws IOException {
      float w = width();
      float h = w * pixelsHigh / pixelsWide;
      keep(h + 4);
      PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, "trend.png");
      y -= h + 4;
      page.drawImage(image, MARGIN, y, w, h);
    }

    void close() throws IOException {
      page.close();
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width)
        throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (line.isEmpty() || font.getStringWidth(candidate) / 1000 * size <= width) {
          line.setLength(0);
          line.append(candidate);
        } else {
          lines.add(line.toString());
          line.setLength(0);
          line.append(word);
        }
      }
      lines.add(line.toString());
      return lines;
    }

    /**
     * The text with line breaks as spaces and what the font cannot encode as "?", each counted in
     * {@code undrawn} under its script. Composed first (NFC): "cafe" with a combining acute accent,
     * as some systems write it, was "cafe?" where the font has the composed "é".
     */
    private static String printable(PDType1Font font, String text, Map<String, Integer> undrawn) {
      String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
      StringBuilder b = new StringBuilder(composed.length());
      composed
          .codePoints()
          .forEach(
              cp -> {
                String s = Character.isWhitespace(cp) ? " " : new String(Character.toChars(cp));
                try {
                  font.encode(s);
                  b.append(s);
                } catch (IOException | IllegalArgumentException e) {
                  b.append('?');
                  undrawn.merge(scriptName(cp), 1, Integer::sum);
                }
              });
      return b.toString();
    }

    /** "Han", "Arabic", "Hebrew"...; "emoji and symbols" for the script-less ones. */
    private static String scriptName(int cp) {
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      return switch (script) {
        case COMMON, UNKNOWN -> "emoji and symbols";
        case INHERITED -> "combining marks";
        default -> {
          String name = script.name().replace('_', ' ').toLowerCase(Locale.ROOT);
          yield Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
      };
    }
  }
}
