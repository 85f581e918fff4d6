package org.erpcampaigns.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/** The demo SMTP server's received mail, newest first, so a demo send can be seen arriving. */
@Named
@RequestScoped
public class DemoMailboxView {
  @Inject DemoSetup demo;

  public boolean isAvailable() {
    return demo.isMailServerRunning();
  }

  public List<ReceivedMail> getMessages() throws MessagingException {
    List<MimeMessage> received = demo.receivedMail();
    List<ReceivedMail> out = new ArrayList<>(received.size());
    for (int i = received.size() - 1; i >= 0; i--) {
      MimeMessage m = received.get(i);
      out.add(
          new ReceivedMail(
              addresses(m.getFrom()),
              addresses(m.getAllRecipients()),
              m.getSubject(),
              m.getSentDate(),
              m.getMessageID()));
    }
    return out;
  }

  private static String addresses(Address[] a) {
    return a == null
        ? ""
        : Arrays.stream(a).map(Address::toString).collect(Collectors.joining(", "));
  }

  /** One received message, as the mailbox table lists it. */
  public static final class ReceivedMail {
    private final String from;
    private final String to;
    private final String subject;
    private final Date sent;
    private final String messageId;

    ReceivedMail(String from, String to, String subject, Date sent, String messageId) {
      this.from = from;
      this.to = to;
      this.subject = subject;
      this.sent = sent;
      this.messageId = messageId;
    }

    public String getFrom() {
      return from;
    }

    public String getTo() {
      return to;
    }

    public String getSubject() {
      return subject;
    }

    public Date getSent() {
      return sent;
    }

    public String getMessageId() {
      return messageId;
    }
  }
}
