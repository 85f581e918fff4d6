package org.erpcampaigns.mailings.control;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.core.DisallowExtensionCustomizerBuilder;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles and renders message templates with Pebble, sandboxed: a template sees only the data it
 * is given (maps of plain values), never a Java method or class (every method access is refused),
 * cannot include, import or extend other templates, and cannot produce more than 2 MB, loop more
 * than {@value #MAX_LOOP_STEPS} times in all ({@code range} and {@code ..}), format more than
 * {@value #MAX_DECIMALS} decimals or nest macro calls without end (each refused as a template
 * error, so a preview answers 400 at once instead of working for minutes). Contact data in the HTML
 * body is HTML-escaped; subject and text are not HTML and are not escaped. Dates, numbers and
 * amounts are formatted in the recipient's locale ({@code localdate}, {@code number}, {@code
 * currency} filters, besides Pebble's own {@code date}, {@code numberformat} and {@code default}).
 * Compiled templates are thread-safe.
 */
public final class MessageRenderer {
  static final int MAX_RENDERED_CHARS = 2_000_000;
  static final int MAX_LOOP_STEPS = 100_000;
  static final int MAX_DECIMALS = 10;

  /** What is left of the loop steps of the part being rendered on this thread. */
  private static final ThreadLocal<long[]> LOOP_STEPS_LEFT =
      ThreadLocal.withInitial(() -> new long[1]);

  private final PebbleEngine html = engine(true);
  private final PebbleEngine plain = engine(false);

  /**
   * One language variant, compiled. The text is the template's own, or derived from the HTML
   * template ({@code textFromHtml}: rendered, then tidied), or null when each message's HTML is
   * converted instead.
   */
  public record CompiledVariant(
      PebbleTemplate subject, PebbleTemplate html, PebbleTemplate text, boolean textFromHtml) {}

  /** A message as the recipient reads it, before tracking links are added. */
  public record RenderedMessage(String subject, String html, String text) {}

  /**
   * Compiles the three parts, or throws a {@link TemplateError} naming the part, the line and the
   * reason.
   */
  public CompiledVariant compile(String subject, String htmlBody, String textBody) {
    PebbleTemplate subjectTemplate = compile(plain, "subject", subject);
    PebbleTemplate htmlTemplate = compile(html, "html", htmlBody);
    if (textBody != null && !textBody.isBlank()) {
      return new CompiledVariant(
          subjectTemplate, htmlTemplate, compile(plain, "text", textBody), false);
    }
    PebbleTemplate derived = HtmlToText.templateText(htmlBody).map(this::derived).orElse(null);
    return new CompiledVariant(subjectTemplate, htmlTemplate, derived, derived != null);
  }

  /** The text template derived from an HTML template, or null when it does not compile. */
  private PebbleTemplate derived(String textSource) {
    try {
      return plain.getTemplate(textSource);
    } catch (PebbleException e) {
      return null; // each message's HTML is converted instead
    }
  }

  public RenderedMessage render(CompiledVariant v, Map<String, Object> model, Locale locale) {
    String subject = oneLine(evaluate(v.subject(), "subject", model, locale));
    String body = evaluate(v.html(), "html", model, locale);
    String text;
    if (v.text() == null) {
      text = HtmlToText.convert(body);
    } else if (v.textFromHtml()) {
      text = HtmlToText.tidy(evaluate(v.text(), "text", model, locale));
    } else {
      text = evaluate(v.text(), "text", model, locale);
    }
    return new RenderedMessage(subject, body, text);
  }

  /**
   * A subject is one header line: line breaks and other control characters that data brought in
   * become spaces, so nothing can start a header of its own.
   */
  static String oneLine(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = c == ' ' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (!space) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
        out.append(' ');
      }
    }
    return out.toString().strip();
  }

  private static PebbleTemplate compile(PebbleEngine engine, String part, String source) {
    if (source == null) {
      throw new TemplateError(part, 1, "empty", null);
    }
    try {
      return engine.getTemplate(source);
    } catch (PebbleException e) {
      throw error(part, e);
    }
  }

  private static String evaluate(
      PebbleTemplate t, String part, Map<String, Object> model, Locale locale) {
    StringWriter out = new StringWriter(4096);
    LOOP_STEPS_LEFT.get()[0] = MAX_LOOP_STEPS;
    try {
      t.evaluate(out, model, locale);
    } catch (PebbleException e) {
      throw error(part, e);
    } catch (StackOverflowError e) {
      throw new TemplateError(part, 1, "macros call each other without end", null);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter does not fail", e);
    }
    return out.toString();
  }

  private static TemplateError error(String part, PebbleException e) {
    Integer line = e.getLineNumber();
    String reason = e.getPebbleMessage() == null ? e.getMessage() : e.getPebbleMessage();
    if (e instanceof io.pebbletemplates.pebble.error.ClassAccessException) {
      reason = "access to Java methods and classes is not allowed in templates";
    }
    return new TemplateError(part, line == null ? 1 : line, reason, e);
  }

  private static PebbleEngine engine(boolean escapeHtml) {
    return new PebbleEngine.Builder()
        // the template text is the "name": nothing is ever read from files or the class path
        .loader(new StringLoader())
        .cacheActive(false)
        .autoEscaping(escapeHtml)
        .defaultEscapingStrategy("html")
        .strictVariables(false)
        .newLineTrimming(false)
        .maxRenderedSize(MAX_RENDERED_CHARS)
        .methodAccessValidator((object, method) -> false)
        .registerExtensionCustomizer(
            new DisallowExtensionCustomizerBuilder()
                .disallowedTokenParserTags(
                    List.of("include", "import", "from", "extends", "embed", "parallel", "cache"))
                .disallowedFunctionKeys(List.of("i18n", "parent", "block"))
                .build())
        .extension(new MailFilters())
        .build();
  }

  /** Locale-aware formatting for marketers: {{ amount | currency("EUR") }}, {{ d | localdate }}. */
  static final class MailFilters extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
      return Map.of(
          "currency", new CurrencyFilter(),
          "localdate", new LocalDateFilter(),
          "number", new NumberFilter());
    }

    /** Pebble's own range (also behind {@code 1..n}), within the render's loop steps. */
    @Override
    public Map<String, io.pebbletemplates.pebble.extension.Function> getFunctions() {
      return Map.of("range", new BoundedRange());
    }
  }

  static final class BoundedRange implements io.pebbletemplates.pebble.extension.Function {
    @Override
    public List<String> getArgumentNames() {
      return List.of("start", "end", "increment");
    }

    @Override
    public Object execute(
        Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx, int line) {
      long start = whole(args.get("start"), line);
      long end = whole(args.get("end"), line);
      long step = args.get("increment") == null ? 1 : whole(args.get("increment"), line);
      if (step == 0) {
        throw new PebbleException(null, "the range's increment must not be 0", line, null);
      }
      long steps = (step > 0 ? end >= start : end <= start) ? (end - start) / step + 1 : 0;
      long[] left = LOOP_STEPS_LEFT.get();
      if (steps < 0 || steps > left[0]) {
        throw new PebbleException(
            null, "a template may loop at most " + MAX_LOOP_STEPS + " times in all", line, null);
      }
      left[0] -= steps;
      List<Long> values = new java.util.ArrayList<>((int) steps);
      for (long i = 0, v = start; i < steps; i++, v += step) {
        values.add(v);
      }
      return values;
    }

    private static long whole(Object value, int line) {
      if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return n.longValue();
      }
      throw new PebbleException(null, "a range takes whole numbers", line, null);
    }
  }

  static final class CurrencyFilter implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of("code");
    }

    @Override
    public Object apply(
        Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx, int l) {
      if (!(input instanceof Number n)) {
        return input;
      }
      Object code = args.get("code");
      Locale locale = ctx.getLocale();
      String currency = code == null ? "" : code.toString().strip().toUpperCase(Locale.ROOT);
      NumberFormat f =
          formatter(
              "c/" + locale + "/" + currency,
              () -> {
                NumberFormat made = NumberFormat.getCurrencyInstance(locale);
                if (!currency.isEmpty()) {
                  try {
                    Currency c = Currency.getInstance(currency);
                    made.setCurrency(c);
                    made.setMinimumFractionDigits(c.getDefaultFractionDigits());
                    made.setMaximumFractionDigits(c.getDefaultFractionDigits());
                  } catch (IllegalArgumentException unknown) {
                    return null;
                  }
                }
                return made;
              });
      if (f == null) {
        NumberFormat plain = formatter("n/" + locale + "/2", () -> digits(locale, 2));
        return plain.format(decimal(n)) + " " + code;
      }
      return f.format(decimal(n));
    }
  }

  static final class NumberFilter implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of("decimals");
    }

    @Override
    public Object apply(
        Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx, int l) {
      if (!(input instanceof Number n)) {
        return input;
      }
      Locale locale = ctx.getLocale();
      Integer decimals = args.get("decimals") instanceof Number d ? d.intValue() : null;
      if (decimals != null && (decimals < 0 || decimals > MAX_DECIMALS)) {
        throw new PebbleException(
            null, "number takes 0 to " + MAX_DECIMALS + " decimals, not " + decimals, l, null);
      }
      return formatter("n/" + locale + "/" + decimals, () -> digits(locale, decimals))
          .format(decimal(n));
    }
  }

  static final class LocalDateFilter implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of("style");
    }

    @Override
    public Object apply(
        Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx, int l) {
      if (!(input instanceof TemporalAccessor t)) {
        return input;
      }
      FormatStyle style = FormatStyle.LONG;
      if (args.get("style") != null) {
        try {
          style = FormatStyle.valueOf(args.get("style").toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new PebbleException(e, "style must be short, medium, long or full", l, null);
        }
      }
      FormatStyle chosen = style;
      return DATE_FORMATS
          .computeIfAbsent(
              chosen + "/" + ctx.getLocale(),
              k -> DateTimeFormatter.ofLocalizedDate(chosen).withLocale(ctx.getLocale()))
          .format(t);
    }
  }

  // formatters are costly to make and number formats are not thread-safe: each thread keeps the
  // ones it used, configured once (a clone per use took a twentieth of the sender's time); date
  // formats are immutable and shared
  private static final ThreadLocal<Map<String, NumberFormat>> NUMBER_FORMATS =
      ThreadLocal.withInitial(java.util.HashMap::new);
  private static final Map<String, DateTimeFormatter> DATE_FORMATS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final NumberFormat UNKNOWN = NumberFormat.getNumberInstance(Locale.ROOT);

  /** This thread's formatter for {@code key}, made once; null when {@code make} gives none. */
  private static NumberFormat formatter(
      String key, java.util.function.Supplier<NumberFormat> make) {
    Map<String, NumberFormat> mine = NUMBER_FORMATS.get();
    NumberFormat f = mine.get(key);
    if (f == null) {
      if (mine.size() > 256) {
        mine.clear(); // a few locales and currencies per mailing
      }
      NumberFormat made = make.get();
      f = made == null ? UNKNOWN : made;
      mine.put(key, f);
    }
    return f == UNKNOWN ? null : f;
  }

  private static NumberFormat digits(Locale locale, Integer decimals) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    if (decimals != null) {
      f.setMinimumFractionDigits(decimals);
      f.setMaximumFractionDigits(decimals);
    }
    return f;
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
  }
}
