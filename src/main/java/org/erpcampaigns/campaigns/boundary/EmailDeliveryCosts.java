package org.erpcampaigns.campaigns.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.erpcampaigns.mailings.entity.MessagesSent;

/**
 * Charges a campaign's cost per email for the messages its mailings got accepted by the SMTP
 * server, in the announcement's transaction: should the cost not be written, the announcement is
 * rolled back with it and made again (the sending goes on regardless), so the costs always follow
 * what was sent.
 */
@ApplicationScoped
public class EmailDeliveryCosts {

  @EJB Campaigns campaigns;

  void onMessagesSent(@Observes MessagesSent sent) {
    campaigns.recordMessagesSent(sent.campaignId(), sent.count());
  }
}
