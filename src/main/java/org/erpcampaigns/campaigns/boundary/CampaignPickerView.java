package org.erpcampaigns.campaigns.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;

/**
 * The campaign picker that other pages embed (engagement criteria of a segment, the template
 * editor): campaigns found by name and shown with their status, while the page keeps only the
 * campaign's id, as text. An id whose campaign no longer exists is shown as such, never dropped.
 */
@Named
@ViewScoped
public class CampaignPickerView implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int MAX_CHOICES = 30;

  @Inject Campaigns campaigns;
  @Inject LocaleView localeView;

  /** Labels of the campaigns this page has shown, by id (null: no such campaign). */
  private final Map<Long, String> labels = new HashMap<>();

  /** The ids of the campaigns whose name contains the query, by name. */
  public List<String> complete(String query) {
    return campaigns.named(query, MAX_CHOICES).stream()
        .map(
            c -> {
              labels.put(c.getId(), label(c));
              return String.valueOf(c.getId());
            })
        .toList();
  }

  /**
   * As {@link #complete}, without completed and cancelled campaigns: those take no new sends (the
   * send dialog's choice).
   */
  public List<String> completeOpen(String query) {
    return campaigns.named(query, MAX_CHOICES).stream()
        .filter(c -> c.getStatus().isOpen())
        .map(
            c -> {
              labels.put(c.getId(), label(c));
              return String.valueOf(c.getId());
            })
        .toList();
  }

  /** "Name (status)"; for an id without a campaign, a label that says so. */
  public String label(String id) {
    if (id == null || id.isBlank()) {
      return "";
    }
    return id(id)
        .map(this::lookUp)
        .orElseGet(
            () -> Messages.get(localeView.getLocale(), "campaign.picker.unknown", id.strip()));
  }

  /** Whether the id is blank or names an existing campaign. */
  public boolean known(String id) {
    return id == null || id.isBlank() || id(id).map(this::lookUp).isPresent();
  }

  /**
   * Whether the id names an existing campaign that still takes sends (not completed or cancelled).
   */
  public boolean open(String id) {
    return id(id).flatMap(campaigns::find).map(c -> c.getStatus().isOpen()).orElse(false);
  }

  private String lookUp(long id) {
    return labels.computeIfAbsent(id, k -> campaigns.find(k).map(this::label).orElse(null));
  }

  private String label(Campaign c) {
    return c.getName() + " (" + localeView.label("campaign.status.", c.getStatus().name()) + ")";
  }

  private static Optional<Long> id(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(id.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
