package org.erpcampaigns.tracking.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EngagementOrigin;
import org.erpcampaigns.tracking.entity.EventType;

/**
 * Decides whether an open or a click was a person's or a machine's, when it is recorded, so that
 * workflow conditions and the "by people" figures never count a privacy proxy or a link scanner.
 * Mail security gateways (Microsoft Safe Links, Proofpoint, Mimecast, Barracuda, ...) follow every
 * link of a message on delivery, from their own networks, often with an ordinary browser's
 * User-Agent; Apple Mail Privacy Protection loads every pixel on delivery. One signal is enough
 * here: a tool that needs two of three (mautic/mautic#16263) misses the scanners that send a
 * browser's User-Agent from a range nobody listed.
 *
 * <p>From the request alone ({@link #ofRequest}): a HEAD request; a missing User-Agent; a
 * User-Agent or an address of the {@linkplain #signatures signatures} (built-in
 * tracking/machine-signatures.txt plus configured ones). A mail provider's image proxy (Gmail,
 * Yahoo) is a person opening the message, and checked first. From the message, in a batch ({@link
 * #decide}): an open or a click less than {@code machineWindow} from the message's send time
 * (prefetch and scans on delivery), and a burst: {@code burstLinks} or more different links of one
 * message clicked within {@code burstWindow} (a scanner following every link), which also makes the
 * burst's earlier clicks, already stored, bot clicks.
 */
public final class EngagementClassifier {
  /** The built-in signatures, a resource of the application. */
  public static final String BUILT_IN = "/tracking/machine-signatures.txt";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** What a signature matches. */
  public enum Kind {
    /** An image proxy opening on the reader's behalf: the User-Agent contains the value. */
    PROXY,
    /** The User-Agent is exactly the value. */
    AGENT_EQUALS,
    /** The User-Agent contains the value. */
    AGENT,
    /** The request's address is in the range. */
    NETWORK
  }

  /** A known machine (or, for PROXY, a person's proxy), by name for the logs. */
  public record Signature(Kind kind, String name, String value) {}

  /** The origin the request shows, and why (a signature's name, "head", "no-user-agent", ...). */
  public record Verdict(EngagementOrigin origin, String reason) {}

  /** A click of a message: stored (its id) or about to be (id 0). */
  public record Click(long id, String url, LocalDateTime at) {}

  /**
   * A batch's events with their final origins, and the stored clicks that turned out to be part of
   * a bot's burst.
   */
  public record Decision(List<EngagementEvent> events, Set<Long> storedBotClicks) {}

  /** An address range. */
  record Network(String name, byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  private final List<Signature> signatures;
  private final List<Signature> proxies = new ArrayList<>();
  private final List<Signature> agents = new ArrayList<>();
  private final List<Network> networks = new ArrayList<>();
  private final Duration machineWindow;
  private final int burstLinks;
  private final Duration burstWindow;

  /**
   * @param machineWindow an open or click this close to the message's send time is a machine's
   *     (zero: no time rule)
   * @param burstLinks this many different links of a message clicked within burstWindow are a bot's
   *     (below 2: no burst rule)
   */
  public EngagementClassifier(
      List<Signature> signatures, Duration machineWindow, int burstLinks, Duration burstWindow) {
    this.signatures = List.copyOf(signatures);
    this.machineWindow = machineWindow;
    this.burstLinks = burstLinks;
    this.burstWindow = burstWindow;
    for (Signature s : this.signatures) {
      switch (s.kind()) {
        case PROXY -> proxies.add(s);
        case AGENT, AGENT_EQUALS -> agents.add(s);
        case NETWORK ->
            networks.add(
                network(s.name(), s.value())
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "not an address range: " + s.value() + " (" + s.name() + ")")));
      }
    }
  }

  /** The signatures it knows, built-in and configured. */
  public List<Signature> signatures() {
    return signatures;
  }

  /** Who the request shows made the open or click: HUMAN when nothing says machine. */
  public Verdict ofRequest(EventType type, String method, String userAgent, String remoteAddress) {
    EngagementOrigin machine = EngagementOrigin.machine(type);
    if ("HEAD".equalsIgnoreCase(method)) {
      return new Verdict(machine, "head");
    }
    String agent = userAgent == null ? "" : userAgent.strip();
    if (agent.isEmpty()) {
      return new Verdict(machine, "no-user-agent");
    }
    String lower = agent.toLowerCase(Locale.ROOT);
    for (Signature s : proxies) {
      if (lower.contains(s.value().toLowerCase(Locale.ROOT))) {
        return new Verdict(EngagementOrigin.HUMAN, s.name());
      }
    }
    for (Signature s : agents) {
      String value = s.value().toLowerCase(Locale.ROOT);
      if (s.kind() == Kind.AGENT_EQUALS ? lower.equals(value) : lower.contains(value)) {
        return new Verdict(machine, s.name());
      }
    }
    byte[] address = literal(remoteAddress);
    if (address != null) {
      for (Network n : networks) {
        if (n.contains(address)) {
          return new Verdict(machine, n.name());
        }
      }
    }
    return new Verdict(EngagementOrigin.HUMAN, "");
  }

  /**
   * True when an event at {@code at} is a machine's by its closeness to the send time. The outbox
   * stamps SENT_AT when the sender's batch ends, a moment after the relay accepted the message, so
   * a scan on delivery may even come a little before it: the window reaches both ways.
   */
  public boolean nearSending(LocalDateTime sentAt, LocalDateTime at) {
    if (sentAt == null || machineWindow.isZero() || machineWindow.isNegative()) {
      return false;
    }
    return Duration.between(sentAt, at).abs().compareTo(machineWindow) < 0;
  }

  /**
   * The positions of the clicks (of one message) that are part of a burst: {@code burstLinks} or
   * more different links within {@code burstWindow}.
   */
  public Set<Integer> bursts(List<Click> clicks) {
    Set<Integer> found = new HashSet<>();
    if (burstLinks < 2 || clicks.size() < burstLinks) {
      return found;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < clicks.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> clicks.get(i).at()));
    for (int from = 0; from < order.size(); from++) {
      LocalDateTime start = clicks.get(order.get(from)).at();
      Set<String> links = new HashSet<>();
      int to = from;
      while (to < order.size()
          && Duration.between(start, clicks.get(order.get(to)).at()).compareTo(burstWindow) <= 0) {
        links.add(String.valueOf(clicks.get(order.get(to)).url()));
        to++;
      }
      if (links.size() >= burstLinks) {
        for (int k = from; k < to; k++) {
          found.add(order.get(k));
        }
      }
    }
    return found;
  }

  /** How far back a message's stored clicks matter for a burst. */
  public Duration burstWindow() {
    return burstWindow;
  }

  /**
   * The final origins of a batch's opens and clicks, which {@link #ofRequest} found human: the time
   * rule with each message's send time, the burst rule with its stored clicks of the last {@link
   * #burstWindow} and the batch's own. Other events pass unchanged; an event of a message without a
   * send time (not sent by this application) is judged by its request alone.
   *
   * @param sentAt send time by outbox id (missing: unknown)
   * @param storedClicks by outbox id, the clicks already in CM_EVENT near the batch's
   */
  public Decision decide(
      List<EngagementEvent> batch,
      Map<Long, LocalDateTime> sentAt,
      Map<Long, List<Click>> storedClicks) {
    List<EngagementEvent> out = new ArrayList<>(batch);
    Map<Long, List<Integer>> clicksOf = new HashMap<>();
    for (int i = 0; i < out.size(); i++) {
      EngagementEvent e = out.get(i);
      if (e.origin() == null) {
        continue;
      }
      if (e.origin() == EngagementOrigin.HUMAN
          && nearSending(sentAt.get(e.outboxId()), e.occurredAt())) {
        out.set(i, e.withOrigin(EngagementOrigin.machine(e.type())));
      }
      if (e.type() == EventType.CLICKED) {
        clicksOf.computeIfAbsent(e.outboxId(), k -> new ArrayList<>()).add(i);
      }
    }
    Set<Long> storedBots = new HashSet<>();
    clicksOf.forEach(
        (outboxId, positions) -> {
          List<Click> stored = storedClicks.getOrDefault(outboxId, List.of());
          List<Click> all = new ArrayList<>(stored);
          for (int p : positions) {
            all.add(new Click(0, out.get(p).detail(), out.get(p).occurredAt()));
          }
          for (int k : bursts(all)) {
            if (k < stored.size()) {
              storedBots.add(stored.get(k).id());
            } else {
              int p = positions.get(k - stored.size());
              out.set(p, out.get(p).withOrigin(EngagementOrigin.BOT_CLICK));
            }
          }
        });
    return new Decision(out, storedBots);
  }

  /**
   * The built-in signatures plus the configured User-Agent fragments and address ranges (named
   * "configured"); entries that are not an address or a range are left out and returned in {@code
   * refused}.
   */
  public static List<Signature> signatures(
      List<String> userAgents, List<String> networks, List<String> refused) {
    List<Signature> all = new ArrayList<>(builtIn());
    for (String a : userAgents) {
      if (!a.isBlank()) {
        all.add(new Signature(Kind.AGENT, "configured", a.strip()));
      }
    }
    for (String n : networks) {
      if (n.isBlank()) {
        continue;
      }
      if (network("configured", n.strip()).isPresent()) {
        all.add(new Signature(Kind.NETWORK, "configured", n.strip()));
      } else {
        refused.add(n.strip());
      }
    }
    return all;
  }

  /** The signatures of {@value #BUILT_IN}. */
  public static List<Signature> builtIn() {
    try (InputStream in = EngagementClassifier.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN + " is missing from the application");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Signature> parse(BufferedReader reader) throws IOException {
    List<Signature> found = new ArrayList<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("\\s+", 3);
      if (parts.length < 3) {
        throw new IllegalArgumentException("line " + number + ": kind, name and value: " + line);
      }
      Kind kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT).replace('-', '_'));
      found.add(new Signature(kind, parts[1], parts[2].strip()));
    }
    return found;
  }

  /** The range of "a.b.c.d/n", "x::/n" or one address; empty when it is none of those. */
  static Optional<Network> network(String name, String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(address);
    if (bytes == null) {
      return Optional.empty();
    }
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (bits < 0 || bits > bytes.length * 8) {
        return Optional.empty();
      }
    }
    return Optional.of(new Network(name, bytes, bits));
  }

  /**
   * The bytes of a literal IPv4 or IPv6 address (an IPv4-mapped IPv6 address gives its IPv4 bytes);
   * null for anything else. Only literals reach InetAddress, so nothing is ever looked up in the
   * DNS.
   */
  static byte[] literal(String address) {
    if (address == null) {
      return null;
    }
    String a = address.strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    if (!IPV4.matcher(a).matches() && !IPV6.matcher(a).matches()) {
      return null;
    }
    if (IPV4.matcher(a).matches()) {
      for (String part : a.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(a).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
