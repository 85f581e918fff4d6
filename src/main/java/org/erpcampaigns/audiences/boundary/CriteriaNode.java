package org.erpcampaigns.audiences.boundary;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.Operator;
import org.erpcampaigns.audiences.entity.Period;

/**
 * One row of the criteria builder, editable by the page: a group (AND/OR, NOT, contact persons of
 * organisations) or a condition whose value sits in the widget that fits its field (a multi-select
 * list, a text, a second text for ranges, a date) and, for purchases, a period.
 */
public class CriteriaNode implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How a purchase condition's period is given. */
  public enum PeriodMode {
    ALWAYS,
    LAST_DAYS,
    BETWEEN
  }

  private final int id;
  private final boolean group;
  private CriteriaNode parent;
  private final List<CriteriaNode> children = new ArrayList<>();
  private CriteriaGroup.Logic logic = CriteriaGroup.Logic.AND;
  private boolean negated;
  private boolean contactPersons;
  private Field field;
  private Operator operator;
  private List<String> selected = new ArrayList<>();
  private String text;
  private String text2;
  private LocalDate date;
  private PeriodMode periodMode = PeriodMode.ALWAYS;
  private Integer lastDays = 365;
  private LocalDate from;
  private LocalDate to;

  CriteriaNode(int id, boolean group) {
    this.id = id;
    this.group = group;
  }

  static CriteriaNode condition(int id, Field field) {
    CriteriaNode n = new CriteriaNode(id, false);
    n.setField(field);
    return n;
  }

  void add(CriteriaNode child) {
    child.parent = this;
    children.add(child);
  }

  void remove(CriteriaNode child) {
    children.remove(child);
  }

  /** The criteria this row (and its children) stand for. */
  Criterion toCriterion() {
    if (group) {
      List<Criterion> list = children.stream().map(CriteriaNode::toCriterion).toList();
      return new CriteriaGroup(logic, negated, contactPersons, list);
    }
    return new Condition(field, operator, values(), period());
  }

  private List<String> values() {
    if (operator == Operator.BETWEEN) {
      return Arrays.asList(blank(text), blank(text2));
    }
    return switch (field.valueType()) {
      case CODE, MONTH, CATEGORY, PRODUCT -> selected == null ? List.of() : List.copyOf(selected);
      case TEXT -> split(text);
      case DATE ->
          operator == Operator.MORE_THAN_DAYS_AGO
              ? List.of(blank(text))
              : List.of(date == null ? "" : date.toString());
      default -> List.of(blank(text));
    };
  }

  private Period period() {
    if (!field.hasPeriod()) {
      return Period.ALWAYS;
    }
    return switch (periodMode) {
      case LAST_DAYS -> new Period(lastDays, null, null);
      case BETWEEN -> Period.between(from, to);
      default -> Period.ALWAYS;
    };
  }

  /** Fills the widgets from stored criteria. */
  static CriteriaNode of(Criterion criterion, int[] ids) {
    if (criterion instanceof CriteriaGroup g) {
      CriteriaNode n = new CriteriaNode(ids[0]++, true);
      n.logic = g.logic();
      n.negated = g.negated();
      n.contactPersons = g.contactPersons();
      g.children().forEach(child -> n.add(of(child, ids)));
      return n;
    }
    Condition k = (Condition) criterion;
    CriteriaNode n = condition(ids[0]++, k.field());
    n.operator = k.operator();
    List<String> v = k.values();
    if (k.operator() == Operator.BETWEEN) {
      n.text = v.isEmpty() ? null : v.get(0);
      n.text2 = v.size() < 2 ? null : v.get(1);
    } else {
      switch (k.field().valueType()) {
        case CODE, MONTH, CATEGORY, PRODUCT -> n.selected = new ArrayList<>(v);
        case TEXT -> n.text = String.join(", ", v);
        case DATE -> {
          if (k.operator() == Operator.MORE_THAN_DAYS_AGO || v.isEmpty()) {
            n.text = v.isEmpty() ? null : v.get(0);
          } else {
            try {
              n.date = LocalDate.parse(v.get(0));
            } catch (RuntimeException e) {
              n.text = v.get(0);
            }
          }
        }
        default -> n.text = v.isEmpty() ? null : v.get(0);
      }
    }
    Period p = k.period();
    if (p.lastDays() != null) {
      n.periodMode = PeriodMode.LAST_DAYS;
      n.lastDays = p.lastDays();
    } else if (p.from() != null || p.to() != null) {
      n.periodMode = PeriodMode.BETWEEN;
      n.from = p.from();
      n.to = p.to();
    }
    return n;
  }

  private static String blank(String v) {
    return v == null ? "" : v.strip();
  }

  private static List<String> split(String v) {
    if (v == null) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The depth below the root, for indentation. */
  public int getDepth() {
    int d = 0;
    for (CriteriaNode p = parent; p != null; p = p.parent) {
      d++;
    }
    return d;
  }

  public boolean isRoot() {
    return parent == null;
  }

  public int getId() {
    return id;
  }

  public boolean isGroup() {
    return group;
  }

  CriteriaNode getParent() {
    return parent;
  }

  List<CriteriaNode> getChildren() {
    return children;
  }

  public CriteriaGroup.Logic getLogic() {
    return logic;
  }

  public void setLogic(CriteriaGroup.Logic logic) {
    this.logic = logic;
  }

  public boolean isNegated() {
    return negated;
  }

  public void setNegated(boolean negated) {
    this.negated = negated;
  }

  public boolean isContactPersons() {
    return contactPersons;
  }

  public void setContactPersons(boolean contactPersons) {
    this.contactPersons = contactPersons;
  }

  public Field getField() {
    return field;
  }

  /** A new field keeps nothing of the old one's value: it would not fit. */
  public void setField(Field field) {
    if (field != this.field) {
      this.field = field;
      this.operator = field.defaultOperator();
      this.selected = new ArrayList<>();
      this.text = field.valueType() == Field.ValueType.CHOICE ? field.choices().get(0) : null;
      if (field.valueType() == Field.ValueType.BOOLEAN) {
        this.text = "true";
      }
      this.text2 = null;
      this.date = null;
    }
  }

  public Operator getOperator() {
    return operator;
  }

  /**
   * The page submits the operator menu together with a new field: an operator of the old field that
   * does not fit the new one leaves the new field's default in place.
   */
  public void setOperator(Operator operator) {
    if (operator != null && field.operators().contains(operator)) {
      this.operator = operator;
    }
  }

  public List<String> getSelected() {
    return selected;
  }

  public void setSelected(List<String> selected) {
    this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getText2() {
    return text2;
  }

  public void setText2(String text2) {
    this.text2 = text2;
  }

  public LocalDate getDate() {
    return date;
  }

  public void setDate(LocalDate date) {
    this.date = date;
  }

  public PeriodMode getPeriodMode() {
    return periodMode;
  }

  public void setPeriodMode(PeriodMode periodMode) {
    this.periodMode = periodMode;
  }

  public Integer getLastDays() {
    return lastDays;
  }

  public void setLastDays(Integer lastDays) {
    this.lastDays = lastDays;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }

  /** The widget the page shows for the value. */
  public String getWidget() {
    if (group) {
      return "group";
    }
    if (operator == Operator.BETWEEN) {
      return "range";
    }
    return switch (field.valueType()) {
      case CHOICE, BOOLEAN -> "choice";
      case CODE, MONTH, CATEGORY -> "multi";
      case PRODUCT -> "product";
      case DATE -> operator == Operator.MORE_THAN_DAYS_AGO ? "number" : "date";
      case LIST -> "list";
      case CAMPAIGN -> "campaign";
      case INTEGER, DECIMAL -> "number";
      default -> "text";
    };
  }

  public String getFieldName() {
    return field == null ? null : field.name().toLowerCase(Locale.ROOT);
  }
}
