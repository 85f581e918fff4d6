package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.tracking.control.DeliveryReports;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.erpcampaigns.tracking.control.UnsubscribeRequests;
import org.erpcampaigns.tracking.entity.InboundReport;

/**
 * Polls the bounce/reply mailbox over IMAP on a short non-persistent tick (shared/DESIGN.md §5):
 * delivery status notifications, feedback reports, replies about our messages and unsubscribe
 * requests sent to the List-Unsubscribe mailto (which must deliver into this mailbox) are recorded
 * (see {@link InboundMail}; a message delivered to one of our return paths names its message by the
 * address, {@link ReturnPaths}) and moved to the processed folder; what is not understood or not
 * about our messages stays where it is for a human, logged once, and so do challenge-response
 * mails, which are recorded as needing attention but must be answered from the mailbox. Off while
 * campaigns.imap.host is blank, except in demo mode, where it reads the demo mail server's IMAP
 * mailbox.
 */
@Singleton
public class BounceMailbox {
  /** The demo mailbox (on the demo mail server's IMAP port, smtp port + 618); login = password. */
  public static final String DEMO_MAILBOX = "bounces@localhost";

  static final int MAX_PER_TICK = 500;
  static final int MAX_SIZE = 10 * 1024 * 1024;
  private static final Logger LOG = Logger.getLogger(BounceMailbox.class.getName());

  @EJB InboundMail inbound;
  @Inject ReturnPaths returnPaths;

  @Inject
  @ConfigProperty(name = "campaigns.imap.host")
  Optional<String> configuredHost;

  @Inject
  @ConfigProperty(name = "campaigns.imap.port", defaultValue = "993")
  int port;

  @Inject
  @ConfigProperty(name = "campaigns.imap.ssl", defaultValue = "true")
  boolean ssl;

  @Inject
  @ConfigProperty(name = "campaigns.imap.user")
  Optional<String> configuredUser;

  @Inject
  @ConfigProperty(name = "campaigns.imap.password")
  Optional<String> configuredPassword;

  @Inject
  @ConfigProperty(name = "campaigns.imap.folder", defaultValue = "INBOX")
  String folder;

  @Inject
  @ConfigProperty(name = "campaigns.imap.processed-folder", defaultValue = "Processed")
  String processedFolder;

  @Inject
  @ConfigProperty(name = "campaigns.mail.unsubscribe-mailto")
  Optional<String> unsubscribeMailto;

  @Inject
  @ConfigProperty(name = "campaigns.demo", defaultValue = "false")
  boolean demo;

  @Inject
  @ConfigProperty(name = "campaigns.demo.smtp", defaultValue = "false")
  boolean demoSmtp;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.port", defaultValue = "2525")
  int smtpPort;

  /** UIDs of the messages left in the polled folder for a human, reported once in the log. */
  private final Set<Long> leftAlone = ConcurrentHashMap.newKeySet();

  private long uidValidity = -1;

  private String host;
  private String user;
  private String password;
  private Session session;
  private UnsubscribeRequests unsubscribeRequests;

  @PostConstruct
  void init() {
    host = configuredHost.map(String::strip).orElse("");
    user = configuredUser.map(String::strip).orElse("");
    password = configuredPassword.orElse("");
    if (host.isEmpty() && demo && demoSmtp) {
      host = "127.0.0.1";
      port = smtpPort + 618;
      ssl = false;
      user = DEMO_MAILBOX;
      password = DEMO_MAILBOX;
    }
    Properties p = new Properties();
    for (String protocol : List.of("imap", "imaps")) {
      p.setProperty("mail." + protocol + ".connectiontimeout", "10000");
      p.setProperty("mail." + protocol + ".timeout", "30000");
    }
    session = Session.getInstance(p);
    try {
      unsubscribeRequests = new UnsubscribeRequests(unsubscribeMailto.orElse(null));
    } catch (IllegalArgumentException e) {
      // the sender puts the same value into List-Unsubscribe; unsubscribe@ is still recognised
      LOG.warning("event=unsubscribe-mailto-invalid reason=" + e.getMessage());
      unsubscribeRequests = new UnsubscribeRequests(null);
    }
  }

  public boolean isEnabled() {
    return !host.isBlank();
  }

  @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!isEnabled()) {
      return;
    }
    try {
      poll();
    } catch (AuthenticationFailedException e) {
      // the demo mailbox exists only once something was delivered to it
      LOG.log(demo ? Level.FINE : Level.WARNING, "event=imap-login-failed user=" + user, e);
    } catch (MessagingException | RuntimeException e) {
      LOG.log(Level.WARNING, "event=imap-poll-failed host=" + host + " folder=" + folder, e);
    }
  }

  /** What one poll did. */
  public record Poll(int read, int recorded, int duplicates, int leftAlone) {}

  /** Reads the mailbox once; the tick calls it, and so may an admin action or a test. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Poll poll() throws MessagingException {
    if (!isEnabled()) {
      return new Poll(0, 0, 0, 0);
    }
    int recorded = 0;
    int duplicates = 0;
    int left = 0;
    List<Message> done = new ArrayList<>();
    try (Store store = session.getStore(ssl ? "imaps" : "imap")) {
      store.connect(host, port, user, password);
      Folder inbox = store.getFolder(folder);
      inbox.open(Folder.READ_WRITE);
      try {
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        inbox.fetch(messages, profile);
        UIDFolder uids = (UIDFolder) inbox;
        if (uids.getUIDValidity() != uidValidity) {
          leftAlone.clear(); // the server renumbered the folder
          uidValidity = uids.getUIDValidity();
        }
        int count = 0;
        int parsed = 0;
        for (Message m : messages) {
          if (m.isSet(Flags.Flag.DELETED)) {
            continue;
          }
          count++;
          long uid = uids.getUID(m);
          // what a human must look at stays, is not parsed again and does not hide newer mail
          if (leftAlone.contains(uid) || m.getSize() > MAX_SIZE || parsed >= MAX_PER_TICK) {
            left++;
            continue;
          }
          parsed++;
          // one fetch of the whole source, parsed here: no part-by-part fetches, whose answers
          // differ between IMAP servers (e.g. for a returned message/rfc822)
          MimeMessage message = new MimeMessage((MimeMessage) m);
          String key = key(message);
          Optional<InboundReport> report = understood(message, key);
          InboundMail.Outcome outcome =
              report.isPresent() ? inbound.record(key, report.get(), returnedTo(message)) : null;
          if (outcome == InboundMail.Outcome.RECORDED) {
            recorded++;
            done.add(m);
          } else if (outcome == InboundMail.Outcome.DUPLICATE) {
            duplicates++;
            done.add(m);
          } else {
            left++;
            leftAlone.add(uid);
            LOG.info(
                () ->
                    "event=inbound-left key="
                        + key
                        + " reason="
                        + (report.isEmpty()
                            ? "not-understood"
                            : outcome == InboundMail.Outcome.NEEDS_ATTENTION
                                ? "needs-attention"
                                : "not-ours"));
          }
        }
        if (!done.isEmpty()) {
          Folder target = store.getFolder(processedFolder);
          if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
          }
          inbox.copyMessages(done.toArray(Message[]::new), target);
          for (Message m : done) {
            m.setFlag(Flags.Flag.DELETED, true);
          }
        }
        Poll poll = new Poll(count, recorded, duplicates, left);
        if (count > 0) {
          LOG.info(
              () ->
                  "event=imap-polled read="
                      + poll.read()
                      + " recorded="
                      + poll.recorded()
                      + " duplicates="
                      + poll.duplicates()
                      + " left="
                      + poll.leftAlone());
        }
        return poll;
      } finally {
        inbox.close(true);
      }
    }
  }

  private Optional<InboundReport> understood(MimeMessage message, String key) {
    try {
      return DeliveryReports.read(message, unsubscribeRequests);
    } catch (MessagingException | IOException | RuntimeException e) {
      LOG.log(Level.INFO, "event=inbound-unparseable key=" + key, e);
      return Optional.empty();
    }
  }

  /** The message named by the return path this one was delivered to, if it has a valid one. */
  private OptionalLong returnedTo(MimeMessage message) {
    try {
      return returnPaths.outboxIdIn(message);
    } catch (MessagingException | RuntimeException e) {
      return OptionalLong.empty(); // unreadable headers: what it quotes may still name the message
    }
  }

  /** The inbound message's Message-ID, or a digest of it when it has none. */
  static String key(MimeMessage m) throws MessagingException {
    String id = m.getMessageID();
    if (id != null && !id.isBlank() && id.length() <= 255) {
      return id.strip();
    }
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      m.writeTo(raw);
      return "sha256:"
          + HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new MessagingException("the message cannot be read", e);
    }
  }
}
