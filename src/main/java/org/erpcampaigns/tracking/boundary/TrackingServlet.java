package org.erpcampaigns.tracking.boundary;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.tracking.control.EngagementClassifier;
import org.erpcampaigns.tracking.control.EngagementClassifier.Verdict;
import org.erpcampaigns.tracking.control.TrackingTokens;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EngagementOrigin;
import org.erpcampaigns.tracking.entity.EventType;
import org.erpcampaigns.tracking.entity.Recipient;

/**
 * What recipients reach from a message, without a login (web.xml opens /t/*): the open pixel
 * (t/o/{token}), click redirects (t/c/{token}?u={url}) and the unsubscribe page with its RFC 8058
 * one-click POST (t/u/{token}). The signed token is the only authority: a forged or altered token,
 * or a click token presented with another URL, gets 404 with no redirect and no data.
 */
@WebServlet(urlPatterns = "/t/*")
@MultipartConfig(maxFileSize = 4096, maxRequestSize = 8192)
public class TrackingServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String ONE_CLICK_PARAMETER = "List-Unsubscribe";
  static final String ONE_CLICK_VALUE = "One-Click";

  /** The unsubscribe page's form says it is the page's (not an RFC 8058 one-click POST). */
  static final String PAGE_PARAMETER = "via";

  static final String PAGE_VALUE = "page";

  /** A transparent 1x1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private static final Logger LOG = Logger.getLogger(TrackingServlet.class.getName());

  @Inject transient TrackingTokens tokens;
  @Inject transient EngagementClassifier classifier;
  @EJB transient EventRecorder events;
  @EJB transient Unsubscribes unsubscribes;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    noCaching(res);
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (path.startsWith("/o/")) {
      open(token(path), req, res);
    } else if (path.startsWith("/c/")) {
      click(token(path), req.getParameter("u"), req, res);
    } else if (path.startsWith("/u/")) {
      unsubscribePage(token(path), req, res);
    } else {
      notFound(req, res);
    }
  }

  /**
   * Link checkers and scanners ask with HEAD: answered like GET, and recorded as a machine's open
   * or a bot's click (never a person's: a browser following a link asks with GET).
   */
  @Override
  protected void doHead(HttpServletRequest req, HttpServletResponse res) throws IOException {
    noCaching(res);
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String url = req.getParameter("u");
    if (path.startsWith("/c/")) {
      OptionalLong outboxId = tokens.verifyClick(token(path), url);
      if (outboxId.isPresent() && isWebAddress(url)) {
        record(outboxId.getAsLong(), EventType.CLICKED, url, req);
        res.setStatus(HttpServletResponse.SC_FOUND);
        res.setHeader("Location", url);
        return;
      }
    }
    if (path.startsWith("/o/")) {
      OptionalLong outboxId = tokens.verify(token(path), Purpose.OPEN);
      if (outboxId.isPresent()) {
        record(outboxId.getAsLong(), EventType.OPENED, null, req);
        res.setStatus(HttpServletResponse.SC_OK);
        return;
      }
    }
    boolean valid =
        path.startsWith("/u/") && tokens.verify(token(path), Purpose.UNSUBSCRIBE).isPresent();
    res.setStatus(valid ? HttpServletResponse.SC_OK : HttpServletResponse.SC_NOT_FOUND);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    noCaching(res);
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (!path.startsWith("/u/")) {
      notFound(req, res);
      return;
    }
    OptionalLong outboxId = tokens.verify(token(path), Purpose.UNSUBSCRIBE);
    if (outboxId.isEmpty()) {
      notFound(req, res);
      return;
    }
    if (!ONE_CLICK_VALUE.equals(req.getParameter(ONE_CLICK_PARAMETER))) {
      Locale locale = locale(req);
      res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      page(
          res,
          locale,
          Messages.get(locale, "tracking.unsubscribe.title"),
          "",
          paragraph(Messages.get(locale, "tracking.request.invalid")));
      return;
    }
    if (PAGE_VALUE.equals(req.getParameter(PAGE_PARAMETER))) {
      // the page's own button: link scanners that submit the forms they find (Safe Links does,
      // FusionAuth/fusionauth-site#2922) must not unsubscribe anyone. RFC 8058's POST, without the
      // page's field, comes from the mail provider on the user's request (§3.2: never without
      // their consent) and always counts.
      Verdict v = classify(EventType.CLICKED, req);
      if (v.origin() != EngagementOrigin.HUMAN) {
        LOG.info(
            () ->
                "event=unsubscribe-by-machine-ignored outbox="
                    + outboxId.getAsLong()
                    + " by="
                    + v.reason());
        unsubscribePage(token(path), req, res);
        return;
      }
    }
    Optional<Recipient> done = unsubscribes.unsubscribe(outboxId.getAsLong());
    if (done.isEmpty()) {
      notFound(req, res);
      return;
    }
    Locale locale = locale(req);
    page(
        res,
        locale,
        Messages.get(locale, "tracking.unsubscribe.title"),
        Messages.get(locale, "tracking.unsubscribe.done"),
        paragraph(
            Messages.get(locale, "tracking.unsubscribe.doneDetail", done.get().maskedEmail())));
  }

  private void open(String token, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    OptionalLong outboxId = tokens.verify(token, Purpose.OPEN);
    if (outboxId.isEmpty()) {
      notFound(req, res);
      return;
    }
    record(outboxId.getAsLong(), EventType.OPENED, null, req);
    res.setContentType("image/gif");
    res.setContentLength(PIXEL.length);
    res.getOutputStream().write(PIXEL);
  }

  private void click(String token, String url, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    OptionalLong outboxId = tokens.verifyClick(token, url);
    if (outboxId.isEmpty() || !isWebAddress(url)) {
      notFound(req, res);
      return;
    }
    // a scanner's click is redirected all the same: the recipient's link must never break
    record(outboxId.getAsLong(), EventType.CLICKED, url, req);
    res.setStatus(HttpServletResponse.SC_FOUND);
    res.setHeader("Location", url);
  }

  /**
   * Records the open or click with the origin the request shows; the event writer completes it with
   * the message's send time and earlier clicks.
   */
  private void record(long outboxId, EventType type, String url, HttpServletRequest req) {
    Verdict v = classify(type, req);
    events.record(new EngagementEvent(outboxId, type, url, now(), v.origin()));
  }

  /**
   * What the request shows about who sent it. The address is the connection's own: this application
   * has no notion of a trusted reverse proxy, so X-Forwarded-For (which anyone can send) is not
   * believed.
   */
  private Verdict classify(EventType type, HttpServletRequest req) {
    Verdict v =
        classifier.ofRequest(
            type, req.getMethod(), req.getHeader("User-Agent"), req.getRemoteAddr());
    if (v.origin() != EngagementOrigin.HUMAN) {
      LOG.fine(() -> "event=machine-" + type.name().toLowerCase(Locale.ROOT) + " by=" + v.reason());
    }
    return v;
  }

  private void unsubscribePage(String token, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    OptionalLong outboxId = tokens.verify(token, Purpose.UNSUBSCRIBE);
    Optional<Recipient> recipient =
        outboxId.isEmpty() ? Optional.empty() : unsubscribes.recipient(outboxId.getAsLong());
    if (recipient.isEmpty()) {
      notFound(req, res);
      return;
    }
    Locale locale = locale(req);
    Recipient r = recipient.get();
    String title = Messages.get(locale, "tracking.unsubscribe.title");
    if (r.suppressed()) {
      page(
          res,
          locale,
          title,
          title,
          paragraph(Messages.get(locale, "tracking.unsubscribe.already", r.maskedEmail())));
      return;
    }
    String body =
        paragraph(Messages.get(locale, "tracking.unsubscribe.question", r.maskedEmail()))
            + "<p class=\"muted\">"
            + html(Messages.get(locale, "tracking.unsubscribe.explain"))
            + "</p><form method=\"post\" id=\"unsubscribe-form\">"
            + "<input type=\"hidden\" name=\""
            + ONE_CLICK_PARAMETER
            + "\" value=\""
            + ONE_CLICK_VALUE
            + "\"><input type=\"hidden\" name=\""
            + PAGE_PARAMETER
            + "\" value=\""
            + PAGE_VALUE
            + "\"><input type=\"hidden\" name=\"lang\" value=\""
            + locale.getLanguage()
            + "\"><button type=\"submit\" id=\"unsubscribe-confirm\">"
            + html(Messages.get(locale, "tracking.unsubscribe.confirm"))
            + "</button></form>";
    page(res, locale, title, title, body);
  }

  private void notFound(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Locale locale = locale(req);
    res.setStatus(HttpServletResponse.SC_NOT_FOUND);
    page(
        res,
        locale,
        Messages.get(locale, "tracking.link.invalid"),
        Messages.get(locale, "tracking.link.invalid"),
        paragraph(Messages.get(locale, "tracking.link.invalidDetail")));
  }

  /**
   * The page's language: ?lang= (the sender may add the message's language), else the browser's.
   */
  static Locale locale(HttpServletRequest req) {
    String lang = req.getParameter("lang");
    if (lang != null && !lang.isBlank() && lang.length() <= 8) {
      return Messages.supported(Locale.forLanguageTag(lang.strip()));
    }
    // without the header, getLocales() is the server's locale, not the reader's
    if (req.getHeader("Accept-Language") != null) {
      return Messages.supported(Collections.list(req.getLocales()));
    }
    return Locale.ENGLISH;
  }

  private static void page(
      HttpServletResponse res, Locale locale, String title, String heading, String body)
      throws IOException {
    res.setContentType("text/html");
    res.setCharacterEncoding(StandardCharsets.UTF_8.name());
    res.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    PrintWriter out = res.getWriter();
    out.print("<!DOCTYPE html><html lang=\"");
    out.print(locale.getLanguage());
    out.print(
        "\"><head><meta charset=\"UTF-8\"><meta name=\"viewport\""
            + " content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
            + "<title>");
    out.print(html(title));
    out.print(
        "</title><style>body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
            + "sans-serif;background:#f5f7fa;color:#1f2937}main{max-width:36rem;margin:4rem auto;"
            + "background:#fff;padding:2rem;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}"
            + "h1{font-size:1.4rem;color:#1f4e79;margin-top:0}.muted{color:#6b7280}"
            + "button{background:#1f4e79;color:#fff;border:0;border-radius:.4rem;padding:.6rem 1.2rem;"
            + "font-size:1rem;cursor:pointer}nav{margin-top:1.5rem;font-size:.85rem}"
            + "nav a{color:#1f4e79;margin-right:.6rem}</style></head><body><main>");
    if (!heading.isEmpty()) {
      out.print("<h1>");
      out.print(html(heading));
      out.print("</h1>");
    }
    out.print(body);
    out.print("<nav>");
    for (Locale l : Messages.LANGUAGES) {
      out.print("<a lang=\"" + l.getLanguage() + "\" href=\"?lang=" + l.getLanguage() + "\">");
      String name = l.getDisplayLanguage(l);
      out.print(html(name.substring(0, 1).toUpperCase(l) + name.substring(1)));
      out.print("</a>");
    }
    out.print("</nav></main></body></html>");
  }

  private static String paragraph(String text) {
    return "<p>" + html(text) + "</p>";
  }

  static String html(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String token(String path) {
    return path.substring(3);
  }

  private static boolean isWebAddress(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private static void noCaching(HttpServletResponse res) {
    res.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0");
    res.setHeader("Pragma", "no-cache");
    res.setDateHeader("Expires", 0);
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Robots-Tag", "noindex, nofollow");
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
