package org.erpcampaigns.audiences.entity;

import static org.erpcampaigns.audiences.entity.Operator.AFTER;
import static org.erpcampaigns.audiences.entity.Operator.AT_LEAST;
import static org.erpcampaigns.audiences.entity.Operator.AT_MOST;
import static org.erpcampaigns.audiences.entity.Operator.BEFORE;
import static org.erpcampaigns.audiences.entity.Operator.BETWEEN;
import static org.erpcampaigns.audiences.entity.Operator.IN;
import static org.erpcampaigns.audiences.entity.Operator.IS;
import static org.erpcampaigns.audiences.entity.Operator.IS_NOT;
import static org.erpcampaigns.audiences.entity.Operator.MORE_THAN_DAYS_AGO;
import static org.erpcampaigns.audiences.entity.Operator.NOT_IN;
import static org.erpcampaigns.audiences.entity.Operator.STARTS_WITH;

import java.util.List;
import java.util.Set;

/**
 * What a segment condition can test, grouped as the criteria builder shows them, with the kind of
 * value each takes and the operators that fit it.
 */
public enum Field {
  CONTACT_TYPE(Group.WHO, ValueType.CHOICE, List.of("PERSON", "ORGANISATION"), IS, IS_NOT),
  GENDER(Group.WHO, ValueType.CHOICE, List.of("M", "F"), IS, IS_NOT),
  AGE(Group.WHO, ValueType.INTEGER, List.of(), BETWEEN, AT_LEAST, AT_MOST),
  BIRTH_MONTH(Group.WHO, ValueType.MONTH, List.of(), IN, NOT_IN),
  PARTY_STATUS(Group.WHO, ValueType.CHOICE, List.of("ENABLED", "DISABLED"), IS),
  ROLE(Group.WHO, ValueType.CODE, List.of(), IN, NOT_IN),
  CLASSIFICATION(Group.WHO, ValueType.CODE, List.of(), IN, NOT_IN),
  HAS_EMAIL(Group.WHO, ValueType.BOOLEAN, List.of(), IS),
  SOLICITATION(Group.WHO, ValueType.CHOICE, List.of("ALLOWED", "REFUSED", "UNKNOWN"), IS, IS_NOT),
  COUNTRY(Group.WHERE, ValueType.CODE, List.of(), IN, NOT_IN),
  STATE_PROVINCE(Group.WHERE, ValueType.CODE, List.of(), IN, NOT_IN),
  CITY(Group.WHERE, ValueType.TEXT, List.of(), IN, NOT_IN),
  POSTAL_CODE(Group.WHERE, ValueType.TEXT, List.of(), STARTS_WITH),
  ORDERED(Group.PURCHASES, ValueType.BOOLEAN, List.of(), IS),
  ORDER_COUNT(Group.PURCHASES, ValueType.INTEGER, List.of(), AT_LEAST, AT_MOST),
  TOTAL_SPENT(Group.PURCHASES, ValueType.DECIMAL, List.of(), AT_LEAST, AT_MOST),
  LAST_ORDER(Group.PURCHASES, ValueType.DATE, List.of(), BEFORE, AFTER, MORE_THAN_DAYS_AGO),
  BOUGHT_PRODUCT(Group.PURCHASES, ValueType.PRODUCT, List.of(), IN),
  BOUGHT_CATEGORY(Group.PURCHASES, ValueType.CATEGORY, List.of(), IN),
  RECEIVED_CAMPAIGN(Group.ENGAGEMENT, ValueType.CAMPAIGN, List.of(), IS, IS_NOT),
  OPENED_CAMPAIGN(Group.ENGAGEMENT, ValueType.CAMPAIGN, List.of(), IS, IS_NOT),
  CLICKED_CAMPAIGN(Group.ENGAGEMENT, ValueType.CAMPAIGN, List.of(), IS, IS_NOT),
  NOT_OPENED_DAYS(Group.ENGAGEMENT, ValueType.INTEGER, List.of(), AT_LEAST),
  LIST_MEMBER(Group.MEMBERSHIP, ValueType.LIST, List.of(), IN, NOT_IN);

  /** The builder's sections. */
  public enum Group {
    WHO,
    WHERE,
    PURCHASES,
    ENGAGEMENT,
    MEMBERSHIP
  }

  /** What the value widget asks for. */
  public enum ValueType {
    CHOICE,
    CODE,
    TEXT,
    INTEGER,
    DECIMAL,
    MONTH,
    BOOLEAN,
    DATE,
    PRODUCT,
    CATEGORY,
    CAMPAIGN,
    LIST
  }

  private final Group group;
  private final ValueType valueType;
  private final List<String> choices;
  private final Set<Operator> operators;
  private final Operator firstOperator;

  Field(Group group, ValueType valueType, List<String> choices, Operator first, Operator... more) {
    this.group = group;
    this.valueType = valueType;
    this.choices = choices;
    this.firstOperator = first;
    this.operators = java.util.EnumSet.of(first, more);
  }

  public Group group() {
    return group;
  }

  public ValueType valueType() {
    return valueType;
  }

  /** The allowed values of a CHOICE field. */
  public List<String> choices() {
    return choices;
  }

  public boolean allows(Operator operator) {
    return operators.contains(operator);
  }

  /** The operators in the order the builder offers them. */
  public List<Operator> operators() {
    return java.util.Arrays.stream(Operator.values()).filter(operators::contains).toList();
  }

  public Operator defaultOperator() {
    return firstOperator;
  }

  /** Purchase-history conditions take a period. */
  public boolean hasPeriod() {
    return group == Group.PURCHASES;
  }
}
