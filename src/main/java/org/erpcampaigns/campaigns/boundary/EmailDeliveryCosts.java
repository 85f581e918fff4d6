package org.erpcampaigns.campaigns.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import org.erpcampaigns.mailings.entity.MessagesSent;

/**
 * Charges a campaign's cost per email for every batch of messages its mailings got accepted by the
 * SMTP server. A failure here is logged and never stops the sending.
 */
@ApplicationScoped
public class EmailDeliveryCosts {
  private static final Logger LOG = Logger.getLogger(EmailDeliveryCosts.class.getName());

  @EJB Campaigns campaigns;

  void onMessagesSent(@Observes MessagesSent sent) {
    try {
      campaigns.recordMessagesSent(sent.campaignId(), sent.count());
    } catch (RuntimeException e) {
      LOG.warning(
          () ->
              "event=cost-per-email-failed campaign="
                  + sent.campaignId()
                  + " mailing="
                  + sent.mailingId()
                  + " messages="
                  + sent.count()
                  + " error="
                  + e);
    }
  }
}
