import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.erpcampaigns.mailings.control.MessageRenderer;
import org.erpcampaigns.mailings.control.MessageRenderer.CompiledVariant;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;
import org.erpcampaigns.mailings.control.Recipient;
import org.erpcampaigns.tracking.control.TrackingLinks;
import org.erpcampaigns.tracking.control.TrackingTokens;

/**
 * Render throughput alone, on one thread (one core): the bench template (subject, ~4 KB HTML with
 * links, text made from the HTML) personalised, then its links rewritten for tracking, as the
 * sender does per message. Prints render_msgs_per_s_per_core=...
 *   java -cp target/classes:$(cat target/classpath.txt) bench/RenderBench.java [messages] [template.html]
 */
public class RenderBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    String html = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args.length > 1 ? args[1] : "bench/send-template.html")));
    MessageRenderer renderer = new MessageRenderer();
    CompiledVariant v = renderer.compile("{{ contact.firstName | default('Hello') }}, our spring offers for {{ contact.city | default('you') }}", html, null);
    TrackingLinks links = new TrackingLinks("https://campaigns.example.com/", new TrackingTokens("0123456789abcdef0123456789abcdef".getBytes()));
    String[] cities = {"Milano", "Paris", "Berlin", "Utrecht", "Austin"};
    String[] countries = {"ITA", "FRA", "DEU", "NLD", "USA"};
    long bytes = 0;
    long start = 0;
    int warmup = Math.min(10_000, n / 5);
    for (int i = 0; i < warmup + n; i++) {
      if (i == warmup) {
        start = System.nanoTime();
      }
      Recipient r = new Recipient("P" + i, "c" + i + "@bench.example.com", null, "Name" + i, "Last" + i, null, null,
          cities[i % 5], countries[i % 5], LocalDate.of(2026, 1 + i % 12, 1 + i % 28), new BigDecimal(i % 9000 + ".5"), "EUR", i % 7);
      long id = 1000 + i;
      RenderedMessage m = renderer.render(v, r.model(new Locale(r.language()), links.unsubscribeUrl(id)), r.locale());
      String tracked = links.rewrite(id, m.html());
      bytes += tracked.length() + m.text().length() + m.subject().length();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("render_msgs_per_s_per_core=%.0f avg_chars=%d%n", n / seconds, bytes / (warmup + n));
  }
}
