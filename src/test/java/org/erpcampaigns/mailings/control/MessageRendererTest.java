package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.erpcampaigns.mailings.control.MessageRenderer.CompiledVariant;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
  MessageRenderer cut = new MessageRenderer();

  static Recipient contact(String first, String country) {
    return new Recipient(
        "P1",
        "a@example.com",
        null,
        first,
        "Rossi",
        "Rossi " + first,
        null,
        "Milano",
        country,
        LocalDate.of(2026, 3, 14),
        new BigDecimal("1234.5"),
        "EUR",
        3);
  }

  RenderedMessage render(String subject, String html, String text, Recipient r) {
    CompiledVariant v = cut.compile(subject, html, text);
    return cut.render(v, r.model(new Locale(r.language()), "https://x.test/t/u/abc"), r.locale());
  }

  @Test
  void personalisesWithDefaultsAndConditionals() {
    RenderedMessage m =
        render(
            "Hello {{ contact.firstName }}",
            "<p>Dear {{ contact.salutation | default('customer') }} {{ contact.lastName }},"
                + "{% if contact.city == 'Milano' %} see you in Milano{% else %} hi{% endif %}</p>",
            null,
            contact("Maria", "ITA"));
    assertEquals("Hello Maria", m.subject());
    assertTrue(m.html().contains("Dear customer Rossi, see you in Milano"), m.html());
  }

  @Test
  void formatsDatesNumbersAndAmountsInTheRecipientsLocale() {
    String html =
        "<p>{{ contact.lastOrderDate | localdate }} / {{ contact.totalSpent | currency(contact.currency) }}"
            + " / {{ contact.totalSpent | number(2) }} / {{ contact.lastOrderDate | date('dd MMMM yyyy') }}</p>";
    RenderedMessage it = render("s", html, null, contact("Maria", "ITA"));
    assertTrue(it.html().contains("14 marzo 2026"), it.html());
    assertTrue(it.html().contains("1.234,50"), it.html());
    assertTrue(it.html().contains("\u20ac"), it.html());
    RenderedMessage de = render("s", html, null, contact("Hans", "DEU"));
    assertTrue(de.html().contains("14. M\u00e4rz 2026"), de.html());
    RenderedMessage us = render("s", html, null, contact("John", "USA"));
    assertTrue(us.html().contains("March 14, 2026"), us.html());
    assertTrue(us.html().contains("\u20ac1,234.50"), us.html());
  }

  @Test
  void escapesContactDataInHtmlButNotInSubjectOrText() {
    RenderedMessage m =
        render(
            "Hi {{ contact.firstName }}",
            "<p>Hi {{ contact.firstName }}</p>",
            "Hi {{ contact.firstName }}",
            contact("<script>alert(1)</script>&Co", "ITA"));
    assertTrue(m.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;Co"), m.html());
    assertFalse(m.html().contains("<script>"));
    assertEquals("Hi <script>alert(1)</script>&Co", m.subject());
    assertEquals("Hi <script>alert(1)</script>&Co", m.text());
  }

  @Test
  void generatesTheTextPartFromTheHtml() {
    RenderedMessage m =
        render(
            "s",
            "<html><head><style>p{}</style></head><body><h1>Offer</h1><p>Dear {{ contact.firstName }},<br>"
                + "see <a href=\"https://shop.example.com/x?a=1&amp;b=2\">our shop</a>.</p>"
                + "<ul><li>one</li><li>two &amp; more</li></ul></body></html>",
            null,
            contact("Maria", "ITA"));
    assertEquals(
        "Offer\n\nDear Maria,\nsee our shop (https://shop.example.com/x?a=1&b=2).\n\n- one\n- two & more\n",
        m.text());
  }

  @Test
  void aSubjectStaysOneHeaderLineWhateverTheDataHolds() {
    RenderedMessage m =
        render(
            "Hello {{ contact.firstName }}",
            "<p>x</p>",
            null,
            contact("Eve\r\nBcc: victim@example.com", "ITA"));
    assertEquals("Hello Eve Bcc: victim@example.com", m.subject());
    assertFalse(m.subject().contains("\n"));
  }

  @Test
  void refusesJavaMethodsAndClasses() {
    for (String evil :
        new String[] {
          "{{ contact.firstName.getClass() }}",
          "{{ contact.firstName.class }}",
          "{{ contact.firstName.class.forName('java.lang.Runtime') }}",
          "{{ contact.getClass().getClassLoader() }}",
          "{{ contact.firstName.toUpperCase() }}",
          "{{ contact.lastOrderDate.year }}"
        }) {
      TemplateError e =
          assertThrows(
              TemplateError.class,
              () -> render("s", "<p>ok</p>\n" + evil, null, contact("Maria", "ITA")),
              evil);
      assertEquals("html", e.getPart());
      assertEquals(2, e.getLine(), evil);
    }
  }

  @Test
  void refusesIncludesAndImportsOfOtherTemplates() {
    for (String tag :
        new String[] {"{% include '/etc/passwd' %}", "{% import 'x' %}", "{% extends 'x' %}"}) {
      assertThrows(TemplateError.class, () -> cut.compile("s", tag, null), tag);
    }
  }

  @Test
  void aTemplateThatDoesNotCompileNamesPartLineAndReason() {
    TemplateError e =
        assertThrows(
            TemplateError.class,
            () ->
                cut.compile(
                    "ok", "<p>one</p>\n<p>two</p>\n{% if contact.firstName %}never closed", null));
    assertEquals("html", e.getPart());
    assertEquals(3, e.getLine());
    assertFalse(e.getReason().isBlank());
    TemplateError s = assertThrows(TemplateError.class, () -> cut.compile("Hi {{ }", "<p/>", null));
    assertEquals("subject", s.getPart());
  }

  @Test
  void theContactsLanguageComesFromTheirCountry() {
    assertEquals("it", contact("a", "ITA").language());
    assertEquals("de", contact("a", "AUT").language());
    assertEquals("nl", contact("a", "BE").language());
    assertEquals("en", contact("a", "USA").language());
    assertEquals("en", contact("a", null).language());
  }

  @Test
  void textDerivedOnceFromTheHtmlTemplateReadsAsTheConversionOfEachMessage() {
    String[] templates = {
      "<html><head><title>{{ contact.firstName }}</title><style>p{}</style></head><body>"
          + "<h1>Hello {{ contact.firstName | default('friend') }}!</h1>"
          + "{% if contact.city == 'Milano' %}<p>See you in <b>Milano</b>.</p>{% endif %}"
          + "<p>Spent: {{ contact.totalSpent | number(2) }} &amp; more&nbsp;soon</p>"
          + "<ul>{% for i in [1, 2, 3] %}<li>item {{ i }}</li>{% endfor %}</ul>"
          + "<p><a href=\"https://shop.test/p?c={{ contact.lastName }}&amp;x=1\">Shop  now</a>"
          + " <a href=\"https://shop.test/\">https://shop.test/</a>"
          + " <a href=\"{{ unsubscribeUrl }}\">{{ unsubscribeUrl }}</a></p>"
          + "{# a comment #}<p>{% if contact.city == 'Roma' %}Roma{% else %}elsewhere{% endif %}</p>"
          + "</body></html>",
      "<p>{{ contact.totalSpent | currency(contact.currency) }}&nbsp;spent</p>",
      "Plain {{ contact.lastName }}<br>line two<br/>{% if false %}<div>gone</div>{% endif %}end",
      "<p>{{ contact.firstName }}</p>\n\n\n<div>\n  {% if contact.city %}  {{ contact.city }}"
          + "  {% endif %}\n</div>",
    };
    for (String html : templates) {
      for (Recipient r :
          new Recipient[] {
            contact("Maria", "ITA"), contact("<b>Tom</b> & Co", "USA"), contact(null, "DEU")
          }) {
        CompiledVariant v = cut.compile("s", html, null);
        assertTrue(v.textFromHtml(), html);
        java.util.Map<String, Object> model =
            r.model(new Locale(r.language()), "https://x.test/t/u/abc");
        RenderedMessage m = cut.render(v, model, r.locale());
        assertEquals(HtmlToText.convert(m.html()), m.text(), html);
      }
    }
  }

  @Test
  void textIsConvertedPerMessageWhenTheTemplatePrintsUnescapedHtmlOrHidesTagsInMarkup() {
    for (String html :
        new String[] {
          "<p>{{ contact.firstName | raw }}</p>",
          "<title>{% if contact.city %}</title><p>x</p>{% endif %}",
          "<table>{% for i in [1, 2] %}<tr><td>row</td></tr>{% endfor %}</table>",
          "<p title=\"{% if contact.city %}c{% endif %}\">x</p>"
        }) {
      CompiledVariant v = cut.compile("s", html, null);
      assertFalse(v.textFromHtml(), html);
      Recipient r = contact("Maria", "ITA");
      RenderedMessage m =
          cut.render(v, r.model(new Locale(r.language()), "https://x.test/t/u/abc"), r.locale());
      assertEquals(HtmlToText.convert(m.html()), m.text(), html);
    }
  }

  @Test
  void loopsHaveALimitThatNestingCannotDodge() {
    Recipient r = contact("Maria", "IT");
    assertEquals(
        "12345",
        render("s", "{% for i in range(1, 5) %}{{ i }}{% endfor %}", null, r).html(),
        "a small range works as Pebble's own");
    assertEquals(
        "321", render("s", "{% for i in range(3, 1, -1) %}{{ i }}{% endfor %}", null, r).html());
    assertEquals("012", render("s", "{% for i in 0..2 %}{{ i }}{% endfor %}", null, r).html());
    long started = System.nanoTime();
    TemplateError big =
        assertThrows(
            TemplateError.class,
            () -> render("s", "{% for i in range(1, 5000000) %}{% endfor %}", null, r));
    assertTrue(big.getMessage().contains("at most 100000 times"), big.getMessage());
    TemplateError nested =
        assertThrows(
            TemplateError.class,
            () ->
                render(
                    "s",
                    "{% for i in 1..1000 %}{% for j in 1..1000 %}{% endfor %}{% endfor %}",
                    null,
                    r));
    assertTrue(nested.getMessage().contains("at most 100000 times"), nested.getMessage());
    assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused at once, not after the work");
  }

  @Test
  void decimalsAndMacrosHaveLimits() {
    Recipient r = contact("Maria", "IT");
    TemplateError digits =
        assertThrows(TemplateError.class, () -> render("s", "{{ 1 | number(3000000) }}", null, r));
    assertTrue(digits.getMessage().contains("0 to 10 decimals"), digits.getMessage());
    TemplateError recursion =
        assertThrows(
            TemplateError.class,
            () ->
                render(
                    "s",
                    "{% macro again(n) %}{{ again(n) }}{% endmacro %}{{ again(1) }}",
                    null,
                    r));
    assertTrue(recursion.getMessage().contains("without end"), recursion.getMessage());
  }
}
