package org.erpcampaigns.audiences.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.Operator;
import org.erpcampaigns.audiences.entity.Period;
import org.junit.jupiter.api.Test;

/** Criteria as stored and as the REST API takes them. */
class CriteriaJsonTest {

  @Test
  void groupsConditionsAndPeriodsSurviveARoundTrip() {
    Criterion criteria =
        CriteriaGroup.all(
                Condition.of(Field.COUNTRY, Operator.IN, "ITA", "FRA"),
                CriteriaGroup.any(
                        Condition.of(Field.TOTAL_SPENT, Operator.AT_LEAST, "100")
                            .during(Period.lastDays(365)),
                        Condition.of(Field.ORDERED, Operator.IS, "true")
                            .during(
                                Period.between(
                                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31))))
                    .negate())
            .ofContactPersons();
    assertEquals(criteria, CriteriaJson.read(CriteriaJson.write(criteria)));
  }

  @Test
  void aMissingOperatorIsTheFieldsFirst() {
    assertEquals(
        Condition.of(Field.COUNTRY, Operator.IN, "ITA"),
        CriteriaJson.read("{\"field\": \"country\", \"values\": \"ITA\"}"));
  }

  @Test
  void badJsonUnknownFieldsAndOperators() {
    assertEquals(
        "audience.error.json",
        assertThrows(AudienceException.class, () -> CriteriaJson.read("{not json")).getKey());
    assertEquals(
        "audience.error.json",
        assertThrows(AudienceException.class, () -> CriteriaJson.read("[1, 2]")).getKey());
    AudienceException field =
        assertThrows(
            AudienceException.class, () -> CriteriaJson.read("{\"field\": \"SHOE_SIZE\"}"));
    assertEquals("audience.error.field", field.getKey());
    assertEquals("SHOE_SIZE", field.getArguments()[0]);
    assertEquals(
        "audience.error.operatorUnknown",
        assertThrows(
                AudienceException.class,
                () -> CriteriaJson.read("{\"field\": \"AGE\", \"operator\": \"ROUGHLY\"}"))
            .getKey());
    assertEquals(
        "audience.error.period",
        assertThrows(
                AudienceException.class,
                () ->
                    CriteriaJson.read(
                        "{\"field\": \"ORDERED\", \"values\": [\"true\"], \"period\": {\"from\": \"last week\"}}"))
            .getKey());
  }
}
