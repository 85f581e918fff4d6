package org.erpcampaigns.contacts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.erpcampaigns.contacts.control.CrmWrites.Kind;
import org.junit.jupiter.api.Test;

/**
 * Which CRM updates go into the ERP: those the setting allows and the mapping has a statement for.
 */
class CrmWritesTest {

  @Test
  void theSettingNamesTheKindsNoneAndAll() {
    assertEquals(EnumSet.noneOf(Kind.class), CrmWrites.allowed("none"));
    assertEquals(EnumSet.noneOf(Kind.class), CrmWrites.allowed(""));
    assertEquals(
        EnumSet.of(Kind.ROLE, Kind.CLASSIFICATION, Kind.COMMUNICATION), CrmWrites.allowed("all"));
    assertEquals(
        EnumSet.of(Kind.CLASSIFICATION, Kind.COMMUNICATION),
        CrmWrites.allowed(" Classifications;communication-events "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CrmWrites.allowed("roles,tags"));
    assertTrue(e.getMessage().contains("'tags'"), e.getMessage());
  }

  @Test
  void aKindGoesIntoTheErpOnlyWithTheMappingsStatement() {
    CrmWrites writes =
        CrmWrites.of(
            CrmWrites.allowed("all"),
            file ->
                Optional.ofNullable(
                    Map.of(
                            "crm-role.sql",
                            "-- a comment\nINSERT INTO PARTY_ROLE (PARTY_ID) SELECT PARTY_ID FROM"
                                + " CM_CRM_UPDATE WHERE RUN_ID = :run AND CODE <> ':x';\n")
                        .get(file)));
    assertTrue(writes.toErp(Kind.ROLE));
    assertFalse(writes.toErp(Kind.CLASSIFICATION), "the mapping has no statement");
    assertFalse(writes.toErp(Kind.TAG), "tags are ours");
    assertEquals(
        "INSERT INTO PARTY_ROLE (PARTY_ID) SELECT PARTY_ID FROM CM_CRM_UPDATE WHERE RUN_ID = ?"
            + " AND CODE <> ':x'",
        CrmWrites.statement(
            "crm-role.sql",
            "INSERT INTO PARTY_ROLE (PARTY_ID) SELECT PARTY_ID"
                + " FROM CM_CRM_UPDATE WHERE RUN_ID = :run AND CODE <> ':x';"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CrmWrites.statement("crm-role.sql", "DELETE FROM PARTY_ROLE; DELETE FROM PARTY"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CrmWrites.statement("crm-role.sql", "DELETE FROM PARTY WHERE PARTY_ID = :party"));
    assertFalse(CrmWrites.of(CrmWrites.allowed("none"), f -> Optional.of("x")).toErp(Kind.ROLE));
  }
}
