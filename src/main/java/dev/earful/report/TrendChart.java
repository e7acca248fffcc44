package dev.earful.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's trend chart, drawn by JFreeChart into a PNG: the headline score per week or month,
 * low-volume periods drawn as hollow markers. The same report gives the same pixels, hence the same
 * PNG bytes (no timestamp chunk is written).
 */
public final class TrendChart {

  /** Drawn at twice the size it is shown at, so it stays sharp in print. */
  public static final int WIDTH = 1400;

  public static final int HEIGHT = 500;

  private static final Color INK = new Color(0x1f, 0x4e, 0x79);

  static {
    // Drawing needs no display; a server has none.
    System.setProperty("java.awt.headless", "true");
  }

  private TrendChart() {}

  /** The PNG of the report's trend. */
  public static byte[] png(ReviewReport report) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String enough = report.headlineName();
    String low = report.headlineName() + " (low volume)";
    for (ReviewReport.Point p : report.trend().points()) {
      data.addValue(p.score(), enough, p.period());
      data.addValue(p.lowVolume() ? p.score() : null, low, p.period());
    }
    JFreeChart chart =
        ChartFactory.createLineChart(
            null, null, report.headlineName(), data, PlotOrientation.VERTICAL, true, false, false);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
    plot.setOutlineVisible(false);
    Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 22);
    Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 24);
    CategoryAxis x = plot.getDomainAxis();
    x.setTickLabelFont(tick);
    if (report.trend().points().size() > 8) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    plot.getRangeAxis().setTickLabelFont(tick);
    plot.getRangeAxis().setLabelFont(label);
    chart.getLegend().setItemFont(label);
    LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, INK);
    renderer.setSeriesStroke(0, new BasicStroke(4f));
    renderer.setSeriesShapesVisible(0, true);
    renderer.setSeriesPaint(1, Color.WHITE);
    renderer.setSeriesOutlinePaint(1, INK);
    renderer.setSeriesLinesVisible(1, false);
    renderer.setSeriesShapesVisible(1, true);
    renderer.setUseOutlinePaint(true);
    renderer.setSeriesOutlinePaint(0, INK);
    renderer.setDrawOutlines(true);
    renderer.setUseFillPaint(false);
    // Opaque RGB, not JFreeChart's default ARGB: PDFBox embeds an RGB PNG's compressed data as it
    // is, while an alpha channel makes it decode the image and re-compress it with a soft mask,
    // trying every PNG predictor per row (measured: most of the PDF's time at 1M responses).
    BufferedImage image =
        chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
