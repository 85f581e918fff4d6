package org.erpcampaigns.campaigns.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.campaigns.entity.CostState;

/**
 * A cost as the UI and the REST API hand it over. The currency may be left out (the campaign's);
 * another currency is refused, as erp-campaigns holds no exchange rates.
 */
public record CostInput(
    LocalDate date,
    CostCategory category,
    BigDecimal amount,
    String currency,
    CostState state,
    String description,
    String supplier,
    String workflowState) {}
