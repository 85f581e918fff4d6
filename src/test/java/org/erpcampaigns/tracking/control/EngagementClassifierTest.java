package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.tracking.control.EngagementClassifier.Click;
import org.erpcampaigns.tracking.control.EngagementClassifier.Decision;
import org.erpcampaigns.tracking.control.EngagementClassifier.Verdict;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EngagementOrigin;
import org.erpcampaigns.tracking.entity.EventType;
import org.junit.jupiter.api.Test;

class EngagementClassifierTest {
  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final String IPHONE_SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  static final String HOME = "93.184.216.34";
  static final LocalDateTime SENT = LocalDateTime.of(2026, 12, 1, 9, 0);

  private final EngagementClassifier cut =
      new EngagementClassifier(
          EngagementClassifier.builtIn(), Duration.ofSeconds(10), 3, Duration.ofSeconds(5));

  @Test
  void aBrowserAtHomeIsAPerson() {
    assertEquals(EngagementOrigin.HUMAN, click(CHROME, HOME).origin());
    assertEquals(EngagementOrigin.HUMAN, open(IPHONE_SAFARI, "2001:db8::7").origin());
  }

  @Test
  void aHeadRequestIsNeverAClickOrAnOpen() {
    Verdict click = cut.ofRequest(EventType.CLICKED, "HEAD", CHROME, HOME);
    assertEquals(new Verdict(EngagementOrigin.BOT_CLICK, "head"), click);
    Verdict open = cut.ofRequest(EventType.OPENED, "head", CHROME, HOME);
    assertEquals(new Verdict(EngagementOrigin.MACHINE_OPEN, "head"), open);
  }

  @Test
  void appleMailPrivacyProtectionIsAMachineOpen() {
    assertEquals(
        new Verdict(EngagementOrigin.MACHINE_OPEN, "apple-mail-privacy"),
        open("Mozilla/5.0", HOME),
        "the bare User-Agent of Apple's proxy");
    assertEquals(
        new Verdict(EngagementOrigin.MACHINE_OPEN, "apple-mail-privacy"),
        open(IPHONE_SAFARI, "17.58.101.4"),
        "from Apple's network");
  }

  @Test
  void gmailAndYahooImageProxiesArePeopleOpeningTheMessage() {
    String gmail =
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com"
            + " GoogleImageProxy)";
    assertEquals(new Verdict(EngagementOrigin.HUMAN, "gmail-image-proxy"), open(gmail, HOME));
    String yahoo = "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html";
    assertEquals(new Verdict(EngagementOrigin.HUMAN, "yahoo-mail-proxy"), open(yahoo, HOME));
  }

  @Test
  void gmailsProxyOnDeliveryIsAPrefetch() {
    EngagementEvent onDelivery =
        new EngagementEvent(1, EventType.OPENED, null, SENT.plusSeconds(2), EngagementOrigin.HUMAN);
    Decision d = cut.decide(List.of(onDelivery), Map.of(1L, SENT), Map.of());
    assertEquals(EngagementOrigin.MACHINE_OPEN, d.events().get(0).origin());
  }

  @Test
  void mailSecurityGatewaysByTheirNetworks() {
    // each gateway scans with an ordinary browser's User-Agent, from its own network
    Map<String, String> scanners =
        Map.of(
            "40.94.29.84", "microsoft-safe-links",
            "104.47.18.120", "microsoft-safe-links",
            "2a01:111:f400:fe0c::7", "microsoft-safe-links",
            "148.163.150.2", "proofpoint-url-defense",
            "205.139.110.30", "mimecast-url-protect",
            "64.235.150.1", "barracuda-link-protect",
            "68.232.140.9", "cisco-ironport",
            "216.82.242.10", "symantec-email-security",
            "150.70.190.3", "trend-micro");
    scanners.forEach(
        (address, name) ->
            assertEquals(
                new Verdict(EngagementOrigin.BOT_CLICK, name), click(CHROME, address), address));
  }

  @Test
  void scannersAndScriptsByTheirUserAgents() {
    Map<String, String> agents =
        Map.ofEntries(
            Map.entry(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " BingPreview/1.0b",
                "microsoft-safe-links"),
            Map.entry("Microsoft Office Existence Discovery", "microsoft-office-check"),
            Map.entry("Proofpoint URL Defense/1.0", "proofpoint-url-defense"),
            Map.entry("Mimecast-URL-Protect/2", "mimecast-url-protect"),
            Map.entry("Barracuda Sentinel (EE)", "barracuda-link-protect"),
            Map.entry("Cisco IronPort URL Filter", "cisco-ironport"),
            Map.entry("Symantec Web Security", "symantec-email-security"),
            Map.entry("Trend Micro URL Scanner", "trend-micro"),
            Map.entry("curl/8.5.0", "curl"),
            Map.entry("Wget/1.21.4", "wget"),
            Map.entry("python-requests/2.32.3", "python"),
            Map.entry("Go-http-client/1.1", "go"),
            Map.entry("Java/17.0.12", "java"),
            Map.entry("Java-http-client/17.0.12", "java"),
            Map.entry(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " HeadlessChrome/131.0.0.0 Safari/537.36",
                "headless-browser"),
            Map.entry("Mozilla/5.0 (compatible; Googlebot/2.1)", "crawler"));
    agents.forEach(
        (agent, name) ->
            assertEquals(new Verdict(EngagementOrigin.BOT_CLICK, name), click(agent, HOME), agent));
  }

  @Test
  void noUserAgentIsAMachine() {
    assertEquals(EngagementOrigin.BOT_CLICK, click(null, HOME).origin());
    assertEquals(EngagementOrigin.MACHINE_OPEN, open("  ", HOME).origin());
  }

  @Test
  void configuredUserAgentsAndNetworksAddToTheBuiltInOnes() {
    List<String> refused = new ArrayList<>();
    EngagementClassifier configured =
        new EngagementClassifier(
            EngagementClassifier.signatures(
                List.of("AcmeScanner"),
                List.of("198.51.100.0/24", "2001:db8:5::/48", "nowhere.example", "10.0.0.0/33"),
                refused),
            Duration.ofSeconds(10),
            3,
            Duration.ofSeconds(5));
    assertEquals(List.of("nowhere.example", "10.0.0.0/33"), refused, "no DNS, no bad prefix");
    assertEquals(
        new Verdict(EngagementOrigin.BOT_CLICK, "configured"),
        configured.ofRequest(EventType.CLICKED, "GET", "AcmeScanner/3", HOME));
    assertEquals(
        new Verdict(EngagementOrigin.BOT_CLICK, "configured"),
        configured.ofRequest(EventType.CLICKED, "GET", CHROME, "198.51.100.77"));
    assertEquals(
        new Verdict(EngagementOrigin.MACHINE_OPEN, "configured"),
        configured.ofRequest(EventType.OPENED, "GET", CHROME, "2001:db8:5:1::9"));
    assertEquals(
        EngagementOrigin.HUMAN,
        configured.ofRequest(EventType.CLICKED, "GET", CHROME, "198.51.101.1").origin());
    assertEquals(
        EngagementOrigin.BOT_CLICK,
        configured.ofRequest(EventType.CLICKED, "GET", CHROME, "40.94.1.1").origin(),
        "the built-in ones stay");
  }

  @Test
  void rangesMatchOnTheirPrefixBitsOnly() {
    var n = EngagementClassifier.network("n", "10.1.128.0/17").orElseThrow();
    assertTrue(n.contains(EngagementClassifier.literal("10.1.255.255")));
    assertFalse(n.contains(EngagementClassifier.literal("10.1.127.255")));
    assertFalse(n.contains(EngagementClassifier.literal("::1")), "another family");
    assertTrue(
        n.contains(EngagementClassifier.literal("::ffff:10.1.200.1")),
        "an IPv4-mapped address is its IPv4 address");
    assertTrue(
        EngagementClassifier.network("n", "0.0.0.0/0")
            .orElseThrow()
            .contains(EngagementClassifier.literal("8.8.8.8")));
    assertEquals(null, EngagementClassifier.literal("300.1.1.1"));
    assertEquals(null, EngagementClassifier.literal("localhost"));
  }

  @Test
  void opensAndClicksWithinSecondsOfSendingAreMachines() {
    List<EngagementEvent> batch =
        List.of(
            human(EventType.OPENED, null, SENT.plusSeconds(9)),
            human(EventType.CLICKED, "https://shop.example/a", SENT.plusSeconds(4)),
            human(EventType.OPENED, null, SENT.minusSeconds(1)),
            human(EventType.OPENED, null, SENT.plusSeconds(10)),
            human(EventType.CLICKED, "https://shop.example/a", SENT.plusMinutes(5)));
    List<EngagementOrigin> origins = origins(cut.decide(batch, Map.of(1L, SENT), Map.of()));
    assertEquals(
        List.of(
            EngagementOrigin.MACHINE_OPEN,
            EngagementOrigin.BOT_CLICK,
            EngagementOrigin.MACHINE_OPEN, // stamped SENT a moment after the relay took it
            EngagementOrigin.HUMAN,
            EngagementOrigin.HUMAN),
        origins);
  }

  @Test
  void withoutASendTimeOrWithTheRuleOffOnlyTheRequestCounts() {
    List<EngagementEvent> batch = List.of(human(EventType.OPENED, null, SENT.plusSeconds(1)));
    assertEquals(List.of(EngagementOrigin.HUMAN), origins(cut.decide(batch, Map.of(), Map.of())));
    EngagementClassifier off =
        new EngagementClassifier(List.of(), Duration.ZERO, 0, Duration.ofSeconds(5));
    assertEquals(
        List.of(EngagementOrigin.HUMAN), origins(off.decide(batch, Map.of(1L, SENT), Map.of())));
  }

  @Test
  void everyLinkOfAMessageWithinSecondsIsABurstAndItsStoredClicksAreBotsToo() {
    LocalDateTime at = SENT.plusHours(1);
    List<Click> stored = List.of(new Click(501, "https://shop.example/a", at));
    List<EngagementEvent> batch =
        List.of(
            human(EventType.CLICKED, "https://shop.example/b", at.plusSeconds(1)),
            human(EventType.CLICKED, "https://shop.example/c", at.plusSeconds(2)),
            human(EventType.OPENED, null, at.plusSeconds(2)));
    Decision d = cut.decide(batch, Map.of(1L, SENT), Map.of(1L, stored));
    assertEquals(
        List.of(EngagementOrigin.BOT_CLICK, EngagementOrigin.BOT_CLICK, EngagementOrigin.HUMAN),
        origins(d),
        "a burst is of clicks; the open stays a person's");
    assertEquals(Set.of(501L), d.storedBotClicks());
  }

  @Test
  void aPersonClickingOneLinkTwiceOrTwoLinksIsNoBurst() {
    LocalDateTime at = SENT.plusHours(1);
    List<EngagementEvent> batch =
        List.of(
            human(EventType.CLICKED, "https://shop.example/a", at),
            human(EventType.CLICKED, "https://shop.example/a", at.plusSeconds(1)),
            human(EventType.CLICKED, "https://shop.example/b", at.plusSeconds(2)),
            // a third link, but seven seconds after the others began: not within the five
            human(EventType.CLICKED, "https://shop.example/c", at.plusSeconds(8)));
    Decision d = cut.decide(batch, Map.of(1L, SENT), Map.of());
    assertTrue(
        origins(d).stream().allMatch(o -> o == EngagementOrigin.HUMAN), origins(d).toString());
    assertTrue(d.storedBotClicks().isEmpty());
  }

  @Test
  void burstsAreCountedPerMessage() {
    LocalDateTime at = SENT.plusHours(1);
    List<EngagementEvent> batch =
        List.of(
            new EngagementEvent(
                1, EventType.CLICKED, "https://a.example/", at, EngagementOrigin.HUMAN),
            new EngagementEvent(
                2, EventType.CLICKED, "https://b.example/", at, EngagementOrigin.HUMAN),
            new EngagementEvent(
                3, EventType.CLICKED, "https://c.example/", at, EngagementOrigin.HUMAN));
    assertTrue(
        origins(cut.decide(batch, Map.of(), Map.of())).stream()
            .allMatch(o -> o == EngagementOrigin.HUMAN),
        "three recipients clicking at once are three people");
  }

  @Test
  void theBuiltInSignaturesAreReadableAndCoverEveryKind() {
    List<EngagementClassifier.Signature> all = EngagementClassifier.builtIn();
    for (EngagementClassifier.Kind k : EngagementClassifier.Kind.values()) {
      assertTrue(all.stream().anyMatch(s -> s.kind() == k), k.name());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new EngagementClassifier(
                List.of(
                    new EngagementClassifier.Signature(
                        EngagementClassifier.Kind.NETWORK, "bad", "example.com/8")),
                Duration.ZERO,
                0,
                Duration.ZERO));
  }

  private Verdict click(String agent, String address) {
    return cut.ofRequest(EventType.CLICKED, "GET", agent, address);
  }

  private Verdict open(String agent, String address) {
    return cut.ofRequest(EventType.OPENED, "GET", agent, address);
  }

  private static EngagementEvent human(EventType type, String url, LocalDateTime at) {
    return new EngagementEvent(1, type, url, at, EngagementOrigin.HUMAN);
  }

  private static List<EngagementOrigin> origins(Decision d) {
    return d.events().stream().map(EngagementEvent::origin).toList();
  }
}
