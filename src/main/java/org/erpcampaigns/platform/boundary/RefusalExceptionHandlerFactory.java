package org.erpcampaigns.platform.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;

/**
 * One place where a page's refusals become messages: a rule a capability refuses ({@link
 * RuleException}) or a role that may not ({@link EJBAccessException}), thrown by a page's action,
 * is shown in the page's message area in the user's language (the same sentence the REST API
 * answers), and the page renders again; nothing was changed (the transaction rolled back). View
 * beans need no catch block for them. Anything else goes on to PrimeFaces' handler and the error
 * page.
 */
public class RefusalExceptionHandlerFactory extends ExceptionHandlerFactory {

  public RefusalExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new Handler(getWrapped().getExceptionHandler());
  }

  /** The handler of one request. */
  static final class Handler extends ExceptionHandlerWrapper {
    Handler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() {
      Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
      while (events.hasNext()) {
        Optional<String> text = refusal(events.next().getContext().getException(), locale());
        if (text.isPresent()) {
          Feedback.error(text.get());
          events.remove();
        }
      }
      getWrapped().handle();
    }

    private static Locale locale() {
      return CDI.current().select(LocaleView.class).get().getLocale();
    }
  }

  /** The sentence for a refusal somewhere in the exception's causes; empty for anything else. */
  static Optional<String> refusal(Throwable thrown, Locale locale) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RuleException r) {
        return Optional.of(r.localised(locale));
      }
      if (t instanceof EJBAccessException) {
        return Optional.of(Messages.get(locale, "error.forbidden"));
      }
    }
    return Optional.empty();
  }
}
