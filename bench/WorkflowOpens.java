import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.erpcampaigns.tracking.control.TrackingTokens;

/**
 * Opens messages as their recipients' mail programs do: a GET of each message's open pixel
 * (/t/o/{token}, signed with the application's tracking secret) on the running application.
 *
 * <p>Arguments: base URL (http://127.0.0.1:PORT/), the tracking secret, a file of outbox ids (one a
 * line), the number of concurrent clients. Prints {@code opens=N failed=F seconds=S} last.
 */
public class WorkflowOpens {
  static final String MAIL_CLIENT =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0";

  public static void main(String[] args) throws Exception {
    String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
    TrackingTokens tokens = new TrackingTokens(args[1].getBytes(StandardCharsets.UTF_8));
    List<String> ids = Files.readAllLines(Path.of(args[2]));
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(clients))
            .build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int t = 0; t < clients; t++) {
      pool.submit(
          () -> {
            for (int i; (i = next.getAndIncrement()) < ids.size(); ) {
              String id = ids.get(i).strip();
              if (id.isEmpty()) {
                continue;
              }
              URI pixel =
                  URI.create(
                      base + "t/o/" + tokens.sign(Long.parseLong(id), TrackingTokens.Purpose.OPEN));
              try {
                int status =
                    http.send(
                            HttpRequest.newBuilder(pixel)
                                .timeout(Duration.ofSeconds(30))
                                // a person's mail client: the engine counts people's opens only
                                .header("User-Agent", MAIL_CLIENT)
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                (status == 200 ? opened : failed).incrementAndGet();
              } catch (Exception e) {
                failed.incrementAndGet();
              }
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "opens=%d failed=%d seconds=%.1f%n", opened.get(), failed.get(), seconds);
    System.exit(failed.get() == 0 ? 0 : 1);
  }
}
