// Prints the text of a PDF with PDFBox (on the project's classpath): recompute.py reads the review PDF back with it.
import java.io.File;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;

public class PdfText {
  public static void main(String[] a) throws Exception {
    try (var doc = Loader.loadPDF(new File(a[0]))) {
      System.out.print(new PDFTextStripper().getText(doc));
    }
  }
}
