package org.erpcampaigns.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBAccessException;
import jakarta.el.ELException;
import jakarta.faces.FacesException;
import java.util.Locale;
import java.util.Optional;
import org.erpcampaigns.mailings.entity.MailingRefused;
import org.junit.jupiter.api.Test;

class RefusalExceptionHandlerFactoryTest {

  @Test
  void aRefusalWrappedByFacesAndElBecomesItsSentence() {
    Throwable thrown =
        new FacesException(
            new ELException(new MailingRefused("mailing.error.listRefreshing", "Spring")));
    assertEquals(
        Optional.of(
            "Die Liste \"Spring\" wird gerade aktualisiert; senden Sie, wenn sie fertig ist."),
        RefusalExceptionHandlerFactory.refusal(thrown, Locale.GERMAN));
  }

  @Test
  void aRoleThatMayNotIsForbiddenAndAnythingElseIsLeftAlone() {
    assertEquals(
        Optional.of("Your role is not allowed to do this."),
        RefusalExceptionHandlerFactory.refusal(
            new FacesException(new EJBAccessException("analyst")), Locale.ENGLISH));
    assertEquals(
        Optional.empty(),
        RefusalExceptionHandlerFactory.refusal(
            new FacesException(new IllegalStateException("a bug")), Locale.ENGLISH));
  }
}
