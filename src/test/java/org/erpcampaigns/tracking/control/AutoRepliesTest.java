package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who wrote an answer: a machine (by its headers or a vacation subject) or a person. */
class AutoRepliesTest {

  @ParameterizedTest(name = "{0}: {1} → {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          -                        | Out of Office: Autumn offers              | true
          -                        | Automatic reply: Autumn offers            | true
          -                        | Auto-Reply: Autumn offers                 | true
          -                        | I am out of the office until Monday       | true
          -                        | Risposta automatica: Offerte d'autunno    | true
          -                        | Fuori ufficio: Offerte d'autunno          | true
          -                        | Réponse automatique : Offres d'automne    | true
          -                        | Absent du bureau : Offres d'automne       | true
          -                        | Automatische Antwort: Herbstangebote      | true
          -                        | Abwesenheitsnotiz: Herbstangebote         | true
          -                        | Automatisch antwoord: Herfstaanbiedingen  | true
          -                        | Afwezig: Herfstaanbiedingen               | true
          -                        | Re: Vacation deals for you                | false
          -                        | Re: Vakantie aanbiedingen                 | false
          -                        | Re: Fuori ufficio anche tu? Offerte       | false
          -                        | Re: Autumn offers                         | false
          Auto-Submitted: auto-replied | Re: Autumn offers                     | true
          Auto-Submitted: no       | Re: Autumn offers                         | false
          X-Autoreply: yes         | Re: Autumn offers                         | true
          X-Autorespond: Thanks    | Re: Autumn offers                         | true
          X-Apple-Action: VACATION | Re: Autumn offers                         | true
          Precedence: auto_reply   | Re: Autumn offers                         | true
          Precedence: bulk         | Re: Autumn offers                         | true
          Precedence: junk         | Re: Autumn offers                         | true
          Precedence: list         | Re: Autumn offers                         | false
          """)
  void tellsMachinesFromPeople(String header, String subject, boolean automatic) throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setSubject(subject, "UTF-8");
    if (header != null) {
      String[] h = header.split(":\\s*", 2);
      m.setHeader(h[0], h[1]);
    }
    assertEquals(automatic, AutoReplies.isAutomatic(m));
  }
}
