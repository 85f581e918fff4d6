package org.erpcampaigns.audiences.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.audiences.entity.ListKind;
import org.erpcampaigns.audiences.entity.Segment;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;

/** The audiences overview: the lists with size and last refresh, the segments, a new list. */
@Named
@ViewScoped
public class ListsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject DistributionLists lists;
  @Inject LocaleView localeView;

  private List<DistributionList> distributionLists;
  private List<Segment> segments;
  private Map<Long, String> segmentNames;
  private String name;
  private String description;
  private ListKind kind = ListKind.STATIC;
  private Long segmentId;

  @PostConstruct
  void init() {
    reload();
  }

  private void reload() {
    distributionLists = lists.lists();
    segments = lists.segments();
    segmentNames = segments.stream().collect(Collectors.toMap(Segment::getId, Segment::getName));
  }

  /** Creates the list, starts building it and opens its page. */
  public void create() throws IOException {
    // a refusal is shown by RefusalExceptionHandlerFactory, in the page's messages
    FacesContext faces = FacesContext.getCurrentInstance();
    DistributionList list = lists.createList(name, description, kind, segmentId);
    lists.refreshInBackground(list.getId());
    faces
        .getExternalContext()
        .redirect(
            faces.getExternalContext().getRequestContextPath()
                + "/audiences/list.xhtml?id="
                + list.getId());
  }

  public String segmentName(Long id) {
    return id == null
        ? Messages.get(localeView.getLocale(), "audience.noSegment")
        : segmentNames.getOrDefault(id, "#" + id);
  }

  public String when(LocalDateTime at) {
    return at == null
        ? Messages.get(localeView.getLocale(), "audience.never")
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(localeView.getLocale())
            .format(at);
  }

  public List<DistributionList> getLists() {
    return distributionLists;
  }

  public List<Segment> getSegments() {
    return segments;
  }

  public Map<Long, Segment> getSegmentsById() {
    return segments.stream().collect(Collectors.toMap(Segment::getId, Function.identity()));
  }

  public ListKind[] getKinds() {
    return ListKind.values();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public ListKind getKind() {
    return kind;
  }

  public void setKind(ListKind kind) {
    this.kind = kind;
  }

  public Long getSegmentId() {
    return segmentId;
  }

  public void setSegmentId(Long segmentId) {
    this.segmentId = segmentId;
  }
}
