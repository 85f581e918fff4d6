package org.erpcampaigns.audiences.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.Operator;
import org.junit.jupiter.api.Test;

class CriteriaNodeTest {

  @Test
  void aNewFieldKeepsItsOwnOperatorWhenThePageSubmitsTheOldOne() {
    CriteriaNode cut = CriteriaNode.condition(1, Field.COUNTRY);
    // the order in which the page applies the row's widgets: field first, then operator
    cut.setField(Field.OPENED_CAMPAIGN);
    cut.setOperator(Operator.IN);
    cut.setText("42");
    assertEquals(Condition.of(Field.OPENED_CAMPAIGN, Operator.IS, "42"), cut.toCriterion());
    cut.setOperator(Operator.IS_NOT);
    assertEquals(Operator.IS_NOT, cut.getOperator(), "an operator that fits is taken");
  }

  @Test
  void theCampaignOfAnEngagementConditionIsPickedNotTyped() {
    CriteriaNode cut = CriteriaNode.condition(1, Field.CLICKED_CAMPAIGN);
    assertEquals("campaign", cut.getWidget());
    CriteriaNode group = new CriteriaNode(0, true);
    group.add(cut);
    cut.setText("7");
    CriteriaNode reopened = CriteriaNode.of(group.toCriterion(), new int[] {0});
    CriteriaNode condition = reopened.getChildren().get(0);
    assertEquals("7", condition.getText(), "the id stays the criterion's value");
    assertEquals(CriteriaGroup.Logic.AND, reopened.getLogic());
  }
}
